/**
 * Short-message text on the wire (issue 9, item 2): which alphabet a text needs, how many segments it costs
 * (what carriers bill, and what the broadcast editor shows), how a long text is cut into segments with a
 * concatenation header (UDH), and how incoming segments are put back together.
 *
 * Chinese text goes as UCS-2 (data_coding 8): 70 UTF-16 units in one message, 67 per segment of a long one
 * (the 6-byte header takes the rest of the 140 bytes). Text entirely in the GSM 03.38 default alphabet goes as
 * data_coding 0, one byte per character as SMSCs take it over SMPP: 160 characters, 153 per segment; characters
 * of the extension table (€ [ ] { } \ ~ ^ |) count twice, as they do on the air. A segment never ends inside a
 * surrogate pair (an emoji) or an escape sequence, so each segment decodes on its own.
 */
import { chunk, GSM7_BASIC, smsEncoding, type SmsEncoding } from './sms-text.js';

export { countSms, smsEncoding, type SmsCount, type SmsEncoding } from './sms-text.js';

/** The SMPP data_coding of each encoding: 0 the SMSC default alphabet, 8 UCS-2. */
export const DATA_CODING: Record<SmsEncoding, number> = { gsm7: 0, ucs2: 8 };

/** esm_class bit 6: the short message starts with a user data header. */
export const ESM_CLASS_UDHI = 0x40;

/** UTF-16 big-endian, as UCS-2 travels (a surrogate pair stays two units, which handsets render as one emoji). */
function ucs2(text: string): Buffer {
  const b = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) b.writeUInt16BE(text.charCodeAt(i), i * 2);
  return b;
}

function fromUcs2(b: Buffer): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
  return s;
}

/**
 * GSM 7-bit unpacked, one byte per septet, as SMPP carries data_coding 0 (the SMSC packs it for the air).
 * Extension characters are ESC (0x1b) and their code.
 */
const GSM7_EXT_CODES: Record<string, number> = { '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65 };
const GSM7_EXT_CHARS = new Map(Object.entries(GSM7_EXT_CODES).map(([ch, code]) => [code, ch]));
const GSM7_CODES = new Map([...GSM7_BASIC].map((ch, i) => [ch, i]));

function gsm7(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const basic = GSM7_CODES.get(ch);
    if (basic !== undefined) bytes.push(basic);
    else bytes.push(0x1b, GSM7_EXT_CODES[ch]!);
  }
  return Buffer.from(bytes);
}

function fromGsm7(b: Buffer): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x1b && i + 1 < b.length) s += GSM7_EXT_CHARS.get(b[++i]!) ?? ' ';
    else s += GSM7_BASIC[b[i]!] ?? '?';
  }
  return s;
}

/** The bytes of a text in an encoding, and back; any other data_coding is read as UCS-2 (Chinese carriers' habit) or Latin-1. */
export const encodeText = (text: string, encoding: SmsEncoding): Buffer => (encoding === 'ucs2' ? ucs2(text) : gsm7(text));
export function decodeText(b: Buffer, dataCoding: number): string {
  if (dataCoding === 8) return fromUcs2(b);
  if (dataCoding === 0) return fromGsm7(b);
  if (dataCoding === 3) return b.toString('latin1');
  return b.length % 2 === 0 ? fromUcs2(b) : b.toString('latin1');
}

export interface SmsParts {
  encoding: SmsEncoding;
  dataCoding: number;
  /** esm_class to submit with: the UDHI bit when the text is cut into segments. */
  esmClass: number;
  /** Each segment's short_message: header (when more than one) and text. At most 140 bytes each. */
  parts: Buffer[];
}

/**
 * The short messages of one text. `ref` (0–255) tells the handset which segments belong together: give every
 * long message to one number a different one (the sender keeps a counter per destination).
 */
export function splitSms(text: string, ref: number): SmsParts {
  const encoding = smsEncoding(text);
  const chunks = chunk(text, encoding);
  const dataCoding = DATA_CODING[encoding];
  if (chunks.length === 1) return { encoding, dataCoding, esmClass: 0, parts: [encodeText(text, encoding)] };
  if (chunks.length > 255) throw new RangeError('a message of more than 255 segments cannot be concatenated');
  const parts = chunks.map((c, i) => Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref & 0xff, chunks.length, i + 1]), encodeText(c.text, encoding)]));
  return { encoding, dataCoding, esmClass: ESM_CLASS_UDHI, parts };
}

export interface Concatenation { ref: number; total: number; seq: number }

/** The concatenation header of a short message that has one (8-bit or 16-bit reference), and the text after it. */
export function readUdh(shortMessage: Buffer): { concat: Concatenation | null; body: Buffer } {
  const udhl = shortMessage[0];
  if (udhl === undefined || udhl + 1 > shortMessage.length) return { concat: null, body: shortMessage };
  let concat: Concatenation | null = null;
  for (let i = 1; i + 1 < udhl + 1;) {
    const iei = shortMessage[i]!;
    const len = shortMessage[i + 1]!;
    const v = shortMessage.subarray(i + 2, i + 2 + len);
    if (iei === 0x00 && len === 3) concat = { ref: v[0]!, total: v[1]!, seq: v[2]! };
    if (iei === 0x08 && len === 4) concat = { ref: v.readUInt16BE(0), total: v[2]!, seq: v[3]! };
    i += 2 + len;
  }
  return { concat, body: shortMessage.subarray(udhl + 1) };
}

/**
 * Puts incoming segments back together. Segments of one message share sender, reference and total; they may
 * arrive in any order and more than once (a carrier's retry). A message is complete when every sequence number
 * from 1 to total is in. Incomplete ones are dropped after `maxAgeMs` (the caller then stores what it has).
 */
export class Reassembler {
  private pending = new Map<string, { parts: Map<number, string>; total: number; firstAt: number }>();

  constructor(private readonly maxAgeMs = 24 * 3600 * 1000) {}

  /** Adds one short message; returns the whole text once complete, else null. A message without a header is complete at once. */
  add(sender: string, shortMessage: Buffer, dataCoding: number, esmClass: number, now = Date.now()): string | null {
    const { concat, body } = (esmClass & ESM_CLASS_UDHI) !== 0 ? readUdh(shortMessage) : { concat: null, body: shortMessage };
    const text = decodeText(body, dataCoding);
    if (!concat || concat.total <= 1) return text;
    const key = `${sender}\u0000${concat.ref}\u0000${concat.total}`;
    const entry = this.pending.get(key) ?? { parts: new Map<number, string>(), total: concat.total, firstAt: now };
    entry.parts.set(concat.seq, text);
    this.pending.set(key, entry);
    if (entry.parts.size < entry.total) return null;
    this.pending.delete(key);
    return Array.from({ length: entry.total }, (_, i) => entry.parts.get(i + 1) ?? '').join('');
  }

  /** Incomplete messages older than the limit, removed and returned with the parts that came (in order). */
  expire(now = Date.now()): { sender: string; text: string; missing: number }[] {
    const out: { sender: string; text: string; missing: number }[] = [];
    for (const [key, e] of this.pending) {
      if (now - e.firstAt < this.maxAgeMs) continue;
      this.pending.delete(key);
      const seqs = [...e.parts.keys()].sort((a, b) => a - b);
      out.push({ sender: key.split('\u0000')[0]!, text: seqs.map((s) => e.parts.get(s)).join(''), missing: e.total - e.parts.size });
    }
    return out;
  }
}
