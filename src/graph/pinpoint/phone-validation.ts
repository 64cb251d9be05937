import type { PhoneNumberValidationResolvers, QueryResolvers } from '../../__generated__/resolvers-types';
import type { PhoneNumberValidationModel } from '../../upstream/pinpoint/models';
import { upstreamFields } from './fields';

/** Resolvers of schema/pinpoint/phone-validation.graphql: PhoneNumberValidate as a query. */

/** Module-private. */
const Query: QueryResolvers = {
  validatePhoneNumber: (_root, args, ctx) => ctx.pinpoint.phoneNumberValidation.load({ phoneNumber: args.phoneNumber, isoCountryCode: args.isoCountryCode ?? undefined }),
};

/** Module-private. */
const PhoneNumberValidation: PhoneNumberValidationResolvers = upstreamFields<PhoneNumberValidationModel>()({
  originalPhoneNumber: 'OriginalPhoneNumber',
  originalCountryCodeIso2: 'OriginalCountryCodeIso2',
  cleansedPhoneNumberE164: 'CleansedPhoneNumberE164',
  cleansedPhoneNumberNational: 'CleansedPhoneNumberNational',
  phoneType: 'PhoneType',
  phoneTypeCode: 'PhoneTypeCode',
  carrier: 'Carrier',
  country: 'Country',
  countryCodeIso2: 'CountryCodeIso2',
  countryCodeNumeric: 'CountryCodeNumeric',
  city: 'City',
  county: 'County',
  zipCode: 'ZipCode',
  timezone: 'Timezone',
});

/** Resolvers of the phone validation query and its result type. */
export const phoneValidationResolvers = { Query, PhoneNumberValidation };
