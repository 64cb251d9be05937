import { BadRequestException, PhoneNumberValidateCommand } from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// PhoneNumberValidate over HTTP: the documented table of numbering plans decides country, type,
// carrier and cleansed forms; unknown or malformed numbers are INVALID; bad input is a 400.

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator();
});
afterAll(() => stack.close());

async function validate(PhoneNumber: string | undefined, IsoCountryCode?: string) {
  return (await stack.pinpoint.send(new PhoneNumberValidateCommand({ NumberValidateRequest: { PhoneNumber, IsoCountryCode } }))).NumberValidateResponse!;
}

describe('PhoneNumberValidate', () => {
  it('answers a Seattle mobile number with the area-code table and the fixed US carrier', async () => {
    expect(await validate('+1 (206) 555-0142')).toEqual({
      OriginalPhoneNumber: '+1 (206) 555-0142',
      CountryCodeIso2: 'US',
      CountryCodeNumeric: '1',
      Country: 'United States',
      City: 'Seattle',
      County: 'King',
      ZipCode: '98101',
      Timezone: 'America/Los_Angeles',
      CleansedPhoneNumberE164: '+12065550142',
      CleansedPhoneNumberNational: '2065550142',
      Carrier: 'Example Mobile US',
      PhoneType: 'MOBILE',
      PhoneTypeCode: 0,
    });
  });

  it.each([
    ['+12125556789', 'US', 'LANDLINE', 1, 'Example Telecom US'],
    ['+13125558001', 'US', 'VOIP', 2, 'Example VoIP US'],
    ['+18005550100', 'US', 'OTHER', 4, undefined],
    ['+16045550102', 'CA', 'MOBILE', 0, 'Example Mobile CA'],
    ['+447700900100', 'GB', 'MOBILE', 0, 'Example Mobile GB'],
    ['+442079460000', 'GB', 'LANDLINE', 1, 'Example Telecom GB'],
    ['+445612345678', 'GB', 'VOIP', 2, 'Example VoIP GB'],
    ['+4915155550103', 'DE', 'MOBILE', 0, 'Example Mobile DE'],
    ['+493012345678', 'DE', 'LANDLINE', 1, 'Example Telecom DE'],
    ['+33612345678', 'FR', 'MOBILE', 0, 'Example Mobile FR'],
    ['+33912345678', 'FR', 'VOIP', 2, 'Example VoIP FR'],
    ['+61412345678', 'AU', 'MOBILE', 0, 'Example Mobile AU'],
    ['+819012345678', 'JP', 'MOBILE', 0, 'Example Mobile JP'],
    ['+815012345678', 'JP', 'VOIP', 2, 'Example VoIP JP'],
    ['+919876543210', 'IN', 'MOBILE', 0, 'Example Mobile IN'],
    ['+5511987654321', 'BR', 'MOBILE', 0, 'Example Mobile BR'],
    ['+551132345678', 'BR', 'LANDLINE', 1, 'Example Telecom BR'],
  ])('classifies %s as %s %s', async (number, country, type, code, carrier) => {
    const out = await validate(number);
    expect(out).toMatchObject({ CountryCodeIso2: country, PhoneType: type, PhoneTypeCode: code, CleansedPhoneNumberE164: number });
    expect(out.Carrier).toBe(carrier);
  });

  it('uses IsoCountryCode for a national number, dropping the trunk prefix, and echoes it', async () => {
    const out = await validate('07700 900100', 'gb');
    expect(out).toMatchObject({ CleansedPhoneNumberE164: '+447700900100', CleansedPhoneNumberNational: '7700900100', CountryCodeIso2: 'GB', Timezone: 'Europe/London', OriginalCountryCodeIso2: 'gb', PhoneType: 'MOBILE' });
    expect(await validate('1-206-555-0142', 'US')).toMatchObject({ CleansedPhoneNumberE164: '+12065550142', PhoneType: 'MOBILE' });
    expect(await validate('0044 20 7946 0000')).toMatchObject({ CleansedPhoneNumberE164: '+442079460000', PhoneType: 'LANDLINE' });
  });

  it.each([
    ['+999123456', undefined, {}],
    ['not a number', undefined, {}],
    ['12345', 'ZZ', { OriginalCountryCodeIso2: 'ZZ' }],
    ['+1206555', undefined, { CountryCodeIso2: 'US', CountryCodeNumeric: '1', Country: 'United States' }],
    ['+4915012', undefined, { CountryCodeIso2: 'DE', CountryCodeNumeric: '49', Country: 'Germany' }],
  ])('answers %s (%s) as INVALID', async (number, iso, extra) => {
    expect(await validate(number, iso)).toEqual({ OriginalPhoneNumber: number, OriginalCountryCodeIso2: iso, PhoneType: 'INVALID', PhoneTypeCode: 3, ...extra });
  });

  it.each([
    [' ', undefined, "NumberValidateRequest.PhoneNumber must be a non-empty string; got ' '"],
    [undefined, undefined, "NumberValidateRequest.PhoneNumber must be a non-empty string; got ''"],
    ['+12065550142', 'USA', "NumberValidateRequest.IsoCountryCode must be a two-letter ISO 3166-1 alpha-2 code; got 'USA'"],
  ])('rejects %j / %j with BadRequestException', async (number, iso, message) => {
    const error = await validate(number, iso).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
  });
});
