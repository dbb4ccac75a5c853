/**
 * The shape of categorization rules (TypeBox, for request bodies of the modules that store them) and
 * `validateRuleSet`, the checks a schema cannot express, with Chinese messages per field
 * (the `FieldError` list a module passes to `validationFailed`). Semantics: docs/text-categorization.md.
 */
import { Type, type Static } from 'typebox';
import type { FieldError } from '../errors.js';
import type { UserWord } from './segmenter.js';

export const MAX_WORDS = 100;
export const MAX_WORD_LENGTH = 30;
export const MAX_PHRASE_LENGTH = 100;
export const MAX_PATTERN_LENGTH = 200;
export const MAX_RULES = 50;
export const MAX_CATEGORIES = 100;

const Word = Type.String({ maxLength: MAX_WORD_LENGTH });
const Words = Type.Array(Word, { maxItems: MAX_WORDS });

export const WordsRule = Type.Object({
  kind: Type.Union([Type.Literal('any'), Type.Literal('all')], { description: 'any: one of the words; all: every word' }),
  words: Words,
  inside: Type.Optional(Type.Boolean({ description: 'also match a word inside a longer word the segmenter keeps whole (换届选举 ⊃ 选举)' })),
}, { additionalProperties: false });
export const PhraseRule = Type.Object({ kind: Type.Literal('phrase'), text: Type.String({ maxLength: MAX_PHRASE_LENGTH }) }, { additionalProperties: false });
export const RegexRule = Type.Object({ kind: Type.Literal('regex'), pattern: Type.String({ maxLength: MAX_PATTERN_LENGTH }) }, { additionalProperties: false });
export const NumberRule = Type.Object({
  kind: Type.Literal('number'),
  min: Type.Number({ minimum: -1_000_000_000, maximum: 1_000_000_000 }),
  max: Type.Number({ minimum: -1_000_000_000, maximum: 1_000_000_000 }),
}, { additionalProperties: false });
export const Rule = Type.Union([WordsRule, PhraseRule, RegexRule, NumberRule]);
export type RuleInput = Static<typeof Rule>;

export const Category = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 40, description: 'stable id of the category in its owner (e.g. a row id)' }),
  name: Type.String({ minLength: 1, maxLength: 40 }),
  rules: Type.Array(Rule, { maxItems: MAX_RULES }),
}, { additionalProperties: false });
export type CategoryInput = Static<typeof Category>;

/** Categories in the order they are tried (first match wins), and tags (every matching tag applies). */
export const RuleSet = Type.Object({
  categories: Type.Array(Category, { maxItems: MAX_CATEGORIES }),
  tags: Type.Optional(Type.Array(Category, { maxItems: MAX_CATEGORIES })),
}, { additionalProperties: false });
export type RuleSetInput = Static<typeof RuleSet>;

export const UserWordSchema = Type.Object({
  word: Type.String({ minLength: 1, maxLength: MAX_WORD_LENGTH }),
  freq: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
  tag: Type.Optional(Type.String({ pattern: '^[a-z]{1,5}$' })),
}, { additionalProperties: false });

/** The key of the category of replies no rule matched. */
export const OTHER_KEY = 'other';
export const OTHER_NAME = '其他';

/**
 * Repetitions one after the other multiply the ways a match can be tried: (选|举).*(选|举).*z took 230 s on 1,000
 * characters, [选举]{0,20}.*[选举]{0,20}z 0.5 s, (选|举)+.*z 0.7 s on 500. Each repetition counts its upper bound
 * (an unbounded one — *, +, {n,} — counts 100) and the product may not exceed 2,000: one unbounded repetition and
 * small bounded ones ((换届|选举).{0,10}(公平|公正)), or bounded ones alone (.{0,10} three times), pass.
 */
const UNBOUNDED_COST = 100;
const MAX_REPETITION_COST = 2000;
const REPETITION_MESSAGE = '正则表达式的重复（*、+、{m,n}）太多，可能极慢：不限次数的重复（* 或 +）最多一处，其余请写成 {0,10} 这样的小范围';

/**
 * A pattern that could take exponential time on some input (catastrophic backtracking): a group that contains a
 * quantifier and is itself repeated — (a+)+, (\d*)*, (a|ab+){2,}, (?:x+y?)* — or a back-reference. Conservative:
 * it refuses some harmless patterns; staff can say the same thing with a phrase or word rule.
 */
export function unsafePattern(pattern: string): string | null {
  if (/\\[1-9]|\\k</.test(pattern)) return '正则表达式不能使用反向引用（\\1、\\k<名称>），请改写';
  // Walk the pattern: for every group, remember whether it holds a quantifier; a quantifier right after a group that holds one is nested.
  const stack: boolean[] = [];
  let cost = 1;
  let inClass = false;
  let lastGroupHadQuantifier = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; lastGroupHadQuantifier = false; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; lastGroupHadQuantifier = false; continue; }
    if (c === '(') { stack.push(false); lastGroupHadQuantifier = false; continue; }
    if (c === ')') {
      const had = stack.pop() ?? false;
      lastGroupHadQuantifier = had;
      if (had && stack.length) stack[stack.length - 1] = true;
      continue;
    }
    const quant = c === '*' || c === '+' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (quant) {
      const brace = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i))! : null;
      const upper = !brace ? Infinity : brace[2] === undefined ? Number(brace[1]) : brace[3] === '' ? Infinity : Number(brace[3]);
      const unbounded = upper > 10;
      if (lastGroupHadQuantifier && unbounded) return '正则表达式含有嵌套的重复（如 (a+)+），可能极慢，请改写';
      cost *= Math.min(Math.max(upper, 1), UNBOUNDED_COST);
      if (cost > MAX_REPETITION_COST) return REPETITION_MESSAGE;
      if (stack.length) stack[stack.length - 1] = true;
      if (c === '{') i = pattern.indexOf('}', i);
    }
    lastGroupHadQuantifier = false;
  }
  return null;
}

