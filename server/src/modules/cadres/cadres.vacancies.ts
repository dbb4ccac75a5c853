/**
 * 岗位推荐 (F-50; issue 11 item 3): staff publish vacant posts in batches; the public, from a verified phone,
 * recommends a candidate for a post while the batch is open (China dates, both ends inclusive). One recommendation
 * per phone per post: a second is refused (409 cadres.already_recommended) — the first stands. Text passes the
 * sensitive-word filter; a match holds the recommendation for moderation. Staff read counts per post and candidate
 * and the reasons (phones masked); the public reads only the open batches and their posts.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, escapeLike, scopePaths, subtreePatterns, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaToday, chineseDate, isRealDate } from '../../platform/china-time.js';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { maskMobile } from '../../platform/identity/mask.js';
import { reasonsFromMatches, submitModeration } from '../safety/safety.moderation.js';
import { screenFields } from '../safety/safety.words.js';
import { required } from './cadres.rules.js';

export const RECOMMENDATION_KIND = 'cadres.recommendation';

export interface PostInput { name: string; unit: string; headcount: number; requirements: string }
export interface BatchInput { orgId: string; title: string; opensOn: string; closesOn: string; posts: PostInput[] }

const statusOf = (b: { opens_on: string; closes_on: string; withdrawn_at: Date | null }, today: string) => (
  b.withdrawn_at ? 'withdrawn' as const : today < b.opens_on ? 'upcoming' as const : today > b.closes_on ? 'closed' as const : 'open' as const);

/** 发布岗位: a batch with its posts, in one go. Every problem is named at once; nothing is stored then. */
export async function createBatch(ctx: AppContext, actor: Actor, input: BatchInput) {
  const org = await ctx.db.selectFrom('orgs').select(['id', 'path', 'status']).where('id', '=', input.orgId).executeTakeFirst();
  if (!org || org.status !== 'active') throw notFound('组织');
  authorize(actor, 'cadre.write', org.path);
  const today = chinaToday(ctx.now());
  const errors: FieldError[] = [];
  const title = required(errors, 'title', input.title, '批次名称', 100);
  const opensOk = isRealDate(input.opensOn);
  const closesOk = isRealDate(input.closesOn);
  if (!opensOk) errors.push({ field: 'opensOn', message: '请填写推荐开始日期（如2026-12-01）' });
  if (!closesOk) errors.push({ field: 'closesOn', message: '请填写推荐截止日期（如2026-12-15）' });
  else if (opensOk && input.closesOn < input.opensOn) errors.push({ field: 'closesOn', message: '截止日期不能早于开始日期' });
  else if (input.closesOn < today) errors.push({ field: 'closesOn', message: `截止日期不能早于今天（${chineseDate(today)}）` });
  const posts = checkPosts(errors, input.posts);
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const b = await trx.insertInto('cadre_batches').values({
      org_id: org.id, title, opens_on: input.opensOn, closes_on: input.closesOn, created_by: actor.accountId, created_by_name: actor.displayName, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('cadre_posts').values(posts.map((p, i) => ({ batch_id: b.id, sort: i, ...p }))).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'cadre.batch.create', entityType: 'cadre_batch', entityId: b.id, orgPath: org.path, ip: actor.ip,
      after: { title, opensOn: input.opensOn, closesOn: input.closesOn, posts },
    }, now);
    return { id: b.id };
  });
}

function checkPosts(errors: FieldError[], input: PostInput[]) {
  if (!input.length) errors.push({ field: 'posts', message: '请至少填写一个岗位' });
  return input.map((p, i) => {
    const n = `第${i + 1}个岗位`;
    const name = required(errors, `posts.${i}.name`, p.name, `${n}的岗位名称`, 60);
    const unit = required(errors, `posts.${i}.unit`, p.unit, `${n}的所在单位`, 100);
    const requirements = required(errors, `posts.${i}.requirements`, p.requirements, `${n}的任职条件`, 1000);
    if (!Number.isInteger(p.headcount) || p.headcount < 1 || p.headcount > 99) errors.push({ field: `posts.${i}.headcount`, message: `${n}的职数应为1至99之间的整数` });
    return { name, unit, requirements, headcount: p.headcount };
  });
}

