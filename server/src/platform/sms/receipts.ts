/**
 * Delivery receipts as carriers write them (issue 9, item 2): the SMPP 3.4 appendix B text
 * `id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:…`, and
 * the receipted_message_id / message_state / network_error_code options. Either may be missing; when both are
 * there the options win for id and state (they are typed), the text for the error code.
 */
import { normalizeCarrierId, type ReceiptState } from './channel.js';
import { MESSAGE_STATE_STATS } from './smpp-wire.js';

const STATES: Record<string, ReceiptState> = {
  DELIVRD: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'deleted',
  UNDELIV: 'undeliverable',
  ACCEPTD: 'accepted',
  UNKNOWN: 'unknown',
  REJECTD: 'rejected',
  ENROUTE: 'enroute',
};

/**
 * The state of a stat word. Carriers spell some in full (DELIVERED, REJECTED …); those are read by their first
 * letters. Any other word (a carrier's own failure code) is not a delivery: it counts as undeliverable and the
 * word is kept as the reason.
 */
export function receiptState(stat: string): ReceiptState {
  const s = stat.trim().toUpperCase();
  if (STATES[s]) return STATES[s];
  const prefixes: [string, ReceiptState][] = [['DELIV', 'delivered'], ['EXPIR', 'expired'], ['DELET', 'deleted'], ['UNDEL', 'undeliverable'], ['ACCEPT', 'accepted'], ['UNKNOW', 'unknown'], ['REJECT', 'rejected'], ['ENROUT', 'enroute']];
  for (const [p, state] of prefixes) if (s.startsWith(p)) return state;
  return 'undeliverable';
}

export interface ParsedReceiptText {
  id?: string;
  stat?: string;
  err?: string;
  submitAt?: Date;
  doneAt?: Date;
  sub?: number;
  dlvrd?: number;
}

/**
 * A date of a receipt, YYMMDDhhmm or YYMMDDhhmmss, in the SMSC's time; Chinese carriers (and the simulator)
 * write China time (UTC+8), which is what is assumed.
 */
export function parseReceiptDate(v: string, offsetMinutes = 480): Date | undefined {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?$/.exec(v);
  if (!m) return undefined;
  const [, yy, mo, dd, hh, mi, ss] = m;
  const ms = Date.UTC(2000 + Number(yy), Number(mo) - 1, Number(dd), Number(hh), Number(mi), Number(ss ?? 0)) - offsetMinutes * 60_000;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The same format, written in China time. */
export function formatReceiptDate(d: Date, offsetMinutes = 480): string {
  const t = new Date(d.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCFullYear() % 100)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

/** The fields of a receipt text; those it lacks are absent. Field names are read case-insensitively. */
export function parseReceiptText(text: string): ParsedReceiptText {
  const out: ParsedReceiptText = {};
  const field = (re: RegExp) => re.exec(text)?.[1];
  const id = field(/(?:^|\s)id:(\S+)/i);
  if (id) out.id = id;
  const stat = field(/(?:^|\s)stat:(\S+)/i);
  if (stat) out.stat = stat.toUpperCase();
  const err = field(/(?:^|\s)err:(\S+)/i);
  if (err) out.err = err;
  const sub = field(/(?:^|\s)sub:(\d+)/i);
  if (sub) out.sub = Number(sub);
  const dlvrd = field(/(?:^|\s)dlvrd:(\d+)/i);
  if (dlvrd) out.dlvrd = Number(dlvrd);
  const submit = field(/submit[ _]date:(\d{10,12})/i);
  if (submit) out.submitAt = parseReceiptDate(submit);
  const done = field(/done[ _]date:(\d{10,12})/i);
  if (done) out.doneAt = parseReceiptDate(done);
  return out;
}

/** What the receipt says, from its text and options together. Null when it names no message or no state. */
export function readReceipt(input: {
  text: string;
  receiptedMessageId?: unknown;
  messageState?: unknown;
  networkErrorCode?: unknown;
}): { carrierId: string; state: ReceiptState; stat: string; error?: string; doneAt?: Date } | null {
  const parsed = parseReceiptText(input.text);
  const rawId = typeof input.receiptedMessageId === 'string' && input.receiptedMessageId.trim() ? input.receiptedMessageId : parsed.id;
  const stateNumber = typeof input.messageState === 'number' ? input.messageState : undefined;
  const tlvStat = stateNumber !== undefined ? MESSAGE_STATE_STATS[stateNumber] : undefined;
  const stat = tlvStat ?? parsed.stat;
  if (!rawId || !stat) return null;
  let error = parsed.err;
  const nec = input.networkErrorCode;
  if (error === undefined && Buffer.isBuffer(nec) && nec.length >= 3) error = String(nec.readUInt16BE(1)).padStart(3, '0');
  return {
    carrierId: normalizeCarrierId(rawId),
    state: receiptState(stat),
    // The text's word is kept when both agree on the state (it may be the carrier's own spelling).
    stat: parsed.stat && receiptState(parsed.stat) === receiptState(stat) ? parsed.stat : stat,
    ...(error !== undefined ? { error } : {}),
    ...(parsed.doneAt ? { doneAt: parsed.doneAt } : {}),
  };
}
