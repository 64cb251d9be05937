import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { unique, type ReachCase, type ReachSetup, type ReachTable, type Variables } from './kit';

/** Reach cases of schema/sms-voice-v2/*.graphql (seed IDs: `SMS_VOICE_SEED`). */

/** Module-private shorthand. */
const S = SMS_VOICE_SEED;

/** Module-private: an SNS topic for event destinations (outside both APIs). */
const SNS_TOPIC = 'arn:aws:sns:us-east-1:123456789012:reach-events';

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
  'Mutation.deleteRegistrationAttachment': {
    query: 'mutation ($id: String!) { deleteRegistrationAttachment(input: { registrationAttachmentId: $id }) { attachment { status } } }',
    variables: async (setup) => {
      const data = await setup.gql('mutation { createRegistrationAttachment(input: { attachmentUrl: "https://s3.amazonaws.com/reach/doc.pdf" }) { attachment { registrationAttachmentId } } }');
      return { id: data.createRegistrationAttachment.attachment.registrationAttachmentId };
    },
  },

  // ---------------------------------------------------------------- SMS v2: keywords
  'PhoneNumber.keywords': { query: 'query ($id: String!) { phoneNumber(phoneNumberId: $id) { keywords { nodes { keyword } } } }', variables: { id: S.phoneNumbers.simulator }, via: ['Query.phoneNumber'] },
  'PhoneNumber.keyword': { query: 'query ($id: String!) { phoneNumber(phoneNumberId: $id) { keyword(keyword: "HELP") { message } } }', variables: { id: S.phoneNumbers.simulator }, via: ['Query.phoneNumber'] },
  'Pool.keywords': { query: 'query ($id: String!) { pool(poolId: $id) { keywords { nodes { keyword } } } }', variables: { id: S.pools.alerts }, via: ['Query.pool'] },
  'Pool.keyword': { query: 'query ($id: String!) { pool(poolId: $id) { keyword(keyword: "STOP") { action } } }', variables: { id: S.pools.alerts }, via: ['Query.pool'] },
  // Keyword writes use seed numbers and pools (mutations run after every read; the account's
  // phone-number quota leaves no room for a new number per case).
  'Keyword.owner': [
    {
      query: 'mutation ($id: String!) { putKeyword(input: { originationIdentity: $id, keyword: "REACH", message: "Reached." }) { keyword { owner { __typename } } } }',
      variables: { id: S.phoneNumbers.caLongCode },
      via: ['Mutation.putKeyword'],
      reaches: ['DescribePhoneNumbers'],
    },
    {
      query: 'mutation ($id: String!) { putKeyword(input: { originationIdentity: $id, keyword: "REACH", message: "Reached." }) { keyword { owner { __typename } } } }',
      variables: { id: S.pools.alerts },
      via: ['Mutation.putKeyword'],
      reaches: ['DescribePools'],
    },
  ],
  'Mutation.putKeyword': {
    query: 'mutation ($id: String!) { putKeyword(input: { originationIdentity: $id, keyword: "INFO", message: "Info.", action: AUTOMATIC_RESPONSE }) { keyword { keyword } } }',
    variables: { id: S.phoneNumbers.tollFreePending },
  },
  'Mutation.deleteKeyword': {
    query: 'mutation ($id: String!) { deleteKeyword(input: { originationIdentity: $id, keyword: "GONE" }) { keyword { keyword } } }',
    variables: async (setup) => {
      await setup.gql('mutation ($id: String!) { putKeyword(input: { originationIdentity: $id, keyword: "GONE", message: "Gone." }) { keyword { keyword } } }', { id: S.phoneNumbers.ukLongCode });
      return { id: S.phoneNumbers.ukLongCode };
    },
  },

  // ---------------------------------------------------------------- SMS v2: opt-out list edges
  'OptOutList.optedOutNumber': {
    query: 'query ($name: String!) { optOutList(name: $name) { optedOutNumber(phoneNumber: "+12065550150") { endUserOptedOut } } }',
    variables: { name: S.optOutLists.marketing },
    via: ['Query.optOutList'],
  },
  'OptOutList.phoneNumbers': {
    query: 'query ($name: String!) { optOutList(name: $name) { phoneNumbers { nodes { phoneNumberId } } } }',
    variables: { name: S.optOutLists.marketing },
    via: ['Query.optOutList'],
  },
  'OptOutList.pools': { query: 'query ($name: String!) { optOutList(name: $name) { pools { nodes { poolId } } } }', variables: { name: S.optOutLists.marketing }, via: ['Query.optOutList'] },

  // ---------------------------------------------------------------- SMS v2: tags
  'PhoneNumber.tags': { query: 'query ($id: String!) { phoneNumber(phoneNumberId: $id) { tags { key } } }', variables: { id: S.phoneNumbers.tollFreeAlerts }, via: ['Query.phoneNumber'] },
  'Pool.tags': { query: 'query ($id: String!) { pool(poolId: $id) { tags { key } } }', variables: { id: S.pools.marketing }, via: ['Query.pool'] },
  'OptOutList.tags': { query: 'query ($name: String!) { optOutList(name: $name) { tags { key } } }', variables: { name: S.optOutLists.marketing }, via: ['Query.optOutList'] },
  'SenderId.tags': {
    query: 'query ($id: String!, $country: String!) { senderId(senderId: $id, isoCountryCode: $country) { tags { key } } }',
    variables: { id: S.senderIds.alerts.SenderId, country: S.senderIds.alerts.IsoCountryCode },
    via: ['Query.senderId'],
  },
  'ConfigurationSet.tags': { query: 'query ($name: String!) { configurationSet(name: $name) { tags { key } } }', variables: { name: S.configurationSets.main }, via: ['Query.configurationSet'] },
  'Registration.tags': registration(S.registrations.tenDlcCampaign, 'tags { key }'),
  'RegistrationAttachment.tags': {
    query: 'query ($id: String!) { registrationAttachment(registrationAttachmentId: $id) { tags { key } } }',
    variables: { id: S.attachments.optInImage },
    via: ['Query.registrationAttachment'],
  },
  'VerifiedDestinationNumber.tags': {
    query: 'query ($id: String!) { verifiedDestinationNumber(verifiedDestinationNumberId: $id) { tags { key } } }',
    variables: async (setup) => ({ id: await pendingDestinationNumber(setup) }),
    via: ['Query.verifiedDestinationNumber'],
  },
  'Mutation.smsVoiceTagResource': {
    query: 'mutation ($arn: String!) { smsVoiceTagResource(input: { resourceArn: $arn, tags: [{ key: "reach", value: "yes" }] }) { resourceArn } }',
    variables: { arn: smsArn('phone-number', S.phoneNumbers.simulator) },
  },
  'Mutation.smsVoiceUntagResource': {
    query: 'mutation ($arn: String!) { smsVoiceUntagResource(input: { resourceArn: $arn, tagKeys: ["env"] }) { resourceArn } }',
    variables: { arn: smsArn('configuration-set', S.configurationSets.main) },
  },
  'SmsVoiceTagResourcePayload.tags': {
    query: 'mutation ($arn: String!) { smsVoiceTagResource(input: { resourceArn: $arn, tags: [{ key: "reach", value: "yes" }] }) { tags { key } } }',
    variables: { arn: smsArn('pool', S.pools.alerts) },
    via: ['Mutation.smsVoiceTagResource'],
  },
  // One case per taggable type: each is read back by its own Describe operation.
  'SmsVoiceTagResourcePayload.resource': [
    tagged(smsArn('phone-number', S.phoneNumbers.caLongCode), 'DescribePhoneNumbers'),
    tagged(smsArn('pool', S.pools.marketing), 'DescribePools'),
    tagged(smsArn('opt-out-list', S.optOutLists.transactional), 'DescribeOptOutLists'),
    tagged(smsArn('configuration-set', S.configurationSets.empty), 'DescribeConfigurationSets'),
    tagged(smsArn('sender-id', `${S.senderIds.shop.SenderId}/${S.senderIds.shop.IsoCountryCode}`), 'DescribeSenderIds'),
    tagged(smsArn('registration', S.registrations.brandDraft), 'DescribeRegistrations'),
    tagged(smsArn('registration-attachment', S.attachments.letterOfAuthorization), 'DescribeRegistrationAttachments'),
    { ...tagged('', 'DescribeVerifiedDestinationNumbers'), variables: async (setup) => ({ arn: smsArn('verified-destination-number', await pendingDestinationNumber(setup)) }) },
  ],

  // ---------------------------------------------------------------- SMS v2: sender ID writes
  'Mutation.requestSenderId': {
    query: 'mutation ($id: String!) { requestSenderId(input: { senderId: $id, isoCountryCode: "FR" }) { senderId { arn } } }',
    variables: async () => ({ id: nextSenderId() }),
  },
  'Mutation.updateSenderId': {
    query: 'mutation ($id: String!) { updateSenderId(input: { senderId: $id, isoCountryCode: "FR", deletionProtectionEnabled: true }) { senderId { arn } } }',
    variables: async (setup) => ({ id: await newSenderId(setup) }),
  },
  'Mutation.releaseSenderId': {
    query: 'mutation ($id: String!) { releaseSenderId(input: { senderId: $id, isoCountryCode: "FR" }) { senderId { arn } } }',
    variables: async (setup) => ({ id: await newSenderId(setup) }),
  },

  // ---------------------------------------------------------------- SMS v2: configuration set defaults and event destinations
  'ConfigurationSet.defaultSenderIds': {
    query: 'query ($name: String!) { configurationSet(name: $name) { defaultSenderIds { isoCountryCode } } }',
    variables: { name: S.configurationSets.main },
    via: ['Query.configurationSet'],
  },
  'Mutation.createEventDestination': {
    query: `mutation ($name: String!) { createEventDestination(input: { configurationSetName: $name, eventDestinationName: "reach", matchingEventTypes: [ALL], snsDestination: { topicArn: "${SNS_TOPIC}" } }) { eventDestination { name } } }`,
    variables: async (setup) => ({ name: await newConfigurationSet(setup) }),
  },
  'Mutation.updateEventDestination': {
    query: 'mutation ($name: String!) { updateEventDestination(input: { configurationSetName: $name, eventDestinationName: "reach", enabled: false }) { eventDestination { enabled } } }',
    variables: async (setup) => ({ name: await newConfigurationSet(setup, true) }),
  },
  'Mutation.deleteEventDestination': {
    query: 'mutation ($name: String!) { deleteEventDestination(input: { configurationSetName: $name, eventDestinationName: "reach" }) { eventDestination { name } } }',
    variables: async (setup) => ({ name: await newConfigurationSet(setup, true) }),
  },
  'EventDestinationPayload.configurationSet': {
    query: 'mutation ($name: String!) { updateEventDestination(input: { configurationSetName: $name, eventDestinationName: "reach", enabled: false }) { configurationSet { name } } }',
    variables: async (setup) => ({ name: await newConfigurationSet(setup, true) }),
    via: ['Mutation.updateEventDestination'],
  },
  'Mutation.setDefaultMessageType': {
    query: 'mutation ($name: String!) { setDefaultMessageType(input: { configurationSetName: $name, messageType: PROMOTIONAL }) { messageType } }',
    variables: async (setup) => ({ name: await newConfigurationSet(setup) }),
  },
  'Mutation.deleteDefaultMessageType': {
    query: 'mutation ($name: String!) { deleteDefaultMessageType(input: { configurationSetName: $name }) { configurationSetName } }',
    variables: async (setup) => ({ name: await newConfigurationSet(setup) }),
  },
  'Mutation.setDefaultSenderId': {
    query: 'mutation ($name: String!) { setDefaultSenderId(input: { configurationSetName: $name, senderId: "ACMEINFO" }) { senderId } }',
    variables: async (setup) => ({ name: await newConfigurationSet(setup) }),
  },
  'Mutation.deleteDefaultSenderId': {
    query: 'mutation ($name: String!) { deleteDefaultSenderId(input: { configurationSetName: $name }) { configurationSetName } }',
    variables: async (setup) => ({ name: await newConfigurationSet(setup) }),
  },
  'ConfigurationSetDefaultPayload.configurationSet': {
    query: 'mutation ($name: String!) { setDefaultMessageType(input: { configurationSetName: $name, messageType: TRANSACTIONAL }) { configurationSet { defaultMessageType } } }',
    variables: async (setup) => ({ name: await newConfigurationSet(setup) }),
    via: ['Mutation.setDefaultMessageType'],
  },

  // ---------------------------------------------------------------- SMS v2: verified destination numbers
  'Query.verifiedDestinationNumbers': { query: '{ verifiedDestinationNumbers { nodes { status } } }' },
  'Query.verifiedDestinationNumber': {
    query: 'query ($id: String!) { verifiedDestinationNumber(verifiedDestinationNumberId: $id) { status } }',
    variables: async (setup) => ({ id: await pendingDestinationNumber(setup) }),
  },
  'Mutation.createVerifiedDestinationNumber': {
    query: 'mutation ($n: String!) { createVerifiedDestinationNumber(input: { destinationPhoneNumber: $n }) { verifiedDestinationNumber { status } } }',
    variables: async () => ({ n: nextDestination() }),
  },
  'Mutation.deleteVerifiedDestinationNumber': {
    query: 'mutation ($id: String!) { deleteVerifiedDestinationNumber(input: { verifiedDestinationNumberId: $id }) { destinationPhoneNumber } }',
    variables: async (setup) => ({ id: await newVerifiedDestinationNumber(setup) }),
  },
  'Mutation.sendDestinationNumberVerificationCode': {
    query: 'mutation ($id: String!) { sendDestinationNumberVerificationCode(input: { verifiedDestinationNumberId: $id, verificationChannel: TEXT }) { messageId } }',
    variables: async (setup) => ({ id: await pendingDestinationNumber(setup) }),
  },
  'SendDestinationNumberVerificationCodePayload.verifiedDestinationNumber': {
    query: 'mutation ($id: String!) { sendDestinationNumberVerificationCode(input: { verifiedDestinationNumberId: $id, verificationChannel: VOICE }) { verifiedDestinationNumber { status } } }',
    variables: async (setup) => ({ id: await pendingDestinationNumber(setup) }),
    via: ['Mutation.sendDestinationNumberVerificationCode'],
  },
  'Mutation.verifyDestinationNumber': {
    query: 'mutation ($id: String!, $code: String!) { verifyDestinationNumber(input: { verifiedDestinationNumberId: $id, verificationCode: $code }) { verifiedDestinationNumber { status } } }',
    variables: async (setup) => {
      const id = await newVerifiedDestinationNumber(setup);
      return { id, code: await sendVerificationCode(setup, id) };
    },
  },

  // ---------------------------------------------------------------- SMS v2: account, spend limits, sending
  'SmsVoiceAccount.attributes': { query: '{ smsVoiceAccount { attributes { nodes { name } } } }' },
  'SmsVoiceAccount.limits': { query: '{ smsVoiceAccount { limits { nodes { name } } } }' },
  'Query.spendLimits': { query: '{ spendLimits { nodes { name } } }' },
  // The seed account's ceilings are USD 1: an override of 1 changes nothing another case depends on.
  'Mutation.setTextMessageSpendLimitOverride': { query: 'mutation { setTextMessageSpendLimitOverride(input: { monthlyLimit: 1 }) { monthlyLimit } }' },
  'Mutation.deleteTextMessageSpendLimitOverride': { query: 'mutation { deleteTextMessageSpendLimitOverride { monthlyLimit } }' },
  'Mutation.setVoiceMessageSpendLimitOverride': { query: 'mutation { setVoiceMessageSpendLimitOverride(input: { monthlyLimit: 1 }) { monthlyLimit } }' },
  'Mutation.deleteVoiceMessageSpendLimitOverride': { query: 'mutation { deleteVoiceMessageSpendLimitOverride { monthlyLimit } }' },
  'SmsVoiceSpendLimitOverridePayload.spendLimit': {
    query: 'mutation { setVoiceMessageSpendLimitOverride(input: { monthlyLimit: 1 }) { spendLimit { enforcedLimit } } }',
    via: ['Mutation.setVoiceMessageSpendLimitOverride'],
  },
  // The seed account is in the sandbox: each send goes to a destination verified in its setup.
  'Mutation.sendTextMessage': {
    query: 'mutation ($to: String!, $from: String!) { sendTextMessage(input: { destinationPhoneNumber: $to, originationIdentity: $from, messageBody: "Reached." }) { messageId } }',
    variables: async (setup) => ({ to: await verifiedDestination(setup), from: S.phoneNumbers.simulator }),
  },
  'Mutation.sendVoiceMessage': {
    query: 'mutation ($to: String!, $from: String!) { sendVoiceMessage(input: { destinationPhoneNumber: $to, originationIdentity: $from, messageBody: "Reached." }) { messageId } }',
    variables: async (setup) => ({ to: await verifiedDestination(setup), from: S.phoneNumbers.simulator }),
  },
};

