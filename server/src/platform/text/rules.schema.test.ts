import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { RuleSet, validateRuleSet, validateUserWords, type RuleInput } from './rules.schema.js';

const problems = (rules: RuleInput[]) => validateRuleSet({ categories: [{ key: 'a', name: '甲', rules }] });

describe('rule validation (Chinese messages per field)', () => {
  it('a sound rule set has no problems', () => {
    expect(problems([
      { kind: 'any', words: ['选举', '换届'] },
      { kind: 'all', words: ['党员', '年轻'], inside: true },
      { kind: 'phrase', text: '村级组织' },
      { kind: 'regex', pattern: '^[1-3]$' },
      { kind: 'number', min: 1, max: 3 },
    ])).toEqual([]);
  });

  it('refuses empty word lists and empty words', () => {
    expect(problems([{ kind: 'any', words: [] }])).toEqual([{ field: 'categories.0.rules.0.words', message: '请至少填写一个词' }]);
    expect(problems([{ kind: 'all', words: ['  ', ''] }])).toEqual([{ field: 'categories.0.rules.0.words', message: '请至少填写一个词' }]);
    expect(problems([{ kind: 'any', words: ['选举', ' '] }])).toEqual([{ field: 'categories.0.rules.0.words.1', message: '词不能为空' }]);
    expect(problems([{ kind: 'any', words: ['换届 选举'] }])[0].message).toContain('短语');
    expect(problems([{ kind: 'any', words: ['，'] }])[0].message).toBe('词不能只有标点符号');
  });

  it('refuses a regular expression that does not compile', () => {
    const [e] = problems([{ kind: 'regex', pattern: '(选举' }]);
    expect(e.field).toBe('categories.0.rules.0.pattern');
    expect(e.message).toMatch(/^正则表达式无法解析/);
  });

  it('refuses patterns that could be catastrophically slow, and overlong ones', () => {
    for (const pattern of ['(a+)+', '(\\d*)*', '(?:选举.*)+b', '(a|ab+){2,}', '((ab)*c)*', '(x+){1,100}']) {
      expect(problems([{ kind: 'regex', pattern }]), pattern).toEqual([{ field: 'categories.0.rules.0.pattern', message: '正则表达式含有嵌套的重复（如 (a+)+），可能极慢，请改写' }]);
    }
    expect(problems([{ kind: 'regex', pattern: '(a)\\1' }])[0].message).toContain('反向引用');
    expect(problems([{ kind: 'regex', pattern: '选'.repeat(201) }])).toEqual([{ field: 'categories.0.rules.0.pattern', message: '正则表达式不能超过200个字符' }]);
    // Harmless repetition is fine: quantifiers not nested, a bounded repeat of a group, a class.
    for (const pattern of ['(选举|换届)+', '(ab)+', '[0-9]+号', 'x(a+)?', '(a+){2}', '\\(选举\\)+', '(换届|选举).{0,10}(公平|公正)', '选.{0,10}举.{0,10}z.{0,10}x']) {
      expect(problems([{ kind: 'regex', pattern }]), pattern).toEqual([]);
    }
  });

  it('refuses patterns whose repetitions multiply (polynomial backtracking: seconds to minutes on a long reply)', () => {
    // Each of these took from 0.5 s to minutes on 500–1,000 characters of 选.
    for (const pattern of ['(选|举).*(选|举).*z', '(选|举)+.*z', '.*选.*选.*z', '[选举]{0,20}.*[选举]{0,20}z', '(选|举).{0,20}(选|举).{0,20}(选|举).{0,20}(选|举).{0,20}z']) {
      expect(problems([{ kind: 'regex', pattern }]), pattern).toEqual([{ field: 'categories.0.rules.0.pattern', message: '正则表达式的重复（*、+、{m,n}）太多，可能极慢：不限次数的重复（* 或 +）最多一处，其余请写成 {0,10} 这样的小范围' }]);
    }
  });

  it('refuses a pattern that matches an empty reply', () => {
    expect(problems([{ kind: 'regex', pattern: '.*' }])[0].message).toBe('正则表达式会匹配空白回复，请改写');
  });

  it('refuses a number range whose minimum is above its maximum', () => {
    expect(problems([{ kind: 'number', min: 5, max: 1 }])).toEqual([{ field: 'categories.0.rules.0.max', message: '最大值（1）不能小于最小值（5）' }]);
  });

  it('refuses an empty phrase, a category without rules or name, duplicates and the reserved 其他', () => {
    expect(problems([{ kind: 'phrase', text: '  ' }])).toEqual([{ field: 'categories.0.rules.0.text', message: '请填写短语' }]);
    expect(validateRuleSet({
      categories: [
        { key: 'a', name: '选举', rules: [] },
        { key: 'a', name: '选举', rules: [{ kind: 'phrase', text: '选举' }] },
        { key: 'other', name: '其他', rules: [{ kind: 'phrase', text: '别的' }] },
      ],
      tags: [{ key: 't', name: ' ', rules: [{ kind: 'phrase', text: '急' }] }],
    })).toEqual([
      { field: 'categories.0.rules', message: '请为分类至少设置一条规则' },
      { field: 'categories.1.name', message: '分类名称"选举"重复' },
      { field: 'categories.1.key', message: '分类标识重复' },
      { field: 'categories.2.name', message: '"其他"由系统保留给未匹配任何规则的回复' },
      { field: 'categories.2.key', message: '标识"other"由系统保留' },
      { field: 'tags.0.name', message: '请填写标签名称' },
    ]);
  });

  it('the TypeBox schema accepts each rule kind and refuses an unknown one', () => {
    const ok = { categories: [{ key: 'a', name: '甲', rules: [{ kind: 'any', words: ['选举'] }, { kind: 'number', min: 1, max: 2 }] }], tags: [] };
    expect(Value.Check(RuleSet, ok)).toBe(true);
    expect(Value.Check(RuleSet, { categories: [{ key: 'a', name: '甲', rules: [{ kind: 'fuzzy', words: ['选举'] }] }] })).toBe(false);
    expect(Value.Check(RuleSet, { categories: [{ key: 'a', name: '甲', rules: [{ kind: 'number', min: 1 }] }] })).toBe(false);
  });
});

describe('user dictionary validation', () => {
  it('refuses empty, spaced and duplicate words (full-width and case folded) and bad frequencies', () => {
    expect(validateUserWords([{ word: '两委班子' }, { word: '网格员', freq: 100, tag: 'n' }])).toEqual([]);
    expect(validateUserWords([{ word: ' ' }, { word: '两 委' }, { word: 'OK' }, { word: 'ｏｋ' }, { word: '网格员', freq: 0 }])).toEqual([
      { field: 'words.0.word', message: '请填写词' },
      { field: 'words.1.word', message: '词中不能有空格' },
      { field: 'words.3.word', message: '"ok"重复' },
      { field: 'words.4.freq', message: '词频应为正整数' },
    ]);
  });
});
