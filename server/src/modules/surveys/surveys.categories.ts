/**
 * Categories, tags and the user dictionary of a survey (issue 10, item 2), and re-categorization:
 * - any change of the rules or the dictionary bumps the survey's rules_version and queues a re-run over its text
 *   replies placed by rules (a job, with progress); replies a person placed stay where they were put;
 * - staff move one reply or a selection to a category (or 其他) and add or remove tags; every change of category,
 *   by a re-run or by a person, is a row of survey_reply_changes with who and when.
 * Writes need survey.write over the survey's organization; a person moving replies, over the replies' own part too.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, escapeLike, subtreePatterns, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import type { JobControl } from '../../platform/jobs.js';
import { validateRuleSet, validateUserWords, type RuleInput } from '../../platform/text/rules.schema.js';
import { prepareSegmenter } from '../../platform/text/segmenter.js';
import { loadSurvey, readablePaths, type SurveyRow } from './surveys.service.js';
import { ruleSetOf, rulesOf, termsOf } from './surveys.rules.js';
import type { CategoryInput } from './surveys.schema.js';
import { REPLY_SOURCE } from './surveys.dispatch.js';
import { levelOf } from './surveys.results.js';

export const RERUN_QUEUE = 'surveys.rerun';
const OTHER = 'other';

async function writable(ctx: AppContext, actor: Actor, id: string) {
  const s = await loadSurvey(ctx.db, id);
  authorize(actor, 'survey.write', s.org_path);
  return s;
}

export async function listCategories(ctx: AppContext, actor: Actor, id: string) {
  const s = await loadSurvey(ctx.db, id);
  readablePaths(actor, s);
  const rows = await ctx.db.selectFrom('survey_categories').select(['id', 'kind', 'seq', 'name', 'rules'])
    .where('survey_id', '=', id).where('deleted_at', 'is', null).orderBy('kind').orderBy('seq').orderBy('id').execute();
  const words = await ctx.db.selectFrom('survey_words').select(['word', 'freq', 'tag']).where('survey_id', '=', id).orderBy('word').execute();
  const running = await ctx.db.selectFrom('jobs').select('id').where('queue', '=', RERUN_QUEUE).where('singleton_key', '=', `survey:${id}`)
    .where('state', 'in', ['queued', 'running']).executeTakeFirst();
  const view = (r: (typeof rows)[number]) => ({ id: r.id, kind: r.kind, seq: r.seq, name: r.name, rules: r.rules as RuleInput[] });
  return {
    categories: rows.filter((r) => r.kind === 'category').map(view), tags: rows.filter((r) => r.kind === 'tag').map(view),
    words, rulesVersion: s.rules_version, recategorizing: !!running,
  };
}

/** Checks the survey's rule set as it would be with `change` applied (names unique, rules valid); field errors. */
async function checkWith(ctx: AppContext, s: SurveyRow, change: { id?: string; kind: 'category' | 'tag'; name: string; rules: RuleInput[] }) {
  const { ruleSet } = await ruleSetOf(ctx.db, s.id);
  const list = change.kind === 'category' ? ruleSet.categories : ruleSet.tags;
  const others = list.filter((c) => c.key !== change.id);
  if (!change.name.trim()) throw validationFailed([{ field: 'name', message: '请填写名称' }]);
  if (others.some((c) => c.name === change.name.trim())) throw validationFailed([{ field: 'name', message: `已有名为“${change.name.trim()}”的${change.kind === 'tag' ? '标签' : '分类'}` }]);
  const probe = { categories: [{ key: 'x', name: change.name.trim(), rules: change.rules }] };
  const errors = validateRuleSet(probe).map((e) => ({ field: e.field.replace(/^categories\.0\./, ''), message: e.message }));
  if (errors.length) throw validationFailed(errors);
}

