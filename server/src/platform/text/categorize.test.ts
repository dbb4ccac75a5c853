import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { compileRules } from './categorize.js';
import type { RuleInput, RuleSetInput } from './rules.schema.js';
import { defaultSegmenter, segmenterFor } from './segmenter.js';

const seg = defaultSegmenter();
/** One category "命中" with the given rules: the reply's category key, 'hit' or 'other'. */
const one = (rules: RuleInput[], reply: string, s = seg) =>
  compileRules({ categories: [{ key: 'hit', name: '命中', rules }] }, s).categorize(reply);
const hits = (rules: RuleInput[], reply: string) => one(rules, reply).category.key === 'hit';

describe('rule kinds, in Chinese', () => {
  it('any of these words', () => {
    const rules: RuleInput[] = [{ kind: 'any', words: ['待遇', '报酬'] }];
    expect(hits(rules, '村干部待遇太低，留不住人')).toBe(true);
    expect(hits(rules, '希望提高报酬')).toBe(true);
    expect(hits(rules, '党员队伍老龄化严重')).toBe(false);
  });

  it('all of these words', () => {
    const rules: RuleInput[] = [{ kind: 'all', words: ['党员', '年轻'] }];
    expect(hits(rules, '发展年轻党员很难')).toBe(true);
    expect(hits(rules, '发展党员很难')).toBe(false);
    expect(one(rules, '发展年轻党员很难').category.match?.matched).toEqual(['党员', '年轻']);
    // 年轻人 is a word of its own: 年轻 is not one of its words (see the pitfalls below)
    expect(hits(rules, '年轻人不愿意入党，发展党员难')).toBe(false);
  });

  it('a phrase is contiguous text, found across the segmenter\'s word boundaries and spaces', () => {
    const rules: RuleInput[] = [{ kind: 'phrase', text: '村级组织' }];
    expect(hits(rules, '要加强村级组织建设')).toBe(true);
    expect(hits(rules, '村级 组织 建设')).toBe(true);
    expect(hits(rules, '村里的组织生活')).toBe(false);
  });

  it('a regular expression runs on the text, case-insensitive', () => {
    const rules: RuleInput[] = [{ kind: 'regex', pattern: '(换届|选举).{0,6}(公平|公正)' }];
    expect(one(rules, '希望换届选举公平公正').category.match).toEqual({ rule: 0, kind: 'regex', matched: ['换届选举公平公正'] });
    expect(hits(rules, '公平公正地换届')).toBe(false);
    expect(hits([{ kind: 'regex', pattern: '^ok$' }], 'OK')).toBe(true);
  });

  it('a number range takes the first number of the reply, full-width digits included', () => {
    const rules: RuleInput[] = [{ kind: 'number', min: 1, max: 3 }];
    expect(hits(rules, '2')).toBe(true);
    expect(hits(rules, '选２')).toBe(true);
    expect(hits(rules, '我选第３项，理由是5条')).toBe(true);
    expect(hits(rules, '４')).toBe(false);
    expect(hits(rules, '12')).toBe(false);
    expect(hits(rules, '同意')).toBe(false);
    expect(one(rules, '回复：３').category.match?.matched).toEqual(['3']);
    // Only Arabic digits, and the first number as is: a year before the choice is the number read.
    expect(hits(rules, '选二')).toBe(false);
    expect(hits(rules, '2026年我选3')).toBe(false);
    expect(hits([{ kind: 'number', min: 1.5, max: 2.5 }], '打分２.０')).toBe(true);
  });
});

