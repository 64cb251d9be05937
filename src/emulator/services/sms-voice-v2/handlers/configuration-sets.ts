import type {
  ConfigurationSetFilterName,
  ConfigurationSetInformation,
  CreateConfigurationSetRequest,
  CreateConfigurationSetResult,
  CreateEventDestinationRequest,
  CreateEventDestinationResult,
  DeleteConfigurationSetRequest,
  DeleteConfigurationSetResult,
  DeleteDefaultMessageTypeRequest,
  DeleteDefaultMessageTypeResult,
  DeleteDefaultSenderIdRequest,
  DeleteDefaultSenderIdResult,
  DeleteEventDestinationRequest,
  DeleteEventDestinationResult,
  DescribeConfigurationSetsRequest,
  DescribeConfigurationSetsResult,
  EventDestination,
  SetDefaultMessageTypeRequest,
  SetDefaultMessageTypeResult,
  SetDefaultSenderIdRequest,
  SetDefaultSenderIdResult,
  UpdateEventDestinationRequest,
  UpdateEventDestinationResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsArn } from '../arns';
import { conflict, quotaExceeded, resourceNotFound } from '../errors';
import { SMS_VOICE_QUOTAS, type ConfigurationSetRecord, type EventDestinationRecord } from '../store';
import { applyFilters, exactlyOneOf, findConfigurationSet, getConfigurationSet, pageOf, selectByIds, tagList, tagsFromInput, type SmsHandlerGroup } from './common';

/** The destination kinds an event destination can have; exactly one is set. */
const DESTINATION_KINDS = ['CloudWatchLogsDestination', 'KinesisFirehoseDestination', 'SnsDestination'] as const;

/** Module-private: the SDK's `EventDestination` of a record (copies, so callers can't mutate the store). */
function eventDestination(destination: EventDestinationRecord): EventDestination {
  return {
    EventDestinationName: destination.EventDestinationName,
    Enabled: destination.Enabled,
    MatchingEventTypes: [...destination.MatchingEventTypes],
    CloudWatchLogsDestination: destination.CloudWatchLogsDestination && { ...destination.CloudWatchLogsDestination },
    KinesisFirehoseDestination: destination.KinesisFirehoseDestination && { ...destination.KinesisFirehoseDestination },
    SnsDestination: destination.SnsDestination && { ...destination.SnsDestination },
  };
}

/** The SDK's `ConfigurationSetInformation` of a configuration set. */
export function configurationSetInformation(set: ConfigurationSetRecord): ConfigurationSetInformation {
  return {
    ConfigurationSetArn: set.ConfigurationSetArn,
    ConfigurationSetName: set.ConfigurationSetName,
    EventDestinations: set.eventDestinations.map(eventDestination),
    DefaultMessageType: set.DefaultMessageType,
    DefaultSenderId: set.DefaultSenderId,
    CreatedTimestamp: set.CreatedTimestamp,
  };
}

/** Module-private: the event destination of that name, or `ResourceNotFoundException`. */
function getEventDestination(set: ConfigurationSetRecord, name: string): EventDestinationRecord {
  const found = set.eventDestinations.find((d) => d.EventDestinationName === name);
  if (!found) throw resourceNotFound('event-destination', name);
  return found;
}

/** Module-private: the kind of destination a record has. */
function destinationKind(destination: EventDestinationRecord): (typeof DESTINATION_KINDS)[number] | undefined {
  return DESTINATION_KINDS.find((kind) => destination[kind] !== undefined);
}

