import { CHANNELS_SEED } from '../../../src/emulator/services/pinpoint/channelsSeed';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { gid, unique, type ReachCase, type ReachSetup, type ReachTable, type Variables } from './kit';

/**
 * Reach cases of the other Pinpoint schema files: channels, event streams, import/export jobs,
 * recommenders, phone validation, in-app messages, attributes, SMS opt-outs and sending.
 */

/** Module-private shorthands. */
const P = PINPOINT_SEED;
const ROLE = 'arn:aws:iam::123456789012:role/PinpointReach';
const CERT = '-----BEGIN CERTIFICATE-----\nUkVBQ0g=\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nUkVBQ0g=\n-----END PRIVATE KEY-----';
/** Module-private: a recommender configuration body (an input literal). */
const RECOMMENDER = `{ name: "Reach", recommendationProviderUri: "arn:aws:personalize:us-east-1:123456789012:campaign/reach", recommendationProviderRoleArn: "${ROLE}", recommendationsDisplayName: "Reach" }`;

/** Module-private: each channel kind, its App field, GraphQL type, operation infix and a valid Update input (the application ID aside). */
const CHANNELS = [
  { kind: 'ADM', field: 'admChannel', type: 'AdmChannel', op: 'Adm', input: { clientId: 'amzn1.reach', clientSecret: 'secret' } },
  { kind: 'APNS', field: 'apnsChannel', type: 'ApnsChannel', op: 'Apns', input: { certificate: CERT, privateKey: KEY } },
  { kind: 'APNS_SANDBOX', field: 'apnsSandboxChannel', type: 'ApnsChannel', op: 'ApnsSandbox', input: { certificate: CERT, privateKey: KEY } },
  { kind: 'APNS_VOIP', field: 'apnsVoipChannel', type: 'ApnsChannel', op: 'ApnsVoip', input: { certificate: CERT, privateKey: KEY } },
  { kind: 'APNS_VOIP_SANDBOX', field: 'apnsVoipSandboxChannel', type: 'ApnsChannel', op: 'ApnsVoipSandbox', input: { certificate: CERT, privateKey: KEY } },
  { kind: 'BAIDU', field: 'baiduChannel', type: 'BaiduChannel', op: 'Baidu', input: { apiKey: 'reach-key', secretKey: 'reach-secret' } },
  { kind: 'EMAIL', field: 'emailChannel', type: 'EmailChannel', op: 'Email', input: { fromAddress: 'reach@alerts.example.com', identity: 'arn:aws:ses:us-east-1:123456789012:identity/alerts.example.com' } },
  { kind: 'GCM', field: 'gcmChannel', type: 'GcmChannel', op: 'Gcm', input: { apiKey: 'reach-server-key' } },
  { kind: 'SMS', field: 'smsChannel', type: 'SmsChannel', op: 'Sms', input: { senderId: 'REACH' } },
  { kind: 'VOICE', field: 'voiceChannel', type: 'VoiceChannel', op: 'Voice', input: {} },
] as const;

/** Module-private: one entry of {@link CHANNELS}. */
type ChannelInfo = (typeof CHANNELS)[number];

/** Module-private: the Update input type of each channel kind. */
const UPDATE_INPUT: Readonly<Record<ChannelInfo['op'], string>> = {
  Adm: 'UpdateAdmChannelInput',
  Apns: 'UpdateApnsChannelInput',
  ApnsSandbox: 'UpdateApnsChannelInput',
  ApnsVoip: 'UpdateApnsChannelInput',
  ApnsVoipSandbox: 'UpdateApnsChannelInput',
  Baidu: 'UpdateBaiduChannelInput',
  Email: 'UpdateEmailChannelInput',
  Gcm: 'UpdateGcmChannelInput',
  Sms: 'UpdateSmsChannelInput',
  Voice: 'UpdateVoiceChannelInput',
};

