import {
  GetAppCommand,
  GetApplicationDateRangeKpiCommand,
  GetCampaignActivitiesCommand,
  GetCampaignCommand,
  GetCampaignDateRangeKpiCommand,
  GetCampaignsCommand,
  GetCampaignVersionsCommand,
  GetSegmentCommand,
  GetSegmentsCommand,
  GetSegmentVersionCommand,
  type PinpointClient,
} from '@aws-sdk/client-pinpoint';
import {
  DescribeOptOutListsCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  DescribeRegistrationAttachmentsCommand,
  DescribeRegistrationFieldDefinitionsCommand,
  DescribeRegistrationFieldValuesCommand,
  DescribeRegistrationsCommand,
  DescribeRegistrationSectionDefinitionsCommand,
  DescribeRegistrationTypeDefinitionsCommand,
  DescribeRegistrationVersionsCommand,
  ListRegistrationAssociationsCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import type { ReferenceQueryName } from '../lib/queries';

/**
 * Baseline 2: the data of each reference query fetched the way careful hand-written glue does,
 * straight from the SDK clients: calls in parallel wherever the data allow, sequential only where
 * one call needs the answer of another, IDs batched 5 per call where the API takes a list, and a
 * small per-call memo so one object is read once. No GraphQL, no DataLoader.
 */

/** The two SDK clients. */
export interface GlueClients {
  readonly pinpoint: PinpointClient;
  readonly sms: PinpointSMSVoiceV2Client;
}

/** One reference query's glue: fetches its data and returns it (shape is the glue's own). */
export type Glue = (clients: GlueClients, variables: Readonly<Record<string, unknown>>) => Promise<unknown>;

/** The SMS v2 maximum of IDs per Describe call. */
const MAX_IDS = 5;

/** Glue for every reference query. */
export const GLUE: Readonly<Record<ReferenceQueryName, Glue>> = {
  'app-dashboard': appDashboard,
  'campaign-detail': campaignDetail,
  'sms-numbers-page': smsNumbersPage,
  'registration-detail': registrationDetail,
  'node-lookup-list': nodeLookupList,
};

/** Module-private: KPI range variables as the SDK takes them. */
function range(variables: Readonly<Record<string, unknown>>): { StartTime: Date; EndTime: Date } {
  return { StartTime: new Date(String(variables.start)), EndTime: new Date(String(variables.end)) };
}

/** Module-private: distinct values, in first-seen order. */
function distinct<T>(values: ReadonlyArray<T | undefined>): T[] {
  return [...new Set(values.filter((value): value is T => value !== undefined))];
}

/** Module-private: `ids` in calls of at most 5, in parallel, results concatenated. */
async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<readonly T[] | undefined>): Promise<T[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS) chunks.push(ids.slice(i, i + MAX_IDS));
  return (await Promise.all(chunks.map(async (chunk) => (await read(chunk)) ?? []))).flat();
}

/** Module-private: app, campaigns ∥ segments ∥ KPIs, then the targeted segment versions the list lacks. */
async function appDashboard({ pinpoint }: GlueClients, variables: Readonly<Record<string, unknown>>): Promise<unknown> {
  const ApplicationId = String(variables.app);
  const kpi = (KpiName: string) => pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId, KpiName, ...range(variables) }));
  const [app, campaigns, segments, ...kpis] = await Promise.all([
    pinpoint.send(new GetAppCommand({ ApplicationId })),
    pinpoint.send(new GetCampaignsCommand({ ApplicationId, PageSize: '100' })),
    pinpoint.send(new GetSegmentsCommand({ ApplicationId, PageSize: '100' })),
    kpi('successful-delivery-rate'),
    kpi('txn-emails-sent'),
    kpi('txn-sms-sent'),
  ]);
  const latest = new Map((segments.SegmentsResponse?.Item ?? []).map((segment) => [segment.Id, segment]));
  const targeted = distinct((campaigns.CampaignsResponse?.Item ?? []).map((campaign) => `${campaign.SegmentId}@${campaign.SegmentVersion}`));
  const versions = await Promise.all(
    targeted.map(async (pair) => {
      const [SegmentId, version] = pair.split('@');
      const listed = latest.get(SegmentId);
      if (listed && String(listed.Version) === version) return listed;
      return (await pinpoint.send(new GetSegmentVersionCommand({ ApplicationId, SegmentId, Version: version }))).SegmentResponse;
    }),
  );
  return { app: app.ApplicationResponse, campaigns: campaigns.CampaignsResponse, segments: segments.SegmentsResponse, versions, kpis };
}