/** Module-private: the ARN of an SMS v2 resource of the seed account. */
function smsArn(resourceType: string, id: string): string {
  return `arn:aws:sms-voice:us-east-1:123456789012:${resourceType}/${id}`;
}

/** Module-private: a tag mutation whose payload reads the resource again through `operation`. */
function tagged(arn: string, operation: string): ReachCase {
  return {
    query: 'mutation ($arn: String!) { smsVoiceTagResource(input: { resourceArn: $arn, tags: [{ key: "reach", value: "yes" }] }) { resource { id } } }',
    variables: { arn },
    via: ['Mutation.smsVoiceTagResource'],
    reaches: [operation],
  };
}

/** Module-private: how many destination numbers and sender IDs the setups have handed out. */
let handedOut = 0;

/** Module-private: an E.164 number no other case uses. */
function nextDestination(): string {
  handedOut += 1;
  return `+1206555${String(3000 + handedOut).padStart(4, '0')}`;
}

/** Module-private: a sender ID no other case uses (letters only, at most 11). */
function nextSenderId(): string {
  handedOut += 1;
  return `REACH${String.fromCharCode(65 + Math.floor(handedOut / 26) % 26, 65 + (handedOut % 26))}`;
}

/** Module-private: a new sender ID in France. */
async function newSenderId(setup: ReachSetup): Promise<string> {
  const id = nextSenderId();
  await setup.gql('mutation ($id: String!) { requestSenderId(input: { senderId: $id, isoCountryCode: "FR" }) { senderId { arn } } }', { id });
  return id;
}

