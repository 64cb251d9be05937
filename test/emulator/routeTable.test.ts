import { describeRouteTable, sdkOperationNames, serviceModel, type OperationModel } from '../../src/emulator/protocol/model';

// The route table is derived from the pinned SDK packages. The snapshot makes an SDK bump that
// changes the wire encoding fail loudly; the aws-sdk v2 frozen models are an independent check.

/** aws-sdk v2 `min.json` shapes (only what the cross-check reads). */
interface V2Member {
  shape?: string;
  location?: string;
  locationName?: string;
  type?: string;
  members?: Record<string, V2Member>;
}
interface V2Operation {
  http?: { method?: string; requestUri?: string; responseCode?: number };
  input?: V2Member & { payload?: string };
  output?: V2Member & { payload?: string };
}
interface V2Api {
  metadata: Record<string, string>;
  operations: Record<string, V2Operation>;
  shapes: Record<string, V2Member & { payload?: string }>;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the frozen JSON models ship inside aws-sdk */
const v2Pinpoint: V2Api = require('aws-sdk/apis/pinpoint-2016-12-01.min.json');
const v2Sms: V2Api = require('aws-sdk/apis/pinpoint-sms-voice-v2-2022-03-31.min.json');
/* eslint-enable @typescript-eslint/no-require-imports */

const count = <T>(items: readonly T[], key: (t: T) => string) => items.reduce<Record<string, number>>((acc, t) => ({ ...acc, [key(t)]: (acc[key(t)] ?? 0) + 1 }), {});

describe('route table derived from the SDK schemas', () => {
  it('matches the golden snapshot (Pinpoint)', () => {
    expect(describeRouteTable('pinpoint')).toMatchSnapshot();
  });

  it('matches the golden snapshot (SMS v2)', () => {
    expect(describeRouteTable('sms-voice-v2')).toMatchSnapshot();
  });

  it('has one route per SDK command: 122 Pinpoint, 110 SMS v2', () => {
    expect(serviceModel('pinpoint').operations.map((o) => o.name)).toEqual(sdkOperationNames('pinpoint'));
    expect(serviceModel('pinpoint').operations).toHaveLength(122);
    expect(serviceModel('sms-voice-v2').operations).toHaveLength(110);
  });

  it('has the Pinpoint shape of wire.md: methods, success codes, payload wrappers', () => {
    const ops = serviceModel('pinpoint').operations;
    expect(count(ops, (o) => o.method)).toEqual({ GET: 53, PUT: 25, DELETE: 24, POST: 20 });
    expect(count(ops, (o) => String(o.code))).toEqual({ '200': 93, '202': 16, '201': 11, '204': 2 });
    expect(ops.filter((o) => o.payload)).toHaveLength(45);
    expect(ops.filter((o) => o.outputPayload)).toHaveLength(120);
    expect(new Set(ops.flatMap((o) => o.query.map((q) => q.key)))).toEqual(
      new Set(['page-size', 'token', 'next-token', 'start-time', 'end-time', 'prefix', 'template-type', 'version', 'create-new-version', 'tagKeys']),
    );
  });

  it('has the modelled errors with their statuses', () => {
    const status = (id: 'pinpoint' | 'sms-voice-v2') => Object.fromEntries([...serviceModel(id).errors.values()].map((e) => [e.name, e.status]));
    expect(status('pinpoint')).toEqual({
      BadRequestException: 400, ConflictException: 409, ForbiddenException: 403, InternalServerErrorException: 500,
      MethodNotAllowedException: 405, NotFoundException: 404, PayloadTooLargeException: 413, TooManyRequestsException: 429,
    });
    expect(status('sms-voice-v2')).toEqual({
      AccessDeniedException: 400, ConflictException: 400, InternalServerException: 500, ResourceNotFoundException: 400,
      ServiceQuotaExceededException: 400, ThrottlingException: 400, ValidationException: 400,
    });
  });
});

describe('route table cross-checked against aws-sdk v2 frozen models', () => {
  const byName = (op: OperationModel) => op.name;

  it('agrees on all 122 Pinpoint operations: method, URI, success code, labels, query keys, payload', () => {
    const ours = serviceModel('pinpoint').operations;
    expect(ours.map(byName).sort()).toEqual(Object.keys(v2Pinpoint.operations).sort());
    const mismatches: string[] = [];
    for (const op of ours) {
      const v2 = v2Pinpoint.operations[op.name];
      const input = resolve(v2Pinpoint, v2.input);
      const members = input?.members ?? {};
      // v2 names labels by wire name (`{application-id}`), v3 by member name: compare via the member.
      const v2Uri = (v2.http?.requestUri ?? '/').replace(/\{([^}]+)\}/g, (_, wire: string) => `{${Object.entries(members).find(([, m]) => m.location === 'uri' && m.locationName === wire)?.[0]}}`);
      const v2Query = Object.entries(members).filter(([, m]) => m.location === 'querystring').map(([member, m]) => `${m.locationName}=${member}`).sort();
      const expected = [v2.http?.method ?? 'POST', v2Uri, v2.http?.responseCode ?? 200, v2Query, input?.payload, resolve(v2Pinpoint, v2.output)?.payload];
      const actual = [op.method, op.uri, op.code, op.query.map((q) => `${q.key}=${q.member}`).sort(), op.payload, op.outputPayload];
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${op.name}: ours ${JSON.stringify(actual)} v2 ${JSON.stringify(expected)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees on the SMS v2 operations aws-sdk v2 has (82): POST / with the PinpointSMSVoiceV2 target', () => {
    const model = serviceModel('sms-voice-v2');
    expect(v2Sms.metadata).toMatchObject({ targetPrefix: model.targetPrefix, signingName: model.signingName, jsonVersion: '1.0' });
    const v2Names = Object.keys(v2Sms.operations);
    expect(v2Names).toHaveLength(82);
    for (const name of v2Names) {
      const op = model.operationsByName.get(name);
      expect([name, op?.method, op?.uri, op?.code]).toEqual([name, v2Sms.operations[name].http?.method ?? 'POST', v2Sms.operations[name].http?.requestUri ?? '/', 200]);
      // The pinned v3 SDK is newer: it may add members (e.g. `RcsAgentId`), never drop v2's.
      const missing = Object.keys(resolve(v2Sms, v2Sms.operations[name].input)?.members ?? {}).filter((m) => !op!.body.includes(m));
      expect([name, missing]).toEqual([name, []]);
    }
  });
});

/** The structure a v2 operation's input/output points at (inline or by shape name). */
function resolve(api: V2Api, ref: (V2Member & { payload?: string }) | undefined): (V2Member & { payload?: string }) | undefined {
  return ref?.shape ? api.shapes[ref.shape] : ref;
}
