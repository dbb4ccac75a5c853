/**
 * The text categorization engine (docs/text-categorization.md): a rule set is compiled once
 * (`compileRules`), then each reply is normalised and segmented once and tried against the categories in their
 * order (first match wins; nothing → 'other' / 其他) and against every tag (all that match apply).
 * Every match says why: the rule (its index and kind) and what it matched (words, phrase, regex text or number).
 *
 * Word rules compare whole tokens of the reply's segmentation, never substrings:
 * - a rule word the segmenter itself splits (两委班子 → 两委/班子 with the default dictionary) matches those tokens
 *   in a row, so staff never write a word that can never match;
 * - `inside: true` also matches the dictionary words inside a longer token (search mode: 换届选举 → 换届, 选举), and a
 *   rule word of several tokens wherever its text appears (两委班子 in 村两委班子, which is 村两委/班子).
 * Phrases are substrings of the normalised text with all spaces removed; regular expressions run on the
 * normalised text (case-insensitive, Unicode); a number rule takes the first number of the reply.
 */
import { validationFailed } from '../errors.js';
import { normalizeText, type Segmenter } from './segmenter.js';
import { OTHER_KEY, OTHER_NAME, validateRuleSet, type CategoryInput, type RuleInput, type RuleSetInput } from './rules.schema.js';

/** Regular expressions see at most this many characters of a reply (a long SMS of 10 parts is 670). */
export const REGEX_TEXT_LIMIT = 1000;

export interface RuleMatch {
  /** index of the rule in its category's (or tag's) list */
  rule: number;
  kind: RuleInput['kind'];
  /** what matched: the rule's words found (any/all), the phrase, the text the regex matched, or the number */
  matched: string[];
}

export interface Assignment {
  key: string;
  name: string;
  match: RuleMatch;
}

export interface Categorization {
  /** the first category (in order) with a matching rule, or 'other' / 其他 with match null */
  category: { key: string; name: string; match: RuleMatch | null };
  tags: Assignment[];
  /** the reply's words as segmented (normalised; spaces and punctuation dropped), for word counts */
  tokens: string[];
}

/** A reply prepared once for every rule: normalised text and its tokens. */
interface Prepared {
  text: string;
  compact: string;
  tokens: Set<string>;
  /** tokens joined as \u0001a\u0001b\u0001 for multi-token words */
  joined: string;
  search: Set<string> | null;
  number: number | null | undefined;
}

interface WordMatcher {
  word: string;
  /** the rule word's own tokens joined (\u0001a\u0001b\u0001) when it is several tokens, else null */
  seq: string | null;
}

type Compiled =
  | { kind: 'any' | 'all'; words: WordMatcher[]; inside: boolean }
  | { kind: 'phrase'; text: string }
  | { kind: 'regex'; re: RegExp }
  | { kind: 'number'; min: number; max: number };

interface CompiledGroup { key: string; name: string; rules: Compiled[] }

export interface CompiledRules {
  readonly segmenter: Segmenter;
  categorize(reply: string): Categorization;
}

const SEP = '\u0001';
const compactOf = (s: string) => s.replace(/\s+/g, '');

function compileRule(r: RuleInput, seg: Segmenter): Compiled {
  switch (r.kind) {
    case 'any':
    case 'all': {
      const words: WordMatcher[] = [];
      for (const raw of r.words) {
        const word = normalizeText(raw.trim());
        if (!word) continue;
        const parts = seg.cut(word);
        words.push({ word, seq: parts.length > 1 ? SEP + parts.join(SEP) + SEP : null });
      }
      return { kind: r.kind, words, inside: r.inside === true };
    }
    case 'phrase':
      return { kind: 'phrase', text: compactOf(normalizeText(r.text)) };
    case 'regex':
      return { kind: 'regex', re: new RegExp(r.pattern, 'iu') };
    case 'number':
      return { kind: 'number', min: r.min, max: r.max };
  }
}

/** The first number of a normalised reply (digits, optionally a decimal part), or null. */
function firstNumber(text: string): number | null {
  const m = /\d+(?:\.\d+)?/.exec(text);
  return m ? Number(m[0]) : null;
}

function wordFound(w: WordMatcher, p: Prepared, inside: boolean, seg: Segmenter): boolean {
  // A rule word of several tokens, with inside: its text anywhere (村两委班子 = 村两委/班子 holds 两委班子).
  if (w.seq) return p.joined.includes(w.seq) || (inside && p.compact.includes(w.word));
  return p.tokens.has(w.word) || (inside && searchTokens(p, seg).has(w.word));
}

function searchTokens(p: Prepared, seg: Segmenter): Set<string> {
  if (!p.search) p.search = new Set(seg.cutForSearch(p.text));
  return p.search;
}

function tryRule(c: Compiled, p: Prepared, seg: Segmenter): string[] | null {
  switch (c.kind) {
    case 'any': {
      for (const w of c.words) if (wordFound(w, p, c.inside, seg)) return [w.word];
      return null;
    }
    case 'all': {
      if (!c.words.length) return null;
      for (const w of c.words) if (!wordFound(w, p, c.inside, seg)) return null;
      return c.words.map((w) => w.word);
    }
    case 'phrase':
      return c.text && p.compact.includes(c.text) ? [c.text] : null;
    case 'regex': {
      const m = c.re.exec(p.text.length > REGEX_TEXT_LIMIT ? p.text.slice(0, REGEX_TEXT_LIMIT) : p.text);
      return m ? [m[0]] : null;
    }
    case 'number': {
      if (p.number === undefined) p.number = firstNumber(p.text);
      return p.number !== null && p.number >= c.min && p.number <= c.max ? [String(p.number)] : null;
    }
  }
}

function tryGroup(g: CompiledGroup, p: Prepared, seg: Segmenter): RuleMatch | null {
  for (let i = 0; i < g.rules.length; i++) {
    const matched = tryRule(g.rules[i], p, seg);
    if (matched) return { rule: i, kind: g.rules[i].kind, matched };
  }
  return null;
}

/**
 * Compiles a rule set for `segmenter` (the default one, or one with the owner's user dictionary). Throws the
 * platform's `validation_failed` error (field errors in Chinese) when `validateRuleSet` finds problems.
 */
export function compileRules(input: RuleSetInput, segmenter: Segmenter): CompiledRules {
  const errors = validateRuleSet(input);
  if (errors.length) throw validationFailed(errors, '分类规则有误，请按提示修改');
  const group = (c: CategoryInput): CompiledGroup => ({ key: c.key, name: c.name.trim(), rules: c.rules.map((r) => compileRule(r, segmenter)) });
  const categories = input.categories.map(group);
  const tags = (input.tags ?? []).map(group);
  return {
    segmenter,
    categorize(reply: string): Categorization {
      const text = normalizeText(reply);
      const tokens = segmenter.cut(text);
      const p: Prepared = { text, compact: compactOf(text), tokens: new Set(tokens), joined: SEP + tokens.join(SEP) + SEP, search: null, number: undefined };
      let category: Categorization['category'] = { key: OTHER_KEY, name: OTHER_NAME, match: null };
      for (const g of categories) {
        const m = tryGroup(g, p, segmenter);
        if (m) { category = { key: g.key, name: g.name, match: m }; break; }
      }
      const assigned: Assignment[] = [];
      for (const g of tags) {
        const m = tryGroup(g, p, segmenter);
        if (m) assigned.push({ key: g.key, name: g.name, match: m });
      }
      return { category, tags: assigned, tokens };
    },
  };
}
