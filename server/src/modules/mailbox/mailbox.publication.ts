/**
 * 部长信箱, publication (F-31; issue 11 item 1): with the writer's consent, an answered letter and its answer are
 * published — redacted. The redaction step: the server proposes a text with mobile and landline numbers, ID numbers,
 * e-mail addresses and the writer's own name replaced by stars (GET …/publication-draft: it changes nothing); staff
 * edit it further (a village name that identifies the writer, say) and publish. Publishing refuses text that still
 * holds a phone number, an ID number, an e-mail address or the writer's name, and records a SHA-256 fingerprint of
 * the canonical published text, so a later change is visible. Withdrawing hides it from the public.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fingerprintOfCanonical } from '../../platform/fingerprint.js';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { iso } from '../../platform/schemas.js';
import { CATEGORY_ZH } from './mailbox.letters.js';
import type { LetterCategory } from '../../db/tables/mailbox.js';

/** What must not be published, each with the way it is starred and the message when it is still there. */
const PERSONAL: { re: RegExp; what: string }[] = [
  { re: /(?<!\d)\d{17}[\dXx](?![\dXx])/g, what: '身份证号码' },
  { re: /(?<!\d)1[3-9]\d{9}(?!\d)/g, what: '手机号码' },
  { re: /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, what: '固定电话号码' },
  { re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, what: '电子邮箱' },
];
const stars = (s: string) => '＊'.repeat([...s].length);

/** The text with personal details starred, and what was starred (kind and count). */
export function redact(text: string, name: string | null): { text: string; found: { what: string; count: number }[] } {
  let out = text;
  const found: { what: string; count: number }[] = [];
  for (const p of PERSONAL) {
    let n = 0;
    out = out.replace(p.re, (m) => { n++; return stars(m); });
    if (n) found.push({ what: p.what, count: n });
  }
  if (name && [...name].length >= 2) {
    const n = out.split(name).length - 1;
    if (n) { out = out.split(name).join(stars(name)); found.push({ what: '来信人姓名', count: n }); }
  }
  return { text: out, found };
}

/** The problems left in a text to publish, as field errors. */
function leftovers(field: string, label: string, text: string, name: string | null): FieldError[] {
  const errors: FieldError[] = [];
  for (const p of PERSONAL) if (new RegExp(p.re.source).test(text)) errors.push({ field, message: `${label}中仍含有${p.what}，请删除或以＊代替后再公开` });
  if (name && [...name].length >= 2 && text.includes(name)) errors.push({ field, message: `${label}中仍含有来信人姓名，请删除或以＊代替后再公开` });
  return errors;
}

/** SHA-256 (hex) of the canonical form of what is published: anyone with the published text can recompute it. */
export const letterFingerprint = (p: { id: string; mailboxOrgId: string; category: string; title: string; body: string; answer: string; answeredAt: string }) =>
  fingerprintOfCanonical({ v: 1, ...p });

async function forPublication(ctx: AppContext, actor: Actor, id: string) {
  const r = await ctx.db.selectFrom('mailbox_letters as l').innerJoin('orgs as o', 'o.id', 'l.mailbox_org_id')
    .selectAll('l').select(['o.path as org_path', 'o.name as org_name']).where('l.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('来信');
  authorize(actor, 'mailbox.write', r.org_path);
  return r;
}
const nameOf = (ctx: AppContext, enc: Buffer | null) => (enc ? ctx.crypto.decrypt(enc) : null);

/** GET …/publication-draft: the redaction step's starting point — nothing is stored. */
export async function publicationDraft(ctx: AppContext, actor: Actor, id: string) {
  const r = await forPublication(ctx, actor, id);
  if (r.state !== 'answered') throw conflict('mailbox.state', '来信答复后才能公开');
  const name = nameOf(ctx, r.writer_name_enc);
  const t = redact(r.published_title ?? r.title, name);
  const b = redact(r.published_body ?? r.body, name);
  const a = redact(r.published_answer ?? r.answer ?? '', name);
  const found = new Map<string, number>();
  for (const f of [...t.found, ...b.found, ...a.found]) found.set(f.what, (found.get(f.what) ?? 0) + f.count);
  return {
    consentPublish: r.consent_publish, title: t.text, body: b.text, answer: a.text,
    redacted: [...found].map(([what, count]) => ({ what, count })),
    published: !!r.published_at && !r.unpublished_at, fingerprint: r.fingerprint,
  };
}

/** Publishes (or republishes, edited) an answered letter whose writer consented, redacted as staff confirmed it. */
export async function publishLetter(ctx: AppContext, actor: Actor, id: string, input: { title: string; body: string; answer: string }) {
  const r = await forPublication(ctx, actor, id);
  if (r.state !== 'answered') throw conflict('mailbox.state', '来信答复后才能公开');
  if (!r.consent_publish) throw conflict('mailbox.no_consent', '来信人未同意公开，不能公开');
  const name = nameOf(ctx, r.writer_name_enc);
  const title = input.title.trim();
  const body = input.body.trim();
  const answer = input.answer.trim();
  const errors: FieldError[] = [];
  if (!title) errors.push({ field: 'title', message: '请填写公开标题' });
  else if ([...title].length > 100) errors.push({ field: 'title', message: '标题不能超过100个字' });
  if (!body) errors.push({ field: 'body', message: '请填写公开的来信内容' });
  else if ([...body].length > 5000) errors.push({ field: 'body', message: '来信内容不能超过5000个字' });
  if (!answer) errors.push({ field: 'answer', message: '请填写公开的答复内容' });
  else if ([...answer].length > 3000) errors.push({ field: 'answer', message: '答复内容不能超过3000个字' });
  errors.push(...leftovers('title', '标题', title, name), ...leftovers('body', '来信内容', body, name), ...leftovers('answer', '答复内容', answer, name));
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  const fingerprint = letterFingerprint({ id, mailboxOrgId: r.mailbox_org_id, category: r.category, title, body, answer, answeredAt: r.answered_at!.toISOString() });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('mailbox_letters').set({
      published_title: title, published_body: body, published_answer: answer, published_at: now, published_by: actor.accountId, fingerprint, unpublished_at: null, updated_at: now,
    }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'mailbox.letter.publish', entityType: 'mailbox_letter', entityId: id, orgPath: r.org_path, ip: actor.ip,
      before: r.fingerprint ? { fingerprint: r.fingerprint, unpublished: !!r.unpublished_at } : null, after: { fingerprint, title },
    }, now);
  });
  return { fingerprint, publishedAt: now.toISOString() };
}

