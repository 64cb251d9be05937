import type { CoverageService } from './services';

/**
 * The SDK operations the graph does not reach, each with its reason. Two lists, both exact (the
 * manifest test fails when an entry is stale):
 *
 * - {@link SDK_ONLY_EXCLUSIONS}: operations the SDK has but the seed API references do not. The
 *   gateway and its emulator are built from the seeds, so these are out of scope on purpose.
 * - {@link NOT_YET_IN_GRAPH}: seed operations no schema field reaches yet. When a field starts
 *   reaching one (annotated `@upstream`), its name must leave this list.
 */

/** The reason of every {@link NOT_YET_IN_GRAPH} entry. */
export const NOT_YET_IN_GRAPH_REASON = 'not yet in the graph (issue 6)';

/** SDK operations that no seed documents, with the reason each stays out of the graph. */
export const SDK_ONLY_EXCLUSIONS: Readonly<Record<CoverageService, Readonly<Record<string, string>>>> = {
  // Seed 002 and @aws-sdk/client-pinpoint name the same 122 operations: nothing is SDK-only.
  pinpoint: {},
  smsVoice: {
    ...newerThanSeed003('protect configurations (country rule sets against SMS pumping)', [
      'AssociateProtectConfiguration',
      'CreateProtectConfiguration',
      'DeleteAccountDefaultProtectConfiguration',
      'DeleteProtectConfiguration',
      'DeleteProtectConfigurationRuleSetNumberOverride',
      'DescribeProtectConfigurations',
      'DisassociateProtectConfiguration',
      'GetProtectConfigurationCountryRuleSet',
      'ListProtectConfigurationRuleSetNumberOverrides',
      'PutProtectConfigurationRuleSetNumberOverride',
      'SetAccountDefaultProtectConfiguration',
      'UpdateProtectConfiguration',
      'UpdateProtectConfigurationCountryRuleSet',
    ]),
    ...newerThanSeed003('media messages (MMS) and their spend limit', [
      'DeleteMediaMessageSpendLimitOverride',
      'SendMediaMessage',
      'SetMediaMessageSpendLimitOverride',
    ]),
    ...newerThanSeed003('RCS agents and messages', [
      'CreateRcsAgent',
      'DeleteRcsAgent',
      'DeleteRcsMessageSpendLimitOverride',
      'DescribeRcsAgentCountryLaunchStatus',
      'DescribeRcsAgents',
      'SendRcsMessage',
      'SetRcsMessageSpendLimitOverride',
      'UpdateRcsAgent',
    ]),
    ...newerThanSeed003('Notify (templated verification messages)', [
      'CreateNotifyConfiguration',
      'DeleteNotifyConfiguration',
      'DeleteNotifyMessageSpendLimitOverride',
      'DescribeNotifyConfigurations',
      'DescribeNotifyTemplates',
      'ListNotifyCountries',
      'SendNotifyTextMessage',
      'SendNotifyVoiceMessage',
      'SetNotifyMessageSpendLimitOverride',
      'UpdateNotifyConfiguration',
    ]),
    ...newerThanSeed003('resource policies (cross-account sharing)', ['DeleteResourcePolicy', 'GetResourcePolicy', 'PutResourcePolicy']),
    ...newerThanSeed003('message feedback', ['PutMessageFeedback', 'SetDefaultMessageFeedbackEnabled']),
    ...newerThanSeed003('phone-number discovery and carrier lookup', ['CarrierLookup', 'ListAvailablePhoneNumbers']),
  },
};

/** Seed operations that no schema coordinate reaches yet (reason: {@link NOT_YET_IN_GRAPH_REASON}). */
export const NOT_YET_IN_GRAPH: Readonly<Record<CoverageService, readonly string[]>> = {
  // Every seed Pinpoint operation is in the graph (issue 6).
  pinpoint: [],
  // Every seed SMS v2 operation is in the graph (issue 6).
  smsVoice: [],
};

/**
 * Module-private: the reason of a group of SMS v2 commands that seed 003 (the SMS and Voice v2 API
 * Reference of April 2024, which the gateway and its emulator implement) does not document.
 */
function newerThanSeed003(feature: string, operations: readonly string[]): Record<string, string> {
  return Object.fromEntries(operations.map((operation) => [operation, `SDK-only, newer than seed 003: ${feature}`]));
}
