/**
 * What a short-message text costs (issue 9, items 2 and 4): the alphabet it needs, its segments and the room left in
 * the last one. Pure TypeScript without Node APIs, so the console's broadcast editor imports this very file (alias
 * `@sms-text` in web/vite.config.ts and web/tsconfig.json) and shows the same count the server bills and checks;
 * the wire encoding is in segments.ts.
 *
 * Chinese text goes as UCS-2 (data_coding 8): 70 UTF-16 units in one message, 67 per segment of a long one
 * (the 6-byte header takes the rest of the 140 bytes). Text entirely in the GSM 03.38 default alphabet goes as
 * data_coding 0: 160 characters, 153 per segment; characters of the extension table (€ [ ] { } \ ~ ^ |) count
 * twice, as they do on the air. A segment never ends inside a surrogate pair (an emoji) or an escape sequence.
 */

export type SmsEncoding = 'gsm7' | 'ucs2';

/** The GSM 03.38 default alphabet in code order (0x1b is the escape to the extension table, not a character). */
export const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '\f^{}\\[~]|€';
const BASIC = new Set([...GSM7_BASIC].filter((ch) => ch !== '\u001b'));
const EXTENDED = new Set(GSM7_EXTENDED);

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

/** The alphabet a text needs: GSM 7-bit when every character is in it, UCS-2 otherwise. */
export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENDED.has(ch)) return 'ucs2';
  return 'gsm7';
}

/** The units one character takes: septets in GSM 7-bit (2 for the extension table), UTF-16 units in UCS-2. */
function unitsOf(ch: string, encoding: SmsEncoding): number {
  if (encoding === 'ucs2') return ch.length;
  return EXTENDED.has(ch) ? 2 : 1;
}

export interface SmsCount {
  encoding: SmsEncoding;
  /** Septets (GSM 7-bit) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  /** How many messages the carrier bills: 1 up to the single limit, then one per segment. */
  segments: number;
  /** Units still free in the last segment before another is needed. */
  remaining: number;
}

/** What the text costs and how much room is left, as the editor shows it. Empty text is one (empty) message. */
export function countSms(text: string): SmsCount {
  const encoding = smsEncoding(text);
  const chunks = chunk(text, encoding);
  const units = chunks.reduce((n, c) => n + c.units, 0);
  const limit = chunks.length > 1 ? LIMITS[encoding].part : LIMITS[encoding].single;
  return { encoding, units, segments: chunks.length, remaining: limit - chunks[chunks.length - 1]!.units };
}

/** Cuts the text into the texts of its segments, never inside a character (a surrogate pair or an escape). */
export function chunk(text: string, encoding: SmsEncoding): { text: string; units: number }[] {
  const { single, part } = LIMITS[encoding];
  const chars = [...text];
  const total = chars.reduce((n, ch) => n + unitsOf(ch, encoding), 0);
  if (total <= single) return [{ text, units: total }];
  const out: { text: string; units: number }[] = [];
  let current = '';
  let units = 0;
  for (const ch of chars) {
    const u = unitsOf(ch, encoding);
    if (units + u > part) {
      out.push({ text: current, units });
      current = '';
      units = 0;
    }
    current += ch;
    units += u;
  }
  out.push({ text: current, units });
  return out;
}

