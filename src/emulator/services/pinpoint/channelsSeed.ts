import type { ArnScope } from './arns';
import { extrasOf, type ChannelKind, type ChannelRecord, type ChannelsState, type ImportedEndpoint, type ImportJobRecord } from './channelsStore';
import { PINPOINT_SEED } from './seed';
import { endpointKey, type AppRecord, type PinpointState } from './store';

/**
 * The demo data of the channels module, on top of the core seed (which must run first: this one
 * attaches to its app records). Deterministic: fixed IDs, dates relative to "now" at seeding time.
 *
 * | app | channels | event stream | import jobs |
 * |---|---|---|---|
 * | RETAIL | EMAIL (retail.example.com, offers@), SMS (sender ID RETAIL), APNS (token), GCM (service JSON) | Kinesis `retail-events` | the NEWSLETTER_IMPORT segment's CSV import: COMPLETED, 3 endpoints (alice, bob, carol email) |
 * | BANKING | EMAIL (bank.example.com, alerts@), SMS (short code 12345), APNS (certificate), GCM (API key, disabled) | Firehose `banking-events` | — |
 * | ALERTS | EMAIL (alerts.example.com, oncall@), VOICE | — | — |
 *
 * Account-level: one recommender configuration, "Retail picks".
 */
export const CHANNELS_SEED = {
  importJobs: { RETAIL_NEWSLETTER: seedId(1) },
  recommenders: { RETAIL_PICKS: seedId(101) },
} as const;

/** Loads the demo data into `state` for the apps the core seed put into `core` (one account and region). */
export function seedChannels(state: ChannelsState, core: PinpointState, scope: ArnScope, now: Date): void {
  const at = clockAt(now);
  const ses = (domain: string) => `arn:aws:ses:${scope.region}:${scope.accountId}:identity/${domain}`;
  const role = (name: string) => `arn:aws:iam::${scope.accountId}:role/${name}`;
  const pem = (label: string) => `-----BEGIN ${label}-----\nU0VFRC1ERU1PLU5PVC1BLVJFQUwtS0VZ\n-----END ${label}-----`;
  const channels = (app: AppRecord | undefined, entries: Array<[ChannelKind, number, Record<string, unknown>, boolean?]>) => {
    if (app === undefined) return;
    const extras = extrasOf(state, app);
    for (const [kind, daysAgo, settings, enabled = true] of entries) {
      const record: ChannelRecord = { kind, enabled, version: 1, creationDate: at(daysAgo).toISOString(), lastModifiedDate: at(daysAgo).toISOString(), settings };
      extras.channels.set(kind, record);
    }
  };

  const retail = core.apps.get(PINPOINT_SEED.apps.RETAIL);
  channels(retail, [
    ['EMAIL', 59, { Identity: ses('retail.example.com'), FromAddress: 'offers@retail.example.com', RoleArn: role('PinpointEmailEvents') }],
    ['SMS', 59, { SenderId: 'RETAIL' }],
    ['APNS', 58, { TokenKey: pem('PRIVATE KEY'), TokenKeyId: 'ABC123DEFG', TeamId: 'TEAM123456', BundleId: 'com.example.retail', DefaultAuthenticationMethod: 'TOKEN' }],
    ['GCM', 58, { ServiceJson: '{"type":"service_account","project_id":"retail-demo"}', DefaultAuthenticationMethod: 'TOKEN' }],
  ]);
  channels(core.apps.get(PINPOINT_SEED.apps.BANKING), [
    ['EMAIL', 89, { Identity: ses('bank.example.com'), FromAddress: 'alerts@bank.example.com' }],
    ['SMS', 89, { ShortCode: '12345' }],
    ['APNS', 88, { Certificate: pem('CERTIFICATE'), PrivateKey: pem('PRIVATE KEY'), DefaultAuthenticationMethod: 'CERTIFICATE' }],
    ['GCM', 88, { ApiKey: 'seed-demo-server-key', DefaultAuthenticationMethod: 'KEY' }, false],
  ]);
  channels(core.apps.get(PINPOINT_SEED.apps.ALERTS), [
    ['EMAIL', 29, { Identity: ses('alerts.example.com'), FromAddress: 'oncall@alerts.example.com' }],
    ['VOICE', 29, {}],
  ]);

  const banking = core.apps.get(PINPOINT_SEED.apps.BANKING);
  if (retail !== undefined) {
    const extras = extrasOf(state, retail);
    extras.eventStream = { destinationStreamArn: `arn:aws:kinesis:${scope.region}:${scope.accountId}:stream/retail-events`, roleArn: role('PinpointEventStream'), lastModifiedDate: at(45).toISOString() };
    seedNewsletterImport(retail, extras.importJobs, extras.importedMembers, at);
  }
  if (banking !== undefined) {
    extrasOf(state, banking).eventStream = {
      destinationStreamArn: `arn:aws:firehose:${scope.region}:${scope.accountId}:deliverystream/banking-events`,
      roleArn: role('PinpointEventStream'),
      lastModifiedDate: at(80).toISOString(),
    };
  }

  state.recommenders.set(CHANNELS_SEED.recommenders.RETAIL_PICKS, {
    id: CHANNELS_SEED.recommenders.RETAIL_PICKS,
    creationDate: at(40).toISOString(),
    lastModifiedDate: at(20).toISOString(),
    name: 'Retail picks',
    description: 'Top products per shopper',
    providerUri: `arn:aws:personalize:${scope.region}:${scope.accountId}:campaign/retail-top-picks`,
    providerRoleArn: role('PinpointPersonalize'),
    recommendationsPerMessage: 3,
    providerIdType: 'PINPOINT_ENDPOINT_ID',
    displayName: 'Top picks',
  });
}