/** After a change of rules or words: a new version, and a re-run over the replies (one at a time per survey). */
async function bumpAndRerun(ctx: AppContext, s: SurveyRow, actor: Actor, trx: Parameters<typeof appendAudit>[0]) {
  await sql`update surveys set rules_version = rules_version + 1, updated_at = ${ctx.now()} where id = ${s.id}`.execute(trx);
  await ctx.jobs.enqueue(RERUN_QUEUE, { surveyId: s.id, byId: actor.accountId, byName: actor.displayName }, { db: trx, createdBy: actor.accountId, singletonKey: `survey:${s.id}` });
}

export async function createCategory(ctx: AppContext, actor: Actor, id: string, input: CategoryInput) {
  const s = await writable(ctx, actor, id);
  const kind = input.kind ?? 'category';
  await checkWith(ctx, s, { kind, name: input.name, rules: input.rules });
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { rows: [m] } = await sql<{ n: number | null }>`select max(seq) as n from survey_categories where survey_id = ${id} and kind = ${kind} and deleted_at is null`.execute(trx);
    const c = await trx.insertInto('survey_categories').values({
      survey_id: id, kind, seq: (m?.n ?? 0) + 1, name: input.name.trim(), rules: JSON.stringify(input.rules), created_at: now,
    }).returning(['id', 'kind', 'seq', 'name', 'rules']).executeTakeFirstOrThrow()
      .catch((e: { code?: string }) => { throw e.code === '23505' ? validationFailed([{ field: 'name', message: `已有名为“${input.name.trim()}”的分类` }]) : e; });
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.category.create', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      after: { categoryId: c.id, kind, name: c.name, rules: input.rules },
    }, now);
    await bumpAndRerun(ctx, s, actor, trx);
    return { id: c.id, kind: c.kind, seq: c.seq, name: c.name, rules: c.rules as RuleInput[] };
  });
}

async function loadCategory(ctx: AppContext, surveyId: string, categoryId: string) {
  const c = await ctx.db.selectFrom('survey_categories').selectAll().where('id', '=', categoryId).where('survey_id', '=', surveyId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!c) throw notFound('分类');
  return c;
}

export async function updateCategory(ctx: AppContext, actor: Actor, id: string, categoryId: string, input: CategoryInput) {
  const s = await writable(ctx, actor, id);
  const c = await loadCategory(ctx, id, categoryId);
  await checkWith(ctx, s, { id: c.id, kind: c.kind, name: input.name, rules: input.rules });
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('survey_categories').set({ name: input.name.trim(), rules: JSON.stringify(input.rules) }).where('id', '=', c.id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.category.update', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      before: { categoryId: c.id, name: c.name, rules: c.rules }, after: { name: input.name.trim(), rules: input.rules },
    }, now);
    await bumpAndRerun(ctx, s, actor, trx);
    return { id: c.id, kind: c.kind, seq: c.seq, name: input.name.trim(), rules: input.rules };
  });
}

/** Deletes a category: its rule-placed replies go where the rules now put them; person-placed ones go to 其他. */
export async function deleteCategory(ctx: AppContext, actor: Actor, id: string, categoryId: string) {
  const s = await writable(ctx, actor, id);
  const c = await loadCategory(ctx, id, categoryId);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('survey_categories').set({ deleted_at: now }).where('id', '=', c.id).execute();
    if (c.kind === 'tag') {
      await sql`update survey_replies set tags = array_remove(tags, ${c.id}::text) where survey_id = ${id} and ${c.id}::text = any(tags)`.execute(trx);
    } else {
      await sql`
        with moved as (update survey_replies set category_id = null, categorized_by = 'rule', updated_at = ${now}
                       where survey_id = ${id} and category_id = ${c.id} and categorized_by = 'staff' returning id)
        insert into survey_reply_changes (reply_id, from_category_id, to_category_id, by_rules, by_id, by_name, reason, at)
        select id, ${c.id}, null, false, ${actor.accountId}, ${actor.displayName}, ${`删除分类“${c.name}”`}, ${now} from moved`.execute(trx);
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.category.delete', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      before: { categoryId: c.id, kind: c.kind, name: c.name, rules: c.rules },
    }, now);
    await bumpAndRerun(ctx, s, actor, trx);
  });
}

