import {
  DescribeRegistrationFieldDefinitionsCommand,
  DescribeRegistrationSectionDefinitionsCommand,
  DescribeRegistrationTypeDefinitionsCommand,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

// The catalogue is the same for every account and never changes, so one account serves all tests.
let fx: SmsFixture;
let sms: ReturnType<SmsFixture['account']>['sms'];

beforeAll(async () => {
  fx = await startSmsFixture();
  sms = fx.account().sms;
});
afterAll(() => fx.close());

describe('registration type definitions', () => {
  it('lists the types with their association rules', async () => {
    const all = await sms.send(new DescribeRegistrationTypeDefinitionsCommand({}));
    expect(all.RegistrationTypeDefinitions?.map((d) => d.RegistrationType)).toEqual([
      'SG_SENDER_ID_REGISTRATION',
      'US_TEN_DLC_BRAND_REGISTRATION',
      'US_TEN_DLC_CAMPAIGN_REGISTRATION',
      'US_TOLL_FREE_REGISTRATION',
    ]);
    const tollFree = all.RegistrationTypeDefinitions?.[3];
    expect(tollFree).toEqual({
      RegistrationType: 'US_TOLL_FREE_REGISTRATION',
      SupportedAssociations: [{ ResourceType: 'PHONE_NUMBER', IsoCountryCode: 'US', AssociationBehavior: 'ASSOCIATE_BEFORE_SUBMIT', DisassociationBehavior: 'DISASSOCIATE_ALL_ALLOWS_DELETE_REGISTRATION' }],
      DisplayHints: { Title: 'US toll-free registration', ShortDescription: expect.any(String) },
    });
  });

  it('describes by type, by filter and by page', async () => {
    const types = async (input: object) => (await sms.send(new DescribeRegistrationTypeDefinitionsCommand(input))).RegistrationTypeDefinitions?.map((d) => d.RegistrationType);
    expect(await types({ RegistrationTypes: ['US_TOLL_FREE_REGISTRATION', 'SG_SENDER_ID_REGISTRATION'] })).toEqual(['US_TOLL_FREE_REGISTRATION', 'SG_SENDER_ID_REGISTRATION']);
    expect(await types({ Filters: [{ Name: 'supported-association-resource-type', Values: ['PHONE_NUMBER'] }] })).toEqual(['US_TEN_DLC_CAMPAIGN_REGISTRATION', 'US_TOLL_FREE_REGISTRATION']);
    expect(await types({ Filters: [{ Name: 'supported-association-iso-country-code', Values: ['SG'] }] })).toEqual(['SG_SENDER_ID_REGISTRATION']);
    const page = await sms.send(new DescribeRegistrationTypeDefinitionsCommand({ MaxResults: 3 }));
    const rest = await sms.send(new DescribeRegistrationTypeDefinitionsCommand({ MaxResults: 3, NextToken: page.NextToken }));
    expect(rest.RegistrationTypeDefinitions?.map((d) => d.RegistrationType)).toEqual(['US_TOLL_FREE_REGISTRATION']);
    const unknown = await rejectionOf(sms.send(new DescribeRegistrationTypeDefinitionsCommand({ RegistrationTypes: ['US_TOLL_FREE_REGISTRATION', 'NOPE'] })));
    expect(unknown).toBeInstanceOf(ValidationException);
    expect(unknown).toMatchObject({ Reason: 'UNKNOWN_REGISTRATION_TYPE', Fields: [{ Name: 'RegistrationTypes' }] });
  });
});

describe('registration section and field definitions', () => {
  it('describes the sections of a type', async () => {
    const all = await sms.send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION' }));
    expect(all.RegistrationType).toBe('US_TOLL_FREE_REGISTRATION');
    expect(all.RegistrationSectionDefinitions?.map((s) => s.SectionPath)).toEqual(['companyInfo', 'contactInfo', 'messagingUseCase']);
    expect(all.RegistrationSectionDefinitions?.[0].DisplayHints).toEqual({ Title: 'Company information', ShortDescription: expect.any(String) });
    const some = await sms.send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', SectionPaths: ['messagingUseCase'] }));
    expect(some.RegistrationSectionDefinitions?.map((s) => s.SectionPath)).toEqual(['messagingUseCase']);
    expect(await rejectionOf(sms.send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', SectionPaths: ['nope'] })))).toMatchObject({ Reason: 'UNKNOWN_REGISTRATION_SECTION' });
    expect(await rejectionOf(sms.send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType: 'NOPE' })))).toMatchObject({ Reason: 'UNKNOWN_REGISTRATION_TYPE' });
  });

  it('describes the fields of a type, by section, path and page', async () => {
    const paths = async (input: object) =>
      (await sms.send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', ...input }))).RegistrationFieldDefinitions?.map((f) => f.FieldPath);
    expect(await paths({ SectionPath: 'companyInfo' })).toEqual(['companyInfo.companyName', 'companyInfo.website']);
    expect(await paths({ FieldPaths: ['messagingUseCase.optInImage', 'contactInfo.supportEmail'] })).toEqual(['messagingUseCase.optInImage', 'contactInfo.supportEmail']);
    const first = await sms.send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', MaxResults: 5 }));
    const second = await sms.send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', MaxResults: 5, NextToken: first.NextToken }));
    expect(first.RegistrationFieldDefinitions).toHaveLength(5);
    expect(second.RegistrationFieldDefinitions).toHaveLength(3);
    expect(second.NextToken).toBeUndefined();

    const select = (await sms.send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', FieldPaths: ['messagingUseCase.useCaseCategory'] }))).RegistrationFieldDefinitions?.[0];
    expect(select).toMatchObject({ SectionPath: 'messagingUseCase', FieldType: 'SELECT', FieldRequirement: 'REQUIRED', SelectValidation: { MinChoices: 1, MaxChoices: 1, Options: expect.arrayContaining(['MARKETING']) } });
    const text = (await sms.send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION', FieldPaths: ['contactInfo.supportEmail'] }))).RegistrationFieldDefinitions?.[0];
    expect(text).toMatchObject({ FieldType: 'TEXT', TextValidation: { MinLength: 3, MaxLength: 100, Pattern: expect.any(String) }, DisplayHints: { Title: 'Support email' } });

    expect(await rejectionOf(paths({ FieldPaths: ['companyInfo.nope'] }))).toMatchObject({ name: 'ValidationException', Reason: 'UNKNOWN_REGISTRATION_FIELD' });
    expect(await rejectionOf(paths({ SectionPath: 'nope' }))).toMatchObject({ name: 'ValidationException', Reason: 'UNKNOWN_REGISTRATION_SECTION' });
  });
});
