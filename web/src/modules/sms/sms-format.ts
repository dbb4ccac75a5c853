// What the SMS screens show the same way: China time (the platform's calendar, whatever the browser's zone),
// the tone of each state, the parsing of a pasted phone list, and the editor's count.
import { countSms, type SmsCount } from '@sms-text';
import type { Tone } from '@/modules/common/StatusTag';
import { chinaDateTime as chinaDateTimeOf } from '@/modules/common/format';
import type { BroadcastState, Recipient } from './sms-api';

/** 2026-11-30 14:05:09 in China time; '—' when empty (common/format's). */
export function chinaDateTime(iso: string | null | undefined, withSeconds = true): string {
  return chinaDateTimeOf(iso, withSeconds);
}

/** The instant of a wall-clock time in China (UTC+8, no daylight saving): 'YYYY-MM-DDTHH:mm' → ISO. */
export function chinaWallToIso(wall: string): string {
  return new Date(`${wall}:00+08:00`).toISOString();
}

export const STATE_TONE: Record<BroadcastState, Tone> = {
  resolving: 'blue', awaiting_approval: 'gold', scheduled: 'blue', sending: 'blue', paused: 'gold', completed: 'green', cancelled: 'grey', rejected: 'red',
};

/** The tone of one message's state (a broadcast's recipient, a conversation's outgoing message). */
export const MESSAGE_TONE: Record<Recipient['state'], Tone> = {
  held: 'grey', queued: 'grey', claimed: 'grey', submitting: 'blue', submitted: 'blue', delivered: 'green', failed: 'red', unknown: 'gold', cancelled: 'grey',
};

export interface PhoneLine { line: number; value: string }

/** The numbers of a pasted list (one per line or comma-separated), each with its line, blanks dropped. */
export function parsePhoneList(raw: string): PhoneLine[] {
  const out: PhoneLine[] = [];
  raw.split(/\r?\n/).forEach((text, i) => {
    for (const part of text.split(/[,，、;；]+/)) {
      const v = part.trim();
      if (v) out.push({ line: i + 1, value: v });
    }
  });
  return out;
}

/** A mainland mobile as the server normalizes it (+86 / 0086 / spaces and dashes dropped), or null. */
export function normalizeMobile(v: string): string | null {
  let d = v.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000\-－—()（）.]/g, '').replace(/^＋/, '+');
  if (d.startsWith('+86')) d = d.slice(3);
  else if (d.startsWith('0086')) d = d.slice(4);
  else if (d.startsWith('86') && d.length === 13) d = d.slice(2);
  return /^1[3-9]\d{9}$/.test(d) ? d : null;
}

/** The text as it will be sent: the signature first, added when missing. */
export function signedText(text: string, signature: string): string {
  const t = text.trim();
  return t.startsWith(signature) ? t : signature + t;
}

/** The editor's count, variables filled with a typical name (3) and organization (12 characters). */
export function editorCount(text: string, signature: string): SmsCount {
  return countSms(signedText(text, signature).replaceAll('{姓名}', '某某某').replaceAll('{组织}', '某某某某某某某某某党支部'));
}