describe('segmentation pitfalls', () => {
  it('a word rule matches whole words: 选举 is not found inside 换届选举, unless the rule says inside', () => {
    expect(hits([{ kind: 'any', words: ['选举'] }], '希望换届选举公平公正')).toBe(false);
    expect(hits([{ kind: 'any', words: ['选举'] }], '选举工作要规范')).toBe(true);
    expect(hits([{ kind: 'any', words: ['选举'], inside: true }], '希望换届选举公平公正')).toBe(true);
    expect(hits([{ kind: 'any', words: ['换届选举'] }], '希望换届选举公平公正')).toBe(true);
  });

  it('两委 is not 村两委 unless inside; 村两委 does not match a bare 两委', () => {
    expect(hits([{ kind: 'any', words: ['两委'] }], '村两委要团结')).toBe(false);
    expect(hits([{ kind: 'any', words: ['两委'], inside: true }], '村两委要团结')).toBe(true);
    expect(hits([{ kind: 'any', words: ['两委'] }], '两委成员要团结')).toBe(true);
    expect(hits([{ kind: 'any', words: ['村两委'] }], '两委成员要团结')).toBe(false);
  });

  it('a substring across two words never matches a word rule (团结 in 共青团结对)', () => {
    expect(hits([{ kind: 'any', words: ['团结'] }], '共青团结对帮扶困难户')).toBe(false);
    expect(hits([{ kind: 'any', words: ['团结'] }], '两委要团结')).toBe(true);
  });

  it('a rule word the segmenter splits matches its parts in a row (两委班子 = 两委 + 班子)', () => {
    const rules: RuleInput[] = [{ kind: 'any', words: ['两委班子'] }];
    expect(hits(rules, '建议加强两委班子建设')).toBe(true);
    expect(hits(rules, '两委的班子')).toBe(false);
    // 村两委班子 is 村两委/班子: the parts are not in a row; with inside the text is enough.
    expect(hits(rules, '村两委班子要团结')).toBe(false);
    expect(hits([{ kind: 'any', words: ['两委班子'], inside: true }], '村两委班子要团结')).toBe(true);
    expect(hits([{ kind: 'any', words: ['两委班子'], inside: true }], '两委的班子')).toBe(false);
  });

  it('full-width letters and digits equal half-width ones; English words are whole and case-free', () => {
    const ok: RuleInput[] = [{ kind: 'any', words: ['OK'] }];
    expect(hits(ok, 'ＯＫ，同意')).toBe(true);
    expect(hits(ok, 'ok了')).toBe(true);
    expect(hits(ok, 'Ok')).toBe(true);
    expect(hits(ok, 'okay')).toBe(false);
    expect(hits([{ kind: 'any', words: ['ＯＫ'] }], 'ok')).toBe(true);
    expect(hits([{ kind: 'phrase', text: '第１条' }], '同意第1条')).toBe(true);
  });

  it('spaces and punctuation do not hide words', () => {
    const rules: RuleInput[] = [{ kind: 'all', words: ['党员', '教育'] }];
    expect(hits(rules, '党员，教育！')).toBe(true);
    expect(hits(rules, ' 党员   教育 ')).toBe(true);
    expect(hits(rules, '党员\n教育')).toBe(true);
  });
});