/** Module-private: the type-specific channel fields that read the channel when it came from GetChannels. */
const CHANNEL_DETAIL_FIELDS: readonly (readonly [string, string, readonly ChannelInfo['kind'][]])[] = [
  ['ApnsChannel', 'defaultAuthenticationMethod', ['APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX']],
  ['ApnsChannel', 'hasTokenKey', ['APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX']],
  ['BaiduChannel', 'credential', ['BAIDU']],
  ...['fromAddress', 'identity', 'configurationSet', 'messagesPerSecond', 'roleArn', 'orchestrationSendingRoleArn'].map((field) => ['EmailChannel', field, ['EMAIL']] as const),
  ['GcmChannel', 'defaultAuthenticationMethod', ['GCM']],
  ['GcmChannel', 'hasFcmServiceCredentials', ['GCM']],
  ...['senderId', 'shortCode', 'promotionalMessagesPerSecond', 'transactionalMessagesPerSecond'].map((field) => ['SmsChannel', field, ['SMS']] as const),
];

/** Cases of the other Pinpoint coordinates. */
export const PINPOINT_RESOURCE_REACH: ReachTable = {
  // ---------------------------------------------------------------- channels
  'App.channels': project(P.apps.RETAIL, 'channels { channelType }'),
  ...Object.fromEntries(
    CHANNELS.flatMap((c): Array<[string, ReachCase | ReachCase[]]> => [
      // Unconfigured channels are null: the call is made all the same.
      [`App.${c.field}`, project(P.apps.RETAIL, `${c.field} { enabled }`)],
      [`Mutation.update${c.op}Channel`, { query: updateChannel(c, 'channelType'), variables: async (setup) => ({ input: { applicationId: await newApp(setup), ...c.input } }) }],
      [`Mutation.delete${c.op}Channel`, { query: `mutation ($app: ID!) { delete${c.op}Channel(input: { applicationId: $app }) { channel { channelType } } }`, variables: async (setup) => ({ app: await appWithChannel(setup, c) }) }],
    ]),
  ),
  // The four APNs kinds share one type; its `app` edge is reached through any of them.
  ...Object.fromEntries(
    [...new Map(CHANNELS.map((c) => [c.type, c])).values()].map((c): [string, ReachCase] => [
      `${c.type}.app`,
      { query: `query ($app: ID!) { app(id: $app) { ${c.field} { app { name } } } }`, variables: async (setup) => ({ app: await appWithChannel(setup, c) }), via: ['Query.app', `App.${c.field}`] },
    ]),
  ),
  ...Object.fromEntries(
    CHANNEL_DETAIL_FIELDS.map(([type, field, kinds]): [string, ReachCase[]] => [
      `${type}.${field}`,
      kinds.map(
        (kind): ReachCase => ({
          query: `query ($app: ID!) { app(id: $app) { channels { ... on ${type} { ${field} } } } }`,
          variables: async (setup) => ({ app: await appWithChannel(setup, CHANNELS.find((c) => c.kind === kind)!) }),
          via: ['Query.app', 'App.channels'],
          reaches: [`Get${CHANNELS.find((c) => c.kind === kind)!.op}Channel`],
        }),
      ),
    ]),
  ),
  // A listed channel is read (GetSmsChannel) for its sender ID, then its sender IDs are looked up by name.
  'SmsChannel.senderIdResource': project(P.apps.RETAIL, 'channels { ... on SmsChannel { senderIdResource { isoCountryCode } } }', {}, ['App.channels']),
  // A listed channel is read for its short code (BANKING's 12345), then the account's numbers are searched for it.
  'SmsChannel.shortCodeResource': project(P.apps.BANKING, 'channels { ... on SmsChannel { shortCodeResource { phoneNumberId } } }', {}, ['App.channels']),

  // ---------------------------------------------------------------- event streams
  'App.eventStream': project(P.apps.RETAIL, 'eventStream { roleArn }'),
  'EventStream.app': project(P.apps.RETAIL, 'eventStream { app { name } }', {}, ['App.eventStream']),
  'Mutation.putEventStream': {
    query: 'mutation ($app: ID!) { putEventStream(input: { applicationId: $app, destinationStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/reach", roleArn: "arn:aws:iam::123456789012:role/Reach" }) { eventStream { roleArn } } }',
    variables: async (setup) => ({ app: await newApp(setup) }),
  },
  'Mutation.deleteEventStream': {
    query: 'mutation ($app: ID!) { deleteEventStream(input: { applicationId: $app }) { eventStream { roleArn } } }',
    variables: async (setup) => {
      const app = await newApp(setup);
      await setup.gql('mutation ($app: ID!) { putEventStream(input: { applicationId: $app, destinationStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/reach", roleArn: "arn:aws:iam::123456789012:role/Reach" }) { eventStream { roleArn } } }', { app });
      return { app };
    },
  },

  // ---------------------------------------------------------------- import and export jobs
  'App.importJobs': project(P.apps.RETAIL, 'importJobs { nodes { jobId } }'),
  'App.importJob': project(P.apps.RETAIL, 'importJob(id: $job) { jobStatus }', { job: CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER }),
  'App.exportJobs': project(P.apps.RETAIL, 'exportJobs { nodes { jobId } }'),
  'App.exportJob': { query: 'query ($app: ID!, $job: ID!) { app(id: $app) { exportJob(id: $job) { jobStatus } } }', variables: async (setup) => ({ app: P.apps.BANKING, job: await newExportJob(setup) }), via: ['Query.app'] },
  'Segment.importJobs': project(P.apps.RETAIL, 'segment(id: $segment) { importJobs { nodes { jobId } } }', { segment: P.segments.RETAIL_NEWSLETTER_IMPORT }, ['App.segment']),
  'Segment.exportJobs': project(P.apps.RETAIL, 'segment(id: $segment) { exportJobs { nodes { jobId } } }', { segment: P.segments.RETAIL_VIP }, ['App.segment']),
  'ImportJob.app': { query: 'query ($id: ID!) { node(id: $id) { ... on ImportJob { app { name } } } }', variables: { id: gid('ImportJob', P.apps.RETAIL, CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER) }, via: ['Query.node'] },
  'ImportJobDefinition.segment': project(P.apps.RETAIL, 'importJob(id: $job) { definition { segment { name } } }', { job: CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER }, ['App.importJob']),
  'ExportJob.app': { query: 'query ($id: ID!) { node(id: $id) { ... on ExportJob { app { name } } } }', variables: async (setup) => ({ id: gid('ExportJob', P.apps.BANKING, await newExportJob(setup)) }), via: ['Query.node'] },
  'ExportJobDefinition.segment': [
    {
      query: 'query ($app: ID!, $job: ID!) { app(id: $app) { exportJob(id: $job) { definition { segment { name } } } } }',
      variables: async (setup) => ({ app: P.apps.BANKING, job: await newExportJob(setup, { segmentId: P.segments.BANKING_HIGH_BALANCE }) }),
      via: ['Query.app', 'App.exportJob'],
      reaches: ['GetSegment'],
    },
    {
      query: 'query ($app: ID!, $job: ID!) { app(id: $app) { exportJob(id: $job) { definition { segment { name } } } } }',
      variables: async (setup) => ({ app: P.apps.BANKING, job: await newExportJob(setup, { segmentId: P.segments.BANKING_HIGH_BALANCE, segmentVersion: 1 }) }),
      via: ['Query.app', 'App.exportJob'],
      reaches: ['GetSegmentVersion'],
    },
  ],
  // The emulator cannot reach S3: these jobs are created, then fail; creating them is what counts.
  'Mutation.createImportJob': {
    query: `mutation ($app: ID!) { createImportJob(input: { applicationId: $app, s3Url: "s3://reach-bucket/people.csv", roleArn: "${ROLE}", format: CSV, registerEndpoints: true }) { importJob { jobId } } }`,
    variables: { app: P.apps.BANKING },
  },
  'Mutation.createExportJob': {
    query: `mutation ($app: ID!) { createExportJob(input: { applicationId: $app, s3UrlPrefix: "s3://reach-bucket/exports/", roleArn: "${ROLE}" }) { exportJob { jobId } } }`,
    variables: { app: P.apps.BANKING },
  },

  // ---------------------------------------------------------------- recommenders, phone validation
  'Query.recommenderConfigurations': { query: '{ recommenderConfigurations { nodes { recommenderId } } }' },
  'Query.recommenderConfiguration': { query: 'query ($id: ID!) { recommenderConfiguration(id: $id) { name } }', variables: { id: CHANNELS_SEED.recommenders.RETAIL_PICKS } },
  'Mutation.createRecommenderConfiguration': { query: `mutation { createRecommenderConfiguration(input: { configuration: ${RECOMMENDER} }) { recommenderConfiguration { recommenderId } } }` },
  'Mutation.updateRecommenderConfiguration': {
    query: `mutation ($id: ID!) { updateRecommenderConfiguration(input: { recommenderId: $id, configuration: ${RECOMMENDER} }) { recommenderConfiguration { name } } }`,
    variables: async (setup) => ({ id: await newRecommender(setup) }),
  },
  'Mutation.deleteRecommenderConfiguration': {
    query: 'mutation ($id: ID!) { deleteRecommenderConfiguration(input: { recommenderId: $id }) { recommenderConfiguration { name } } }',
    variables: async (setup) => ({ id: await newRecommender(setup) }),
  },
  'Query.validatePhoneNumber': { query: '{ validatePhoneNumber(phoneNumber: "+12065550123") { phoneType } }' },

  // ---------------------------------------------------------------- in-app messages, attributes, SMS opt-outs
  'Endpoint.inAppMessages': project(P.apps.RETAIL, 'endpoint(id: $endpoint) { inAppMessages { campaignId } }', { endpoint: P.endpoints.ALICE_EMAIL }, ['App.endpoint']),
  'InAppMessageCampaign.campaign': {
    query: 'query ($app: ID!, $endpoint: ID!) { app(id: $app) { endpoint(id: $endpoint) { inAppMessages { campaign { name } } } } }',
    variables: async (setup) => inAppEndpoint(setup),
    via: ['Query.app', 'App.endpoint', 'Endpoint.inAppMessages'],
  },
  'Mutation.removeAttributes': {
    query: 'mutation ($app: ID!) { removeAttributes(input: { applicationId: $app, attributeType: ENDPOINT_CUSTOM_ATTRIBUTES, attributes: ["reach*"] }) { attributes } }',
    variables: async (setup) => ({ app: await newApp(setup) }),
  },
  'Endpoint.smsOptOut': project(P.apps.RETAIL, 'endpoint(id: $endpoint) { smsOptOut(optOutListName: "marketing-optouts") { endUserOptedOut } }', { endpoint: P.endpoints.ALICE_SMS }, ['App.endpoint']),

  // ---------------------------------------------------------------- sending
  'Mutation.sendMessages': {
    query: 'mutation ($app: ID!) { sendMessages(input: { applicationId: $app, addresses: [{ address: "+12065550124", channelType: SMS }], message: { smsMessage: { body: "Reach" } } }) { requestId } }',
    variables: { app: P.apps.RETAIL },
  },
  'EndpointMessageResult.endpoint': {
    query: 'mutation ($app: ID!, $endpoint: ID!) { sendMessages(input: { applicationId: $app, endpoints: [{ endpointId: $endpoint }], message: { defaultMessage: { body: "Reach" } } }) { endpointResults { endpoint { address } } } }',
    variables: { app: P.apps.RETAIL, endpoint: P.endpoints.ALICE_SMS },
    via: ['Mutation.sendMessages'],
  },
  'Mutation.sendUsersMessages': {
    query: 'mutation ($app: ID!, $user: ID!) { sendUsersMessages(input: { applicationId: $app, users: [{ userId: $user }], message: { defaultMessage: { body: "Reach" } } }) { requestId } }',
    variables: { app: P.apps.RETAIL, user: P.users.ALICE },
  },
  'Mutation.sendOtpMessage': {
    query: 'mutation ($app: ID!) { sendOtpMessage(input: { applicationId: $app, brandName: "Reach", channel: "SMS", destinationIdentity: "+12065550125", originationIdentity: "RETAIL", referenceId: "reach" }) { requestId } }',
    variables: { app: P.apps.RETAIL },
  },
  'Mutation.verifyOtpMessage': {
    query: 'mutation ($app: ID!) { verifyOtpMessage(input: { applicationId: $app, destinationIdentity: "+12065550126", referenceId: "reach", otp: "123456" }) { valid } }',
    variables: { app: P.apps.RETAIL },
  },
};

