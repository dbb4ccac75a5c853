import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { generateIdNumber, idNumberCheckChar, normalizeIdNumber, parseIdNumber, validateIdNumber } from './id-number.js';

const TODAY = new Date(2026, 10, 27);
const PROVINCES = ['11', '12', '13', '31', '32', '33', '44', '50', '51', '65', '81', '82'];

/** fast-check's own rng drives generateIdNumber, so shrinking stays meaningful. */
const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    rest: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2026, 10, 26)), noInvalidDate: true }),
    gender: fc.constantFrom('male' as const, 'female' as const),
    draws: fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 2, maxLength: 2 }),
  })
  .map(({ province, rest, birth, gender, draws }) => {
    const birthDate = birth.toISOString().slice(0, 10);
    let i = 0;
    const id = generateIdNumber(() => draws[i++ % 2], province + String(rest).padStart(4, '0'), birthDate, gender);
    return { id, birthDate, gender, region: province + String(rest).padStart(4, '0') };
  });

describe('validateIdNumber', () => {
  it('accepts the GB 11643 example and real-format numbers', () => {
    expect(validateIdNumber('11010519491231002X', { today: TODAY })).toBeNull();
    expect(validateIdNumber('11010519491231002x', { today: TODAY })).toBeNull();
    expect(parseIdNumber('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female', regionCode: '110105' });
    expect(idNumberCheckChar('33010219900101123')).toBe(validCheck('33010219900101123'));
    const first17 = '44030119900101010';
    const spaced = ` ${first17.slice(0, 6)} ${first17.slice(6, 14)} ${first17.slice(14)}${idNumberCheckChar(first17)} `;
    expect(validateIdNumber(spaced, { today: TODAY })).toBeNull();
  });

  it('gives precise messages', () => {
    expect(validateIdNumber('')).toBe('请填写身份证号');
    expect(validateIdNumber('1101051949123100')).toBe('身份证号应为18位');
    expect(validateIdNumber('11010519491231002A')).toBe('身份证号前17位应为数字，第18位应为数字或X');
    expect(validateIdNumber('99010519491231002X')).toBe('身份证号前两位不是有效的省级行政区划代码');
    expect(validateIdNumber('110105194913310021')).toBe('身份证号中的出生日期无效');
    expect(validateIdNumber('110105190002290021')).toBe('身份证号中的出生日期无效'); // 1900 was not a leap year
    expect(validateIdNumber('110105189912310021')).toBe('身份证号中的出生日期无效');
    const future = '3301022030010112' + '3';
    expect(validateIdNumber(future + idNumberCheckChar(future), { today: TODAY })).toBe('身份证号中的出生日期无效');
    expect(validateIdNumber('110105194912310021')).toBe('身份证号第18位校验码不正确，请核对');
    expect(validateIdNumber('11010519491231002X', { birthDate: '1950-12-31' })).toBe(
      '身份证号中的出生日期（1949-12-31）与填写的出生日期（1950-12-31）不一致',
    );
    expect(validateIdNumber('11010519491231002X', { gender: 'male' })).toBe('身份证号显示性别为女，与填写的性别不一致');
    expect(validateIdNumber('11010519491231002X', { gender: 'female', birthDate: '1949-12-31' })).toBeNull();
    expect(parseIdNumber('110105194912310021')).toBeNull();
  });

  it('normalizes lowercase and full-width input', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
  });

  it('every generated number validates and parses back to its birth date and gender', () => {
    fc.assert(
      fc.property(validId, ({ id, birthDate, gender, region }) => {
        expect(id).toHaveLength(18);
        expect(validateIdNumber(id, { birthDate, gender, today: TODAY })).toBeNull();
        expect(parseIdNumber(id)).toEqual({ birthDate, gender, regionCode: region });
        expect(validateIdNumber(id.toLowerCase(), { today: TODAY })).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('changing any one character of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), ({ id }, pos, delta) => {
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(id[pos]);
        const replacement = alphabet[(current + delta) % alphabet.length];
        fc.pre(replacement !== id[pos]);
        const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(validateIdNumber(changed, { today: TODAY })).not.toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects every wrong length', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 30 }).filter((n) => n !== 18), ({ id }, len) => {
        const s = (id + id).slice(0, len);
        expect(validateIdNumber(s, { today: TODAY })).toBe(len === 0 ? '请填写身份证号' : '身份证号应为18位');
      }),
    );
  });

  it('gender follows the parity of the 17th digit', () => {
    fc.assert(
      fc.property(validId, ({ id }) => {
        expect(parseIdNumber(id)?.gender).toBe(Number(id[16]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });
});

/** Independent computation of the check character: sum of d_i × 2^(17-i) mod 11. */
function validCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11];
}
