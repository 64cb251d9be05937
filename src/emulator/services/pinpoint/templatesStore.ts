import type {
  EmailTemplateRequest,
  InAppTemplateRequest,
  PushNotificationTemplateRequest,
  SMSTemplateRequest,
  TemplateType,
  VoiceTemplateRequest,
} from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../types';
import { RegionalStore } from '../regionalStore';
import { ServiceError } from '../../protocol/serviceError';
import type { ArnScope } from './arns';

/**
 * Message templates, per account and region. Templates are account-level in Amazon Pinpoint
 * (not per application): a template is identified by its name and its channel type, so an
 * email template and an SMS template may share a name.
 *
 * Versions (seed 002, "Active Template Version"): every template has one or more numbered
 * versions; an update overwrites the latest version unless it asks for a new one, and one
 * version is the *active* one, which a read without `version` returns. The store keeps records;
 * handlers turn them into responses.
 */

/** The channel types a template can be for, in the order seed 002 lists them. */
export const TEMPLATE_TYPES: readonly TemplateType[] = ['EMAIL', 'SMS', 'VOICE', 'PUSH', 'INAPP'];

/** The content of one template version for each type: the write request minus `tags` (tags belong to the template). */
export interface TemplateContentByType {
  EMAIL: Omit<EmailTemplateRequest, 'tags'>;
  SMS: Omit<SMSTemplateRequest, 'tags'>;
  VOICE: Omit<VoiceTemplateRequest, 'tags'>;
  PUSH: Omit<PushNotificationTemplateRequest, 'tags'>;
  INAPP: Omit<InAppTemplateRequest, 'tags'>;
}

/** The content of a version of any type. */
export type TemplateContent = TemplateContentByType[TemplateType];

/** One version of a template. */
export interface TemplateVersionRecord {
  /** A positive integer, never reused within a template (versions can be deleted). */
  readonly version: number;
  readonly creationDate: string;
  lastModifiedDate: string;
  content: TemplateContent;
}

/** A template (name + type) with its versions. */
export interface TemplateRecord {
  readonly name: string;
  readonly type: TemplateType;
  readonly arn: string;
  readonly creationDate: string;
  tags: Record<string, string>;
  /** In ascending version order; never empty (deleting the last version deletes the template). */
  readonly versions: TemplateVersionRecord[];
  /** The version a read without `version` returns. */
  activeVersion: number;
  /** The number the next new version gets. */
  nextVersion: number;
}

/** One account's templates in one region, keyed by `templateKey(type, name)`; insertion order is creation order. */
export type TemplatesState = Map<string, TemplateRecord>;

/** Template state per account and region. */
export class TemplatesStore {
  private readonly regional = new RegionalStore<TemplatesState>(() => new Map());

  /** The templates of the calling account in the request's region. */
  forRequest(ctx: Pick<RequestContext, 'accountId' | 'region'>): TemplatesState {
    return this.regional.get(ctx.accountId, ctx.region);
  }

  /** The templates of one account in one region. */
  get(accountId: string, region: string): TemplatesState {
    return this.regional.get(accountId, region);
  }

  /** Forget every account and region. */
  clear(): void {
    this.regional.clear();
  }

  /** The store behind this one, for the emulator's state file (`stateParts.ts` snapshots and restores it). */
  regions(): RegionalStore<TemplatesState> {
    return this.regional;
  }
}

/** The map key of a template: names are case-sensitive, so the name is kept as is. */
export function templateKey(type: TemplateType, name: string): string {
  return `${type}/${name}`;
}

/** Seed 002 / inventory §8.2: `arn:aws:mobiletargeting:<region>:<account>:templates/<name>/<TYPE>`. */
export function templateArn(scope: ArnScope, name: string, type: TemplateType): string {
  return `arn:aws:mobiletargeting:${scope.region}:${scope.accountId}:templates/${name}/${type}`;
}

/** The template, or 404. */
export function requireTemplate(state: TemplatesState, type: TemplateType, name: string): TemplateRecord {
  const template = state.get(templateKey(type, name));
  if (template === undefined) throw new ServiceError('NotFoundException', `Resource not found: ${type} template '${name}' does not exist`);
  return template;
}

/** One version of a template, or 404. */
export function requireTemplateVersion(template: TemplateRecord, version: number): TemplateVersionRecord {
  const record = template.versions.find((candidate) => candidate.version === version);
  if (record === undefined) {
    throw new ServiceError('NotFoundException', `Resource not found: version '${version}' of ${template.type} template '${template.name}' does not exist`);
  }
  return record;
}

/** The latest (highest-numbered) version of a template. */
export function latestTemplateVersion(template: TemplateRecord): TemplateVersionRecord {
  const latest = template.versions[template.versions.length - 1];
  if (latest === undefined) throw new Error('invariant: a template always has at least one version');
  return latest;
}

/** When the template as a whole last changed: the latest modification of any of its versions. */
export function templateLastModified(template: TemplateRecord): string {
  return template.versions.reduce((latest, version) => (version.lastModifiedDate > latest ? version.lastModifiedDate : latest), template.creationDate);
}
