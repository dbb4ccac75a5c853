/**
 * 短信模板 (issue 9, item 4): the saved texts staff compose broadcasts from.
 *
 * A template belongs to one organization. Its library as seen from an organization is the templates of that
 * organization and of its ancestors: a city's staff compose from the province's templates as well as their own,
 * read-only, and never see a sibling city's. Without `orgId` the library is seen from the top of each of the
 * caller's sms.read grants; with it (an organization in the caller's scope), from that organization — so province
 * staff can open a city's library. Writing needs sms.send over the template's organization. No path is copied: the
 * ancestors are read off the organizations' current paths, so a moved organization takes its new ancestors' library.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, escapeLike, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, validationFailed, versionConflict, type FieldError } from '../../platform/errors.js';
import { countSms } from '../../platform/sms/segments.js';
import { loadOrg, MAX_SEGMENTS, signed, TEXT_TOO_LONG } from './sms.service.js';
import type { SmsTemplateViewT, TemplateCreateInput, TemplateListQueryInput, TemplateUpdateInput } from './sms.templates.schema.js';

export const TEMPLATE_VARIABLES = ['{姓名}', '{组织}'] as const;

/** Anything written as a variable — in ASCII or full-width braces — that is not one of the two the sender fills in. */
const VARIABLE_LIKE = /[{｛][^{}｛｝\r\n]{0,20}[}｝]/gu;

/**
 * The problems of a template's name and text, all at once: empty, an unknown variable (with its position, counted
 * in characters from 1), too long for a broadcast (counted as createBroadcast counts it: with the signature).
 */
export function templateProblems(ctx: AppContext, name: string, text: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!name.trim()) errors.push({ field: 'name', message: '请填写模板名称' });
  if (!text.trim()) {
    errors.push({ field: 'text', message: '请填写短信内容' });
    return errors;
  }
  const unknown = [...text.matchAll(VARIABLE_LIKE)].filter((m) => !(TEMPLATE_VARIABLES as readonly string[]).includes(m[0]));
  if (unknown.length) {
    const where = unknown.slice(0, 5).map((m) => `第${[...text.slice(0, m.index)].length + 1}个字处的“${m[0]}”`).join('、');
    errors.push({ field: 'text', message: `${where}不是可用的变量：只能使用{姓名}和{组织}（半角花括号），请修改或删除` });
  } else if (countSms(signed(ctx, text)).segments > MAX_SEGMENTS) {
    errors.push({ field: 'text', message: `${TEXT_TOO_LONG}，请精简` });
  }
  return errors;
}

type Row = {
  id: string; org_id: string; org_name: string; org_path: string; name: string; text: string; updated_by_name: string | null; created_at: Date; updated_at: Date;
};