describe('categories and tags', () => {
  const set: RuleSetInput = {
    categories: [
      { key: 'election', name: '村级换届选举', rules: [{ kind: 'any', words: ['换届', '选举', '换届选举'] }] },
      { key: 'members', name: '党员队伍建设', rules: [{ kind: 'any', words: ['党员', '党员队伍'] }] },
      { key: 'orgs', name: '村级组织建设', rules: [{ kind: 'phrase', text: '村级组织' }, { kind: 'any', words: ['两委', '村两委', '班子'] }] },
    ],
    tags: [
      { key: 'pay', name: '待遇', rules: [{ kind: 'any', words: ['待遇', '报酬', '工资'] }] },
      { key: 'youth', name: '年轻人', rules: [{ kind: 'any', words: ['年轻', '年轻人'] }] },
      { key: 'urgent', name: '紧急', rules: [{ kind: 'regex', pattern: '急|尽快' }] },
    ],
  };
  const engine = compileRules(set, seg);

  it('first match wins in the order staff set', () => {
    // Both "election" and "members" rules match; election is first.
    expect(engine.categorize('换届选举时党员参与度低').category.key).toBe('election');
    const reordered = compileRules({ categories: [set.categories[1], set.categories[0], set.categories[2]] }, seg);
    expect(reordered.categorize('换届选举时党员参与度低').category.key).toBe('members');
  });

  it('a category matches when any of its rules does, and says which rule and which words', () => {
    expect(engine.categorize('村两委班子要加强').category).toEqual({ key: 'orgs', name: '村级组织建设', match: { rule: 1, kind: 'any', matched: ['村两委'] } });
    expect(engine.categorize('加强村级组织建设').category.match).toEqual({ rule: 0, kind: 'phrase', matched: ['村级组织'] });
  });

  it('a reply that matches nothing is 其他 (other)', () => {
    expect(engine.categorize('今年的收成还不错').category).toEqual({ key: 'other', name: '其他', match: null });
    expect(engine.categorize('').category.key).toBe('other');
  });

  it('every matching tag applies, each with its explanation, whatever the category', () => {
    const r = engine.categorize('年轻人嫌待遇低，希望尽快解决');
    expect(r.category.key).toBe('other');
    expect(r.tags).toEqual([
      { key: 'pay', name: '待遇', match: { rule: 0, kind: 'any', matched: ['待遇'] } },
      { key: 'youth', name: '年轻人', match: { rule: 0, kind: 'any', matched: ['年轻人'] } },
      { key: 'urgent', name: '紧急', match: { rule: 0, kind: 'regex', matched: ['尽快'] } },
    ]);
    expect(engine.categorize('党员队伍建设').tags).toEqual([]);
  });

  it('a rule set with problems is refused with field errors, not compiled', () => {
    let err: unknown;
    try {
      compileRules({ categories: [{ key: 'x', name: '甲', rules: [{ kind: 'regex', pattern: '(a+)+' }] }] }, seg);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).errors?.[0].field).toBe('categories.0.rules.0.pattern');
  });
});

describe('user dictionary', () => {
  it('adding 两委班子 makes it one word: a rule for 两委 stops matching it, one for 两委班子 keeps matching', () => {
    const reply = '建议加强两委班子建设';
    const set: RuleSetInput = { categories: [{ key: 'two', name: '两委', rules: [{ kind: 'any', words: ['两委'] }] }] };
    expect(compileRules(set, seg).categorize(reply).category.key).toBe('two');
    const withWord = segmenterFor([{ word: '两委班子' }]);
    expect(withWord.cut(reply)).toContain('两委班子');
    expect(compileRules(set, withWord).categorize(reply).category.key).toBe('other');
    const both: RuleSetInput = { categories: [{ key: 'team', name: '班子', rules: [{ kind: 'any', words: ['两委班子'] }] }] };
    expect(compileRules(both, withWord).categorize(reply).category.key).toBe('team');
    // … and `inside` still finds 两委 in it.
    const inside: RuleSetInput = { categories: [{ key: 'two', name: '两委', rules: [{ kind: 'any', words: ['两委'], inside: true }] }] };
    expect(compileRules(inside, withWord).categorize(reply).category.key).toBe('two');
  });

  it('the same dictionary in another order (or with different case and width) is the same cached segmenter', () => {
    const a = segmenterFor([{ word: '两委班子' }, { word: '网格员' }]);
    const b = segmenterFor([{ word: '网格员' }, { word: '两委班子' }]);
    expect(b).toBe(a);
    expect(segmenterFor([{ word: '网格员' }])).not.toBe(a);
    expect(segmenterFor([])).toBe(defaultSegmenter());
  });

  it('a user word does not change the shared default segmenter', () => {
    segmenterFor([{ word: '两委班子' }]);
    expect(defaultSegmenter().cut('加强两委班子建设')).toEqual(['加强', '两委', '班子', '建设']);
  });
});
