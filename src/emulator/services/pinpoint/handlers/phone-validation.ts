import type { NumberValidateResponse, PhoneNumberValidateRequest, PhoneNumberValidateResponse } from '@aws-sdk/client-pinpoint';
import { badRequest } from '../errors';
import type { PinpointHandler } from './shared';

/**
 * PhoneNumberValidate: a deterministic, documented answer per number prefix. The emulator has no
 * carrier database; it knows the numbering plans below and nothing else, so every answer can be
 * predicted from this table.
 *
 * Reading the input:
 * - spaces, '-', '.', '(' and ')' are dropped; '00' at the start means '+';
 * - a number with '+' is E.164; without it, IsoCountryCode (when given and in the table) supplies
 *   the country code, dropping one national trunk prefix ('0'; '1' for NANP); without either,
 *   the digits are read as starting with the country code (seed 002: the number "should include
 *   a valid numeric country code");
 * - anything else (letters, more than 15 digits, a country code not in the table, a number of the
 *   wrong length) is answered PhoneType INVALID (code 3), not an error. An empty number or an
 *   IsoCountryCode that is not two letters is a BadRequestException.
 *
 * The table (N = any digit 2–9; "NSN" = national significant number, which is what
 * CleansedPhoneNumberNational reports):
 *
 * | code | country (ISO) | NSN digits | MOBILE | LANDLINE | VOIP | OTHER |
 * |---|---|---|---|---|---|---|
 * | +1 | United States (US), or Canada (CA) for Canadian area codes | 10: NXX NXX XXXX | last 4 digits start 0–5 | last 4 start 6–7 | last 4 start 8–9 | toll-free area codes 800, 833, 844, 855, 866, 877, 888 |
 * | +44 | United Kingdom (GB) | 10 | 71–75, 77–79 | 1, 2 | 56 | any other start |
 * | +49 | Germany (DE) | 6–11 (mobile 10–11) | 15, 16, 17 | 2–9 except 32 | 32 | 1 other than 15–17 |
 * | +33 | France (FR) | 9 | 6, 7 | 1–5 | 9 | 8 |
 * | +61 | Australia (AU) | 9 | 4 | 2, 3, 7, 8 | 5 | 1 |
 * | +81 | Japan (JP) | 10 (70, 80, 90, 50), else 9 | 70, 80, 90 | other 9-digit | 50 (10 digits) | — |
 * | +91 | India (IN) | 10 | 6–9 | 1–5 | — | — |
 * | +55 | Brazil (BR) | 11 (mobile), 10 (landline) | 11 digits, 3rd digit 9 | 10 digits, 3rd digit 2–5 | — | — |
 *
 * NANP has no mobile prefixes, so the line-number rule above is the emulator's own convention.
 * Carriers are fictional and fixed per country and type (`Example Mobile US`, …). Timezone is the
 * country's zone; for NANP it comes from the area-code table `NANP_AREAS` (City, County, ZipCode
 * too) and is left out for other area codes. CountryCodeNumeric is the calling code ("1", "44").
 */

/** The phone types and their codes (seed 002: 0 mobile, 1 landline, 2 VoIP, 3 invalid, 4 other, 5 prepaid). */
export const PHONE_TYPE_CODES = { MOBILE: 0, LANDLINE: 1, VOIP: 2, INVALID: 3, OTHER: 4, PREPAID: 5 } as const;

/** A phone type the emulator can answer. */
export type PhoneType = keyof typeof PHONE_TYPE_CODES;

/** The PhoneNumberValidate operation. */
export function createPhoneValidationHandlers() {
  const PhoneNumberValidate: PinpointHandler<PhoneNumberValidateRequest, PhoneNumberValidateResponse> = (input) => ({
    NumberValidateResponse: validatePhoneNumber(input.NumberValidateRequest?.PhoneNumber, input.NumberValidateRequest?.IsoCountryCode),
  });
  return { PhoneNumberValidate };
}

