/**
 * 部长信箱, the public side (F-30; issue 11 item 1): the mailboxes, writing a letter, and following it by its 查询码.
 *
 * A letter needs a phone the writer verified by SMS code (safety module), passes the sensitive-word filter (a match
 * holds it for moderation before staff see it as received), and is acknowledged by SMS with its 查询码. Writing is a
 * public form: rate limits and a captcha after repeated use (safety.public.ts). The writer's name is optional.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { maskMobile } from '../../platform/identity/mask.js';
import { iso } from '../../platform/schemas.js';
import { pokeDispatcher, queueTransactional } from '../sms/sms.commands.js';
import { reasonsFromMatches, submitModeration } from '../safety/safety.moderation.js';
import { screenFields } from '../safety/safety.words.js';
import type { LetterCategory } from '../../db/tables/mailbox.js';

export const LETTER_SOURCE = 'mailbox.letter';
export const MODERATION_KIND = 'mailbox.letter';
export const LETTER_CATEGORIES = ['suggestion', 'consultation', 'complaint', 'help', 'other'] as const;
export const CATEGORY_ZH: Record<LetterCategory, string> = { suggestion: '意见建议', consultation: '咨询', complaint: '投诉举报', help: '求助', other: '其他' };

/** 查询码: 12 characters without look-alikes (0/O, 1/I/L), about 59 bits — not guessable within the rate limits. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return s;
}
/** What a writer types: spaces, dashes and case do not matter. */
export const normalizeCode = (raw: string) => raw.toUpperCase().replace(/[\s-]/g, '');

/** A name as the console shows it before reveal: the surname and a star per other character (王*明 → 王**). */
export const maskName = (name: string) => { const c = [...name]; return c.length <= 1 ? '*' : c[0] + '*'.repeat(c.length - 1); };

/** The mailboxes: the province's committee and each city's (depth 0 and 1), active. */
export async function listMailboxes(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('orgs').select(['id', 'name', 'depth']).where('depth', '<=', 1).where('status', '=', 'active')
    .orderBy('depth').orderBy('sort_order').orderBy('id').execute();
  return { items: rows.map((o) => ({ orgId: o.id, name: `${o.name}组织部部长信箱`, orgName: o.name, level: o.depth === 0 ? 'province' as const : 'city' as const })) };
}

async function mailboxOrg(ctx: AppContext, orgId: string) {
  const o = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path', 'depth', 'status']).where('id', '=', orgId).executeTakeFirst();
  if (!o || o.depth > 1 || o.status !== 'active') throw notFound('信箱');
  return o;
}

export interface LetterInput {
  category: string; title: string; body: string; name?: string | null; consentPublish: boolean;
}

/**
 * Stores a letter to the mailbox of `orgId` from a verified `phone`. Held for moderation when the filter matches;
 * otherwise received. Either way the writer gets the 查询码 by SMS (queued in the same transaction) and in the answer.
 */
export async function submitLetter(ctx: AppContext, orgId: string, phone: string, ip: string | null, input: LetterInput) {
  const org = await mailboxOrg(ctx, orgId);
  const title = input.title.trim();
  const body = input.body.trim();
  const name = input.name?.trim() || null;
  const errors: FieldError[] = [];
  if (!(LETTER_CATEGORIES as readonly string[]).includes(input.category)) errors.push({ field: 'category', message: '请选择来信类别' });
  if (!title) errors.push({ field: 'title', message: '请填写标题' });
  else if ([...title].length > 100) errors.push({ field: 'title', message: '标题不能超过100个字' });
  if (!body) errors.push({ field: 'body', message: '请填写来信内容' });
  else if ([...body].length > 5000) errors.push({ field: 'body', message: '来信内容不能超过5000个字' });
  if (name && [...name].length > 30) errors.push({ field: 'name', message: '姓名不能超过30个字' });
  if (errors.length) throw validationFailed(errors);
  // Screened before the transaction (the word list is read once per version).
  const screen = await screenFields(ctx, { title, body, name });
  const now = ctx.now();
  const code = newTrackingCode();
  const masked = maskMobile(phone);
  const state = screen.held ? 'held' as const : 'received' as const;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('mailbox_letters').values({
      tracking_code: code, mailbox_org_id: org.id, category: input.category, title, body,
      writer_name_enc: name ? ctx.crypto.encrypt(name) : null, writer_name_masked: name ? maskName(name) : null,
      phone_enc: ctx.crypto.encrypt(phone), phone_bidx: ctx.crypto.blindIndex('mobile', phone), phone_masked: masked,
      consent_publish: input.consentPublish, state, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (screen.held) {
      await submitModeration(ctx, trx, {
        kind: MODERATION_KIND, refId: row.id, orgId: org.id, excerpt: `${title}\n${body}`, reasons: reasonsFromMatches(screen.matches),
        by: { name: masked, ip },
      });
    }
    await appendAudit(trx, {
      actorId: null, actorName: masked, action: 'mailbox.letter.submit', entityType: 'mailbox_letter', entityId: row.id, orgPath: org.path, ip,
      after: { mailboxOrgId: org.id, category: input.category, title, state, consentPublish: input.consentPublish },
    }, now);
    await queueTransactional(ctx, {
      phone, purpose: 'notice', orgId: org.id, actor: { id: null, name: masked, ip },
      text: `您写给${org.name}组织部部长信箱的来信已收到，查询码${code}，可凭查询码在网站查询办理情况。`,
    }, trx);
    return row.id;
  });
  pokeDispatcher();
  return { id, trackingCode: code, state };
}

/**
 * What the writer sees by 查询码 (no personal data beyond their own letter's text): the state, the dates, a decline's
 * reason, and the approved answer. Unknown codes are 404 (the same answer for any wrong code).
 */
export async function lookupLetter(ctx: AppContext, rawCode: string) {
  const code = normalizeCode(rawCode);
  const r = code.length === 12 ? await ctx.db.selectFrom('mailbox_letters as l').innerJoin('orgs as o', 'o.id', 'l.mailbox_org_id')
    .select(['l.tracking_code', 'l.category', 'l.title', 'l.body', 'l.state', 'l.decline_kind', 'l.decline_note', 'l.answer', 'l.answered_at', 'l.created_at', 'o.name as org_name',
      'l.id', 'l.published_at', 'l.unpublished_at'])
    .where('l.tracking_code', '=', code).executeTakeFirst() : undefined;
  if (!r) throw notFound('该查询码对应的来信');
  return {
    trackingCode: r.tracking_code, mailboxName: `${r.org_name}组织部部长信箱`, category: r.category, title: r.title, body: r.body,
    // Held for moderation reads as received: the writer is not told a word held it.
    state: r.state === 'held' ? 'received' as const : r.state,
    declineKind: r.decline_kind, declineNote: r.decline_note,
    answer: r.state === 'answered' ? r.answer : null, answeredAt: iso(r.answered_at), createdAt: r.created_at.toISOString(),
    publishedId: r.published_at && !r.unpublished_at ? r.id : null,
  };
}