/** The compile error of a pattern in the engine's flags, or null. */
export function patternError(pattern: string): string | null {
  try {
    new RegExp(pattern, 'iu');
    return null;
  } catch (e) {
    return `正则表达式无法解析：${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

function validateRule(rule: RuleInput, at: string, errors: FieldError[]) {
  switch (rule.kind) {
    case 'any':
    case 'all': {
      const words = rule.words.map((w) => w.trim());
      if (!words.some((w) => w)) errors.push({ field: `${at}.words`, message: '请至少填写一个词' });
      words.forEach((w, i) => {
        if (!w && words.some((x) => x)) errors.push({ field: `${at}.words.${i}`, message: '词不能为空' });
        else if (/\s/.test(w)) errors.push({ field: `${at}.words.${i}`, message: '词中不能有空格；连续的文字请用"短语"规则' });
        else if (w && /^[\p{P}\p{S}]+$/u.test(w)) errors.push({ field: `${at}.words.${i}`, message: '词不能只有标点符号' });
      });
      break;
    }
    case 'phrase':
      if (!rule.text.trim()) errors.push({ field: `${at}.text`, message: '请填写短语' });
      break;
    case 'regex': {
      const p = rule.pattern;
      if (!p.trim()) { errors.push({ field: `${at}.pattern`, message: '请填写正则表达式' }); break; }
      if (p.length > MAX_PATTERN_LENGTH) { errors.push({ field: `${at}.pattern`, message: `正则表达式不能超过${MAX_PATTERN_LENGTH}个字符` }); break; }
      const problem = patternError(p) ?? unsafePattern(p);
      if (problem) errors.push({ field: `${at}.pattern`, message: problem });
      else if (new RegExp(p, 'iu').test('')) errors.push({ field: `${at}.pattern`, message: '正则表达式会匹配空白回复，请改写' });
      break;
    }
    case 'number':
      if (!Number.isFinite(rule.min) || !Number.isFinite(rule.max)) errors.push({ field: `${at}.min`, message: '请填写数字范围' });
      else if (rule.min > rule.max) errors.push({ field: `${at}.max`, message: `最大值（${rule.max}）不能小于最小值（${rule.min}）` });
      break;
  }
}

function validateList(list: CategoryInput[], name: 'categories' | 'tags', errors: FieldError[]) {
  const what = name === 'categories' ? '分类' : '标签';
  const keys = new Set<string>();
  const names = new Set<string>();
  list.forEach((c, i) => {
    const at = `${name}.${i}`;
    const n = c.name.trim();
    if (!n) errors.push({ field: `${at}.name`, message: `请填写${what}名称` });
    else if (names.has(n)) errors.push({ field: `${at}.name`, message: `${what}名称"${n}"重复` });
    else if (name === 'categories' && n === OTHER_NAME) errors.push({ field: `${at}.name`, message: `"${OTHER_NAME}"由系统保留给未匹配任何规则的回复` });
    names.add(n);
    if (keys.has(c.key)) errors.push({ field: `${at}.key`, message: `${what}标识重复` });
    else if (name === 'categories' && c.key === OTHER_KEY) errors.push({ field: `${at}.key`, message: `标识"${OTHER_KEY}"由系统保留` });
    keys.add(c.key);
    if (!c.rules.length) errors.push({ field: `${at}.rules`, message: `请为${what}至少设置一条规则` });
    c.rules.forEach((r, j) => validateRule(r, `${at}.rules.${j}`, errors));
  });
}

/** Problems of a rule set that its schema cannot express, one per field, in Chinese; [] when it can be compiled. */
export function validateRuleSet(input: RuleSetInput): FieldError[] {
  const errors: FieldError[] = [];
  validateList(input.categories, 'categories', errors);
  validateList(input.tags ?? [], 'tags', errors);
  return errors;
}

/** Problems of a user dictionary, one per field, in Chinese. */
export function validateUserWords(words: UserWord[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  words.forEach((w, i) => {
    const word = w.word.normalize('NFKC').trim().toLowerCase();
    if (!word) errors.push({ field: `words.${i}.word`, message: '请填写词' });
    else if (/\s/.test(word)) errors.push({ field: `words.${i}.word`, message: '词中不能有空格' });
    else if (seen.has(word)) errors.push({ field: `words.${i}.word`, message: `"${word}"重复` });
    seen.add(word);
    if (w.freq !== undefined && !(Number.isInteger(w.freq) && w.freq >= 1)) errors.push({ field: `words.${i}.freq`, message: '词频应为正整数' });
  });
  return errors;
}