/** Withdraws a published letter from the public (the record stays). */
export async function unpublishLetter(ctx: AppContext, actor: Actor, id: string) {
  const r = await forPublication(ctx, actor, id);
  if (!r.published_at || r.unpublished_at) throw conflict('mailbox.state', '该来信未公开');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('mailbox_letters').set({ unpublished_at: now, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'mailbox.letter.unpublish', entityType: 'mailbox_letter', entityId: id, orgPath: r.org_path, ip: actor.ip,
      before: { fingerprint: r.fingerprint }, after: { unpublished: true },
    }, now);
  });
}

const published = (ctx: AppContext) => ctx.db.selectFrom('mailbox_letters as l').innerJoin('orgs as o', 'o.id', 'l.mailbox_org_id')
  .where('l.published_at', 'is not', null).where('l.unpublished_at', 'is', null);

/** The public's list of published letters, newest first, by mailbox, category and words (of the title or text), keyset paged. */
export async function listPublished(ctx: AppContext, q: { orgId?: string; category?: LetterCategory; q?: string; cursor?: string; limit?: number }) {
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 50);
  const words = q.q?.trim() ? `%${q.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const [at, id] = (q.cursor ?? '').split('_');
  const rows = await published(ctx)
    .select(['l.id', 'l.mailbox_org_id', 'o.name as org_name', 'l.category', 'l.published_title', 'l.published_at', 'l.answered_at', 'l.created_at'])
    .$if(!!q.orgId, (b) => b.where('l.mailbox_org_id', '=', q.orgId!))
    .$if(!!q.category, (b) => b.where('l.category', '=', q.category!))
    .$if(!!words, (b) => b.where((eb) => eb.or([eb('l.published_title', 'like', words!), eb('l.published_body', 'like', words!)])))
    .$if(!!at && !!id, (b) => b.where(sql<boolean>`(l.published_at, l.id) < (${new Date(Number(at))}, ${id}::bigint)`))
    .orderBy('l.published_at', 'desc').orderBy('l.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id, mailboxName: `${r.org_name}组织部部长信箱`, category: r.category, categoryName: CATEGORY_ZH[r.category as LetterCategory],
      title: r.published_title!, writtenOn: r.created_at.toISOString(), answeredAt: iso(r.answered_at)!,
    })),
    nextCursor: rows.length > limit && last ? `${last.published_at!.getTime()}_${last.id}` : null,
  };
}

/** One published letter with its answer and fingerprint. */
export async function publishedLetter(ctx: AppContext, id: string) {
  const r = await published(ctx).select(['l.id', 'l.mailbox_org_id', 'o.name as org_name', 'l.category', 'l.published_title', 'l.published_body', 'l.published_answer',
    'l.published_at', 'l.answered_at', 'l.created_at', 'l.fingerprint']).where('l.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('公开的来信');
  return {
    id: r.id, mailboxOrgId: r.mailbox_org_id, mailboxName: `${r.org_name}组织部部长信箱`, category: r.category, categoryName: CATEGORY_ZH[r.category as LetterCategory],
    title: r.published_title!, body: r.published_body!, answer: r.published_answer!, writtenOn: r.created_at.toISOString(), answeredAt: iso(r.answered_at)!,
    publishedAt: r.published_at!.toISOString(), fingerprint: r.fingerprint!,
  };
}