function present(actor: Actor, r: Row): SmsTemplateViewT {
  return {
    id: r.id, orgId: r.org_id, orgName: r.org_name, name: r.name, text: r.text, editable: can(actor, 'sms.send', r.org_path),
    updatedByName: r.updated_by_name, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

function selectTemplates(ctx: AppContext) {
  return ctx.db.selectFrom('sms_templates as t').innerJoin('orgs as o', 'o.id', 't.org_id').leftJoin('accounts as a', 'a.id', 't.updated_by')
    .select(['t.id', 't.org_id', 'o.name as org_name', 'o.path as org_path', 't.name', 't.text', 'a.display_name as updated_by_name', 't.created_at', 't.updated_at']);
}

/** The organizations on the way from the root down to each path (the path's own segments are the ids). */
const selfAndAncestors = (paths: string[]) => [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];

/** The library seen from `orgId` (or from the caller's grants), newest first, paged by id. Reads only. */
export async function listTemplates(ctx: AppContext, actor: Actor, q: TemplateListQueryInput) {
  const limit = q.limit ?? 20;
  let from = scopePaths(actor, 'sms.read');
  if (q.orgId) {
    const org = await loadOrg(ctx, q.orgId);
    if (!org) throw notFound('组织');
    authorize(actor, 'sms.read', org.path);
    from = [org.path];
  }
  const orgIds = selfAndAncestors(from);
  if (!orgIds.length) return { items: [], nextCursor: null };
  const name = q.q?.trim();
  const rows = await selectTemplates(ctx)
    .where('t.org_id', 'in', orgIds)
    .$if(!!name, (qb) => qb.where(sql<boolean>`t.name ilike ${`%${escapeLike(name!)}%`}`))
    .$if(!!q.cursor, (qb) => qb.where('t.id', '<', q.cursor!))
    .orderBy('t.id', 'desc').limit(limit + 1).execute() as Row[];
  const items = rows.slice(0, limit).map((r) => present(actor, r));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/**
 * A template the caller may see: one of an organization in their scope, or of an ancestor of one (read-only). With
 * `write`, also one they may change: sms.send over its organization; an ancestor's template is refused with a message
 * that says whose it is.
 */
async function loadTemplate(ctx: AppContext, actor: Actor, id: string, write: boolean): Promise<Row> {
  const r = await selectTemplates(ctx).where('t.id', '=', id).executeTakeFirst() as Row | undefined;
  if (!r) throw notFound('短信模板');
  const ancestorOfScope = scopePaths(actor, 'sms.read').some((p) => p.startsWith(r.org_path) && p !== r.org_path);
  if (!ancestorOfScope) authorize(actor, 'sms.read', r.org_path);
  if (write && !can(actor, 'sms.send', r.org_path)) {
    if (ancestorOfScope) throw forbidden('forbidden.scope', `该模板属于上级组织“${r.org_name}”，您无权修改或删除；如需改动，可复制其内容另存为本单位的模板`);
    authorize(actor, 'sms.send', r.org_path);
  }
  return r;
}

export async function getTemplate(ctx: AppContext, actor: Actor, id: string): Promise<SmsTemplateViewT> {
  return present(actor, await loadTemplate(ctx, actor, id, false));
}

const nameTaken = (orgName: string, name: string) =>
  conflict('sms.template_duplicate_name', `“${orgName}”已有名为“${name}”的短信模板，请换一个名称`);
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';
const later = (now: Date, prev: Date) => new Date(Math.max(now.getTime(), prev.getTime() + 1));

/** The owner of a new template: the organization asked for (sms.send over it), or the top of the caller's sms.send scope. */
async function ownerOrg(ctx: AppContext, actor: Actor, orgId: string | undefined) {
  if (orgId) {
    const org = await loadOrg(ctx, orgId);
    if (!org) throw validationFailed([{ field: 'orgId', message: '所选组织不存在或已被删除' }]);
    authorize(actor, 'sms.send', org.path);
    return org;
  }
  const tops = scopePaths(actor, 'sms.send');
  const top = actor.grants.find((g) => tops.includes(g.orgPath));
  if (!top) throw forbidden();
  return { id: top.orgId, path: top.orgPath, name: top.orgName };
}

/** Saves a new template of an organization in the caller's sms.send scope; audited sms.template.create. */
export async function createTemplate(ctx: AppContext, actor: Actor, input: TemplateCreateInput): Promise<SmsTemplateViewT> {
  const org = await ownerOrg(ctx, actor, input.orgId);
  const name = input.name.trim();
  const text = input.text.trim();
  const problems = templateProblems(ctx, name, text);
  if (problems.length) throw validationFailed(problems);
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const t = await trx.insertInto('sms_templates').values({
      org_id: org.id, name, text, created_by: actor.accountId, updated_by: actor.accountId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'sms.template.create', entityType: 'sms_template', entityId: t.id,
      orgPath: org.path, ip: actor.ip, after: { orgId: org.id, name, text },
    }, now);
    return t.id;
  }).catch((err) => { throw isUniqueViolation(err) ? nameTaken(org.name, name) : err; });
  return getTemplate(ctx, actor, id);
}

/** Changes a template's name and text, from the version the caller saw; audited sms.template.update with before and after. */
export async function updateTemplate(ctx: AppContext, actor: Actor, id: string, input: TemplateUpdateInput): Promise<SmsTemplateViewT> {
  const t = await loadTemplate(ctx, actor, id, true);
  const name = input.name.trim();
  const text = input.text.trim();
  const problems = templateProblems(ctx, name, text);
  if (problems.length) throw validationFailed(problems);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('sms_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!locked) throw notFound('短信模板');
    if (locked.updated_at.toISOString() !== input.updatedAt) throw versionConflict();
    if (locked.name === name && locked.text === text) return;
    await trx.updateTable('sms_templates').set({ name, text, updated_by: actor.accountId, updated_at: later(now, locked.updated_at) }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'sms.template.update', entityType: 'sms_template', entityId: id,
      orgPath: t.org_path, ip: actor.ip, before: { name: locked.name, text: locked.text }, after: { name, text },
    }, now);
  }).catch((err) => { throw isUniqueViolation(err) ? nameTaken(t.org_name, name) : err; });
  return getTemplate(ctx, actor, id);
}

/** Deletes a template (broadcasts sent from it keep their own copy of the text); audited sms.template.delete. */
export async function deleteTemplate(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const t = await loadTemplate(ctx, actor, id, true);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('sms_templates').where('id', '=', id).returning(['name', 'text']).executeTakeFirst();
    if (!gone) throw notFound('短信模板');
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'sms.template.delete', entityType: 'sms_template', entityId: id,
      orgPath: t.org_path, ip: actor.ip, before: { orgId: t.org_id, name: gone.name, text: gone.text },
    }, now);
  });
}