/** Puts the categories (or tags) in the order given — first match wins — and re-runs the rules. */
export async function reorderCategories(ctx: AppContext, actor: Actor, id: string, ids: string[]) {
  const s = await writable(ctx, actor, id);
  const live = await ctx.db.selectFrom('survey_categories').select(['id', 'kind']).where('survey_id', '=', id).where('deleted_at', 'is', null).execute();
  const kinds = new Set(ids.map((x) => live.find((c) => c.id === x)?.kind));
  const ofKind = live.filter((c) => kinds.has(c.kind));
  if (kinds.has(undefined) || kinds.size !== 1 || ofKind.length !== ids.length || new Set(ids).size !== ids.length) {
    throw validationFailed([{ field: 'ids', message: '请按顺序列出全部分类（或全部标签），每个一次' }]);
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, cid] of ids.entries()) await trx.updateTable('survey_categories').set({ seq: i + 1 }).where('id', '=', cid).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.category.reorder', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      after: { order: ids },
    }, now);
    await bumpAndRerun(ctx, s, actor, trx);
  });
}

/** Replaces the survey's user dictionary. */
export async function setWords(ctx: AppContext, actor: Actor, id: string, words: { word: string; freq?: number; tag?: string }[]) {
  const s = await writable(ctx, actor, id);
  const clean = words.map((w) => ({ ...w, word: w.word.trim() }));
  const errors = validateUserWords(clean);
  if (errors.length) throw validationFailed(errors);
  prepareSegmenter(clean); // built now, not in the first reply's transaction
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('survey_words').where('survey_id', '=', id).execute();
    const uniq = [...new Map(clean.map((w) => [w.word, w])).values()];
    if (uniq.length) await trx.insertInto('survey_words').values(uniq.map((w) => ({ survey_id: id, word: w.word, freq: w.freq ?? null, tag: w.tag ?? null }))).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.words.set', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      after: { words: uniq.map((w) => w.word) },
    }, now);
    await bumpAndRerun(ctx, s, actor, trx);
  });
}

/**
 * The re-run job: every rule-placed text reply of the survey through the current rules, a thousand at a time by id;
 * a reply whose category changes gets a change row (by rules, in the name of whoever changed them). A later change of
 * the rules while it runs queues the next run, which starts when this one ends (one per survey).
 */
export async function rerunJob(ctx: AppContext, p: { surveyId: string; byId: string | null; byName: string }, control: JobControl): Promise<{ changed: number }> {
  const s = await loadSurvey(ctx.db, p.surveyId);
  const rules = await rulesOf(ctx.db, s.id, s.rules_version);
  const { rows: [t] } = await sql<{ n: string }>`
    select count(*) as n from survey_replies r join survey_questions q on q.id = r.question_id where r.survey_id = ${s.id} and q.kind = 'text'`.execute(ctx.db);
  const total = Number(t!.n);
  let after = '0';
  let processed = 0;
  let changed = 0;
  for (;;) {
    const batch = await ctx.db.selectFrom('survey_replies as r').innerJoin('survey_questions as q', 'q.id', 'r.question_id')
      .select(['r.id', 'r.text', 'r.category_id', 'r.categorized_by', 'r.tags']).where('r.survey_id', '=', s.id).where('q.kind', '=', 'text')
      .where('r.id', '>', after).orderBy('r.id').limit(1000).execute();
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    const updates = batch.map((r) => {
      const c = rules.categorize(r.text);
      const byStaff = r.categorized_by === 'staff';
      return { id: r.id, from: r.category_id, to: byStaff ? r.category_id : c.category.key === OTHER ? null : c.category.key, tags: c.tags.map((x) => x.key), terms: termsOf(c.tokens) };
    });
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await sql`
        update survey_replies r set category_id = u.to_id, tags = string_to_array(u.tags, ','), terms = string_to_array(u.terms, chr(1))
        from unnest(${updates.map((u) => u.id)}::bigint[], ${updates.map((u) => u.to)}::bigint[], ${updates.map((u) => u.tags.join(','))}::text[],
                    ${updates.map((u) => u.terms.join('\u0001'))}::text[]) u(id, to_id, tags, terms)
        where r.id = u.id`.execute(trx);
      const moved = updates.filter((u) => (u.from ?? null) !== (u.to ?? null));
      if (moved.length) {
        await sql`
          insert into survey_reply_changes (reply_id, from_category_id, to_category_id, by_rules, by_id, by_name, reason, at)
          select id, f, t, true, ${p.byId}, ${p.byName}, '分类规则调整后重新归类', ${now}
          from unnest(${moved.map((u) => u.id)}::bigint[], ${moved.map((u) => u.from)}::bigint[], ${moved.map((u) => u.to)}::bigint[]) x(id, f, t)`.execute(trx);
      }
      changed += moved.length;
    });
    processed += batch.length;
    await control.progress({ processed, total });
  }
  return { changed };
}

