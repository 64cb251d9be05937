import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls, referenceQuery } from './kit';

const numbers = SMS_VOICE_SEED.phoneNumbers;
const registrations = SMS_VOICE_SEED.registrations;
const attachments = SMS_VOICE_SEED.attachments;

describe('registrations: reads', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('a registration with its versions, type definition and associated numbers costs the written minimum', async () => {
    const reference = referenceQuery('sms-registration-with-associations');
    const result = await gqlWithEmulatorCalls(stack, reference.query, { registrationId: registrations.tenDlcCampaign });
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.registration).toEqual({
      registrationId: registrations.tenDlcCampaign,
      registrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION',
      status: 'COMPLETE',
      currentVersion: { versionNumber: 1, status: 'APPROVED' },
      typeDefinition: { registrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION', displayHints: { title: 'US 10DLC campaign registration' } },
      associations: {
        nodes: [numbers.tenDlcMarketing1, numbers.tenDlcMarketing2].map((id, index) => ({
          resourceType: 'phone-number',
          resourceId: id,
          resource: { __typename: 'PhoneNumber', phoneNumber: `+1425555010${index}`, registrationId: registrations.tenDlcCampaign, pool: { poolId: SMS_VOICE_SEED.pools.marketing } },
        })),
      },
    });
    expectCalls(result, reference.byOperation);
    expect(reference.minimum).toBe(6);
  });

  test('every registration with its associated numbers and sender IDs costs the written minimum', async () => {
    const reference = referenceQuery('sms-registrations-all-associations');
    const result = await gqlWithEmulatorCalls(stack, reference.query);
    expect(result.response.body.errors).toBeUndefined();
    const byId = Object.fromEntries((result.response.body.data.registrations.nodes as any[]).map((node) => [node.registrationId, node.associations.nodes]));
    expect(Object.keys(byId).sort()).toEqual(Object.values(registrations).sort());
    expect(byId[registrations.sgSenderId]).toEqual([{ resourceType: 'sender-id', resource: { __typename: 'SenderId', senderId: 'ACMESHOP', isoCountryCode: 'SG' } }]);
    expect(byId[registrations.tollFreeApproved]).toEqual([{ resourceType: 'phone-number', resource: { __typename: 'PhoneNumber', phoneNumberId: numbers.tollFreeAlerts } }]);
    expect(byId[registrations.brandDraft]).toEqual([]);
    expectCalls(result, reference.byOperation);
  });

  test('field values with attachments, definitions and sections cost the written minimum', async () => {
    const reference = referenceQuery('sms-registration-fields');
    const result = await gqlWithEmulatorCalls(stack, reference.query, { registrationId: registrations.tollFreeApproved });
    expect(result.response.body.errors).toBeUndefined();
    const registration = result.response.body.data.registration;
    const values = registration.fieldValues.nodes as any[];
    expect(values).toHaveLength(7);
    const image = values.find((value) => value.fieldPath === 'messagingUseCase.optInImage');
    expect(image).toEqual({
      fieldPath: 'messagingUseCase.optInImage',
      textValue: null,
      selectChoices: null,
      attachment: { registrationAttachmentId: attachments.optInImage, status: 'UPLOAD_COMPLETE' },
      definition: { fieldType: 'ATTACHMENT', fieldRequirement: 'REQUIRED', section: { sectionPath: 'messagingUseCase', displayHints: { title: 'Messaging use case' } } },
    });
    expect(values.find((value) => value.fieldPath === 'messagingUseCase.useCaseCategory')).toMatchObject({ selectChoices: ['ACCOUNT_NOTIFICATIONS'], definition: { fieldType: 'SELECT' } });
    expect(registration.attachments).toEqual([{ registrationAttachmentId: attachments.optInImage }]);
    expectCalls(result, reference.byOperation);
  });

  test('versions: a denied then approved registration lists both, with status history and denied reasons', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($id: String!) { registration(registrationId: $id) { currentVersionNumber approvedVersionNumber latestDeniedVersionNumber
        approvedVersion { versionNumber } latestDeniedVersion { versionNumber deniedReasons { reason shortDescription } }
        versions(first: 10) { nodes { versionNumber status statusHistory { draftTimestamp submittedTimestamp approvedTimestamp deniedTimestamp } registration { registrationId } } } } }`,
      { id: registrations.tollFreeApproved },
    );
    expect(result.response.body.errors).toBeUndefined();
    const registration = result.response.body.data.registration;
    expect(registration).toMatchObject({
      currentVersionNumber: 2,
      approvedVersionNumber: 2,
      latestDeniedVersionNumber: 1,
      approvedVersion: { versionNumber: 2 },
      latestDeniedVersion: { versionNumber: 1, deniedReasons: [{ reason: 'Incomplete message sample', shortDescription: 'The message sample must name the company and say how to opt out.' }] },
    });
    expect(registration.versions.nodes.map((version: any) => [version.versionNumber, version.status, version.statusHistory.deniedTimestamp === null])).toEqual([
      [1, 'DENIED', false],
      [2, 'APPROVED', true],
    ]);
    expect(registration.versions.nodes[1].registration).toEqual({ registrationId: registrations.tollFreeApproved });
    // Versions 1 and 2 are asked for together (one call of 2 version numbers), the list is one page;
    // the versions' registration edge is the already-loaded registration.
    // The approved and denied versions come from the version page the same request reads.
    expectCalls(result, { DescribeRegistrations: 1, DescribeRegistrationVersions: 1 });
  });

  test('the current and approved versions come from the version list the same request reads (no read by number)', async () => {
    const query = `query ($id: String!) { registration(registrationId: $id) {
      currentVersion { versionNumber status } approvedVersion { versionNumber status }
      versions(first: 10) { nodes { versionNumber status } } } }`;
    const result = await gqlWithEmulatorCalls(stack, query, { id: registrations.tollFreeApproved });
    expect(result.response.body.errors).toBeUndefined();
    const { currentVersion, approvedVersion, versions } = result.response.body.data.registration;
    // The same versions a read by number gives (the next request reads them so, without the list).
    const byNumber = await gqlWithEmulatorCalls(stack, `query ($id: String!) { registration(registrationId: $id) { currentVersion { versionNumber status } approvedVersion { versionNumber status } } }`, {
      id: registrations.tollFreeApproved,
    });
    expect(byNumber.response.body.data.registration).toEqual({ currentVersion, approvedVersion });
    expect(versions.nodes).toEqual(expect.arrayContaining([currentVersion, approvedVersion]));
    expectCalls(result, { DescribeRegistrations: 1, DescribeRegistrationVersions: 1 });
    expectCalls(byNumber, { DescribeRegistrations: 1, DescribeRegistrationVersions: 1 });
  });

  test('registration type definitions with sections and fields; a section lists its own fields', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      `{ registrationTypeDefinition(registrationType: "SG_SENDER_ID_REGISTRATION") { registrationType displayHints { title shortDescription }
          supportedAssociations { resourceType isoCountryCode associationBehavior disassociationBehavior }
          sections { nodes { sectionPath fields { nodes { fieldPath fieldType fieldRequirement } } } }
          fields(first: 2) { nodes { fieldPath selectValidation { options } textValidation { minLength maxLength pattern } displayHints { title exampleTextValue } } pageInfo { hasNextPage } } } }`,
    );
    expect(result.response.body.errors).toBeUndefined();
    const definition = result.response.body.data.registrationTypeDefinition;
    expect(definition).toMatchObject({
      registrationType: 'SG_SENDER_ID_REGISTRATION',
      displayHints: { title: 'Singapore sender ID registration' },
      supportedAssociations: [{ resourceType: 'SENDER_ID', isoCountryCode: 'SG', associationBehavior: 'ASSOCIATE_BEFORE_SUBMIT', disassociationBehavior: 'DELETE_REGISTRATION_DISASSOCIATES' }],
    });
    expect(definition.sections.nodes).toEqual([
      { sectionPath: 'companyInfo', fields: { nodes: [{ fieldPath: 'companyInfo.companyName', fieldType: 'TEXT', fieldRequirement: 'REQUIRED' }] } },
      {
        sectionPath: 'senderIdInfo',
        fields: {
          nodes: [
            { fieldPath: 'senderIdInfo.letterOfAuthorization', fieldType: 'ATTACHMENT', fieldRequirement: 'REQUIRED' },
            { fieldPath: 'senderIdInfo.useCase', fieldType: 'SELECT', fieldRequirement: 'OPTIONAL' },
          ],
        },
      },
    ]);
    expect(definition.fields.nodes[0]).toEqual({
      fieldPath: 'companyInfo.companyName',
      selectValidation: null,
      textValidation: { minLength: 1, maxLength: 100, pattern: '^.+$' },
      displayHints: { title: 'Company name', exampleTextValue: 'AnyCompany' },
    });
    expect(definition.fields.pageInfo.hasNextPage).toBe(true);
    expectCalls(result, { DescribeRegistrationTypeDefinitions: 1, DescribeRegistrationSectionDefinitions: 1, DescribeRegistrationFieldDefinitions: 3 });
  });

  test('attachments: list, by ID and node(id)', async () => {
    const id = globalId('RegistrationAttachment', attachments.letterOfAuthorization);
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($id: ID!) { registrationAttachments { nodes { registrationAttachmentId status attachmentUrl } }
        node(id: $id) { id ... on RegistrationAttachment { arn createdTimestamp } } }`,
      { id },
    );
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.registrationAttachments.nodes).toEqual([
      { registrationAttachmentId: attachments.optInImage, status: 'UPLOAD_COMPLETE', attachmentUrl: null },
      { registrationAttachmentId: attachments.letterOfAuthorization, status: 'UPLOAD_COMPLETE', attachmentUrl: 'https://s3.amazonaws.com/anycompany-registrations/loa-acmeshop-sg.pdf' },
    ]);
    expect(result.response.body.data.node).toEqual({ id, arn: `arn:aws:sms-voice:us-east-1:123456789012:registration-attachment/${attachments.letterOfAuthorization}`, createdTimestamp: expect.any(String) });
    // The node's attachment is on the account's list page read beside it (the only page): no second call.
    expectCalls(result, { DescribeRegistrationAttachments: 1 });
  });

  test.each([
    ['fields first', 'fields(first: 3) { nodes { fieldPath section { sectionPath } } } sections(first: 2) { nodes { sectionPath } }'],
    ['sections first', 'sections(first: 2) { nodes { sectionPath } } fields(first: 3) { nodes { fieldPath section { sectionPath } } }'],
  ])("a field's section is taken from its type's section page read beside it, in either order (%s)", async (_, selections) => {
    // Found by the generated order property: the section lookup joined the page only when the page answered first.
    const result = await gqlWithEmulatorCalls(stack, `{ registrationTypeDefinitions(first: 1) { nodes { registrationType ${selections} } } }`);
    expect(result.response.body.errors).toBeUndefined();
    const [type] = result.response.body.data.registrationTypeDefinitions.nodes;
    const sectionPaths = type.sections.nodes.map((section: { sectionPath: string }) => section.sectionPath);
    expect(type.fields.nodes.length).toBeGreaterThan(0);
    // The sections the fields name are on that page (the seed's type has two): else a read by path would be right.
    for (const field of type.fields.nodes) expect(sectionPaths).toContain(field.section.sectionPath);
    expectCalls(result, { DescribeRegistrationTypeDefinitions: 1, DescribeRegistrationFieldDefinitions: 1, DescribeRegistrationSectionDefinitions: 1 });
  });
});