/** Configuration sets, their event destinations and their defaults. */
export const configurationSetHandlers: SmsHandlerGroup = {
  CreateConfigurationSet(state, input: CreateConfigurationSetRequest, ctx): CreateConfigurationSetResult {
    const name = String(input.ConfigurationSetName);
    if (state.configurationSets.has(name)) throw conflict('RESOURCE_ALREADY_EXISTS', 'configuration-set', name, `A configuration set named "${name}" already exists.`);
    if (state.configurationSets.size >= SMS_VOICE_QUOTAS.configurationSetsPerAccount) {
      throw quotaExceeded('CONFIGURATION_SETS_PER_ACCOUNT', `An account can have at most ${SMS_VOICE_QUOTAS.configurationSetsPerAccount} configuration sets.`);
    }
    const set: ConfigurationSetRecord = {
      ConfigurationSetName: name,
      ConfigurationSetArn: smsArn(ctx, 'configuration-set', name),
      eventDestinations: [],
      CreatedTimestamp: ctx.now(),
      tags: tagsFromInput(input.Tags),
    };
    state.configurationSets.set(name, set);
    return { ConfigurationSetArn: set.ConfigurationSetArn, ConfigurationSetName: name, Tags: tagList(set.tags), CreatedTimestamp: set.CreatedTimestamp };
  },

  DeleteConfigurationSet(state, input: DeleteConfigurationSetRequest, ctx): DeleteConfigurationSetResult {
    const set = getConfigurationSet(state, ctx, String(input.ConfigurationSetName));
    state.configurationSets.delete(set.ConfigurationSetName);
    return configurationSetInformation(set);
  },

  DescribeConfigurationSets(state, input: DescribeConfigurationSetsRequest, ctx): DescribeConfigurationSetsResult {
    const selected = input.ConfigurationSetNames?.length
      ? selectByIds(input.ConfigurationSetNames, (name) => findConfigurationSet(state, ctx, name), 'configuration-set')
      : [...state.configurationSets.values()];
    const filtered = applyFilters<ConfigurationSetRecord, ConfigurationSetFilterName>(selected, input.Filters, {
      'event-destination-name': (s) => s.eventDestinations.map((d) => d.EventDestinationName),
      'matching-event-types': (s) => s.eventDestinations.flatMap((d) => d.MatchingEventTypes),
      'default-message-type': (s) => s.DefaultMessageType,
      'default-sender-id': (s) => s.DefaultSenderId,
      // Message feedback and protect configurations are not emulated: no set has them.
      'default-message-feedback-enabled': () => false,
      'protect-configuration-id': () => undefined,
    });
    const page = pageOf(filtered, input, ctx, 'DescribeConfigurationSets', [input.ConfigurationSetNames, input.Filters]);
    return { ConfigurationSets: page.items.map(configurationSetInformation), NextToken: page.nextToken };
  },

  CreateEventDestination(state, input: CreateEventDestinationRequest, ctx): CreateEventDestinationResult {
    const set = getConfigurationSet(state, ctx, String(input.ConfigurationSetName));
    const name = String(input.EventDestinationName);
    exactlyOneOf(input, DESTINATION_KINDS);
    if (set.eventDestinations.some((d) => d.EventDestinationName === name)) {
      throw conflict('RESOURCE_ALREADY_EXISTS', 'event-destination', name, `Configuration set ${set.ConfigurationSetName} already has an event destination named "${name}".`);
    }
    if (set.eventDestinations.length >= SMS_VOICE_QUOTAS.eventDestinationsPerConfigurationSet) {
      throw quotaExceeded('EVENT_DESTINATIONS_PER_CONFIGURATION_SET', `A configuration set can have at most ${SMS_VOICE_QUOTAS.eventDestinationsPerConfigurationSet} event destinations.`);
    }
    const destination: EventDestinationRecord = {
      EventDestinationName: name,
      Enabled: true,
      MatchingEventTypes: [...new Set(input.MatchingEventTypes ?? [])],
      CloudWatchLogsDestination: input.CloudWatchLogsDestination && { ...input.CloudWatchLogsDestination },
      KinesisFirehoseDestination: input.KinesisFirehoseDestination && { ...input.KinesisFirehoseDestination },
      SnsDestination: input.SnsDestination && { ...input.SnsDestination },
    };
    set.eventDestinations.push(destination);
    return { ConfigurationSetArn: set.ConfigurationSetArn, ConfigurationSetName: set.ConfigurationSetName, EventDestination: eventDestination(destination) };
  },

  UpdateEventDestination(state, input: UpdateEventDestinationRequest, ctx): UpdateEventDestinationResult {
    const set = getConfigurationSet(state, ctx, String(input.ConfigurationSetName));
    const destination = getEventDestination(set, String(input.EventDestinationName));
    const given = DESTINATION_KINDS.filter((kind) => input[kind] !== undefined);
    const current = destinationKind(destination);
    // A destination can be re-pointed, but not changed from one kind to another.
    const other = given.find((kind) => kind !== current);
    if (other !== undefined) {
      throw conflict('EVENT_DESTINATION_MISMATCH', 'event-destination', destination.EventDestinationName, `Event destination ${destination.EventDestinationName} is a ${current}; it can't become a ${other}.`);
    }
    if (input.Enabled !== undefined) destination.Enabled = input.Enabled;
    if (input.MatchingEventTypes !== undefined) destination.MatchingEventTypes = [...new Set(input.MatchingEventTypes)];
    if (input.CloudWatchLogsDestination) destination.CloudWatchLogsDestination = { ...input.CloudWatchLogsDestination };
    if (input.KinesisFirehoseDestination) destination.KinesisFirehoseDestination = { ...input.KinesisFirehoseDestination };
    if (input.SnsDestination) destination.SnsDestination = { ...input.SnsDestination };
    return { ConfigurationSetArn: set.ConfigurationSetArn, ConfigurationSetName: set.ConfigurationSetName, EventDestination: eventDestination(destination) };
  },

  DeleteEventDestination(state, input: DeleteEventDestinationRequest, ctx): DeleteEventDestinationResult {
    const set = getConfigurationSet(state, ctx, String(input.ConfigurationSetName));
    const destination = getEventDestination(set, String(input.EventDestinationName));
    set.eventDestinations.splice(set.eventDestinations.indexOf(destination), 1);
    return { ConfigurationSetArn: set.ConfigurationSetArn, ConfigurationSetName: set.ConfigurationSetName, EventDestination: eventDestination(destination) };
  },

  SetDefaultMessageType(state, input: SetDefaultMessageTypeRequest, ctx): SetDefaultMessageTypeResult {
    const set = getConfigurationSet(state, ctx, String(input.ConfigurationSetName));
    set.DefaultMessageType = input.MessageType;
    return { ConfigurationSetArn: set.ConfigurationSetArn, ConfigurationSetName: set.ConfigurationSetName, MessageType: set.DefaultMessageType };
  },

  DeleteDefaultMessageType(state, input: DeleteDefaultMessageTypeRequest, ctx): DeleteDefaultMessageTypeResult {
    const set = getConfigurationSet(state, ctx, String(input.ConfigurationSetName));
    const previous = set.DefaultMessageType;
    set.DefaultMessageType = undefined;
    return { ConfigurationSetArn: set.ConfigurationSetArn, ConfigurationSetName: set.ConfigurationSetName, MessageType: previous };
  },

  SetDefaultSenderId(state, input: SetDefaultSenderIdRequest, ctx): SetDefaultSenderIdResult {
    const set = getConfigurationSet(state, ctx, String(input.ConfigurationSetName));
    set.DefaultSenderId = input.SenderId;
    return { ConfigurationSetArn: set.ConfigurationSetArn, ConfigurationSetName: set.ConfigurationSetName, SenderId: set.DefaultSenderId };
  },

  DeleteDefaultSenderId(state, input: DeleteDefaultSenderIdRequest, ctx): DeleteDefaultSenderIdResult {
    const set = getConfigurationSet(state, ctx, String(input.ConfigurationSetName));
    const previous = set.DefaultSenderId;
    set.DefaultSenderId = undefined;
    return { ConfigurationSetArn: set.ConfigurationSetArn, ConfigurationSetName: set.ConfigurationSetName, SenderId: previous };
  },
};