/**
 * Staff move replies to a category (null or 'other': 其他) and add or remove tags, all at once (≤ 10,000), in one
 * statement each. Only replies of this survey in the caller's part; anything else in the list is refused (nothing
 * changes). The replies then stay where they were put when the rules change. One audit row for the whole selection.
 */
export async function recategorize(ctx: AppContext, actor: Actor, id: string, body: { replyIds: string[]; categoryId: string | null; addTags?: string[]; removeTags?: string[]; reason?: string }) {
  const s = await writable(ctx, actor, id);
  const paths = readablePaths(actor, s);
  const to = body.categoryId === null || body.categoryId === OTHER ? null : body.categoryId;
  const live = await ctx.db.selectFrom('survey_categories').select(['id', 'kind']).where('survey_id', '=', id).where('deleted_at', 'is', null).execute();
  if (to && !live.some((c) => c.id === to && c.kind === 'category')) throw validationFailed([{ field: 'categoryId', message: '所选分类不存在或已被删除' }]);
  const add = [...new Set(body.addTags ?? [])];
  const remove = [...new Set(body.removeTags ?? [])];
  if ([...add, ...remove].some((t) => !live.some((c) => c.id === t && c.kind === 'tag'))) throw validationFailed([{ field: 'addTags', message: '所选标签不存在或已被删除' }]);
  const ids = [...new Set(body.replyIds)];
  const likes = subtreePatterns(paths);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string; old: string | null }>`
      select r.id, r.category_id as old from survey_replies r join orgs o on o.id = r.org_id
      join survey_questions q on q.id = r.question_id
      where r.id = any(${ids}::bigint[]) and r.survey_id = ${id} and q.kind = 'text' and o.path like any(${likes}::text[])
      for update of r`.execute(trx);
    if (rows.length !== ids.length) throw validationFailed([{ field: 'replyIds', message: `所选回复中有${ids.length - rows.length}条不属于本问卷的文字题、不在您的范围内或已被删除，未作任何修改` }]);
    await sql`
      update survey_replies r
      set category_id = ${to}, categorized_by = 'staff', updated_at = ${now},
          tags = array(select distinct t from unnest(r.tags || ${add}::text[]) t where t <> all(${remove}::text[]) order by t)
      where r.id = any(${ids}::bigint[])`.execute(trx);
    const moved = rows.filter((r) => (r.old ?? null) !== to);
    if (moved.length) {
      await sql`
        insert into survey_reply_changes (reply_id, from_category_id, to_category_id, by_rules, by_id, by_name, reason, at)
        select x.id, x.f, ${to}, false, ${actor.accountId}, ${actor.displayName}, ${body.reason?.trim() || null}, ${now}
        from unnest(${moved.map((m) => m.id)}::bigint[], ${moved.map((m) => m.old)}::bigint[]) x(id, f)`.execute(trx);
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'survey.recategorize', entityType: 'survey', entityId: id, orgPath: s.org_path, ip: actor.ip,
      after: { replies: ids.length, moved: moved.length, to: to ?? OTHER, addTags: add, removeTags: remove, reason: body.reason ?? null, sample: ids.slice(0, 50) },
    }, now);
    return { changed: moved.length, unchanged: ids.length - moved.length };
  });
}