async function batchRow(ctx: AppContext, id: string) {
  const b = await ctx.db.selectFrom('cadre_batches as b').innerJoin('orgs as o', 'o.id', 'b.org_id').selectAll('b').select(['o.name as org_name', 'o.path as org_path'])
    .where('b.id', '=', id).executeTakeFirst();
  if (!b) throw notFound('岗位批次');
  return b;
}

export interface BatchUpdate { title: string; opensOn: string; closesOn: string; posts: (PostInput & { id?: string | null })[] }

/**
 * 修改批次 (cadre.write over its organization), while it is not withdrawn and not past its closing date. Rules, all
 * checked here and named at once: the opening date may not change once recommending has begun; the closing date may
 * not be before today or the opening date; a post that has received any recommendation (waiting for moderation
 * included) may be neither changed nor removed — the public recommended for that wording; other posts may be changed,
 * removed or added. Serialized with recommending by the batch row's lock.
 */
export async function updateBatch(ctx: AppContext, actor: Actor, id: string, input: BatchUpdate) {
  const b0 = await batchRow(ctx, id);
  authorize(actor, 'cadre.write', b0.org_path);
  const today = chinaToday(ctx.now());
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const b = await trx.selectFrom('cadre_batches').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (b.withdrawn_at) throw conflict('cadres.batch_withdrawn', '该批次已撤回，不能修改');
    if (today > b.closes_on) throw conflict('cadres.batch_closed', `该批次的推荐已于${chineseDate(b.closes_on)}截止，不能修改`);
    const old = await trx.selectFrom('cadre_posts as p').selectAll('p')
      .select((eb) => eb.selectFrom('cadre_recommendations as r').select(eb.fn.countAll<string>().as('n')).whereRef('r.post_id', '=', 'p.id').as('recs'))
      .where('p.batch_id', '=', id).orderBy('p.sort').execute();
    const errors: FieldError[] = [];
    const title = required(errors, 'title', input.title, '批次名称', 100);
    const opensOk = isRealDate(input.opensOn);
    const closesOk = isRealDate(input.closesOn);
    const started = today >= b.opens_on;
    if (!opensOk) errors.push({ field: 'opensOn', message: '请填写推荐开始日期（如2026-12-01）' });
    else if (started && input.opensOn !== b.opens_on) errors.push({ field: 'opensOn', message: `推荐已于${chineseDate(b.opens_on)}开始，开始日期不能修改` });
    if (!closesOk) errors.push({ field: 'closesOn', message: '请填写推荐截止日期（如2026-12-15）' });
    else if (opensOk && input.closesOn < input.opensOn) errors.push({ field: 'closesOn', message: '截止日期不能早于开始日期' });
    else if (input.closesOn < today) errors.push({ field: 'closesOn', message: `截止日期不能早于今天（${chineseDate(today)}）` });
    const posts = checkPosts(errors, input.posts);
    const byId = new Map(old.map((p) => [p.id, p]));
    const kept = new Set<string>();
    input.posts.forEach((p, i) => {
      if (!p.id) return;
      const was = byId.get(p.id);
      if (!was || kept.has(p.id)) { errors.push({ field: `posts.${i}`, message: `第${i + 1}个岗位不属于该批次，请刷新后重试` }); return; }
      kept.add(p.id);
      const now_ = posts[i]!;
      if (Number(was.recs) > 0 && (now_.name !== was.name || now_.unit !== was.unit || now_.headcount !== was.headcount || now_.requirements !== was.requirements)) {
        errors.push({ field: `posts.${i}`, message: `第${i + 1}个岗位“${was.name}”已收到推荐，不能修改` });
      }
    });
    for (const was of old) if (!kept.has(was.id) && Number(was.recs) > 0) errors.push({ field: 'posts', message: `岗位“${was.name}”已收到推荐，不能删除` });
    if (errors.length) throw validationFailed(errors);
    const removed = old.filter((p) => !kept.has(p.id)).map((p) => p.id);
    if (removed.length) await trx.deleteFrom('cadre_posts').where('id', 'in', removed).execute();
    for (const [i, p] of posts.entries()) {
      const pid = input.posts[i]!.id;
      if (pid) await trx.updateTable('cadre_posts').set({ ...p, sort: i }).where('id', '=', pid).execute();
      else await trx.insertInto('cadre_posts').values({ batch_id: id, sort: i, ...p }).execute();
    }
    await trx.updateTable('cadre_batches').set({ title, opens_on: input.opensOn, closes_on: input.closesOn, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'cadre.batch.update', entityType: 'cadre_batch', entityId: id, orgPath: b0.org_path, ip: actor.ip,
      before: { title: b.title, opensOn: b.opens_on, closesOn: b.closes_on, posts: old.map((p) => ({ name: p.name, unit: p.unit, headcount: p.headcount, requirements: p.requirements })) },
      after: { title, opensOn: input.opensOn, closesOn: input.closesOn, posts },
    }, now);
    return { id };
  });
}

