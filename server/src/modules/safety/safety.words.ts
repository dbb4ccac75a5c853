/**
 * The sensitive-word list (敏感词库) and the filter other modules call (docs/security.md, "For other modules").
 *
 *   const { held, matches } = await screenText(ctx, text);
 *
 * The list lives in `safety_words`, kept by the security administrator (security.read / security.write); every
 * change is audited and bumps `safety_word_list.version`. Each instance keeps one automaton (platform/text/
 * aho-corasick.ts) per database and rebuilds it when the version it last saw has moved: at once after a change made
 * on this instance, and within VERSION_CHECK_MS after one made on another (the version is read at most that often,
 * by the context's clock).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { escapeLike } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { foldForMatching, WordAutomaton, type WordMatch } from '../../platform/text/aho-corasick.js';

/** How often an instance reads the list's version to see another instance's change. */
export const VERSION_CHECK_MS = 5000;
export const MAX_WORD_LENGTH = 50;
export const MAX_WORDS_PER_REQUEST = 2000;

export interface ScreenResult {
  /** True when the text holds a listed word: the caller holds it for moderation (submitModeration). */
  held: boolean;
  /** Every occurrence, positions in the text as given (UTF-16, end exclusive). */
  matches: WordMatch[];
}

interface Cached { automaton: WordAutomaton; version: string; checkedAt: number }
const cache = new WeakMap<Kysely<DB>, Cached>();
const building = new WeakMap<Kysely<DB>, Promise<Cached>>();

async function build(ctx: AppContext): Promise<Cached> {
  const db = ctx.db;
  // Version first: a change committed between the two reads leaves an older version with a newer list, which the
  // next check rebuilds again (never a newer version with an older list).
  const v = await db.selectFrom('safety_word_list').select('version').where('id', '=', 1).executeTakeFirst();
  const words = await db.selectFrom('safety_words').select('word').execute();
  return { automaton: new WordAutomaton(words.map((w) => w.word)), version: String(v?.version ?? '0'), checkedAt: ctx.now().getTime() };
}

/** The current automaton of this database's list. */
export async function wordAutomaton(ctx: AppContext): Promise<WordAutomaton> {
  const db = ctx.db;
  const c = cache.get(db);
  if (c && ctx.now().getTime() - c.checkedAt < VERSION_CHECK_MS) return c.automaton;
  if (c) {
    const v = await db.selectFrom('safety_word_list').select('version').where('id', '=', 1).executeTakeFirst();
    if (String(v?.version ?? '0') === c.version) {
      c.checkedAt = ctx.now().getTime();
      return c.automaton;
    }
  }
  let pending = building.get(db);
  if (!pending) {
    pending = build(ctx).finally(() => building.delete(db));
    building.set(db, pending);
  }
  const fresh = await pending;
  cache.set(db, fresh);
  return fresh.automaton;
}

/** Forgets this instance's automaton (after a change here), so the next screening rebuilds it. */
function invalidate(ctx: AppContext): void {
  cache.delete(ctx.db);
  building.delete(ctx.db);
}

/** Screens a public text against the word list. Pure read: nothing is stored. */
export async function screenText(ctx: AppContext, text: string): Promise<ScreenResult> {
  const matches = (await wordAutomaton(ctx)).find(text);
  return { held: matches.length > 0, matches };
}

/** Screens several fields at once (a title and a body): the reasons name the field. */
export async function screenFields(ctx: AppContext, fields: Record<string, string | null | undefined>): Promise<{ held: boolean; matches: (WordMatch & { field: string })[] }> {
  const ac = await wordAutomaton(ctx);
  const matches = Object.entries(fields).flatMap(([field, text]) => (text ? ac.find(text).map((m) => ({ ...m, field })) : []));
  return { held: matches.length > 0, matches };
}

// ——— the list, for the security administrator ———

export interface WordRow { id: string; word: string; note: string | null; createdAt: string; createdBy: string | null }

export async function listWords(ctx: AppContext, q: { q?: string; cursor?: string; limit?: number }): Promise<{ items: WordRow[]; total: number; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  let base = ctx.db.selectFrom('safety_words as w');
  const needle = q.q?.trim();
  if (needle) {
    const folded = foldForMatching(needle);
    base = base.where((eb) => eb.or([
      eb('w.word', 'like', `%${escapeLike(needle)}%`),
      ...(folded ? [eb('w.folded', 'like', `%${escapeLike(folded)}%`)] : []),
    ]));
  }
  const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let page = base.leftJoin('accounts as a', 'a.id', 'w.created_by').select(['w.id', 'w.word', 'w.note', 'w.created_at', 'a.username']).orderBy('w.id', 'desc').limit(limit);
  if (q.cursor) page = page.where('w.id', '<', q.cursor);
  const rows = await page.execute();
  return {
    items: rows.map((r) => ({ id: r.id, word: r.word, note: r.note, createdAt: r.created_at.toISOString(), createdBy: r.username ?? null })),
    total: Number(n),
    nextCursor: rows.length === limit ? rows[rows.length - 1]!.id : null,
  };
}