/** A reply's category changes, oldest first. */
export async function replyHistory(ctx: AppContext, actor: Actor, id: string, replyId: string) {
  const s = await loadSurvey(ctx.db, id);
  const paths = readablePaths(actor, s);
  const r = await ctx.db.selectFrom('survey_replies as r').innerJoin('orgs as o', 'o.id', 'r.org_id').select(['r.id', 'o.path'])
    .where('r.id', '=', replyId).where('r.survey_id', '=', id).executeTakeFirst();
  if (!r || !paths.some((p) => r.path.startsWith(p))) throw notFound('回复');
  return changesOf(ctx, replyId);
}

async function changesOf(ctx: AppContext, replyId: string) {
  const rows = await ctx.db.selectFrom('survey_reply_changes as h')
    .leftJoin('survey_categories as f', 'f.id', 'h.from_category_id').leftJoin('survey_categories as t', 't.id', 'h.to_category_id')
    .select(['h.at', 'h.by_name', 'h.by_rules', 'h.reason', 'f.name as from_name', 't.name as to_name'])
    .where('h.reply_id', '=', replyId).orderBy('h.id').execute();
  return { items: rows.map((h) => ({ at: h.at.toISOString(), byName: h.by_name, byRules: h.by_rules, from: h.from_name ?? '其他', to: h.to_name ?? '其他', reason: h.reason })) };
}

/** The columns of a reply as lists and the reply page show it (phone: the masked copy only). */
function replySelect(ctx: AppContext, surveyId: string) {
  return ctx.db.selectFrom('survey_replies as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id').innerJoin('survey_questions as qq', 'qq.id', 'r.question_id')
    .leftJoin('survey_invitations as i', 'i.id', 'r.invitation_id').leftJoin('survey_categories as c', 'c.id', 'r.category_id')
    .select(['r.id', 'r.question_id', 'qq.seq', 'qq.kind', 'qq.options', 'r.channel', 'r.org_id', 'o.name as org_name', 'i.name', 'i.phone_masked', 'r.text', 'r.choice',
      'r.messages', 'r.category_id', 'c.name as category_name', 'r.categorized_by', 'r.tags', 'r.received_at', 'r.updated_at'])
    .where('r.survey_id', '=', surveyId);
}
type ReplyRow = Awaited<ReturnType<ReturnType<typeof replySelect>['execute']>>[number];

/** Rows as the API answers them: the category (or option) by name, tags by name, the follow-up item if any. */
async function replyItems(ctx: AppContext, surveyId: string, page: ReplyRow[]) {
  const tagNames = new Map((await ctx.db.selectFrom('survey_categories').select(['id', 'name']).where('survey_id', '=', surveyId).where('kind', '=', 'tag').execute()).map((t) => [t.id, t.name]));
  const items = await ctx.db.selectFrom('followup_items').select(['id', 'source_id']).where('source', '=', REPLY_SOURCE)
    .where('source_id', 'in', page.length ? page.map((r) => r.id) : ['0']).orderBy('id').execute();
  const followup = new Map(items.map((f) => [f.source_id, f.id]));
  return page.map((r) => ({
    id: r.id, questionId: r.question_id, seq: r.seq, channel: r.channel, orgId: r.org_id, orgName: r.org_name, name: r.name ?? null, phone: r.phone_masked ?? null,
    text: r.text, choice: r.choice, messages: r.messages, categoryId: r.category_id,
    categoryName: r.kind === 'text' ? r.category_name ?? '其他' : r.choice ? (r.kind === 'yesno' ? ['是', '否'][r.choice - 1]! : (r.options as string[])[r.choice - 1] ?? '') : '无法识别',
    categorizedBy: r.categorized_by, tags: r.tags.map((t) => ({ id: t, name: tagNames.get(t) ?? '' })),
    receivedAt: r.received_at.toISOString(), updatedAt: r.updated_at.toISOString(), followupId: followup.get(r.id) ?? null,
  }));
}

