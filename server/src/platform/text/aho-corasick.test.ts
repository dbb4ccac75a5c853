import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldForMatching, WordAutomaton, type WordMatch } from './aho-corasick.js';

const sorted = (ms: WordMatch[]) => [...ms].sort((a, b) => a.start - b.start || a.end - b.end || a.word.localeCompare(b.word));

describe('WordAutomaton', () => {
  it('finds overlapping and nested words, each occurrence', () => {
    const ac = new WordAutomaton(['he', 'she', 'his', 'hers']);
    expect(sorted(ac.find('ushers'))).toEqual([
      { word: 'she', start: 1, end: 4 },
      { word: 'he', start: 2, end: 4 },
      { word: 'hers', start: 2, end: 6 },
    ]);
    expect(new WordAutomaton(['aa']).find('aaaa')).toHaveLength(3);
  });

  it('finds Chinese words with their original positions', () => {
    const ac = new WordAutomaton(['法轮功', '轮功', '赌博', '网络赌博']);
    const text = '举报网络赌博和法轮功';
    const m = sorted(ac.find(text));
    expect(m.map((x) => [x.word, text.slice(x.start, x.end)])).toEqual([
      ['网络赌博', '网络赌博'], ['赌博', '赌博'], ['法轮功', '法轮功'], ['轮功', '轮功'],
    ]);
  });

  it('folds full-width forms and case, and skips spaces and punctuation inside a word', () => {
    const ac = new WordAutomaton(['FaLun', '代开发票', 'ｑｑ群']);
    expect(ac.find('ＦＡＬＵＮ').map((m) => m.word)).toEqual(['FaLun']);
    const text = '专业代 开·发.票！';
    const [m] = ac.find(text);
    expect(text.slice(m!.start, m!.end)).toBe('代 开·发.票');
    expect(ac.test('加QQ群')).toBe(true);
    expect(ac.test('代\u200b开发票')).toBe(true); // a zero-width space
    expect(ac.test('代开增值税发票')).toBe(false);
  });

  it('matches nothing with an empty list or a word of punctuation only', () => {
    expect(new WordAutomaton([]).find('任何文字')).toEqual([]);
    expect(new WordAutomaton(['，。', ' ']).size).toBe(0);
  });

  it('keeps positions right around characters outside the basic plane', () => {
    const ac = new WordAutomaton(['𠮷野家']);
    const text = '去😀𠮷野家';
    const [m] = ac.find(text);
    expect(text.slice(m!.start, m!.end)).toBe('𠮷野家');
  });

  it('agrees with a naive search on random words and texts', () => {
    // A small alphabet (Chinese, Latin in both widths and cases, punctuation) so that words overlap often.
    const ch = fc.constantFrom('法', '轮', '功', '赌', '博', 'a', 'A', 'ａ', 'b', 'B', ' ', '，', '.', '1', '１');
    const word = fc.array(ch, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.array(word, { maxLength: 8 }), fc.array(ch, { maxLength: 40 }).map((a) => a.join('')), (words, text) => {
      const ac = new WordAutomaton(words);
      const got = ac.find(text).map((m) => `${foldForMatching(m.word)}@${foldForMatching(text.slice(0, m.start)).length}`).sort();
      // Naive: every distinct folded word at every position of the folded text.
      const hay = foldForMatching(text);
      const expected: string[] = [];
      for (const w of new Set(words.map(foldForMatching))) {
        if (!w) continue;
        for (let i = hay.indexOf(w); i >= 0; i = hay.indexOf(w, i + 1)) expected.push(`${w}@${i}`);
      }
      expect(got).toEqual(expected.sort());
      // Each match's span, folded, is the word.
      for (const m of ac.find(text)) expect(foldForMatching(text.slice(m.start, m.end))).toBe(foldForMatching(m.word));
    }), { numRuns: 500 });
  });
});
