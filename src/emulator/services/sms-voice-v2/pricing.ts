/**
 * What the emulator charges for a message, and where a destination number is. AWS publishes
 * per-country prices that change over time; the emulator uses this small fixed table instead
 * (same order of magnitude as AWS's list prices, not AWS's prices), so spend limits and
 * `MaxPrice` can be exercised deterministically. Amounts are integer micro-USD (1 USD =
 * 1,000,000) so sums don't drift.
 *
 * | Destination | Text, per message part | Voice, per started minute |
 * |---|---|---|
 * | US, CA | 0.00581 | 0.01300 |
 * | GB | 0.03950 | 0.03000 |
 * | DE | 0.08390 | 0.04500 |
 * | FR | 0.07170 | 0.04500 |
 * | AU | 0.03410 | 0.04000 |
 * | SG | 0.04100 | 0.05000 |
 * | IN | 0.00220 | 0.02000 |
 * | anywhere else | 0.05000 | 0.10000 |
 *
 * A text part is 160 GSM-7 characters (153 each when the message needs several parts) or 70
 * UCS-2 characters (67 each when split). A voice message lasts one minute per 150 spoken words,
 * at least one minute.
 */

/** Module-private: price per text part and per voice minute, by destination country. */
const PRICES: Readonly<Record<string, { readonly textPart: number; readonly voiceMinute: number }>> = {
  US: { textPart: 5_810, voiceMinute: 13_000 },
  CA: { textPart: 5_810, voiceMinute: 13_000 },
  GB: { textPart: 39_500, voiceMinute: 30_000 },
  DE: { textPart: 83_900, voiceMinute: 45_000 },
  FR: { textPart: 71_700, voiceMinute: 45_000 },
  AU: { textPart: 34_100, voiceMinute: 40_000 },
  SG: { textPart: 41_000, voiceMinute: 50_000 },
  IN: { textPart: 2_200, voiceMinute: 20_000 },
};

/** Module-private: the price of a destination outside the table. */
const OTHER_PRICE = { textPart: 50_000, voiceMinute: 100_000 };

/** Micro-USD in one USD. */
export const MICRO_USD = 1_000_000;

/** Module-private: country calling codes other than +1 (longest prefix wins). */
const CALLING_CODES: Readonly<Record<string, string>> = {
  '44': 'GB',
  '49': 'DE',
  '33': 'FR',
  '61': 'AU',
  '65': 'SG',
  '91': 'IN',
  '81': 'JP',
  '52': 'MX',
  '55': 'BR',
  '34': 'ES',
  '39': 'IT',
};

/** Module-private: Canadian area codes; every other +1 number counts as US (the emulator ignores the Caribbean). */
const CANADIAN_AREA_CODES: ReadonlySet<string> = new Set(
  '204 226 236 249 250 263 289 306 343 354 365 367 368 382 387 403 416 418 428 431 437 438 450 468 474 506 514 519 548 579 581 584 587 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905'.split(' '),
);

/** The ISO country of an E.164 number, or undefined when the emulator doesn't know its calling code. */
export function countryOfNumber(e164: string): string | undefined {
  const digits = e164.replace(/^\+/, '');
  if (digits.startsWith('1')) return CANADIAN_AREA_CODES.has(digits.slice(1, 4)) ? 'CA' : 'US';
  for (const length of [3, 2, 1]) {
    const country = CALLING_CODES[digits.slice(0, length)];
    if (country) return country;
  }
  return undefined;
}

/** True when two countries share a numbering plan, so a number of one isn't "international" for the other (US and CA). */
export function sameNumberingZone(a: string | undefined, b: string | undefined): boolean {
  const zone = (country: string | undefined) => (country === 'US' || country === 'CA' ? 'NANP' : country);
  return a !== undefined && zone(a) === zone(b);
}

/** Module-private: the GSM 03.38 basic character set (plus the extension table, which costs two septets). */
const GSM7_BASIC = new Set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");
const GSM7_EXTENDED = new Set('^{}\\[~]|€\f');

/** How many parts a text message body takes, and its encoding. */
export function textParts(body: string): { parts: number; encoding: 'GSM7' | 'UCS2' } {
  let septets = 0;
  for (const char of body) {
    if (GSM7_BASIC.has(char)) septets += 1;
    else if (GSM7_EXTENDED.has(char)) septets += 2;
    else return { parts: body.length <= 70 ? 1 : Math.ceil(body.length / 67), encoding: 'UCS2' };
  }
  return { parts: septets <= 160 ? 1 : Math.ceil(septets / 153), encoding: 'GSM7' };
}

/** How many billed minutes a voice message lasts (SSML tags aren't spoken). */
export function voiceMinutes(body: string, textType: 'TEXT' | 'SSML'): number {
  const spoken = textType === 'SSML' ? body.replace(/<[^>]*>/g, ' ') : body;
  const words = spoken.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / 150));
}

/** Price of one text part to a destination country, in micro-USD. */
export function textPartPrice(country: string | undefined): number {
  return (country !== undefined ? PRICES[country] : undefined)?.textPart ?? OTHER_PRICE.textPart;
}

/** Price of one voice minute to a destination country, in micro-USD. */
export function voiceMinutePrice(country: string | undefined): number {
  return (country !== undefined ? PRICES[country] : undefined)?.voiceMinute ?? OTHER_PRICE.voiceMinute;
}

/** A micro-USD amount as the API writes prices (`"0.00581"`). */
export function formatUsd(micro: number): string {
  return (micro / MICRO_USD).toFixed(5);
}

/** A `MaxPrice` string (`[0-9]{0,2}\.[0-9]{1,5}`) in micro-USD. */
export function parseUsd(price: string): number {
  return Math.round(Number(price) * MICRO_USD);
}