/** The survey's replies in the caller's part, newest first, filtered; phones masked. */
export async function listReplies(ctx: AppContext, actor: Actor, id: string, q: {
  questionId?: string; categoryId?: string; tagId?: string; orgId?: string; channel?: string; choice?: number; q?: string; cursor?: string; limit?: number;
}) {
  const s = await loadSurvey(ctx.db, id);
  let paths = readablePaths(actor, s);
  // One organization's subtree, checked as the results check a level (404 unknown, 403 outside the caller's part).
  if (q.orgId) paths = [(await levelOf(ctx, actor, s, q.orgId)).org.path];
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const likes = subtreePatterns(paths);
  const rows = await replySelect(ctx, id).where(sql<boolean>`o.path like any(${likes}::text[])`)
    .$if(!!q.questionId, (b) => b.where('r.question_id', '=', q.questionId!))
    .$if(q.categoryId === OTHER, (b) => b.where('r.category_id', 'is', null).where('qq.kind', '=', 'text'))
    .$if(!!q.categoryId && q.categoryId !== OTHER, (b) => b.where('r.category_id', '=', q.categoryId!))
    .$if(!!q.tagId, (b) => b.where(sql<boolean>`${q.tagId!}::text = any(r.tags)`))
    .$if(!!q.channel, (b) => b.where('r.channel', '=', q.channel as 'sms'))
    .$if(q.choice !== undefined, (b) => b.where('r.choice', '=', q.choice!))
    .$if(!!q.q?.trim(), (b) => b.where('r.text', 'like', `%${escapeLike(q.q!.trim())}%`))
    .$if(!!q.cursor, (b) => b.where('r.id', '<', q.cursor!))
    .orderBy('r.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return { items: await replyItems(ctx, id, page), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/**
 * One reply by its id alone (a follow-up item knows only that): the survey and question it answers, the reply as the
 * list shows it (the sender's phone masked, as in the list: only the export reveals, under the reveal rule), its
 * category changes and the follow-up items made from it. 403 when the caller may not read the survey at all, 404 when
 * the reply lies outside their part of it (as the history).
 */
export async function replyDetail(ctx: AppContext, actor: Actor, replyId: string) {
  const found = /^[0-9]{1,18}$/.test(replyId)
    ? await ctx.db.selectFrom('survey_replies').select('survey_id').where('id', '=', replyId).executeTakeFirst() : undefined;
  if (!found) throw notFound('回复');
  const s = await loadSurvey(ctx.db, found.survey_id);
  const paths = readablePaths(actor, s);
  const likes = subtreePatterns(paths);
  const row = await replySelect(ctx, s.id).where('r.id', '=', replyId).where(sql<boolean>`o.path like any(${likes}::text[])`).executeTakeFirst();
  if (!row) throw notFound('回复');
  const [item] = await replyItems(ctx, s.id, [row]);
  const q = await ctx.db.selectFrom('survey_questions').select(['id', 'seq', 'kind', 'text', 'options']).where('id', '=', row.question_id).executeTakeFirstOrThrow();
  const followups = await ctx.db.selectFrom('followup_items as f').innerJoin('orgs as o', 'o.id', 'f.owner_org_id')
    .select(['f.id', 'f.title', 'f.state', 'f.owner_org_id', 'o.name as owner_org_name'])
    .where('f.source', '=', REPLY_SOURCE).where('f.source_id', '=', replyId).orderBy('f.id').execute();
  const { items: history } = await changesOf(ctx, replyId);
  return {
    ...item!,
    survey: { id: s.id, title: s.title, state: s.state, orgId: s.org_id, orgName: s.org_name, partial: paths.length !== 1 || paths[0] !== s.org_path },
    question: { id: q.id, seq: q.seq, kind: q.kind, text: q.text, options: q.options },
    history,
    followups: followups.map((f) => ({ id: f.id, title: f.title, state: f.state, ownerOrgId: f.owner_org_id, ownerOrgName: f.owner_org_name })),
  };
}