/** Module-private: the import job behind the core seed's NEWSLETTER_IMPORT segment, and that segment's members. */
function seedNewsletterImport(retail: AppRecord, jobs: Map<string, ImportJobRecord>, members: Map<string, Map<string, ImportedEndpoint>>, at: (daysAgo: number, minute?: number) => Date): void {
  const segment = retail.segments.get(PINPOINT_SEED.segments.RETAIL_NEWSLETTER_IMPORT);
  const definition = segment?.versions[0]?.importDefinition;
  if (segment === undefined || definition === undefined) return;
  const imported = new Map<string, ImportedEndpoint>();
  for (const id of [PINPOINT_SEED.endpoints.ALICE_EMAIL, PINPOINT_SEED.endpoints.BOB_EMAIL, PINPOINT_SEED.endpoints.CAROL_EMAIL]) {
    const endpoint = retail.endpoints.get(endpointKey(id));
    if (endpoint !== undefined) imported.set(endpointKey(id), { Id: endpoint.Id, ChannelType: endpoint.ChannelType, Address: endpoint.Address, User: endpoint.User === undefined ? undefined : { UserId: endpoint.User.UserId } });
  }
  members.set(segment.id, imported);
  jobs.set(CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER, {
    id: CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER,
    creationDate: at(30, -5).toISOString(),
    completionDate: at(30, -4).toISOString(),
    status: 'COMPLETED',
    definition: {
      S3Url: definition.S3Url,
      RoleArn: definition.RoleArn,
      ExternalId: definition.ExternalId,
      Format: definition.Format,
      RegisterEndpoints: true,
      DefineSegment: true,
      SegmentName: segment.versions[0].name,
      SegmentId: segment.id,
    },
    counts: { totalPieces: 1, completedPieces: 1, failedPieces: 0, totalProcessed: imported.size, totalFailures: 0, failures: [] },
  });
}

/** Module-private: a fixed 32-hex-digit ID, `5eedc0` then the number zero-padded (other seeds use other kind digits). */
function seedId(n: number): string {
  return `5eedc0${String(n).padStart(26, '0')}`;
}

/** Module-private: `at(days, minute)` is 10:00 UTC plus `minute` minutes, `days` days before today (the core seed's hour). */
function clockAt(now: Date): (daysAgo: number, minute?: number) => Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return (daysAgo, minute = 0) => new Date(today - daysAgo * 86_400_000 + 10 * 3_600_000 + minute * 60_000);
}
