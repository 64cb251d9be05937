import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { unique, type ReachCase, type ReachSetup, type ReachTable, type Variables } from './kit';

/** Reach cases of schema/sms-voice-v2/*.graphql (seed IDs: `SMS_VOICE_SEED`). */

/** Module-private shorthand. */
const S = SMS_VOICE_SEED;

/** Cases of the SMS and Voice v2 coordinates. */
export const SMS_VOICE_REACH: ReachTable = {
  // ---------------------------------------------------------------- SMS v2: phone numbers
  'Query.phoneNumbers': { query: '{ phoneNumbers { nodes { phoneNumberId } } }' },
  'Query.phoneNumber': { query: 'query ($id: String!) { phoneNumber(phoneNumberId: $id) { phoneNumber } }', variables: { id: S.phoneNumbers.simulator } },
  'PhoneNumber.pool': [
    { query: 'query ($id: String!) { phoneNumber(phoneNumberId: $id) { pool { poolId } } }', variables: { id: S.phoneNumbers.tenDlcMarketing1 }, via: ['Query.phoneNumber'], reaches: ['DescribePools'] },
    // An UpdatePhoneNumber result has no PoolId: the edge reads the number again first.
    {
      query: 'mutation ($id: String!) { updatePhoneNumber(input: { phoneNumberId: $id, selfManagedOptOutsEnabled: true }) { phoneNumber { pool { poolId } } } }',
      variables: async (setup) => ({ id: await newNumber(setup) }),
      via: ['Mutation.updatePhoneNumber'],
      reaches: ['DescribePhoneNumbers'],
    },
  ],
  'PhoneNumber.poolId': {
    query: 'mutation ($id: String!) { updatePhoneNumber(input: { phoneNumberId: $id, selfManagedOptOutsEnabled: true }) { phoneNumber { poolId } } }',
    variables: async (setup) => ({ id: await newNumber(setup) }),
    via: ['Mutation.updatePhoneNumber'],
  },
  'PhoneNumber.optOutList': { query: 'query ($id: String!) { phoneNumber(phoneNumberId: $id) { optOutList { name } } }', variables: { id: S.phoneNumbers.simulator }, via: ['Query.phoneNumber'] },
  'PhoneNumber.registration': {
    query: 'query ($id: String!) { phoneNumber(phoneNumberId: $id) { registration { registrationId } } }',
    variables: { id: S.phoneNumbers.tollFreeAlerts },
    via: ['Query.phoneNumber'],
  },
  'Mutation.requestPhoneNumber': {
    query: 'mutation { requestPhoneNumber(input: { isoCountryCode: "US", messageType: TRANSACTIONAL, numberCapabilities: [SMS], numberType: SIMULATOR }) { phoneNumber { phoneNumberId } } }',
  },
  'Mutation.updatePhoneNumber': {
    query: 'mutation ($id: String!) { updatePhoneNumber(input: { phoneNumberId: $id, deletionProtectionEnabled: true }) { phoneNumber { phoneNumberId } } }',
    variables: async (setup) => ({ id: await newNumber(setup) }),
  },
  'Mutation.releasePhoneNumber': {
    query: 'mutation ($id: String!) { releasePhoneNumber(input: { phoneNumberId: $id }) { phoneNumber { phoneNumberId } } }',
    variables: async (setup) => ({ id: await newNumber(setup) }),
  },

  // ---------------------------------------------------------------- SMS v2: pools
  'Query.pools': { query: '{ pools { nodes { poolId } } }' },
  'Query.pool': { query: 'query ($id: String!) { pool(poolId: $id) { poolId } }', variables: { id: S.pools.marketing } },
  'Pool.optOutList': { query: 'query ($id: String!) { pool(poolId: $id) { optOutList { name } } }', variables: { id: S.pools.marketing }, via: ['Query.pool'] },
  'Pool.originationIdentities': {
    query: 'query ($id: String!) { pool(poolId: $id) { originationIdentities { nodes { originationIdentity } } } }',
    variables: { id: S.pools.alerts },
    via: ['Query.pool'],
  },
  'Pool.phoneNumbers': { query: 'query ($id: String!) { pool(poolId: $id) { phoneNumbers { nodes { phoneNumberId } } } }', variables: { id: S.pools.marketing }, via: ['Query.pool'] },
  // The alerts pool holds a phone number and a sender ID.
  'PoolOriginationIdentity.resource': {
    query: 'query ($id: String!) { pool(poolId: $id) { originationIdentities { nodes { resource { __typename } } } } }',
    variables: { id: S.pools.alerts },
    via: ['Query.pool', 'Pool.originationIdentities'],
  },
  'Mutation.createPool': {
    query: 'mutation ($number: String!) { createPool(input: { originationIdentity: $number, messageType: TRANSACTIONAL }) { pool { poolId } } }',
    variables: async (setup) => ({ number: await newNumber(setup) }),
  },
  'Mutation.updatePool': {
    query: 'mutation ($id: String!) { updatePool(input: { poolId: $id, sharedRoutesEnabled: true }) { pool { poolId } } }',
    variables: async (setup) => ({ id: await newPool(setup) }),
  },
  'Mutation.deletePool': {
    query: 'mutation ($id: String!) { deletePool(input: { poolId: $id }) { pool { poolId } } }',
    variables: async (setup) => ({ id: await newPool(setup) }),
  },
  'Mutation.associateOriginationIdentity': {
    query: 'mutation ($pool: String!, $number: String!) { associateOriginationIdentity(input: { poolId: $pool, originationIdentity: $number, isoCountryCode: "US" }) { originationIdentity } }',
    variables: async (setup) => ({ pool: await newPool(setup), number: await newNumber(setup) }),
  },
  'Mutation.disassociateOriginationIdentity': {
    query: 'mutation ($pool: String!, $number: String!) { disassociateOriginationIdentity(input: { poolId: $pool, originationIdentity: $number, isoCountryCode: "US" }) { originationIdentity } }',
    variables: async (setup) => {
      const pool = await newPool(setup);
      const number = await newNumber(setup);
      await setup.gql('mutation ($pool: String!, $number: String!) { associateOriginationIdentity(input: { poolId: $pool, originationIdentity: $number, isoCountryCode: "US" }) { originationIdentity } }', { pool, number });
      return { pool, number };
    },
  },
  'OriginationIdentityAssociationPayload.pool': {
    query: 'mutation ($pool: String!, $number: String!) { associateOriginationIdentity(input: { poolId: $pool, originationIdentity: $number, isoCountryCode: "US" }) { pool { poolId } } }',
    variables: async (setup) => ({ pool: await newPool(setup), number: await newNumber(setup) }),
    via: ['Mutation.associateOriginationIdentity'],
  },
  'OriginationIdentityAssociationPayload.resource': [
    {
      query: 'mutation ($pool: String!, $number: String!) { associateOriginationIdentity(input: { poolId: $pool, originationIdentity: $number, isoCountryCode: "US" }) { resource { __typename } } }',
      variables: async (setup) => ({ pool: await newPool(setup), number: await newNumber(setup) }),
      via: ['Mutation.associateOriginationIdentity'],
      reaches: ['DescribePhoneNumbers'],
    },
    {
      query: 'mutation ($pool: String!, $sender: String!, $country: String!) { associateOriginationIdentity(input: { poolId: $pool, originationIdentity: $sender, isoCountryCode: $country }) { resource { __typename } } }',
      variables: async (setup) => ({ pool: await newPool(setup), sender: S.senderIds.info.SenderId, country: S.senderIds.info.IsoCountryCode }),
      via: ['Mutation.associateOriginationIdentity'],
      reaches: ['DescribeSenderIds'],
    },
  ],

  // ---------------------------------------------------------------- SMS v2: opt-out lists
  'Query.optOutLists': { query: '{ optOutLists { nodes { name } } }' },
  'Query.optOutList': { query: 'query ($name: String!) { optOutList(name: $name) { name } }', variables: { name: S.optOutLists.marketing } },
  'OptOutList.optedOutNumbers': {
    query: 'query ($name: String!) { optOutList(name: $name) { optedOutNumbers { nodes { optedOutNumber } } } }',
    variables: { name: S.optOutLists.marketing },
    via: ['Query.optOutList'],
  },
  'Mutation.createOptOutList': { query: 'mutation ($name: String!) { createOptOutList(input: { name: $name }) { optOutList { name } } }', variables: { name: unique('reach-optouts') } },
  'Mutation.deleteOptOutList': {
    query: 'mutation ($name: String!) { deleteOptOutList(input: { name: $name }) { optOutList { name } } }',
    variables: async (setup) => ({ name: await newOptOutList(setup) }),
  },
  'Mutation.putOptedOutNumber': {
    query: 'mutation ($name: String!) { putOptedOutNumber(input: { optOutListName: $name, optedOutNumber: "+12065550188" }) { optedOutNumber { optedOutNumber } } }',
    variables: async (setup) => ({ name: await newOptOutList(setup) }),
  },
  'Mutation.deleteOptedOutNumber': {
    query: 'mutation ($name: String!) { deleteOptedOutNumber(input: { optOutListName: $name, optedOutNumber: "+12065550188" }) { optedOutNumber { optedOutNumber } } }',
    variables: async (setup) => {
      const name = await newOptOutList(setup);
      await setup.gql('mutation ($name: String!) { putOptedOutNumber(input: { optOutListName: $name, optedOutNumber: "+12065550188" }) { optedOutNumber { optedOutNumber } } }', { name });
      return { name };
    },
  },
  'OptedOutNumberPayload.optOutList': {
    query: 'mutation ($name: String!) { putOptedOutNumber(input: { optOutListName: $name, optedOutNumber: "+12065550189" }) { optOutList { name } } }',
    variables: async (setup) => ({ name: await newOptOutList(setup) }),
    via: ['Mutation.putOptedOutNumber'],
  },

  // ---------------------------------------------------------------- SMS v2: sender IDs, configuration sets
  'Query.senderIds': { query: '{ senderIds { nodes { senderId } } }' },
  'Query.senderId': { query: 'query ($id: String!, $country: String!) { senderId(senderId: $id, isoCountryCode: $country) { arn } }', variables: { id: S.senderIds.info.SenderId, country: S.senderIds.info.IsoCountryCode } },
  'SenderId.registration': {
    query: 'query ($id: String!, $country: String!) { senderId(senderId: $id, isoCountryCode: $country) { registration { registrationId } } }',
    variables: { id: S.senderIds.shop.SenderId, country: S.senderIds.shop.IsoCountryCode },
    via: ['Query.senderId'],
  },
  'Query.configurationSets': { query: '{ configurationSets { nodes { name } } }' },
  'Query.configurationSet': { query: 'query ($name: String!) { configurationSet(name: $name) { arn } }', variables: { name: S.configurationSets.main } },
  'Mutation.createConfigurationSet': { query: 'mutation ($name: String!) { createConfigurationSet(input: { name: $name }) { configurationSet { name } } }', variables: { name: unique('reach-config') } },
  'Mutation.deleteConfigurationSet': {
    query: 'mutation ($name: String!) { deleteConfigurationSet(input: { name: $name }) { configurationSet { name } } }',
    variables: async (setup) => {
      const name = unique('reach-config');
      await setup.gql('mutation ($name: String!) { createConfigurationSet(input: { name: $name }) { configurationSet { name } } }', { name });
      return { name };
    },
  },

  // ---------------------------------------------------------------- SMS v2: registrations
  'Query.registrations': { query: '{ registrations { nodes { registrationId } } }' },
  'Query.registration': { query: 'query ($id: String!) { registration(registrationId: $id) { status } }', variables: { id: S.registrations.tenDlcBrand } },
  'Query.registrationAttachments': { query: '{ registrationAttachments { nodes { registrationAttachmentId } } }' },
  'Query.registrationAttachment': { query: 'query ($id: String!) { registrationAttachment(registrationAttachmentId: $id) { status } }', variables: { id: S.attachments.optInImage } },
  'Query.registrationTypeDefinitions': { query: '{ registrationTypeDefinitions { nodes { registrationType } } }' },
  'Query.registrationTypeDefinition': { query: 'query ($type: String!) { registrationTypeDefinition(registrationType: $type) { registrationType } }', variables: { type: 'US_TOLL_FREE_REGISTRATION' } },
  'Registration.currentVersion': registration(S.registrations.tenDlcBrand, 'currentVersion { status }'),
  'Registration.approvedVersion': registration(S.registrations.tollFreeApproved, 'approvedVersion { status }'),
  'Registration.latestDeniedVersion': registration(S.registrations.tollFreeApproved, 'latestDeniedVersion { status }'),
  'Registration.versions': registration(S.registrations.tollFreeApproved, 'versions { nodes { versionNumber } }'),
  'Registration.fieldValues': registration(S.registrations.tollFreeApproved, 'fieldValues { nodes { fieldPath } }'),
  'Registration.attachments': registration(S.registrations.tollFreeApproved, 'attachments { registrationAttachmentId }'),
  'Registration.associations': registration(S.registrations.tenDlcCampaign, 'associations { nodes { resourceId } }'),
  'Registration.typeDefinition': registration(S.registrations.tenDlcBrand, 'typeDefinition { registrationType }'),
  'RegistrationFieldValue.attachment': registration(S.registrations.tollFreeApproved, 'fieldValues(first: 100) { nodes { attachment { status } } }', ['Registration.fieldValues']),
  'RegistrationFieldValue.definition': [
    registration(S.registrations.tollFreeApproved, 'fieldValues { nodes { definition { fieldType } } }', ['Registration.fieldValues'], ['DescribeRegistrationFieldDefinitions']),
    // A value a write returned does not carry its registration's type: the edge reads the registration first.
    {
      query: 'mutation ($id: String!) { putRegistrationFieldValue(input: { registrationId: $id, fieldPath: "companyInfo.taxId", textValue: "12-3456789" }) { fieldValue { definition { fieldType } } } }',
      variables: async (setup) => ({ id: await newRegistration(setup) }),
      via: ['Mutation.putRegistrationFieldValue'],
    },
  ],
  'RegistrationAssociation.resource': [
    registration(S.registrations.tenDlcCampaign, 'associations { nodes { resource { __typename } } }', ['Registration.associations'], ['DescribePhoneNumbers']),
    registration(S.registrations.sgSenderId, 'associations { nodes { resource { __typename } } }', ['Registration.associations'], ['DescribeSenderIds']),
  ],
  'RegistrationTypeDefinition.sections': typeDefinition('sections { nodes { sectionPath } }'),
  'RegistrationTypeDefinition.fields': typeDefinition('fields { nodes { fieldPath } }'),
  'RegistrationSectionDefinition.fields': typeDefinition('sections(first: 1) { nodes { fields { nodes { fieldPath } } } }', ['RegistrationTypeDefinition.sections']),
  'RegistrationFieldDefinition.section': typeDefinition('fields(first: 3) { nodes { section { sectionPath } } }', ['RegistrationTypeDefinition.fields']),
  'Mutation.createRegistration': { query: 'mutation { createRegistration(input: { registrationType: "US_TEN_DLC_BRAND_REGISTRATION" }) { registration { registrationId } } }' },
  'Mutation.deleteRegistration': {
    query: 'mutation ($id: String!) { deleteRegistration(input: { registrationId: $id }) { registration { registrationId } } }',
    variables: async (setup) => ({ id: await newRegistration(setup) }),
  },
  'Mutation.putRegistrationFieldValue': {
    query: 'mutation ($id: String!) { putRegistrationFieldValue(input: { registrationId: $id, fieldPath: "companyInfo.taxId", textValue: "12-3456789" }) { fieldValue { fieldPath } } }',
    variables: async (setup) => ({ id: await newRegistration(setup) }),
  },
  'Mutation.deleteRegistrationFieldValue': {
    query: 'mutation ($id: String!) { deleteRegistrationFieldValue(input: { registrationId: $id, fieldPath: "companyInfo.taxId" }) { fieldValue { fieldPath } } }',
    variables: async (setup) => {
      const id = await newRegistration(setup);
      await setup.gql('mutation ($id: String!) { putRegistrationFieldValue(input: { registrationId: $id, fieldPath: "companyInfo.taxId", textValue: "12-3456789" }) { fieldValue { fieldPath } } }', { id });
      return { id };
    },
  },
  'RegistrationFieldValuePayload.registration': {
    query: 'mutation ($id: String!) { putRegistrationFieldValue(input: { registrationId: $id, fieldPath: "companyInfo.taxId", textValue: "12-3456789" }) { registration { status } } }',
    variables: async (setup) => ({ id: await newRegistration(setup) }),
    via: ['Mutation.putRegistrationFieldValue'],
  },
  // Version writes need a settled current version: each uses its own seed registration.
  'Mutation.createRegistrationVersion': {
    query: 'mutation ($id: String!) { createRegistrationVersion(input: { registrationId: $id }) { version { versionNumber } } }',
    variables: { id: S.registrations.tollFreeApproved },
  },
  'RegistrationVersionPayload.registration': {
    query: 'mutation ($id: String!) { createRegistrationVersion(input: { registrationId: $id }) { registration { status } } }',
    variables: { id: S.registrations.tenDlcCampaign },
    via: ['Mutation.createRegistrationVersion'],
  },
  'RegistrationVersion.registration': {
    query: 'mutation ($id: String!) { createRegistrationVersion(input: { registrationId: $id }) { version { registration { status } } } }',
    variables: { id: S.registrations.campaignDenied },
    via: ['Mutation.createRegistrationVersion'],
  },
  'Mutation.discardRegistrationVersion': {
    query: 'mutation ($id: String!) { discardRegistrationVersion(input: { registrationId: $id }) { version { versionNumber } } }',
    variables: async (setup) => {
      await setup.gql('mutation ($id: String!) { createRegistrationVersion(input: { registrationId: $id }) { version { versionNumber } } }', { id: S.registrations.tenDlcBrand });
      return { id: S.registrations.tenDlcBrand };
    },
  },
  'Mutation.submitRegistrationVersion': {
    query: 'mutation ($id: String!) { submitRegistrationVersion(input: { registrationId: $id }) { version { status } } }',
    variables: completeBrandDraft,
  },
  'Mutation.createRegistrationAssociation': {
    query: 'mutation ($id: String!, $number: String!) { createRegistrationAssociation(input: { registrationId: $id, resourceId: $number }) { association { resourceId } } }',
    variables: async (setup) => ({ id: await newRegistration(setup, 'US_TOLL_FREE_REGISTRATION'), number: await newNumber(setup, 'TOLL_FREE') }),
  },
  'RegistrationAssociationPayload.registration': {
    query: 'mutation ($id: String!, $number: String!) { createRegistrationAssociation(input: { registrationId: $id, resourceId: $number }) { registration { status } } }',
    variables: async (setup) => ({ id: await newRegistration(setup, 'US_TOLL_FREE_REGISTRATION'), number: await newNumber(setup, 'TOLL_FREE') }),
    via: ['Mutation.createRegistrationAssociation'],
  },
  'Mutation.createRegistrationAttachment': {
    query: 'mutation ($body: String!) { createRegistrationAttachment(input: { attachmentBodyBase64: $body }) { attachment { registrationAttachmentId } } }',
    variables: { body: Buffer.from('%PDF-1.4 reach').toString('base64') },
  },
};