/** Module-private: `app(<app>) { <selection> }`. */
function project(app: string, selection: string, variables: Variables = {}, via: readonly string[] = []): ReachCase {
  const declared = Object.keys(variables)
    .map((name) => `, $${name}: ID!`)
    .join('');
  return { query: `query ($app: ID!${declared}) { app(id: $app) { ${selection} } }`, variables: { app, ...variables }, via: ['Query.app', ...via] };
}

/** Module-private: the Update mutation of a channel kind, selecting `selection` of the channel. */
function updateChannel(c: ChannelInfo, selection: string): string {
  return `mutation ($input: ${UPDATE_INPUT[c.op]}!) { update${c.op}Channel(input: $input) { channel { ${selection} } } }`;
}

/** Module-private: a new, empty project. */
async function newApp(setup: ReachSetup): Promise<string> {
  return (await setup.gql('mutation ($name: String!) { createApp(input: { name: $name }) { app { applicationId } } }', { name: unique('reach-app') })).createApp.app.applicationId;
}

/** Module-private: a new project with one channel of a kind configured. */
async function appWithChannel(setup: ReachSetup, c: ChannelInfo): Promise<string> {
  const app = await newApp(setup);
  await setup.gql(updateChannel(c, 'channelType'), { input: { applicationId: app, ...c.input } });
  return app;
}

