import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { maskIdNumber, maskMobile } from './mask.js';

describe('masks', () => {
  it('masks the examples', () => {
    expect(maskIdNumber('330102199001011234')).toBe('330102********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('330102900101123')).toBe('33***********23');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskMobile('13812348000')).toBe('138****8000');
    expect(maskMobile('0571-87654321')).toBe('05*********21');
  });

  it('an ID keeps exactly the first 6 and last 4 and never reveals the middle', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X'.split('')), minLength: 18, maxLength: 18 }), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(0, 6)).toBe(id.slice(0, 6));
        expect(masked.slice(14)).toBe(id.slice(14));
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });

  it('a mobile keeps the first 3 and last 4', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 11, maxLength: 11 }), (m) => {
        const masked = maskMobile(m);
        expect(masked).toBe(`${m.slice(0, 3)}****${m.slice(7)}`);
      }),
    );
  });

  it('never reveals more than four characters of any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        for (const masked of [maskIdNumber(s), maskMobile(s)]) {
          expect(masked.replace(/\*/g, '').length).toBeLessThanOrEqual(s.trim().length === 18 ? 10 : 7);
        }
      }),
    );
  });
});
