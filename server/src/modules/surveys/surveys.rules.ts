/**
 * A survey's categories and tags as a compiled rule set (platform/text), cached per survey and rules version: replies
 * arrive by thousands a second and each is categorized as it is stored.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { compileRules, type CompiledRules } from '../../platform/text/categorize.js';
import { segmenterFor } from '../../platform/text/segmenter.js';
import type { RuleInput } from '../../platform/text/rules.schema.js';

type Db = AppContext['db'] | Transaction<DB>;

const cache = new Map<string, CompiledRules>();
const CACHE_SIZE = 50;

/** The survey's rule set: its live categories (in order) and tags, keyed by their ids, and its dictionary. */
export async function ruleSetOf(db: Db, surveyId: string) {
  const cats = await db.selectFrom('survey_categories').select(['id', 'kind', 'name', 'rules'])
    .where('survey_id', '=', surveyId).where('deleted_at', 'is', null).orderBy('kind').orderBy('seq').orderBy('id').execute();
  const words = await db.selectFrom('survey_words').select(['word', 'freq', 'tag']).where('survey_id', '=', surveyId).orderBy('word').execute();
  const group = (kind: 'category' | 'tag') => cats.filter((c) => c.kind === kind).map((c) => ({ key: c.id, name: c.name, rules: c.rules as RuleInput[] }));
  return {
    ruleSet: { categories: group('category'), tags: group('tag') },
    words: words.map((w) => ({ word: w.word, ...(w.freq ? { freq: w.freq } : {}), ...(w.tag ? { tag: w.tag } : {}) })),
  };
}

/** The compiled rules of a survey at `version` (surveys.rules_version, bumped by every change of categories or words). */
export async function rulesOf(db: Db, surveyId: string, version: number): Promise<CompiledRules> {
  const key = `${surveyId}:${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { ruleSet, words } = await ruleSetOf(db, surveyId);
  const compiled = compileRules(ruleSet, segmenterFor(words));
  cache.set(key, compiled);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return compiled;
}

const STOP = new Set(['我们', '你们', '他们', '这个', '那个', '一个', '没有', '就是', '还是', '可以', '希望', '建议', '需要', '进一步', '目前', '现在', '问题',
  '工作', '什么', '怎么', '因为', '所以', '但是', '而且', '以及', '或者', '如果', '已经', '非常', '比较', '觉得', '认为', '一些', '这些', '那些', '自己', '大家', '方面']);

/** The words a reply is counted under in the word cloud: two characters or more, not only digits, not a stop word. */
export function termsOf(tokens: string[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    if ([...t].length < 2 || /^[\d.]+$/.test(t) || STOP.has(t)) continue;
    out.add(t);
    if (out.size >= 30) break;
  }
  return [...out];
}
