import type { NormalizedSchema } from '@smithy/core/schema';
import { readShape, readTimestamp, WireTypeError, writeShape, type JsonSettings } from './jsonShapes';
import type { OperationModel, ServiceModel } from './model';
import { errorStatus, jsonResponse, type ServerProtocol, type WireResponse } from './protocol';
import { ServiceError } from './serviceError';
import { describeViolations, type Violation } from './validate';

/**
 * restJson1 (Amazon Pinpoint): routes by method + URI pattern, binds labels, query and the
 * `httpPayload` body, answers with the operation's own success code, and writes errors as
 * `X-Amzn-ErrorType: <Shape>` + `{"Message","RequestID"}` (no `__type` in the body: aws-sdk v2
 * would let it override the header).
 */

/** The restJson1 protocol bound to one service model. */
export function createRestJson1Protocol(model: ServiceModel): ServerProtocol {
  const routes = model.operations.map(compileRoute).sort(bySpecificity);
  const settings: JsonSettings = { jsonName: true };

  return {
    model,

    route(request) {
      const segments = request.path.split('/');
      const matches = routes.filter((r) => matchesPath(r, segments));
      const match = matches.find((r) => r.operation.method === request.method);
      if (match) return match.operation;
      // No documented answer exists for a route Pinpoint does not have; the modelled exceptions
      // are the closest ones the SDKs can parse: 405 `MethodNotAllowedException` ("the method is
      // not allowed for the specified resource") when the path exists under another method,
      // and 404 `NotFoundException` otherwise.
      if (matches.length) throw new ServiceError('MethodNotAllowedException', `${request.method} is not allowed on ${request.path}; allowed: ${matches.map((r) => r.operation.method).join(', ')}`);
      throw new ServiceError('NotFoundException', `No Amazon Pinpoint operation matches ${request.method} ${request.path}`);
    },

    decode(operation, request) {
      const input: Record<string, unknown> = {};
      const segments = request.path.split('/');
      const route = routes.find((r) => r.operation === operation)!;
      route.segments.forEach((segment, i) => {
        if (segment.label) input[segment.label] = readText(operation.input.getMemberSchema(segment.label), decode(segments[i], segment.label), segment.label);
      });
      const query = parseQuery(request.query);
      for (const { member, key } of operation.query) {
        const values = query.get(key);
        if (!values) continue;
        const ns = operation.input.getMemberSchema(member);
        input[member] = ns.isListSchema() ? values.map((v) => readText(ns.getValueSchema(), v, key)) : readText(ns, values[0], key);
      }
      if (operation.payload || operation.body.length) {
        const json = parseBody(request.body);
        try {
          if (operation.payload) {
            const value = readShape(operation.input.getMemberSchema(operation.payload), json, settings);
            if (value !== undefined) input[operation.payload] = value;
          } else Object.assign(input, readShape(operation.input, json, settings));
        } catch (error) {
          if (error instanceof WireTypeError) throw new ServiceError('BadRequestException', error.message);
          throw error;
        }
      }
      return input;
    },

    validationError(violations: readonly Violation[]) {
      return new ServiceError('BadRequestException', describeViolations(violations));
    },

    encode(operation, output, requestId) {
      const headers = baseHeaders(requestId);
      if (operation.code === 204 || operation.output.isUnitSchema()) return { status: operation.code, headers };
      const object = (output ?? {}) as Record<string, unknown>;
      const body = operation.outputPayload
        ? writeShape(operation.output.getMemberSchema(operation.outputPayload), object[operation.outputPayload], settings) ?? {}
        : writeShape(operation.output, object, settings);
      return jsonResponse(operation.code, headers, body);
    },

    encodeError(error, requestId): WireResponse {
      const headers = { ...baseHeaders(requestId), 'X-Amzn-ErrorType': error.code };
      // Every Pinpoint error shape is exactly {Message, RequestID}; other members would not be parsed.
      return jsonResponse(errorStatus(model, error), headers, { Message: error.message, RequestID: requestId });
    },
  };
}

/** Module-private: a URI pattern split into literal and label segments. */
interface Route {
  readonly operation: OperationModel;
  readonly segments: readonly { readonly literal?: string; readonly label?: string }[];
}

/** Module-private. */
function compileRoute(operation: OperationModel): Route {
  const segments = operation.uri.split('/').map((part) => {
    const label = /^\{(\w+)\}$/.exec(part)?.[1];
    return label ? { label } : { literal: part };
  });
  return { operation, segments };
}

/** Module-private: literal segments win over labels at the first position where two routes differ. */
function bySpecificity(a: Route, b: Route): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const [la, lb] = [a.segments[i].literal !== undefined, b.segments[i].literal !== undefined];
    if (la !== lb) return la ? -1 : 1;
  }
  return 0;
}

/** Module-private: labels match one non-empty raw segment (they are not greedy; `/` arrives encoded). */
function matchesPath(route: Route, segments: readonly string[]): boolean {
  return route.segments.length === segments.length && route.segments.every((s, i) => (s.literal !== undefined ? s.literal === segments[i] : segments[i] !== ''));
}

/** Module-private. */
function decode(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, '%20'));
  } catch {
    throw new ServiceError('BadRequestException', `Malformed percent-encoding in ${what}: ${raw}`);
  }
}

/** Module-private: repeated keys collect into a list, in order. */
function parseQuery(query: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), 'query key');
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1), `query parameter ${key}`);
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

/** Module-private: a label or query value as its modelled scalar type. */
function readText(ns: NormalizedSchema, text: string, where: string): unknown {
  if (ns.isTimestampSchema()) {
    try {
      return readTimestamp(ns, text, where);
    } catch (error) {
      throw new ServiceError('BadRequestException', (error as Error).message);
    }
  }
  if (ns.isBooleanSchema()) {
    if (text !== 'true' && text !== 'false') throw new ServiceError('BadRequestException', `Value '${text}' at '${where}' is not a valid boolean`);
    return text === 'true';
  }
  if (ns.isNumericSchema()) {
    const n = Number(text);
    if (text.trim() === '' || Number.isNaN(n)) throw new ServiceError('BadRequestException', `Value '${text}' at '${where}' is not a valid number`);
    return n;
  }
  return text;
}

/** Module-private: an empty body is an absent payload; malformed JSON is the client's `BadRequestException`. */
function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new ServiceError('BadRequestException', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Module-private: the headers of every Pinpoint response (seed 002 example). */
function baseHeaders(requestId: string): Record<string, string> {
  return { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, 'Access-Control-Allow-Origin': '*' };
}