/** Module-private: a new configuration set, with a "reach" SNS event destination when asked. */
async function newConfigurationSet(setup: ReachSetup, withDestination = false): Promise<string> {
  const name = unique('reach-config');
  await setup.gql('mutation ($name: String!) { createConfigurationSet(input: { name: $name }) { configurationSet { name } } }', { name });
  if (withDestination) {
    await setup.gql(
      `mutation ($name: String!) { createEventDestination(input: { configurationSetName: $name, eventDestinationName: "reach", matchingEventTypes: [ALL], snsDestination: { topicArn: "${SNS_TOPIC}" } }) { eventDestination { name } } }`,
      { name },
    );
  }
  return name;
}

/** Module-private: a new pending verified destination number; its ID. */
async function newVerifiedDestinationNumber(setup: ReachSetup): Promise<string> {
  const data = await setup.gql('mutation ($n: String!) { createVerifiedDestinationNumber(input: { destinationPhoneNumber: $n }) { verifiedDestinationNumber { verifiedDestinationNumberId } } }', {
    n: nextDestination(),
  });
  return data.createVerifiedDestinationNumber.verifiedDestinationNumber.verifiedDestinationNumberId;
}

/** Module-private: sends a verification code to a pending number and reads it from the emulator's outbox. */
async function sendVerificationCode(setup: ReachSetup, id: string): Promise<string> {
  const data = await setup.gql('mutation ($id: String!) { sendDestinationNumberVerificationCode(input: { verifiedDestinationNumberId: $id, verificationChannel: TEXT }) { messageId } }', { id });
  const { messages } = await setup.emulatorAdmin('GET', 'outbox?service=sms-voice-v2');
  const message = messages.find((m: any) => m.messageId === data.sendDestinationNumberVerificationCode.messageId);
  return String(message.details.verificationCode);
}