/** A new export job of BANKING (to S3, so it fails in the emulator, but it exists); base.ts reads it through `node`. */
export async function newExportJob(setup: ReachSetup, segment: { segmentId?: string; segmentVersion?: number } = {}): Promise<string> {
  const data = await setup.gql(
    'mutation ($app: ID!, $role: String!, $segment: ID, $version: Int) { createExportJob(input: { applicationId: $app, s3UrlPrefix: "s3://reach-bucket/exports/", roleArn: $role, segmentId: $segment, segmentVersion: $version }) { exportJob { jobId } } }',
    { app: P.apps.BANKING, role: ROLE, segment: segment.segmentId ?? null, version: segment.segmentVersion ?? null },
  );
  return data.createExportJob.exportJob.jobId;
}

/** Module-private: a new recommender configuration. */
async function newRecommender(setup: ReachSetup): Promise<string> {
  return (await setup.gql(`mutation { createRecommenderConfiguration(input: { configuration: ${RECOMMENDER} }) { recommenderConfiguration { recommenderId } } }`)).createRecommenderConfiguration.recommenderConfiguration.recommenderId;
}

/** Module-private: a new project with an in-app endpoint that an executing in-app campaign targets. */
async function inAppEndpoint(setup: ReachSetup): Promise<Variables> {
  const app = await newApp(setup);
  const made = await setup.gql(
    `mutation ($app: ID!) {
      updateEndpoint(input: { applicationId: $app, endpointId: "reach-device", endpoint: { channelType: IN_APP, address: "reach-token" } }) { message }
      createSegment(input: { applicationId: $app, segment: { name: "In-app", dimensions: { demographic: { channel: { values: ["IN_APP"] } } } } }) { segment { segmentId } }
    }`,
    { app },
  );
  const day = 86_400_000;
  await setup.gql(
    `mutation ($app: ID!, $segment: ID!, $start: String!, $end: String!) { createCampaign(input: { applicationId: $app, campaign: {
      name: "Reach banner", segmentId: $segment,
      schedule: { startTime: $start, endTime: $end, frequency: IN_APP_EVENT, eventFilter: { filterType: SYSTEM, dimensions: { eventType: { values: ["_session.start"] } } } },
      messageConfiguration: { inAppMessage: { layout: TOP_BANNER, content: [{ BodyConfig: { Alignment: "LEFT", Body: "Reach", TextColor: "#000000" } }] } }
    } }) { campaign { campaignId } } }`,
    { app, segment: made.createSegment.segment.segmentId, start: new Date(Date.now() - day).toISOString(), end: new Date(Date.now() + day).toISOString() },
  );
  return { app, endpoint: 'reach-device' };
}