/** The NumberValidateResponse for a number (and optional ISO country), by the table above. */
export function validatePhoneNumber(phoneNumber: string | undefined, isoCountryCode: string | undefined): NumberValidateResponse {
  if (phoneNumber === undefined || phoneNumber.trim() === '') throw badRequest(`NumberValidateRequest.PhoneNumber must be a non-empty string; got '${phoneNumber ?? ''}'`);
  if (isoCountryCode !== undefined && !/^[A-Za-z]{2}$/.test(isoCountryCode)) {
    throw badRequest(`NumberValidateRequest.IsoCountryCode must be a two-letter ISO 3166-1 alpha-2 code; got '${isoCountryCode}'`);
  }
  const original = { OriginalPhoneNumber: phoneNumber, OriginalCountryCodeIso2: isoCountryCode };
  const invalid: NumberValidateResponse = { ...original, PhoneType: 'INVALID', PhoneTypeCode: PHONE_TYPE_CODES.INVALID };
  const digits = internationalDigits(phoneNumber, isoCountryCode?.toUpperCase());
  if (digits === undefined) return invalid;
  const plan = PLANS.filter((candidate) => digits.startsWith(candidate.callingCode)).sort((a, b) => b.callingCode.length - a.callingCode.length)[0];
  if (plan === undefined) return invalid;
  const nsn = digits.slice(plan.callingCode.length);
  const type = plan.classify(nsn);
  const canadian = plan.iso2 === 'US' && CANADIAN_AREA_CODES.has(nsn.slice(0, 3));
  const face = canadian ? CANADA : plan;
  const country = { CountryCodeIso2: face.iso2, CountryCodeNumeric: plan.callingCode, Country: face.country };
  if (type === 'INVALID') return { ...invalid, ...country };
  const area = plan.iso2 === 'US' ? NANP_AREAS[nsn.slice(0, 3)] : undefined;
  return {
    ...original,
    ...country,
    City: area?.city,
    County: area?.county,
    ZipCode: area?.zip,
    Timezone: area?.timezone ?? plan.timezone,
    CleansedPhoneNumberE164: `+${digits}`,
    CleansedPhoneNumberNational: nsn,
    Carrier: carrierName(type, face.iso2),
    PhoneType: type,
    PhoneTypeCode: PHONE_TYPE_CODES[type],
  };
}

/** Module-private: one numbering plan of the table. */
interface NumberingPlan {
  readonly callingCode: string;
  readonly iso2: string;
  readonly country: string;
  readonly timezone?: string;
  /** The national trunk prefix dropped when IsoCountryCode supplies the country. */
  readonly trunkPrefix: string;
  /** The type of a national significant number, or INVALID. */
  readonly classify: (nsn: string) => PhoneType;
}

/** Module-private: the NANP area codes with a known place (the rest get no City, County, ZipCode or Timezone). */
const NANP_AREAS: Readonly<Record<string, { city: string; county?: string; zip: string; timezone: string }>> = {
  '206': { city: 'Seattle', county: 'King', zip: '98101', timezone: 'America/Los_Angeles' },
  '212': { city: 'New York', county: 'New York', zip: '10001', timezone: 'America/New_York' },
  '312': { city: 'Chicago', county: 'Cook', zip: '60601', timezone: 'America/Chicago' },
  '415': { city: 'San Francisco', county: 'San Francisco', zip: '94102', timezone: 'America/Los_Angeles' },
  '425': { city: 'Bellevue', county: 'King', zip: '98004', timezone: 'America/Los_Angeles' },
  '416': { city: 'Toronto', zip: 'M5H', timezone: 'America/Toronto' },
  '604': { city: 'Vancouver', zip: 'V6B', timezone: 'America/Vancouver' },
};

/** Module-private: Canadian area codes (the rest of NANP is read as the United States). */
const CANADIAN_AREA_CODES = new Set(
  '204 226 236 249 250 263 289 306 343 354 365 367 368 382 403 416 418 428 431 437 438 450 468 474 506 514 519 548 579 581 584 587 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905'.split(' '),
);

/** Module-private: NANP toll-free area codes. */
const TOLL_FREE_AREA_CODES = new Set(['800', '833', '844', '855', '866', '877', '888']);

/** Module-private: a classifier from a list of (pattern, type) rules; the first match wins, none is INVALID. */
function rules(...table: Array<[RegExp, PhoneType]>): (nsn: string) => PhoneType {
  return (nsn) => table.find(([pattern]) => pattern.test(nsn))?.[1] ?? 'INVALID';
}

