/**
 * Results (issue 10, item 2): exact counts from the replies as they are now, so they move while replies arrive and
 * when staff re-categorize. Counts are grouped by organization first (an index of replies by question, organization
 * and category) and only then rolled up to the children of the level shown, a level at a time with a trail back up.
 * Staff below the survey's organization see their own subtree only.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { escapeLike, type Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { VersionedCache } from '../../platform/versioned-cache.js';
import { loadSurvey, readablePaths, type SurveyRow } from './surveys.service.js';

const OTHER = 'other';
const INVALID = 'invalid';

/** The question asked about (default the first) of a survey. */
export async function questionOf(ctx: AppContext, surveyId: string, questionId: string | undefined) {
  const q = await ctx.db.selectFrom('survey_questions').selectAll().where('survey_id', '=', surveyId)
    .$if(!!questionId, (b) => b.where('id', '=', questionId!)).orderBy('seq').limit(1).executeTakeFirst();
  if (!q) throw notFound('问题');
  return q;
}

/** The level shown: the one asked for (inside the caller's part), else the top of the caller's part. */
export async function levelOf(ctx: AppContext, actor: Actor, s: SurveyRow, parentId: string | undefined) {
  const paths = readablePaths(actor, s);
  const id = parentId ?? (paths[0] === s.org_path ? s.org_id : paths[0]!.split('/').filter(Boolean).pop()!);
  const org = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('组织');
  if (!paths.some((p) => org.path.startsWith(p))) throw forbidden('forbidden.scope', '该组织不在您可查看的范围内');
  // The trail: from the top of the caller's part down to this level.
  const top = paths.find((p) => org.path.startsWith(p))!;
  const ids = org.path.split('/').filter(Boolean).slice(top.split('/').filter(Boolean).length - 1);
  const names = ids.length ? await ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const trail = ids.map((x) => ({ id: x, name: names.find((n) => n.id === x)?.name ?? '' }));
  return { org, paths, trail };
}

const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);

export async function results(ctx: AppContext, actor: Actor, surveyId: string, q: { questionId?: string; parentId?: string }) {
  const s = await loadSurvey(ctx.db, surveyId);
  const { org: parent, trail } = await levelOf(ctx, actor, s, q.parentId);
  return computeResults(ctx, s, parent, trail, q.questionId);
}

