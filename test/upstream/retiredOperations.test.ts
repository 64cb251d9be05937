import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readUpstreamAnnotations } from '../../src/coverage/manifest';
import { PINPOINT_SEED_GROUPS } from '../../src/coverage/seedOperations';
import { isRetiredEngagementRequest, RETIRED_ENGAGEMENT_OPERATIONS } from '../../src/emulator/services/pinpoint/retirement';
import { CONTINUING_AREAS, operationSupport, RETIRED_FEATURES, RETIRED_PINPOINT_OPERATIONS, retiredFeatureOf, retiredOperationsMarkdown, TAG_OPERATIONS } from '../../src/upstream/pinpoint/retiredOperations';
import { PINPOINT_SDK_OPERATIONS } from '../../src/upstream/sdkOperations';

// The table of the Pinpoint operations AWS retired on 2026-10-30 (upstream/pinpoint/retiredOperations.ts):
// every operation the gateway can send is classified exactly once, the emulator's copy of the list
// agrees with it, tags decide by resource ARN on both sides, and the README shows the table as it is.

const root = join(__dirname, '..', '..');

/** Module-private: the operations each place of the table names, in order (duplicates kept). */
function namedOperations(): string[] {
  return [...Object.values(RETIRED_FEATURES).flatMap((feature) => feature.operations), ...CONTINUING_AREAS.flatMap((area) => area.operations), ...TAG_OPERATIONS];
}

/** Module-private: the `XCommand` names src/upstream/pinpoint/*.ts import from the Pinpoint SDK. */
function pinpointCommandsUsedByTheGateway(): string[] {
  const dir = join(root, 'src', 'upstream', 'pinpoint');
  const used = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const block of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-pinpoint'/g)) {
      for (const name of block[1].matchAll(/\b([A-Z][A-Za-z0-9]*)Command\b/g)) used.add(name[1]);
    }
  }
  return [...used].sort();
}

test('every Pinpoint operation (SDK, seed reference, loaders, schema annotations) is classified, exactly once, by a real name', () => {
  const named = namedOperations();
  expect(named.filter((operation, index) => named.indexOf(operation) !== index)).toEqual([]);
  expect(named.filter((operation) => !PINPOINT_SDK_OPERATIONS.includes(operation))).toEqual([]);

  const used = pinpointCommandsUsedByTheGateway();
  // The loaders send most of the API; a scan that found nothing would prove nothing.
  expect(used.length).toBeGreaterThan(100);
  const annotated = readUpstreamAnnotations(join(root, 'schema')).flatMap((annotation) => annotation.operations.pinpoint);
  expect(annotated.length).toBeGreaterThan(100);
  const everyOperation = new Set([...PINPOINT_SDK_OPERATIONS, ...PINPOINT_SEED_GROUPS.flatMap((group) => group.operations), ...used, ...annotated]);
  expect([...everyOperation].filter((operation) => operationSupport(operation) === undefined)).toEqual([]);
  expect(named.length).toBe(PINPOINT_SDK_OPERATIONS.length);
});

test('the notice decides the named features: endpoints, segments, campaigns, journeys and analytics are retired; SMS, voice, push, OTP and validation are not', () => {
  for (const operation of ['GetEndpoint', 'GetSegments', 'GetCampaigns', 'GetJourney', 'GetApplicationDateRangeKpi', 'PutEvents']) expect({ operation, support: operationSupport(operation) }).toEqual({ operation, support: 'retired' });
  for (const operation of ['GetSmsChannel', 'UpdateVoiceChannel', 'UpdateApnsChannel', 'GetGcmChannel', 'SendMessages', 'SendOTPMessage', 'VerifyOTPMessage', 'PhoneNumberValidate', 'GetApps']) {
    expect({ operation, support: operationSupport(operation) }).toEqual({ operation, support: 'continuing' });
  }
  expect(operationSupport('TagResource')).toBe('by resource ARN');
  expect(operationSupport('NoSuchOperation')).toBeUndefined();
});

test("the emulator's list of retired operations is the gateway's", () => {
  expect([...RETIRED_ENGAGEMENT_OPERATIONS].sort()).toEqual(RETIRED_PINPOINT_OPERATIONS);
});

test('tags decide by the resource ARN, the same way in the gateway and the emulator', () => {
  const scope = 'arn:aws:mobiletargeting:us-east-1:123456789012:';
  const cases: [string, string | undefined][] = [
    [`${scope}apps/a1`, undefined],
    [`${scope}templates/welcome/EMAIL`, undefined],
    [`${scope}apps/a1/campaigns/c1`, 'campaigns'],
    [`${scope}apps/a1/segments/s1`, 'segments'],
    [`${scope}apps/a1/journeys/j1`, 'journeys'],
    [`${scope}recommenders/r1`, 'recommenders'],
    ['not an ARN', undefined],
  ];
  for (const operation of TAG_OPERATIONS) {
    for (const [arn, feature] of cases) {
      expect({ operation, arn, gateway: retiredFeatureOf(operation, { ResourceArn: arn }), emulator: isRetiredEngagementRequest(operation, { ResourceArn: arn }) }).toEqual({
        operation,
        arn,
        gateway: feature,
        emulator: feature !== undefined,
      });
    }
  }
  expect(retiredFeatureOf('GetCampaign', { ApplicationId: 'a1' })).toBe('campaigns');
  expect(retiredFeatureOf('GetSmsChannel', { ResourceArn: `${scope}apps/a1/campaigns/c1` })).toBeUndefined();
});

test('the README shows the table as the gateway applies it', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  // Compared within its own section, so a failure prints that section rather than the whole README.
  const section = /^## AWS as it is today\n[\s\S]*?(?=^## )/m.exec(readme)?.[0];
  expect(section).toContain(retiredOperationsMarkdown());
});