/** Module-private: campaign → its segment version, beside app, versions, runs and KPIs. */
async function campaignDetail({ pinpoint }: GlueClients, variables: Readonly<Record<string, unknown>>): Promise<unknown> {
  const ApplicationId = String(variables.app);
  const CampaignId = String(variables.campaign);
  const kpi = (KpiName: string) => pinpoint.send(new GetCampaignDateRangeKpiCommand({ ApplicationId, CampaignId, KpiName, ...range(variables) }));
  const [app, campaign, versions, activities, ...kpis] = await Promise.all([
    pinpoint.send(new GetAppCommand({ ApplicationId })),
    pinpoint.send(new GetCampaignCommand({ ApplicationId, CampaignId })).then(async (out) => {
      const { SegmentId, SegmentVersion } = out.CampaignResponse ?? {};
      const segment = await pinpoint.send(new GetSegmentVersionCommand({ ApplicationId, SegmentId, Version: String(SegmentVersion) }));
      return { campaign: out.CampaignResponse, segment: segment.SegmentResponse };
    }),
    pinpoint.send(new GetCampaignVersionsCommand({ ApplicationId, CampaignId, PageSize: '100' })),
    pinpoint.send(new GetCampaignActivitiesCommand({ ApplicationId, CampaignId, PageSize: '100' })),
    kpi('successful-delivery-rate'),
    kpi('successful-deliveries-grouped-by-campaign-activity'),
  ]);
  return { app: app.ApplicationResponse, ...campaign, versions: versions.CampaignsResponse, activities: activities.ActivitiesResponse, kpis };
}

/** Module-private: the numbers, then their pools ∥ lists ∥ registrations (then any pool list still missing). */
async function smsNumbersPage({ sms }: GlueClients): Promise<unknown> {
  const numbers = (await sms.send(new DescribePhoneNumbersCommand({ MaxResults: 20 }))).PhoneNumbers ?? [];
  const [pools, lists, registrations] = await Promise.all([
    inChunks(distinct(numbers.map((n) => n.PoolId)), async (PoolIds) => (await sms.send(new DescribePoolsCommand({ PoolIds }))).Pools),
    inChunks(distinct(numbers.map((n) => n.OptOutListName)), async (OptOutListNames) => (await sms.send(new DescribeOptOutListsCommand({ OptOutListNames }))).OptOutLists),
    inChunks(distinct(numbers.map((n) => n.RegistrationId)), async (RegistrationIds) => (await sms.send(new DescribeRegistrationsCommand({ RegistrationIds }))).Registrations),
  ]);
  const known = new Set(lists.map((list) => list.OptOutListName));
  const missing = distinct(pools.map((pool) => pool.OptOutListName)).filter((name) => !known.has(name));
  const poolLists = await inChunks(missing, async (OptOutListNames) => (await sms.send(new DescribeOptOutListsCommand({ OptOutListNames }))).OptOutLists);
  return { numbers, pools, lists: [...lists, ...poolLists], registrations };
}

/** Module-private: registration ∥ versions ∥ field values ∥ associations, then what each of those names. */
async function registrationDetail({ sms }: GlueClients, variables: Readonly<Record<string, unknown>>): Promise<unknown> {
  const RegistrationId = String(variables.registrationId);
  const registrationAndType = sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [RegistrationId] })).then(async (out) => {
    const registration = out.Registrations?.[0];
    const RegistrationType = String(registration?.RegistrationType);
    const type = await sms.send(new DescribeRegistrationTypeDefinitionsCommand({ RegistrationTypes: [RegistrationType] }));
    return { registration, type: type.RegistrationTypeDefinitions?.[0] };
  });
  const fieldValues = sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, MaxResults: 50 })).then((out) => out.RegistrationFieldValues ?? []);
  // Definitions need both the type and the field paths; sections come from the paths' prefixes.
  const definitions = Promise.all([registrationAndType, fieldValues]).then(async ([{ registration }, values]) => {
    const RegistrationType = String(registration?.RegistrationType);
    const paths = values.map((value) => String(value.FieldPath));
    const sections = distinct(paths.map((path) => path.split('.')[0]));
    const [fields, sectionDefinitions] = await Promise.all([
      inChunks(paths, async (FieldPaths) => (await sms.send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType, FieldPaths }))).RegistrationFieldDefinitions),
      inChunks(sections, async (SectionPaths) => (await sms.send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType, SectionPaths }))).RegistrationSectionDefinitions),
    ]);
    return { fields, sections: sectionDefinitions };
  });
  const attachments = fieldValues.then((values) =>
    inChunks(distinct(values.map((value) => value.RegistrationAttachmentId)), async (RegistrationAttachmentIds) => (await sms.send(new DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds }))).RegistrationAttachments),
  );
  const associations = sms.send(new ListRegistrationAssociationsCommand({ RegistrationId, MaxResults: 10 })).then(async (out) => {
    const list = out.RegistrationAssociations ?? [];
    const numbers = await inChunks(distinct(list.filter((a) => a.ResourceType === 'phone-number').map((a) => a.ResourceId)), async (PhoneNumberIds) => (await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds }))).PhoneNumbers);
    return { list, numbers };
  });
  // Every version in one call (no version numbers needed first): the approved and denied ones are among them.
  const versions = sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId })).then((out) => out.RegistrationVersions);
  const [head, values, defs, files, assoc, allVersions] = await Promise.all([registrationAndType, fieldValues, definitions, attachments, associations, versions]);
  return { ...head, values, defs, files, assoc, versions: allVersions };
}