/** The results of one level (`parent`), whoever asks: the caller has checked that they may see it. */
export async function computeResults(ctx: AppContext, s: SurveyRow, parent: { id: string; name: string; path: string }, trail: { id: string; name: string }[], questionId: string | undefined) {
  const question = await questionOf(ctx, s.id, questionId);
  const like = `${escapeLike(parent.path)}%`;
  const child = sql<string>`split_part(substr(o.path, ${parent.path.length + 1}), '/', 1)`;
  const key = sql`coalesce(c.v::text, ${question.kind === 'text' ? OTHER : INVALID})`;
  const cats = await ctx.db.selectFrom('survey_categories').select(['id', 'kind', 'name']).where('survey_id', '=', s.id).where('deleted_at', 'is', null)
    .orderBy('kind').orderBy('seq').orderBy('id').execute();
  const hasTags = cats.some((c) => c.kind === 'tag');
  // Grouped by what the question is counted by only, so the counts come from the index (question, org, category) include (choice).
  const by = question.kind === 'text' ? sql`category_id` : sql`choice`;
  const [inv, rep, tags] = await Promise.all([
    sql<{ child: string; asked: string; replied: string }>`
      with c as (select org_id, count(*) as asked, count(replied_at) as replied from survey_invitations where survey_id = ${s.id} group by org_id)
      select ${child} as child, sum(c.asked) as asked, sum(c.replied) as replied
      from c join orgs o on o.id = c.org_id where o.path like ${like} group by 1`.execute(ctx.db),
    sql<{ child: string; k: string; n: string }>`
      with c as (select org_id, ${by} as v, count(*) as n from survey_replies where question_id = ${question.id} group by 1, 2)
      select ${child} as child, ${key} as k, sum(c.n) as n
      from c join orgs o on o.id = c.org_id where o.path like ${like} group by 1, 2`.execute(ctx.db),
    // Tags are read from the rows themselves: only when the survey has any.
    hasTags ? sql<{ k: string; n: string }>`
      with c as (select org_id, t, count(*) as n from survey_replies r, unnest(r.tags) t where r.question_id = ${question.id} group by 1, 2)
      select c.t as k, sum(c.n) as n from c join orgs o on o.id = c.org_id where o.path like ${like} group by 1`.execute(ctx.db) : { rows: [] as { k: string; n: string }[] },
  ]);
  const total = new Map<string, number>();
  let respondents = 0;
  for (const r of rep.rows) { total.set(r.k, (total.get(r.k) ?? 0) + Number(r.n)); respondents += Number(r.n); }
  const keys: { id: string; name: string }[] = question.kind === 'text'
    ? [...cats.filter((c) => c.kind === 'category').map((c) => ({ id: c.id, name: c.name })), { id: OTHER, name: '其他' }]
    : [...(question.kind === 'yesno' ? ['是', '否'] : question.options).map((o, i) => ({ id: String(i + 1), name: o })), { id: INVALID, name: '无法识别' }];
  // A category deleted since still has replies until they are moved: shown under its name, after the live ones.
  for (const k of total.keys()) if (!keys.some((x) => x.id === k)) keys.push({ id: k, name: '（已删除的分类）' });
  const shares = keys.map((k) => ({ id: k.id, name: k.name, count: total.get(k.id) ?? 0, share: rate(total.get(k.id) ?? 0, respondents) }));
  const tagShares = cats.filter((c) => c.kind === 'tag').map((c) => {
    const n = Number(tags.rows.find((t) => t.k === c.id)?.n ?? 0);
    return { id: c.id, name: c.name, count: n, share: rate(n, respondents) };
  });

  const children = new Set([...inv.rows.map((r) => r.child), ...rep.rows.map((r) => r.child)]);
  const kidIds = [...children].filter(Boolean);
  const kids = kidIds.length
    ? await ctx.db.selectFrom('orgs as c').select(['c.id', 'c.name', 'c.sort_order'])
      .select((eb) => eb.exists(eb.selectFrom('orgs as g').select('g.id').whereRef('g.parent_id', '=', 'c.id')).as('has_children'))
      .where('c.id', 'in', kidIds).execute()
    : [];
  const line = (c: string) => {
    const i = inv.rows.find((r) => r.child === c);
    const counts: Record<string, number> = {};
    let n = 0;
    for (const r of rep.rows) if (r.child === c) { counts[r.k] = Number(r.n); n += Number(r.n); }
    const asked = Number(i?.asked ?? 0);
    const replied = Number(i?.replied ?? 0);
    return { asked, replied, responseRate: rate(replied, asked), respondents: n, counts };
  };
  const byOrg = kids.sort((a, b) => a.sort_order - b.sort_order || Number(a.id) - Number(b.id))
    .map((k) => ({ orgId: k.id, orgName: k.name, own: false, hasChildren: !!k.has_children, ...line(k.id) }));
  if (children.has('')) byOrg.unshift({ orgId: parent.id, orgName: parent.name, own: true, hasChildren: false, ...line('') });
  const asked = byOrg.reduce((a, r) => a + r.asked, 0);
  const replied = byOrg.reduce((a, r) => a + r.replied, 0);

  // Example replies per category (newest three in this level).
  const examples = question.kind !== 'text' ? [] : await Promise.all(keys.map(async (k) => {
    const rows = await ctx.db.selectFrom('survey_replies as r').innerJoin('orgs as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.text', 'o.name']).where('r.question_id', '=', question.id)
      .where((eb) => (k.id === OTHER ? eb('r.category_id', 'is', null) : eb('r.category_id', '=', k.id)))
      .where('o.path', 'like', like).orderBy('r.id', 'desc').limit(3).execute();
    return { id: k.id, replies: rows.map((r) => ({ id: r.id, text: r.text, orgName: r.name })) };
  }));
  return {
    question: { id: question.id, seq: question.seq, kind: question.kind, text: question.text, options: question.options },
    asked, replied, responseRate: rate(replied, asked), respondents, shares, tags: tagShares,
    parent: { id: parent.id, name: parent.name }, trail, byOrg, examples,
  };
}