/** Module-private: the plans, keyed by calling code. */
const PLANS: readonly NumberingPlan[] = [
  {
    callingCode: '1',
    iso2: 'US',
    country: 'United States',
    trunkPrefix: '1',
    classify: (nsn) => {
      if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(nsn)) return 'INVALID';
      if (TOLL_FREE_AREA_CODES.has(nsn.slice(0, 3))) return 'OTHER';
      const line = Number(nsn[6]);
      return line <= 5 ? 'MOBILE' : line <= 7 ? 'LANDLINE' : 'VOIP';
    },
  },
  { callingCode: '44', iso2: 'GB', country: 'United Kingdom', timezone: 'Europe/London', trunkPrefix: '0', classify: rules([/^7[1-57-9]\d{8}$/, 'MOBILE'], [/^[12]\d{9}$/, 'LANDLINE'], [/^56\d{8}$/, 'VOIP'], [/^[3-9]\d{9}$/, 'OTHER']) },
  { callingCode: '49', iso2: 'DE', country: 'Germany', timezone: 'Europe/Berlin', trunkPrefix: '0', classify: rules([/^1[5-7]\d{8,9}$/, 'MOBILE'], [/^1[5-7]/, 'INVALID'], [/^32\d{4,9}$/, 'VOIP'], [/^[2-9]\d{5,10}$/, 'LANDLINE'], [/^1\d{5,10}$/, 'OTHER']) },
  { callingCode: '33', iso2: 'FR', country: 'France', timezone: 'Europe/Paris', trunkPrefix: '0', classify: rules([/^[67]\d{8}$/, 'MOBILE'], [/^[1-5]\d{8}$/, 'LANDLINE'], [/^9\d{8}$/, 'VOIP'], [/^8\d{8}$/, 'OTHER']) },
  { callingCode: '61', iso2: 'AU', country: 'Australia', timezone: 'Australia/Sydney', trunkPrefix: '0', classify: rules([/^4\d{8}$/, 'MOBILE'], [/^[2378]\d{8}$/, 'LANDLINE'], [/^5\d{8}$/, 'VOIP'], [/^1\d{8}$/, 'OTHER']) },
  { callingCode: '81', iso2: 'JP', country: 'Japan', timezone: 'Asia/Tokyo', trunkPrefix: '0', classify: rules([/^[789]0\d{8}$/, 'MOBILE'], [/^50\d{8}$/, 'VOIP'], [/^[1-9]\d{8}$/, 'LANDLINE']) },
  { callingCode: '91', iso2: 'IN', country: 'India', timezone: 'Asia/Kolkata', trunkPrefix: '0', classify: rules([/^[6-9]\d{9}$/, 'MOBILE'], [/^[1-5]\d{9}$/, 'LANDLINE']) },
  { callingCode: '55', iso2: 'BR', country: 'Brazil', timezone: 'America/Sao_Paulo', trunkPrefix: '0', classify: rules([/^[1-9]{2}9\d{8}$/, 'MOBILE'], [/^[1-9]{2}[2-5]\d{7}$/, 'LANDLINE']) },
];

/** Module-private: the Canadian face of the +1 plan. */
const CANADA = { iso2: 'CA', country: 'Canada' } as const;

/** Module-private: the number as international digits (country code first), or undefined when it cannot be one. */
function internationalDigits(phoneNumber: string, isoCountryCode: string | undefined): string | undefined {
  const compact = phoneNumber.trim().replace(/[\s().-]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else {
    const plan = isoCountryCode === undefined ? undefined : PLANS.find((candidate) => candidate.iso2 === isoCountryCode) ?? (isoCountryCode === CANADA.iso2 ? PLANS[0] : undefined);
    if (isoCountryCode !== undefined && plan === undefined) return undefined;
    // No national significant number starts with its plan's trunk prefix, so one leading trunk digit is always the prefix.
    digits = plan === undefined ? compact : plan.callingCode + (compact.startsWith(plan.trunkPrefix) ? compact.slice(1) : compact);
  }
  return /^[1-9]\d{0,14}$/.test(digits) ? digits : undefined;
}

/** Module-private: the fictional carrier of a type in a country (OTHER numbers have none). */
function carrierName(type: Exclude<PhoneType, 'INVALID'>, iso2: string): string | undefined {
  switch (type) {
    case 'MOBILE':
      return `Example Mobile ${iso2}`;
    case 'LANDLINE':
      return `Example Telecom ${iso2}`;
    case 'VOIP':
      return `Example VoIP ${iso2}`;
    case 'PREPAID':
      return `Example Prepaid ${iso2}`;
    case 'OTHER':
      return undefined;
    default: {
      const unreachable: never = type;
      throw new Error(`Unhandled phone type: ${String(unreachable)}`);
    }
  }
}