/** Module-private: a new US simulator number (free of pools and registrations). */
async function newNumber(setup: ReachSetup, numberType = 'SIMULATOR'): Promise<string> {
  const data = await setup.gql(
    'mutation ($type: RequestablePhoneNumberType!) { requestPhoneNumber(input: { isoCountryCode: "US", messageType: TRANSACTIONAL, numberCapabilities: [SMS], numberType: $type }) { phoneNumber { phoneNumberId } } }',
    { type: numberType },
  );
  return data.requestPhoneNumber.phoneNumber.phoneNumberId;
}

/** Module-private: a new pool around a new simulator number. */
async function newPool(setup: ReachSetup): Promise<string> {
  const data = await setup.gql('mutation ($number: String!) { createPool(input: { originationIdentity: $number, messageType: TRANSACTIONAL }) { pool { poolId } } }', {
    number: await newNumber(setup),
  });
  return data.createPool.pool.poolId;
}

/** Module-private: a new registration of a type. */
async function newRegistration(setup: ReachSetup, registrationType = 'US_TEN_DLC_BRAND_REGISTRATION'): Promise<string> {
  const data = await setup.gql('mutation ($type: String!) { createRegistration(input: { registrationType: $type }) { registration { registrationId } } }', { type: registrationType });
  return data.createRegistration.registration.registrationId;
}