/**
 * The timeline and the word counts read every reply of the level (the word counts unnest each reply's terms too: half
 * a second at 100,000 replies), so they are kept per question, level and limit, and computed again when a reply
 * arrives (the survey's highest reply id), one moves to another category (the highest change id), or the rules or
 * dictionary change (rules_version) — and at the latest after 20 s, for what those cannot see (a reply's text grown by
 * a second message, terms re-segmented by a re-run in progress, an organization moved). The shares are not kept:
 * they must be exact at once, tags included.
 */
const kept = new VersionedCache<unknown>({ maxEntries: 1000, maxAgeMs: 20_000 });

async function keptFor<T>(ctx: AppContext, s: SurveyRow, key: string, compute: () => Promise<T>): Promise<T> {
  const { rows: [v] } = await sql<{ r: string | null; c: string | null }>`
    select (select max(id) from survey_replies where survey_id = ${s.id}) as r, (select max(id) from survey_reply_changes) as c`.execute(ctx.db);
  return kept.get(key, `${v?.r ?? 0}/${v?.c ?? 0}/${s.rules_version}`, compute) as Promise<T>;
}

/** Drops what is kept (the benchmark measures a computed view as well as a kept one). */
export function forgetKeptResults() { kept.clear(); }

/** Replies per China day of a question in the caller's part, with the running total and counts per category or choice. */
export async function timeline(ctx: AppContext, actor: Actor, surveyId: string, q: { questionId?: string; parentId?: string }) {
  const s = await loadSurvey(ctx.db, surveyId);
  const { org } = await levelOf(ctx, actor, s, q.parentId);
  const question = await questionOf(ctx, s.id, q.questionId);
  const key = question.kind === 'text' ? sql`coalesce(r.category_id::text, ${OTHER})` : sql`coalesce(r.choice::text, ${INVALID})`;
  return keptFor(ctx, s, `timeline|${question.id}|${org.path}`, async () => {
    const { rows } = await sql<{ d: string; k: string; n: string }>`
      select to_char((r.received_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') as d, ${key} as k, count(*) as n
      from survey_replies r join orgs o on o.id = r.org_id
      where r.question_id = ${question.id} and o.path like ${`${escapeLike(org.path)}%`}
      group by 1, 2 order by 1`.execute(ctx.db);
    const days: { date: string; replies: number; cumulative: number; counts: Record<string, number> }[] = [];
    let cumulative = 0;
    for (const r of rows) {
      let d = days[days.length - 1];
      if (!d || d.date !== r.d) { d = { date: r.d, replies: 0, cumulative, counts: {} }; days.push(d); }
      d.counts[r.k] = Number(r.n);
      d.replies += Number(r.n);
      cumulative += Number(r.n);
      d.cumulative = cumulative;
    }
    return { days };
  });
}

/** The most frequent words of a question's replies in the caller's part (the word cloud), at most `limit`. */
export async function words(ctx: AppContext, actor: Actor, surveyId: string, q: { questionId?: string; parentId?: string }, limit = 80) {
  const s = await loadSurvey(ctx.db, surveyId);
  const { org } = await levelOf(ctx, actor, s, q.parentId);
  const question = await questionOf(ctx, s.id, q.questionId);
  return keptFor(ctx, s, `words|${question.id}|${org.path}|${limit}`, async () => {
    const { rows } = await sql<{ w: string; n: string }>`
      select t as w, count(*) as n
      from survey_replies r join orgs o on o.id = r.org_id, unnest(r.terms) t
      where r.question_id = ${question.id} and o.path like ${`${escapeLike(org.path)}%`}
      group by 1 order by 2 desc, 1 limit ${limit}`.execute(ctx.db);
    return { words: rows.map((r) => ({ word: r.w, count: Number(r.n) })) };
  });
}
