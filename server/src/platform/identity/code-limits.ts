// The limits on verification codes sent by SMS, the same for a member's login code and the public's phone check: one
// code per phone a minute, five per phone an hour, and a ceiling per client address an hour. The caller reads the
// recent sends in its own table, inside its transaction and under the phone's advisory lock; this decides, and refuses
// with the Chinese 429 and Retry-After.
import { AppError } from '../errors.js';

/** One code per phone per this many seconds. */
export const RESEND_SECONDS = 60;
/** At most this many codes per phone per hour. */
export const CODES_PER_PHONE_HOUR = 5;

export interface RecentCodes {
  /** When this phone's codes of the last hour were created, newest first (at most CODES_PER_PHONE_HOUR of them). */
  phone: Date[];
  /** How many codes were requested from this client address in the last hour. */
  fromAddress: number;
}

export function enforceCodeLimits(recent: RecentCodes, now: Date, perAddressPerHour: number, problemCode: string): void {
  const tooMany = (title: string, seconds: number) =>
    new AppError(429, problemCode, title, undefined, undefined, { 'retry-after': String(Math.max(1, Math.ceil(seconds))) });
  const last = recent.phone[0];
  if (last && now.getTime() - last.getTime() < RESEND_SECONDS * 1000) {
    const wait = RESEND_SECONDS - (now.getTime() - last.getTime()) / 1000;
    throw tooMany(`验证码已发送，请${Math.ceil(wait)}秒后再重新获取`, wait);
  }
  if (recent.phone.length >= CODES_PER_PHONE_HOUR) {
    const wait = (recent.phone[recent.phone.length - 1]!.getTime() + 3600_000 - now.getTime()) / 1000;
    throw tooMany(`该手机号获取验证码过于频繁，请${Math.ceil(wait / 60)}分钟后再试`, wait);
  }
  if (recent.fromAddress >= perAddressPerHour) throw tooMany('当前网络获取验证码过于频繁，请稍后再试', 3600);
}
