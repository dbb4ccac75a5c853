/**
 * Results published to the public (issue 10, item 5), for surveys whose organization chose so (public_results) once
 * they are open: aggregates only — never a reply, a name or a phone. In each area (the level shown and each of its
 * lines) a category or option with fewer than MIN_PUBLIC respondents is not shown (null), and an area with fewer
 * than MIN_PUBLIC respondents shows no shares at all, so that nobody's answer can be singled out in a small village.
 */
import { notFound } from '../../platform/errors.js';
import type { AppContext } from '../../platform/context.js';
import { loadSurvey } from './surveys.service.js';
import { computeResults } from './surveys.results.js';

export const MIN_PUBLIC = 5;

const hide = (n: number) => (n >= MIN_PUBLIC ? n : null);

export async function publicSurveys(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('surveys as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(['s.id', 's.title', 'o.name as org_name', 's.state', 's.opened_at', 's.closed_at'])
    .where('s.public_results', '=', true).where('s.state', '!=', 'draft').orderBy('s.id', 'desc').limit(50).execute();
  return { items: rows.map((r) => ({ id: r.id, title: r.title, orgName: r.org_name, state: r.state as 'open' | 'closed', openedAt: r.opened_at?.toISOString() ?? null, closedAt: r.closed_at?.toISOString() ?? null })) };
}

export async function publicResults(ctx: AppContext, id: string, q: { questionId?: string; parentId?: string }) {
  const s = await loadSurvey(ctx.db, id).catch(() => null);
  if (!s || !s.public_results || s.state === 'draft') throw notFound('公开的调查结果');
  const parentId = q.parentId ?? s.org_id;
  const parent = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', parentId).executeTakeFirst();
  if (!parent || !parent.path.startsWith(s.org_path)) throw notFound('组织');
  const r = await computeResults(ctx, s, parent, [], q.questionId);
  const shares = (counts: Record<string, number>, respondents: number) => (respondents < MIN_PUBLIC ? null
    : r.shares.map((sh) => { const n = hide(counts[sh.id] ?? 0); return { id: sh.id, name: sh.name, count: n, share: n === null ? null : Math.round((n / respondents) * 10000) / 10000 }; }));
  const total = Object.fromEntries(r.shares.map((x) => [x.id, x.count]));
  return {
    title: s.title, orgName: s.org_name, question: { seq: r.question.seq, kind: r.question.kind, text: r.question.text, options: r.question.options },
    parent: r.parent, respondents: r.respondents, responseRate: r.responseRate, shares: shares(total, r.respondents),
    byOrg: r.byOrg.map((o) => ({ orgId: o.orgId, orgName: o.orgName, own: o.own, hasChildren: o.hasChildren, respondents: o.respondents, shares: shares(o.counts, o.respondents) })),
  };
}
