/**
 * Mainland resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit region code, 8-digit birth
 * date, 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character.
 * Messages are Chinese and name the exact problem, because clerks fix typos from them.
 */
import { chinaToday, isRealDate } from '../china-time.js';

export type Gender = 'male' | 'female';

export interface ParsedIdNumber {
  /** 'YYYY-MM-DD' */
  birthDate: string;
  gender: Gender;
  /** the first six digits (GB/T 2260 code of the place of first registration) */
  regionCode: string;
}

export interface IdNumberExpectations {
  /** 'YYYY-MM-DD' as entered on the form */
  birthDate?: string;
  gender?: Gender;
  /** defaults to now; injectable so that tests are stable */
  today?: Date;
}

// Weight i is 2^(17-i) mod 11 (ISO 7064 MOD 11-2).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes in use. 71/81/82 are Taiwan, Hong Kong and Macau; 83 is the prefix of
 * residence permits for Hong Kong, Macau and Taiwan residents, which share this number format.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Trims, drops inner spaces, folds full-width digits and a lowercase x into ASCII '0-9X'. */
export function normalizeIdNumber(s: string): string {
  return s
    .replace(/[\s\u3000]/g, '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[xｘＸ]/g, 'X');
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumberCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** The parsed fields of a valid number, or null when the number is not valid. */
export function parseIdNumber(s: string): ParsedIdNumber | null {
  if (validateIdNumber(s) !== null) return null;
  const id = normalizeIdNumber(s);
  return fieldsOf(id);
}

/**
 * Null when the number is valid (and agrees with the birth date and gender entered beside it),
 * otherwise a message for the person who typed it.
 */
export function validateIdNumber(s: string, expect: IdNumberExpectations = {}): string | null {
  const id = normalizeIdNumber(s ?? '');
  if (id.length === 0) return '请填写身份证号';
  if (id.length !== 18) return '身份证号应为18位';
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号前17位应为数字，第18位应为数字或X';
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return '身份证号前两位不是有效的省级行政区划代码';
  const fields = fieldsOf(id);
  if (!isPlausibleBirthDate(fields.birthDate, expect.today ?? new Date())) return '身份证号中的出生日期无效';
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号第18位校验码不正确，请核对';
  if (expect.birthDate && expect.birthDate !== fields.birthDate) {
    return `身份证号中的出生日期（${fields.birthDate}）与填写的出生日期（${expect.birthDate}）不一致`;
  }
  if (expect.gender && expect.gender !== fields.gender) {
    return `身份证号显示性别为${fields.gender === 'male' ? '男' : '女'}，与填写的性别不一致`;
  }
  return null;
}

/**
 * A valid number for demo data: the sequence digits come from rng, the 17th digit has the
 * gender's parity, the check character is computed. rng returns floats in [0, 1).
 */
export function generateIdNumber(rng: () => number, regionCode6: string, birthDate: string, gender: Gender): string {
  if (!/^\d{6}$/.test(regionCode6)) throw new Error(`region code must be 6 digits: ${regionCode6}`);
  const ymd = birthDate.replace(/-/g, '');
  if (!/^\d{8}$/.test(ymd)) throw new Error(`birth date must be YYYY-MM-DD: ${birthDate}`);
  const seq = Math.floor(rng() * 100).toString().padStart(2, '0');
  const genderDigit = Math.floor(rng() * 5) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${regionCode6}${ymd}${seq}${genderDigit}`;
  return first17 + idNumberCheckChar(first17);
}

function fieldsOf(id: string): ParsedIdNumber {
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  };
}

function isPlausibleBirthDate(ymd: string, today: Date): boolean {
  return isRealDate(ymd) && ymd >= '1900-01-01' && ymd <= chinaToday(today);
}
