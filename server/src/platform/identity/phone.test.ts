import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MOBILE_MESSAGE, normalizeLandline, normalizeMobile, validateLandline, validateMobile } from './phone.js';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

describe('mobile numbers', () => {
  it('accepts every ^1[3-9]\\d{9}$', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), digits(9), (second, rest) => {
        const m = `1${second}${rest}`;
        expect(validateMobile(m)).toBeNull();
        expect(validateMobile(`+86 ${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`)).toBeNull();
        expect(normalizeMobile(`86${m}`)).toBe(m);
      }),
    );
  });

  it('rejects everything else', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789ab'.split('')), maxLength: 14 }), (s) => {
        fc.pre(!/^1[3-9]\d{9}$/.test(normalizeMobile(s)));
        expect(validateMobile(s)).toBe(MOBILE_MESSAGE);
      }),
    );
    for (const bad of ['', '1381234800', '138123480001', '12812348000', '23812348000', '1381234800a', '10086']) {
      expect(validateMobile(bad)).toBe(MOBILE_MESSAGE);
    }
  });

  it('normalizes full-width digits and separators', () => {
    expect(normalizeMobile('１３８ １２３４ ８０００')).toBe('13812348000');
    expect(normalizeMobile('0086-138-1234-8000')).toBe('13812348000');
  });
});

describe('landlines', () => {
  it('accepts area code + number with optional extension', () => {
    for (const ok of ['0571-87654321', '057187654321', '0571 87654321', '(0571)87654321', '0571-87654321-123', '0571-87654321转8', '010-62345678', '021-6234567', '0580-2023456']) {
      expect(validateLandline(ok), ok).toBeNull();
    }
    expect(normalizeLandline('057187654321')).toBe('0571-87654321');
    expect(normalizeLandline('01062345678')).toBe('010-62345678');
    expect(normalizeLandline('（0574）65781234 转 302')).toBe('0574-65781234-302');
  });

  it('rejects numbers without an area code or with a bad local number', () => {
    for (const bad of ['', '87654321', '13812348000', '0571-0765432', '0571-123456', '0571-876543210', 'abc', '0571-87654321-1234567']) {
      expect(validateLandline(bad), bad).not.toBeNull();
    }
  });
});