/**
 * The account holds at most 10 verified destination numbers, so cases share two: one left
 * PENDING (reads, tags, code sends) and one VERIFIED (sends). Memoized per reach run (its setup).
 */
const sharedDestinations = new WeakMap<ReachSetup, { pending?: Promise<string>; verified?: Promise<string> }>();

/** The shared verified destination number left PENDING (also used by base.ts for `node`); its ID. */
export function pendingDestinationNumber(setup: ReachSetup): Promise<string> {
  const shared = sharedDestinations.get(setup) ?? {};
  sharedDestinations.set(setup, shared);
  return (shared.pending ??= newVerifiedDestinationNumber(setup));
}

/** Module-private: the shared destination number, verified as a sandbox account does it; the E.164 number. */
function verifiedDestination(setup: ReachSetup): Promise<string> {
  const shared = sharedDestinations.get(setup) ?? {};
  sharedDestinations.set(setup, shared);
  return (shared.verified ??= (async () => {
    const id = await newVerifiedDestinationNumber(setup);
    const code = await sendVerificationCode(setup, id);
    const data = await setup.gql(
      'mutation ($id: String!, $code: String!) { verifyDestinationNumber(input: { verifiedDestinationNumberId: $id, verificationCode: $code }) { verifiedDestinationNumber { destinationPhoneNumber } } }',
      { id, code },
    );
    return data.verifyDestinationNumber.verifiedDestinationNumber.destinationPhoneNumber;
  })());
}

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
