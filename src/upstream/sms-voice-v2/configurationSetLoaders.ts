import type DataLoader from 'dataloader';
import {
  CreateConfigurationSetCommand,
  CreateEventDestinationCommand,
  DeleteConfigurationSetCommand,
  DeleteDefaultMessageTypeCommand,
  DeleteDefaultSenderIdCommand,
  DeleteEventDestinationCommand,
  DescribeConfigurationSetsCommand,
  SetDefaultMessageTypeCommand,
  SetDefaultSenderIdCommand,
  UpdateEventDestinationCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { CreateConfigurationSetRequest, CreateEventDestinationRequest, MessageType, UpdateEventDestinationRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { primed, reprime, writeResult, type SmsVoiceRequestKit } from './loaderKit';
import type { ConfigurationSetDefaultWriteModel, ConfigurationSetModel, EventDestinationWriteModel, Page } from './models';

/** Configuration sets, their event destinations and defaults (part of `SmsVoiceUpstream`). */
export interface SmsVoiceConfigurationSetUpstream {
  /** Configuration sets by name (or ARN): DescribeConfigurationSets, 5 names per call. */
  readonly configurationSet: DataLoader<string, ConfigurationSetModel>;

  /** One page of the account's configuration sets (primes `configurationSet`). */
  configurationSetsPage(pageSize: number, token: string | undefined): Promise<Page<ConfigurationSetModel>>;

  /** CreateConfigurationSet; primes `configurationSet`. */
  createConfigurationSet(input: CreateConfigurationSetRequest): Promise<ConfigurationSetModel>;
  /** DeleteConfigurationSet; the deleted set. */
  deleteConfigurationSet(configurationSetName: string): Promise<ConfigurationSetModel>;
  /** CreateEventDestination; clears the configuration set (its destinations changed). */
  createEventDestination(input: CreateEventDestinationRequest): Promise<EventDestinationWriteModel>;
  /** UpdateEventDestination; clears the configuration set. */
  updateEventDestination(input: UpdateEventDestinationRequest): Promise<EventDestinationWriteModel>;
  /** DeleteEventDestination; the deleted destination; clears the configuration set. */
  deleteEventDestination(configurationSetName: string, eventDestinationName: string): Promise<EventDestinationWriteModel>;
  /** SetDefaultMessageType; clears the configuration set. */
  setDefaultMessageType(configurationSetName: string, messageType: MessageType): Promise<ConfigurationSetDefaultWriteModel>;
  /** DeleteDefaultMessageType; the removed type; clears the configuration set. */
  deleteDefaultMessageType(configurationSetName: string): Promise<ConfigurationSetDefaultWriteModel>;
  /** SetDefaultSenderId; clears the configuration set. */
  setDefaultSenderId(configurationSetName: string, senderId: string): Promise<ConfigurationSetDefaultWriteModel>;
  /** DeleteDefaultSenderId; the removed sender ID; clears the configuration set. */
  deleteDefaultSenderId(configurationSetName: string): Promise<ConfigurationSetDefaultWriteModel>;
}

/** Builds the configuration-set loader, page reader and writes over the request's kit. */
export function createConfigurationSetLoaders(kit: SmsVoiceRequestKit): SmsVoiceConfigurationSetUpstream {
  const { send, sendWrite, accountPage, byIdLoader, primeTags } = kit;

  const configurationSet = byIdLoader<ConfigurationSetModel>({
    name: 'configurationSet',
    resourceType: 'configuration-set',
    describe: async (chunk) => (await send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: chunk }))).ConfigurationSets,
    namesOf: (item) => [item.ConfigurationSetName, item.ConfigurationSetArn],
    listedIn: 'configurationSetsPage',
  });

  const configurationSets: SmsVoiceConfigurationSetUpstream = {
    configurationSet,

    configurationSetsPage(pageSize, token) {
      return accountPage('configurationSetsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeConfigurationSetsCommand(paging));
        return primed(out.ConfigurationSets, out.NextToken, (item) => item.ConfigurationSetName !== undefined && configurationSet.prime(item.ConfigurationSetName, item));
      });
    },

    async createConfigurationSet(input) {
      const out = await sendWrite(new CreateConfigurationSetCommand(input));
      primeTags(out.ConfigurationSetArn, out.Tags);
      // A new set has no event destinations yet (the create result does not list them).
      return reprime(configurationSet, out.ConfigurationSetName, writeResult<ConfigurationSetModel>({ EventDestinations: [], ...out }));
    },
    async deleteConfigurationSet(configurationSetName) {
      const out = await sendWrite(new DeleteConfigurationSetCommand({ ConfigurationSetName: configurationSetName }));
      configurationSet.clear(configurationSetName);
      return writeResult<ConfigurationSetModel>({ EventDestinations: [], ...out });
    },
    async createEventDestination(input) {
      return configurationSetWritten(input.ConfigurationSetName, await sendWrite(new CreateEventDestinationCommand(input)));
    },
    async updateEventDestination(input) {
      return configurationSetWritten(input.ConfigurationSetName, await sendWrite(new UpdateEventDestinationCommand(input)));
    },
    async deleteEventDestination(configurationSetName, eventDestinationName) {
      const out = await sendWrite(new DeleteEventDestinationCommand({ ConfigurationSetName: configurationSetName, EventDestinationName: eventDestinationName }));
      return configurationSetWritten(configurationSetName, out);
    },
    async setDefaultMessageType(configurationSetName, messageType) {
      const out = await sendWrite(new SetDefaultMessageTypeCommand({ ConfigurationSetName: configurationSetName, MessageType: messageType }));
      return configurationSetWritten(configurationSetName, out);
    },
    async deleteDefaultMessageType(configurationSetName) {
      return configurationSetWritten(configurationSetName, await sendWrite(new DeleteDefaultMessageTypeCommand({ ConfigurationSetName: configurationSetName })));
    },
    async setDefaultSenderId(configurationSetName, senderIdName) {
      const out = await sendWrite(new SetDefaultSenderIdCommand({ ConfigurationSetName: configurationSetName, SenderId: senderIdName }));
      return configurationSetWritten(configurationSetName, out);
    },
    async deleteDefaultSenderId(configurationSetName) {
      return configurationSetWritten(configurationSetName, await sendWrite(new DeleteDefaultSenderIdCommand({ ConfigurationSetName: configurationSetName })));
    },
  };

  /** Module-private: a configuration-set write changed the set (its destinations or defaults); the cached set is stale. */
  function configurationSetWritten<T extends { readonly ConfigurationSetName?: string; readonly $metadata?: unknown }>(
    requestedName: string | undefined,
    out: T,
  ): Omit<T, '$metadata'> & { readonly ConfigurationSetName: string } {
    configurationSet.clear(requestedName ?? '');
    if (out.ConfigurationSetName !== undefined) configurationSet.clear(out.ConfigurationSetName);
    const { $metadata: _metadata, ...rest } = out;
    return { ...rest, ConfigurationSetName: out.ConfigurationSetName ?? requestedName ?? '' };
  }

  return configurationSets;
}