describe('registrations: mutations return the changed objects', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('fill and submit a draft brand registration, field by field', async () => {
    const put = (fieldPath: string, value: { readonly textValue?: string; readonly selectChoices?: readonly string[] }) =>
      gqlWithEmulatorCalls(
        stack,
        `mutation ($input: PutRegistrationFieldValueInput!) { putRegistrationFieldValue(input: $input) {
          fieldValue { fieldPath textValue selectChoices definition { fieldRequirement } } registration { registrationId status } } }`,
        { input: { registrationId: registrations.brandDraft, fieldPath, ...value } },
      );
    const first = await put('companyInfo.taxId', { textValue: '98-7654321' });
    expect(first.response.body.errors).toBeUndefined();
    expect(first.response.body.data.putRegistrationFieldValue).toEqual({
      fieldValue: { fieldPath: 'companyInfo.taxId', textValue: '98-7654321', selectChoices: null, definition: { fieldRequirement: 'REQUIRED' } },
      registration: { registrationId: registrations.brandDraft, status: 'CREATED' },
    });
    // The write result carries no registration type: the definition edge reads the registration (shared with the payload's edge).
    expectCalls(first, { PutRegistrationFieldValue: 1, DescribeRegistrations: 1, DescribeRegistrationFieldDefinitions: 1 });

    for (const [path, value] of [
      ['companyInfo.taxIdIssuingCountry', { selectChoices: ['US'] }],
      ['contactInfo.supportEmail', { textValue: 'help@example.com' }],
      ['contactInfo.supportPhoneNumber', { textValue: '+12065550123' }],
    ] as const) {
      const result = await put(path, value);
      expect(result.response.body.errors).toBeUndefined();
    }

    const cleared = await gqlWithEmulatorCalls(
      stack,
      'mutation ($input: DeleteRegistrationFieldValueInput!) { deleteRegistrationFieldValue(input: $input) { fieldValue { fieldPath textValue } } }',
      { input: { registrationId: registrations.brandDraft, fieldPath: 'contactInfo.supportPhoneNumber' } },
    );
    expect(cleared.response.body.data.deleteRegistrationFieldValue.fieldValue).toEqual({ fieldPath: 'contactInfo.supportPhoneNumber', textValue: '+12065550123' });
    expectCalls(cleared, { DeleteRegistrationFieldValue: 1 });
    expect((await put('contactInfo.supportPhoneNumber', { textValue: '+12065550123' })).response.body.errors).toBeUndefined();

    const submitted = await gqlWithEmulatorCalls(
      stack,
      `mutation ($input: RegistrationIdInput!) { submitRegistrationVersion(input: $input) {
        version { versionNumber status statusHistory { submittedTimestamp } } registration { status currentVersion { status } } } }`,
      { input: { registrationId: registrations.brandDraft } },
    );
    expect(submitted.response.body.errors).toBeUndefined();
    expect(submitted.response.body.data.submitRegistrationVersion).toEqual({
      version: { versionNumber: 1, status: 'SUBMITTED', statusHistory: { submittedTimestamp: expect.any(String) } },
      registration: { status: 'SUBMITTED', currentVersion: { status: 'SUBMITTED' } },
    });
    expectCalls(submitted, { SubmitRegistrationVersion: 1, DescribeRegistrations: 1, DescribeRegistrationVersions: 1 });
  });

  test('create a new version of an approved registration, then discard it', async () => {
    const created = await gqlWithEmulatorCalls(
      stack,
      'mutation ($input: RegistrationIdInput!) { createRegistrationVersion(input: $input) { version { versionNumber status } registration { currentVersionNumber } } }',
      { input: { registrationId: registrations.tollFreeApproved } },
    );
    expect(created.response.body.errors).toBeUndefined();
    expect(created.response.body.data.createRegistrationVersion).toEqual({ version: { versionNumber: 3, status: 'DRAFT' }, registration: { currentVersionNumber: 3 } });
    expectCalls(created, { CreateRegistrationVersion: 1, DescribeRegistrations: 1 });

    const discarded = await gqlWithEmulatorCalls(
      stack,
      'mutation ($input: RegistrationIdInput!) { discardRegistrationVersion(input: $input) { version { versionNumber status statusHistory { discardedTimestamp } } } }',
      { input: { registrationId: registrations.tollFreeApproved } },
    );
    expect(discarded.response.body.errors).toBeUndefined();
    expect(discarded.response.body.data.discardRegistrationVersion.version).toEqual({ versionNumber: 3, status: 'DISCARDED', statusHistory: { discardedTimestamp: expect.any(String) } });
    expectCalls(discarded, { DiscardRegistrationVersion: 1 });
  });

  test('create a toll-free registration, associate a new toll-free number, upload an attachment; deleting it while associated is a CONFLICT', async () => {
    const registration = await gqlWithEmulatorCalls(
      stack,
      'mutation { createRegistration(input: { registrationType: "US_TOLL_FREE_REGISTRATION" }) { registration { registrationId status currentVersionNumber currentVersion { status } } } }',
    );
    expect(registration.response.body.errors).toBeUndefined();
    const created = registration.response.body.data.createRegistration.registration;
    expect(created).toMatchObject({ status: 'CREATED', currentVersionNumber: 1, currentVersion: { status: 'DRAFT' } });
    expectCalls(registration, { CreateRegistration: 1, DescribeRegistrationVersions: 1 });

    const number = await stack.gql(
      'mutation { requestPhoneNumber(input: { isoCountryCode: "US", messageType: TRANSACTIONAL, numberCapabilities: [SMS], numberType: TOLL_FREE }) { phoneNumber { phoneNumberId } } }',
    );
    expect(number.body.errors).toBeUndefined();
    const phoneNumberId = number.body.data.requestPhoneNumber.phoneNumber.phoneNumberId;

    const associated = await gqlWithEmulatorCalls(
      stack,
      `mutation ($input: CreateRegistrationAssociationInput!) { createRegistrationAssociation(input: $input) {
        association { resourceType resourceId resource { ... on PhoneNumber { phoneNumberId registrationId } } } registration { associations { nodes { resourceId } } } } }`,
      { input: { registrationId: created.registrationId, resourceId: phoneNumberId } },
    );
    expect(associated.response.body.errors).toBeUndefined();
    expect(associated.response.body.data.createRegistrationAssociation).toEqual({
      association: { resourceType: 'phone-number', resourceId: phoneNumberId, resource: { phoneNumberId, registrationId: created.registrationId } },
      registration: { associations: { nodes: [{ resourceId: phoneNumberId }] } },
    });
    expectCalls(associated, { CreateRegistrationAssociation: 1, DescribePhoneNumbers: 1, DescribeRegistrations: 1, ListRegistrationAssociations: 1 });

    const attachment = await gqlWithEmulatorCalls(
      stack,
      'mutation ($input: CreateRegistrationAttachmentInput!) { createRegistrationAttachment(input: $input) { attachment { id registrationAttachmentId status } } }',
      { input: { attachmentBodyBase64: Buffer.from('%PDF-1.4 test document').toString('base64') } },
    );
    expect(attachment.response.body.errors).toBeUndefined();
    const uploaded = attachment.response.body.data.createRegistrationAttachment.attachment;
    expect(uploaded).toEqual({ id: globalId('RegistrationAttachment', uploaded.registrationAttachmentId), registrationAttachmentId: expect.stringMatching(/^attachment-/), status: 'UPLOAD_COMPLETE' });
    expectCalls(attachment, { CreateRegistrationAttachment: 1 });

    const deleteBlocked = await gqlWithEmulatorCalls(stack, 'mutation ($input: RegistrationIdInput!) { deleteRegistration(input: $input) { registration { registrationId } } }', {
      input: { registrationId: created.registrationId },
    });
    expect(deleteBlocked.response.body.errors).toMatchObject([{ path: ['deleteRegistration'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(deleteBlocked, { DeleteRegistration: 1 });
  });

  test('an attachment needs exactly one of URL and body: BAD_USER_INPUT before any call', async () => {
    const result = await gqlWithEmulatorCalls(stack, 'mutation { createRegistrationAttachment(input: {}) { attachment { registrationAttachmentId } } }');
    expect(result.response.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    expect(result.response.body.errors![0].message).toBe('createRegistrationAttachment takes exactly one of "attachmentUrl" and "attachmentBodyBase64"; got neither.');
    expectCalls(result, {});
  });

  test('create and delete a registration without associations returns it as deleted', async () => {
    const created = await stack.gql('mutation { createRegistration(input: { registrationType: "US_TEN_DLC_BRAND_REGISTRATION" }) { registration { registrationId } } }');
    const registrationId = created.body.data.createRegistration.registration.registrationId;
    const deleted = await gqlWithEmulatorCalls(stack, 'mutation ($input: RegistrationIdInput!) { deleteRegistration(input: $input) { registration { registrationId status } } }', {
      input: { registrationId },
    });
    expect(deleted.response.body.errors).toBeUndefined();
    expect(deleted.response.body.data.deleteRegistration.registration).toEqual({ registrationId, status: 'DELETED' });
    expectCalls(deleted, { DeleteRegistration: 1 });
  });
});