/** Module-private: a new opt-out list. */
async function newOptOutList(setup: ReachSetup): Promise<string> {
  const name = unique('reach-optouts');
  await setup.gql('mutation ($name: String!) { createOptOutList(input: { name: $name }) { optOutList { name } } }', { name });
  return name;
}

/** Module-private: the seed brand draft with every required field filled, ready to submit. */
async function completeBrandDraft(setup: ReachSetup): Promise<Variables> {
  const put = 'mutation ($input: PutRegistrationFieldValueInput!) { putRegistrationFieldValue(input: $input) { fieldValue { fieldPath } } }';
  for (const [fieldPath, value] of [
    ['companyInfo.taxId', { textValue: '98-7654321' }],
    ['companyInfo.taxIdIssuingCountry', { selectChoices: ['US'] }],
    ['contactInfo.supportEmail', { textValue: 'help@example.com' }],
    ['contactInfo.supportPhoneNumber', { textValue: '+12065550123' }],
  ] as const) {
    await setup.gql(put, { input: { registrationId: S.registrations.brandDraft, fieldPath, ...value } });
  }
  return { id: S.registrations.brandDraft };
}

/** Module-private: `registration(id) { <selection> }`, through `Query.registration`. */
function registration(id: string, selection: string, via: readonly string[] = [], reaches?: readonly string[]): ReachCase {
  return {
    query: `query ($id: String!) { registration(registrationId: $id) { ${selection} } }`,
    variables: { id },
    via: ['Query.registration', ...via],
    ...(reaches ? { reaches } : {}),
  };
}

/** Module-private: `registrationTypeDefinition(US_TOLL_FREE_REGISTRATION) { <selection> }`, through `Query.registrationTypeDefinition`. */
function typeDefinition(selection: string, via: readonly string[] = []): ReachCase {
  return {
    query: `query { registrationTypeDefinition(registrationType: "US_TOLL_FREE_REGISTRATION") { ${selection} } }`,
    via: ['Query.registrationTypeDefinition', ...via],
  };
}