/** 撤回批次 (提前结束) with a reason: no more recommendations; those received are kept. Not after the closing date. */
export async function withdrawBatch(ctx: AppContext, actor: Actor, id: string, input: { reason: string }) {
  const b0 = await batchRow(ctx, id);
  authorize(actor, 'cadre.write', b0.org_path);
  const errors: FieldError[] = [];
  const reason = required(errors, 'reason', input.reason, '撤回原因', 200);
  if (errors.length) throw validationFailed(errors);
  const today = chinaToday(ctx.now());
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const b = await trx.selectFrom('cadre_batches').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (b.withdrawn_at) throw conflict('cadres.batch_withdrawn', '该批次已撤回');
    if (today > b.closes_on) throw conflict('cadres.batch_closed', `该批次的推荐已于${chineseDate(b.closes_on)}截止，无需撤回`);
    await trx.updateTable('cadre_batches').set({ withdrawn_at: now, withdrawn_by_name: actor.displayName, withdraw_reason: reason }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'cadre.batch.withdraw', entityType: 'cadre_batch', entityId: id, orgPath: b0.org_path, ip: actor.ip,
      before: { status: statusOf(b, today) }, after: { status: 'withdrawn', reason },
    }, now);
  });
  return getBatch(ctx, actor, id);
}