async function bump(trx: Transaction<DB>): Promise<void> {
  await trx.updateTable('safety_word_list').set({ version: sql<string>`version + 1` }).where('id', '=', 1).execute();
}

export interface AddOutcome { added: number; skipped: { word: string; reason: string }[] }

/**
 * Adds words (one request: typed, or a whole imported list); words already listed (by folded form) and blank lines
 * are skipped with their reason; a word too long refuses the whole request. Audited safety.word_add with the words.
 */
export async function addWords(ctx: AppContext, actor: Actor, words: string[], note?: string): Promise<AddOutcome> {
  const cleaned = words.map((w) => w.trim()).filter((w) => w.length > 0);
  if (!cleaned.length) throw validationFailed([{ field: 'words', message: '请至少填写一个敏感词' }]);
  if (cleaned.length > MAX_WORDS_PER_REQUEST) throw validationFailed([{ field: 'words', message: `一次最多添加${MAX_WORDS_PER_REQUEST}个敏感词，请分批导入` }]);
  const long = cleaned.find((w) => w.length > MAX_WORD_LENGTH);
  if (long) throw validationFailed([{ field: 'words', message: `敏感词不能超过${MAX_WORD_LENGTH}个字：「${long.slice(0, 10)}…」` }]);
  const skipped: AddOutcome['skipped'] = [];
  const fresh = new Map<string, string>();
  for (const w of cleaned) {
    const folded = foldForMatching(w);
    if (!folded) skipped.push({ word: w, reason: '只含空格或标点，无法匹配' });
    else if (fresh.has(folded)) skipped.push({ word: w, reason: '与本次提交的其他词重复' });
    else fresh.set(folded, w);
  }
  const now = ctx.now();
  const added = await ctx.db.transaction().execute(async (trx) => {
    const existing = fresh.size ? await trx.selectFrom('safety_words').select(['folded', 'word']).where('folded', 'in', [...fresh.keys()]).execute() : [];
    for (const e of existing) {
      skipped.push({ word: fresh.get(e.folded)!, reason: `词库中已有「${e.word}」` });
      fresh.delete(e.folded);
    }
    if (!fresh.size) return [] as string[];
    const rows = await trx.insertInto('safety_words')
      .values([...fresh].map(([folded, word]) => ({ word, folded, note: note?.trim() || null, created_by: actor.accountId, created_at: now })))
      .onConflict((oc) => oc.column('folded').doNothing()).returning('word').execute();
    if (rows.length) {
      await bump(trx);
      await appendAudit(trx, {
        actorId: actor.accountId, actorName: actor.username, action: 'safety.word_add', entityType: 'safety_word_list', entityId: '1', ip: actor.ip,
        after: { count: rows.length, words: rows.map((r) => r.word), ...(note?.trim() ? { note: note.trim() } : {}) },
      }, now);
    }
    return rows.map((r) => r.word);
  });
  if (added.length) invalidate(ctx);
  return { added: added.length, skipped };
}

/** Of the given folded forms, those already listed, with the listed word (for the importer's duplicate check). */
export async function listedFolded(db: Kysely<DB>, folded: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const all = [...new Set(folded)];
  for (let i = 0; i < all.length; i += 1000) {
    const rows = await db.selectFrom('safety_words').select(['folded', 'word']).where('folded', 'in', all.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(r.folded, r.word);
  }
  return out;
}

/**
 * Writes the words of an Excel import (safety.excel.ts) in the engine's transaction: checked already (cells, folded
 * duplicates, the list), so a word listed meanwhile is only skipped. One `safety.word_add` audit row with the words,
 * the import and their rows; the version bumped. Returns how many were written.
 */
export async function insertImportedWords(ctx: AppContext, trx: Transaction<DB>, actor: Actor, rows: { word: string; folded: string; note: string | null; row: number }[], importId: string, now: Date): Promise<number> {
  if (!rows.length) return 0;
  const written: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const ins = await trx.insertInto('safety_words')
      .values(part.map((r) => ({ word: r.word, folded: r.folded, note: r.note, created_by: actor.accountId, created_at: now })))
      .onConflict((oc) => oc.column('folded').doNothing()).returning('word').execute();
    written.push(...ins.map((r) => r.word));
  }
  if (written.length) {
    await bump(trx);
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'safety.word_add', entityType: 'safety_word_list', entityId: '1', ip: actor.ip,
      after: { count: written.length, words: written, importId },
    }, now);
    invalidate(ctx);
  }
  return written.length;
}

/** Removes one word; audited safety.word_remove. */
export async function removeWord(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('safety_words').where('id', '=', id).returning(['id', 'word', 'note']).executeTakeFirst();
    if (!row) throw notFound('敏感词');
    await bump(trx);
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'safety.word_remove', entityType: 'safety_word_list', entityId: '1', ip: actor.ip,
      before: { id: row.id, word: row.word, note: row.note },
    }, now);
  });
  invalidate(ctx);
}
