/** Segment counting, splitting and reassembly: what the carrier bills and what a handset shows must agree with the text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSms, decodeText, ESM_CLASS_UDHI, readUdh, Reassembler, smsEncoding, splitSms } from './segments.js';

const SEED = 20261130;
const chinese = fc.string({ unit: fc.constantFrom(...'党员同志您好请于本周五前参加支部主题党日活动收到回复'), maxLength: 400 });
const gsm = fc.string({ unit: fc.constantFrom(...'abcXYZ 0129.,!?@£$€[]{}~^|\\\n'), maxLength: 500 });
const mixed = fc.string({ unit: fc.oneof(fc.constantFrom(...'党员ABC 123，。！'), fc.constantFrom('😀', '👍', '🇨🇳', 'é', '€')), maxLength: 300 });
const anyText = fc.oneof(chinese, gsm, mixed, fc.string({ unit: 'grapheme', maxLength: 300 }));

describe('countSms', () => {
  it('bills Chinese as UCS-2: 70 characters in one message, 67 per segment after that', () => {
    expect(countSms('党'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1, remaining: 0 });
    expect(countSms('党'.repeat(71))).toMatchObject({ segments: 2, remaining: 67 * 2 - 71 });
    expect(countSms('党'.repeat(134))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSms('党'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('bills plain Latin text as GSM 7-bit: 160 in one message, 153 per segment, extension characters twice', () => {
    expect(countSms('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1, remaining: 0 });
    expect(countSms('a'.repeat(161))).toMatchObject({ segments: 2 });
    expect(countSms('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1, remaining: 0 });
    expect(countSms('€'.repeat(81))).toMatchObject({ segments: 2 });
  });

  it('counts an emoji as two UCS-2 units and never splits it', () => {
    expect(smsEncoding('收到👍')).toBe('ucs2');
    expect(countSms('👍'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    // 36 emoji = 72 units: two segments of 33 and 3 emoji (66 and 6 units), not 67 + 5 with a broken pair.
    const { parts } = splitSms('👍'.repeat(36), 1);
    expect(parts.map((p) => readUdh(p).body.length / 2)).toEqual([66, 6]);
  });

  it('an empty text is one empty message', () => {
    expect(countSms('')).toEqual({ encoding: 'gsm7', units: 0, segments: 1, remaining: 160 });
  });
});

describe('splitSms and Reassembler', () => {
  it('round-trips any text, in any arrival order and with duplicates, within 140 bytes a segment', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 255 }), fc.infiniteStream(fc.nat()), (text, ref, shuffle) => {
        const { parts, dataCoding, esmClass } = splitSms(text, ref);
        expect(parts.length).toBe(countSms(text).segments);
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(140);
        const order = parts.map((p, i) => ({ p, k: shuffle.next().value! + i })).sort((a, b) => a.k - b.k).map((x) => x.p);
        const r = new Reassembler();
        const results = [...order, order[0]!].map((p) => r.add('13800000000', p, dataCoding, esmClass));
        const whole = results.filter((x) => x !== null);
        // The last arrival completes it; a duplicate after completion is a message of its own only when unsegmented.
        expect(whole[0]).toBe(text);
        // Each segment decodes on its own (no half surrogate pair, no dangling escape).
        for (const p of parts) expect(decodeText(esmClass ? readUdh(p).body : p, dataCoding)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('marks segmented messages with the UDHI bit and an 8-bit concatenation header', () => {
    const { parts, esmClass, dataCoding } = splitSms('请各支部书记于今晚八点前回复参会人数。'.repeat(5), 42);
    expect(dataCoding).toBe(8);
    expect(esmClass).toBe(ESM_CLASS_UDHI);
    expect(parts.map((p) => readUdh(p).concat)).toEqual([{ ref: 42, total: 2, seq: 1 }, { ref: 42, total: 2, seq: 2 }]);
  });

  it('reads a 16-bit reference header too, and keeps two senders with the same reference apart', () => {
    const seg = (seq: number, text: string) => Buffer.concat([Buffer.from([0x06, 0x08, 0x04, 0x12, 0x34, 2, seq]), Buffer.from(text, 'utf16le').swap16()]);
    const r = new Reassembler();
    expect(r.add('139A', seg(2, '世界'), 8, ESM_CLASS_UDHI)).toBeNull();
    expect(r.add('139B', seg(1, '你好'), 8, ESM_CLASS_UDHI)).toBeNull();
    expect(r.add('139A', seg(1, '你好'), 8, ESM_CLASS_UDHI)).toBe('你好世界');
    expect(r.expire(Date.now() + 25 * 3600 * 1000)).toEqual([{ sender: '139B', text: '你好', missing: 1 }]);
  });
});