/** The batches of the caller's scope (or of one organization in it), newest first, keyset paged. */
export async function listBatches(ctx: AppContext, actor: Actor, q: { orgId?: string; q?: string; cursor?: string; limit?: number }) {
  let paths = scopePaths(actor, 'cadre.read');
  if (q.orgId) {
    const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'cadre.read', org.path);
    paths = [org.path];
  }
  if (!paths.length) return { items: [], nextCursor: null };
  const limit = q.limit ?? 50;
  const words = q.q?.trim() ? `%${escapeLike(q.q.trim())}%` : null;
  const today = chinaToday(ctx.now());
  const rows = await ctx.db.selectFrom('cadre_batches as b').innerJoin('orgs as o', 'o.id', 'b.org_id')
    .select(['b.id', 'b.org_id', 'o.name as org_name', 'b.title', 'b.opens_on', 'b.closes_on', 'b.created_at', 'b.withdrawn_at'])
    .select((eb) => [
      eb.selectFrom('cadre_posts as p').select(eb.fn.countAll<string>().as('n')).whereRef('p.batch_id', '=', 'b.id').as('post_count'),
      eb.selectFrom('cadre_recommendations as r').innerJoin('cadre_posts as p', 'p.id', 'r.post_id').select(eb.fn.countAll<string>().as('n'))
        .whereRef('p.batch_id', '=', 'b.id').where('r.state', '=', 'received').as('rec_count'),
    ])
    .where(sql<boolean>`o.path like any(${subtreePatterns(paths)}::text[])`)
    .$if(!!words, (b) => b.where('b.title', 'like', words!))
    .$if(!!q.cursor, (b) => b.where('b.id', '<', q.cursor!))
    .orderBy('b.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id, orgId: r.org_id, orgName: r.org_name, title: r.title, opensOn: r.opens_on, closesOn: r.closes_on, status: statusOf(r, today),
      postCount: Number(r.post_count ?? 0), recommendationCount: Number(r.rec_count ?? 0), createdAt: r.created_at.toISOString(),
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** One batch for staff: each post with its received count, the candidates grouped (most recommended first) and every recommendation with its reasons. */
export async function getBatch(ctx: AppContext, actor: Actor, id: string) {
  const b = await batchRow(ctx, id);
  authorize(actor, 'cadre.read', b.org_path);
  const posts = await ctx.db.selectFrom('cadre_posts').selectAll().where('batch_id', '=', id).orderBy('sort').execute();
  const recs = posts.length ? await ctx.db.selectFrom('cadre_recommendations')
    .select(['id', 'post_id', 'candidate_name', 'candidate_unit', 'reasons', 'phone_masked', 'state', 'created_at'])
    .where('post_id', 'in', posts.map((p) => p.id)).orderBy('id').execute() : [];
  return {
    id: b.id, orgId: b.org_id, orgName: b.org_name, title: b.title, opensOn: b.opens_on, closesOn: b.closes_on, status: statusOf(b, chinaToday(ctx.now())),
    createdByName: b.created_by_name, createdAt: b.created_at.toISOString(), updatedAt: b.updated_at?.toISOString() ?? null,
    withdrawnAt: b.withdrawn_at?.toISOString() ?? null, withdrawnByName: b.withdrawn_by_name, withdrawReason: b.withdraw_reason,
    canEdit: !b.withdrawn_at && chinaToday(ctx.now()) <= b.closes_on && can(actor, 'cadre.write', b.org_path),
    posts: posts.map((p) => {
      const mine = recs.filter((r) => r.post_id === p.id);
      const received = mine.filter((r) => r.state === 'received');
      const groups = new Map<string, { name: string; unit: string; count: number }>();
      for (const r of received) {
        const key = `${r.candidate_name}\u0000${r.candidate_unit}`;
        const g = groups.get(key) ?? { name: r.candidate_name, unit: r.candidate_unit, count: 0 };
        g.count++;
        groups.set(key, g);
      }
      return {
        id: p.id, name: p.name, unit: p.unit, headcount: p.headcount, requirements: p.requirements,
        recommendationCount: received.length, heldCount: mine.filter((r) => r.state === 'held').length, locked: mine.length > 0,
        candidates: [...groups.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name, 'zh-CN')),
        recommendations: mine.map((r) => ({
          id: r.id, candidateName: r.candidate_name, candidateUnit: r.candidate_unit, reasons: r.reasons, phone: r.phone_masked, state: r.state, createdAt: r.created_at.toISOString(),
        })),
      };
    }),
  };
}

/** The batches open today (China date) with their posts: what the public sees — never recommendations or counts. */
export async function publicBatches(ctx: AppContext) {
  const today = chinaToday(ctx.now());
  const batches = await ctx.db.selectFrom('cadre_batches as b').innerJoin('orgs as o', 'o.id', 'b.org_id')
    .select(['b.id', 'o.name as org_name', 'b.title', 'b.opens_on', 'b.closes_on'])
    .where('b.opens_on', '<=', today).where('b.closes_on', '>=', today).where('b.withdrawn_at', 'is', null).orderBy('b.closes_on').orderBy('b.id').limit(200).execute();
  const posts = batches.length ? await ctx.db.selectFrom('cadre_posts').select(['id', 'batch_id', 'name', 'unit', 'headcount', 'requirements'])
    .where('batch_id', 'in', batches.map((b) => b.id)).orderBy('batch_id').orderBy('sort').execute() : [];
  return {
    items: batches.map((b) => ({
      id: b.id, orgName: b.org_name, title: b.title, opensOn: b.opens_on, closesOn: b.closes_on,
      posts: posts.filter((p) => p.batch_id === b.id).map((p) => ({ id: p.id, name: p.name, unit: p.unit, headcount: p.headcount, requirements: p.requirements })),
    })),
  };
}