/** Module-private: every node by its type's read, then its edges (one memo per read, so an object is read once). */
async function nodeLookupList({ pinpoint, sms }: GlueClients): Promise<unknown> {
  const P = PINPOINT_SEED;
  const S = SMS_VOICE_SEED;
  const apps = new Map<string, Promise<unknown>>();
  const app = (ApplicationId: string) => {
    if (!apps.has(ApplicationId)) apps.set(ApplicationId, pinpoint.send(new GetAppCommand({ ApplicationId })).then((out) => out.ApplicationResponse));
    return apps.get(ApplicationId)!;
  };
  const campaign = async (ApplicationId: string, CampaignId: string) => {
    const out = await pinpoint.send(new GetCampaignCommand({ ApplicationId, CampaignId }));
    return { campaign: out.CampaignResponse, app: await app(ApplicationId) };
  };
  const segment = async (ApplicationId: string, SegmentId: string) => {
    const out = await pinpoint.send(new GetSegmentCommand({ ApplicationId, SegmentId }));
    return { segment: out.SegmentResponse, app: await app(ApplicationId) };
  };
  const poolNode = sms.send(new DescribePoolsCommand({ PoolIds: [S.pools.alerts] })).then((out) => out.Pools ?? []);
  const registrationNode = sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [S.registrations.tollFreeApproved] })).then((out) => out.Registrations ?? []);
  const numberIds = [S.phoneNumbers.tollFreeAlerts, S.phoneNumbers.ukLongCode, S.phoneNumbers.simulator, S.phoneNumbers.caLongCode];
  const numbers = sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: numberIds })).then(async (out) => {
    const list = out.PhoneNumbers ?? [];
    // The pool and registration nodes are already on their way; only objects they lack cost a call.
    const [knownPools, knownRegistrations] = await Promise.all([poolNode, registrationNode]);
    const poolIds = distinct(list.map((n) => n.PoolId)).filter((id) => !knownPools.some((pool) => pool.PoolId === id));
    const registrationIds = distinct(list.map((n) => n.RegistrationId)).filter((id) => !knownRegistrations.some((r) => r.RegistrationId === id));
    const [pools, lists, registrations] = await Promise.all([
      inChunks(poolIds, async (PoolIds) => (await sms.send(new DescribePoolsCommand({ PoolIds }))).Pools),
      inChunks(distinct(list.map((n) => n.OptOutListName)), async (OptOutListNames) => (await sms.send(new DescribeOptOutListsCommand({ OptOutListNames }))).OptOutLists),
      inChunks(registrationIds, async (RegistrationIds) => (await sms.send(new DescribeRegistrationsCommand({ RegistrationIds }))).Registrations),
    ]);
    return { list, pools, lists, registrations };
  });
  return Promise.all([
    campaign(P.apps.RETAIL, P.campaigns.RETAIL_SPRING_SALE),
    campaign(P.apps.RETAIL, P.campaigns.RETAIL_WEEKLY_DIGEST),
    campaign(P.apps.BANKING, P.campaigns.BANKING_CARD_OFFER),
    segment(P.apps.RETAIL, P.segments.RETAIL_VIP),
    segment(P.apps.BANKING, P.segments.BANKING_ACTIVE_USERS),
    app(P.apps.ALERTS),
    numbers,
    poolNode,
    registrationNode,
  ]);
}
