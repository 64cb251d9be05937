import type { Resolvers } from '../../__generated__/resolvers-types';
import type { NodeFetchers, NodeReads } from '../node';
import { accountResolvers } from './account';
import { configurationSetNodeFetchers, configurationSetResolvers } from './configuration-set';
import { keywordResolvers } from './keyword';
import { optOutListNodeFetchers, optOutListResolvers } from './opt-out-list';
import { phoneNumberNodeFetchers, phoneNumberResolvers } from './phone-number';
import { poolNodeFetchers, poolResolvers } from './pool';
import { registrationNodeFetchers, registrationResolvers } from './registration';
import { sendResolvers } from './send';
import { senderIdNodeFetchers, senderIdResolvers } from './sender-id';
import { spendLimitResolvers } from './spend-limit';
import { tagResolvers } from './tag';
import { verifiedDestinationNumberNodeFetchers, verifiedDestinationNumberResolvers } from './verified-destination-number';

/** Module-private: the resolver maps of the files beside this one, one per schema file. */
const maps: readonly Resolvers[] = [
  phoneNumberResolvers,
  poolResolvers,
  optOutListResolvers,
  senderIdResolvers,
  configurationSetResolvers,
  registrationResolvers,
  keywordResolvers,
  verifiedDestinationNumberResolvers,
  spendLimitResolvers,
  accountResolvers,
  sendResolvers,
  tagResolvers,
];

/** Resolvers of every SMS and Voice v2 type (merged from the files beside this one). */
export const smsVoiceResolvers: Resolvers = mergeByType(maps);

/** How `node(id)` fetches each SMS v2 type from its global ID keys. */
export const smsVoiceNodeFetchers: NodeFetchers = {
  ...phoneNumberNodeFetchers,
  ...poolNodeFetchers,
  ...optOutListNodeFetchers,
  ...senderIdNodeFetchers,
  ...configurationSetNodeFetchers,
  ...registrationNodeFetchers,
  ...verifiedDestinationNumberNodeFetchers,
};

/** What each fetcher above reads (every SMS v2 node is one Describe by its one ID or key pair). */
export const smsVoiceNodeReads: NodeReads = {
  PhoneNumber: () => 'DescribePhoneNumbers',
  Pool: () => 'DescribePools',
  OptOutList: () => 'DescribeOptOutLists',
  SenderId: () => 'DescribeSenderIds',
  ConfigurationSet: () => 'DescribeConfigurationSets',
  Registration: () => 'DescribeRegistrations',
  RegistrationAttachment: () => 'DescribeRegistrationAttachments',
  VerifiedDestinationNumber: () => 'DescribeVerifiedDestinationNumbers',
};

/**
 * Module-private: merges the files' maps type by type (several files extend Query and Mutation).
 * A field defined twice is a programming error, caught at start-up.
 */
function mergeByType(resolverMaps: readonly Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of resolverMaps) {
    for (const [typeName, fields] of Object.entries(map) as [string, Record<string, unknown>][]) {
      const target = (merged[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (Object.hasOwn(target, field)) throw new Error(`SMS v2 resolver "${typeName}.${field}" is defined in two files; each field belongs to one file.`);
        target[field] = resolver;
      }
    }
  }
  return merged as Resolvers;
}