export interface RecommendInput { candidateName: string; candidateUnit: string; reasons: string }

/** 推荐人选 from a verified phone, while the post's batch is open; once per phone per post. */
export async function recommend(ctx: AppContext, postId: string, phone: string, ip: string | null, input: RecommendInput) {
  const p = await ctx.db.selectFrom('cadre_posts as p').innerJoin('cadre_batches as b', 'b.id', 'p.batch_id').innerJoin('orgs as o', 'o.id', 'b.org_id')
    .select(['p.id', 'p.name', 'b.id as batch_id', 'b.org_id', 'b.opens_on', 'b.closes_on', 'b.withdrawn_at', 'o.path']).where('p.id', '=', postId).executeTakeFirst();
  const today = chinaToday(ctx.now());
  if (!p || today < p.opens_on) throw notFound('岗位');
  const withdrawn = () => conflict('cadres.batch_withdrawn', '该批次已撤回，不再接受推荐');
  if (p.withdrawn_at) throw withdrawn();
  if (today > p.closes_on) throw conflict('cadres.batch_closed', `该岗位的推荐已于${chineseDate(p.closes_on)}截止`);
  const errors: FieldError[] = [];
  const candidateName = required(errors, 'candidateName', input.candidateName, '被推荐人姓名', 30);
  const candidateUnit = required(errors, 'candidateUnit', input.candidateUnit, '被推荐人所在单位及职务', 100);
  const reasons = required(errors, 'reasons', input.reasons, '推荐理由', 1000);
  if (errors.length) throw validationFailed(errors);
  const bidx = ctx.crypto.blindIndex('mobile', phone);
  const already = () => conflict('cadres.already_recommended', '您已为该岗位推荐过人选，每个手机号码对每个岗位只能推荐一次');
  if (await ctx.db.selectFrom('cadre_recommendations').select('id').where('post_id', '=', p.id).where('phone_bidx', '=', bidx).executeTakeFirst()) throw already();
  const screen = await screenFields(ctx, { candidateName, candidateUnit, reasons });
  const state = screen.held ? 'held' as const : 'received' as const;
  const masked = maskMobile(phone);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    // The batch's row, shared: an edit or a withdrawal (which lock it for update) is either before this or after it.
    const b = await trx.selectFrom('cadre_batches').select(['withdrawn_at', 'closes_on']).where('id', '=', p.batch_id).forShare().executeTakeFirstOrThrow();
    if (b.withdrawn_at) throw withdrawn();
    if (today > b.closes_on) throw conflict('cadres.batch_closed', `该岗位的推荐已于${chineseDate(b.closes_on)}截止`);
    if (!await trx.selectFrom('cadre_posts').select('id').where('id', '=', p.id).executeTakeFirst()) throw notFound('岗位');
    const row = await trx.insertInto('cadre_recommendations').values({
      post_id: p.id, candidate_name: candidateName, candidate_unit: candidateUnit, reasons,
      phone_enc: ctx.crypto.encrypt(phone), phone_bidx: bidx, phone_masked: masked, state, created_at: now,
    }).onConflict((oc) => oc.columns(['post_id', 'phone_bidx']).doNothing()).returning('id').executeTakeFirst();
    if (!row) throw already();
    if (screen.held) {
      await submitModeration(ctx, trx, {
        kind: RECOMMENDATION_KIND, refId: row.id, orgId: p.org_id, excerpt: `推荐${candidateName}（${candidateUnit}）任${p.name}：${reasons}`,
        reasons: reasonsFromMatches(screen.matches), by: { name: masked, ip },
      });
    }
    await appendAudit(trx, {
      actorId: null, actorName: masked, action: 'cadre.recommendation.submit', entityType: 'cadre_recommendation', entityId: row.id, orgPath: p.path, ip,
      after: { batchId: p.batch_id, postId: p.id, state },
    }, now);
  });
  return { state };
}
