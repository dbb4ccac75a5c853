/**
 * Mainland phone numbers: mobiles (11 digits, 1[3-9]…) and landlines (area code + 7–8 digits,
 * optional extension). People type them with spaces, dashes, +86 and full-width digits.
 */

export const MOBILE_MESSAGE = '手机号码格式不正确，应为11位数字且以1开头';
export const LANDLINE_MESSAGE = '固定电话格式不正确，应为区号加号码，如 0571-87654321 或 0571-87654321-123';

const MOBILE_RE = /^1[3-9]\d{9}$/;

function foldDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

/** Strips spaces, dashes and a +86 / 0086 / 86 country prefix; returns the remaining text. */
export function normalizeMobile(s: string): string {
  let v = foldDigits(s ?? '')
    .replace(/[\s\u3000\-－—()（）.]/g, '')
    .replace(/^＋/, '+');
  if (v.startsWith('+86')) v = v.slice(3);
  else if (v.startsWith('0086')) v = v.slice(4);
  // A bare "86" is only a country prefix when 11 digits remain; 86… is not a mobile prefix anyway.
  else if (v.startsWith('86') && v.length === 13) v = v.slice(2);
  return v;
}

export function validateMobile(s: string): string | null {
  return MOBILE_RE.test(normalizeMobile(s)) ? null : MOBILE_MESSAGE;
}

interface Landline {
  areaCode: string;
  number: string;
  extension?: string;
}

/**
 * Splits a landline into area code, number and extension. Area codes are 010 and 02X
 * (three digits) or 0XXX (four digits); local numbers have 7–8 digits and do not start with 0 or 1.
 */
function parseLandline(s: string): Landline | null {
  const v = foldDigits(s ?? '')
    .trim()
    .replace(/[（(]\s*(0\d{2,3})\s*[)）]\s*/, '$1-')
    .replace(/\s*(转|ext\.?|x|#)\s*(\d{1,6})$/i, '-$2');
  const m = /^(0\d{2,3})[-\s]?(\d{7,8})(?:[-\s](\d{1,6}))?$/.exec(v);
  if (!m) return null;
  let [, area, number] = m;
  const extension = m[3];
  // Without a separator, "057187654321" could split two ways: the numbering plan decides.
  const threeDigitArea = /^0(10|2\d)/.test(area + number);
  const joined = area + number;
  if (threeDigitArea) {
    area = joined.slice(0, 3);
    number = joined.slice(3);
  } else {
    area = joined.slice(0, 4);
    number = joined.slice(4);
  }
  if (!/^[2-9]\d{6,7}$/.test(number)) return null;
  return { areaCode: area, number, extension };
}

export function validateLandline(s: string): string | null {
  return parseLandline(s) ? null : LANDLINE_MESSAGE;
}

/** '0571-87654321' or '0571-87654321-123'; null when the input is not a landline. */
export function normalizeLandline(s: string): string | null {
  const p = parseLandline(s);
  if (!p) return null;
  return `${p.areaCode}-${p.number}${p.extension ? `-${p.extension}` : ''}`;
}

/** A contact phone as people type it: a mobile or a landline, normalized; or the Chinese message saying what is wrong. */
export function parseContactPhone(raw: string | number, label = '联系电话'): { value: string | null; error: string | null } {
  const t = String(raw).trim();
  if (!t) return { value: null, error: null };
  if (!validateMobile(t)) return { value: normalizeMobile(t), error: null };
  // People type landlines with spaces in the number too (0571 8765 4321).
  const landline = normalizeLandline(t) ?? normalizeLandline(t.replace(/[\s\u3000]+/g, ''));
  if (landline) return { value: landline, error: null };
  return { value: null, error: /^[\s+＋0-9０-９]*1/.test(t) ? MOBILE_MESSAGE : `${label}应为11位手机号码或固定电话；${LANDLINE_MESSAGE}` };
}
