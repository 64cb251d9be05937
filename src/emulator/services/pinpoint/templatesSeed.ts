import type { TemplateType } from '@aws-sdk/client-pinpoint';
import type { ArnScope } from './arns';
import { templateArn, templateKey, type TemplateContent, type TemplateRecord, type TemplatesState } from './templatesStore';

/**
 * The deterministic demo message templates (account-level, so one set per seeded account and
 * region). Timestamps are relative to the emulator clock at seeding time (`D-30` = 30 UTC days
 * before today, 10:00).
 *
 * | name | type | versions | active | notes |
 * |---|---|---|---|---|
 * | WelcomeEmail | EMAIL | 3 (D-30, D-20, D-5) | 2 | the latest version is a draft that is not active yet; tags team=growth |
 * | OrderShipped | SMS | 1 (D-25) | 1 | |
 * | CartReminder | PUSH | 2 (D-28, D-14) | 2 | default + APNs + FCM content |
 * | OtpCall | VOICE | 1 (D-15) | 1 | |
 * | SpringBanner | INAPP | 1 (D-12) | 1 | |
 * | SecurityAlert | SMS | 1 (D-10) | 1 | tags team=security |
 */
export const TEMPLATE_SEED = {
  WELCOME_EMAIL: 'WelcomeEmail',
  ORDER_SHIPPED_SMS: 'OrderShipped',
  CART_REMINDER_PUSH: 'CartReminder',
  OTP_CALL_VOICE: 'OtpCall',
  SPRING_BANNER_INAPP: 'SpringBanner',
  SECURITY_ALERT_SMS: 'SecurityAlert',
} as const;

/** Loads the demo templates into `state` (one account and region), replacing any earlier copy of them. */
export function seedTemplates(state: TemplatesState, scope: ArnScope, now: Date): void {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (daysAgo: number) => new Date(today - daysAgo * 86_400_000 + 10 * 3_600_000).toISOString();
  const add = (type: TemplateType, name: string, tags: Record<string, string>, activeVersion: number, versions: Array<[daysAgo: number, content: TemplateContent]>) => {
    const template: TemplateRecord = {
      name,
      type,
      arn: templateArn(scope, name, type),
      creationDate: at(versions[0][0]),
      tags,
      versions: versions.map(([daysAgo, content], index) => ({ version: index + 1, creationDate: at(daysAgo), lastModifiedDate: at(daysAgo), content })),
      activeVersion,
      nextVersion: versions.length + 1,
    };
    state.set(templateKey(type, name), template);
  };

  const welcome = (version: number, subject: string) => ({
    TemplateDescription: `Welcome email, revision ${version}`,
    Subject: subject,
    HtmlPart: '<h1>Welcome, {{User.UserAttributes.FirstName}}!</h1><p>Thanks for joining {{Attributes.Store}}.</p>',
    TextPart: 'Welcome, {{User.UserAttributes.FirstName}}! Thanks for joining {{Attributes.Store}}.',
    DefaultSubstitutions: JSON.stringify({ 'User.UserAttributes.FirstName': 'there', 'Attributes.Store': 'our store' }),
  });
  add('EMAIL', TEMPLATE_SEED.WELCOME_EMAIL, { team: 'growth' }, 2, [
    [30, welcome(1, 'Welcome!')],
    [20, welcome(2, 'Welcome to the Retail Storefront')],
    [5, welcome(3, 'Welcome aboard (draft)')],
  ]);
  add('SMS', TEMPLATE_SEED.ORDER_SHIPPED_SMS, {}, 1, [
    [25, { TemplateDescription: 'Shipping notification', Body: 'Your order {{Attributes.OrderId}} has shipped.', DefaultSubstitutions: JSON.stringify({ 'Attributes.OrderId': 'N/A' }) }],
  ]);
  const cartPush = (title: string) => ({
    TemplateDescription: 'Abandoned-cart reminder',
    Default: { Title: title, Body: 'You left items in your cart.', Action: 'OPEN_APP' as const },
    APNS: { Title: title, Body: 'You left items in your cart.', Sound: 'default' },
    GCM: { Title: title, Body: 'You left items in your cart.', SmallImageIconUrl: 'https://example.com/icon.png' },
  });
  add('PUSH', TEMPLATE_SEED.CART_REMINDER_PUSH, {}, 2, [
    [28, cartPush('Still thinking it over?')],
    [14, cartPush('Your cart misses you')],
  ]);
  add('VOICE', TEMPLATE_SEED.OTP_CALL_VOICE, {}, 1, [
    [15, { TemplateDescription: 'One-time passcode call', Body: 'Your code is {{Attributes.Code}}.', LanguageCode: 'en-US', VoiceId: 'Joanna' }],
  ]);
  add('INAPP', TEMPLATE_SEED.SPRING_BANNER_INAPP, {}, 1, [
    [12, {
      TemplateDescription: 'Spring sale banner',
      Layout: 'TOP_BANNER',
      Content: [{ BackgroundColor: '#FFFFFF', BodyConfig: { Alignment: 'CENTER', Body: 'Spring sale: 20% off', TextColor: '#000000' } }],
      CustomConfig: { campaign: 'spring' },
    }],
  ]);
  add('SMS', TEMPLATE_SEED.SECURITY_ALERT_SMS, { team: 'security' }, 1, [
    [10, { TemplateDescription: 'New sign-in alert', Body: 'New sign-in to your account from {{Attributes.Device}}.' }],
  ]);
}
