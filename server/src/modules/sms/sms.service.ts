/**
 * Broadcasts (issue 9, item 4): composed by staff, resolved to recipients off the request thread, approved by a
 * second person above the configured size, sent by the dispatchers, watched live. Every step is audited.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, escapeLike, scopePaths, subtreePatterns, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { countSms } from '../../platform/sms/segments.js';
import { chinaToday } from '../../platform/china-time.js';
import { audienceQuery, type AudienceSpec } from '../contacts/contacts.audience.js';
import { optedOutAmong } from '../contacts/contacts.commands.js';
import type { BroadcastState } from '../../db/tables/sms.js';
import { LANES } from './sms.store.js';
import { maskPhone, parseMobile } from './sms.phones.js';
import { provinceStaffRoot } from './sms.inbox.js';
import { addCount, COVERS, emptyCounts, type ShownState } from './sms.states.js';
import type { AudienceInput, BroadcastCreateInput, BroadcastView } from './sms.schema.js';
import { audienceSource } from './sms.hooks.js';
import { iso } from '../../platform/schemas.js';

export const RESOLVE_QUEUE = 'sms.resolve';
export const RELEASE_QUEUE = 'sms.release';

/** The text as sent: the signature first (carriers refuse unsigned bulk messages), added when missing. */
export function signed(ctx: AppContext, text: string): string {
  const t = text.trim();
  const sig = ctx.config.sms.signature;
  return sig && !t.startsWith(sig) ? sig + t : t;
}

/** Checks the explicit phones; returns the normalized ones and the problems by position. */
function checkPhones(phones: string[]): { ok: string[]; invalid: { index: number; value: string }[] } {
  const ok: string[] = [];
  const invalid: { index: number; value: string }[] = [];
  phones.forEach((p, index) => {
    const m = parseMobile(p);
    if (m) ok.push(m);
    else invalid.push({ index, value: p });
  });
  return { ok: [...new Set(ok)], invalid };
}

export async function loadOrg(ctx: AppContext, id: string) {
  return ctx.db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();
}

/** The sending organization: the one asked for, or the top of the sender's scope. */
async function senderOrg(ctx: AppContext, actor: Actor, orgId: string | undefined) {
  if (orgId) {
    const org = await loadOrg(ctx, orgId);
    if (!org) throw notFound('组织');
    authorize(actor, 'sms.send', org.path);
    return org;
  }
  const top = actor.grants.find((g) => scopePaths(actor, 'sms.send').includes(g.orgPath));
  if (!top) throw forbidden();
  return { id: top.orgId, path: top.orgPath, name: top.orgName };
}

/** Every chosen subtree must lie within the sender's scope: a city's staff cannot reach another city. */
async function checkAudience(ctx: AppContext, actor: Actor, a: AudienceInput | undefined): Promise<AudienceSpec | null> {
  if (!a) return null;
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'path']).where('id', 'in', a.orgIds).execute();
  if (orgs.length !== new Set(a.orgIds).size) throw validationFailed([{ field: 'audience.orgIds', message: '所选组织不存在或已被删除' }]);
  for (const o of orgs) if (!can(actor, 'sms.send', o.path)) throw forbidden('forbidden.scope', '所选组织不在您的管辖范围内，不能向其发送短信');
  const who = a.who as AudienceSpec['who'];
  if (who.includes('group') && !(a.groupIds ?? []).length) throw validationFailed([{ field: 'audience.groupIds', message: '请选择联系人分组' }]);
  return { orgIds: a.orgIds, who, groupIds: a.groupIds ?? [] };
}

export interface Preview {
  recipients: number;
  withoutPhone: number;
  optedOut: number;
  invalidPhones: { index: number; value: string }[];
  approvalRequired: boolean;
  segments: number;
  characters: number;
}

/** Exact counts before sending: who gets it, who has no valid phone, who opted out. Reads only. */
export async function preview(ctx: AppContext, actor: Actor, body: { phones?: string[]; audience?: AudienceInput; text?: string; ignoreOptOut?: boolean }): Promise<Preview> {
  const spec = await checkAudience(ctx, actor, body.audience);
  const { ok, invalid } = checkPhones(body.phones ?? []);
  const bidxs = ok.map((p) => ctx.crypto.blindIndex('mobile', p));
  const counts = await countAudience(ctx.db, chinaToday(ctx.now()), spec, scopePaths(actor, 'sms.send'), bidxs, body.ignoreOptOut ?? false, true);
  const longest = counts.longestName ?? '';
  const c = countSms(signed(ctx, (body.text ?? '').replaceAll('{姓名}', longest).replaceAll('{组织}', counts.longestOrg ?? '')));
  return {
    recipients: counts.recipients, withoutPhone: counts.withoutPhone, optedOut: counts.optedOut, invalidPhones: invalid,
    approvalRequired: counts.recipients > ctx.config.sms.approvalThreshold, segments: c.segments, characters: c.units,
  };
}

/**
 * The counts of an audience and explicit phones (by blind index) as the sender's `scope` reaches them: distinct
 * phones to send to, people without a valid phone, people and typed phones that opted out (a typed phone is
 * counted once, and not again when it is an opted-out person's of the audience), and the longest name and
 * organization name (for the preview's segment count; only when `longest`, as it sorts the audience). Opt-outs
 * count the same whether a phone comes from the audience or was typed: both are sent to only when `ignoreOptOut`
 * (an official emergency notice). The preview and the resolve job's approval threshold both use it.
 */
async function countAudience(db: Transaction<DB> | AppContext['db'], today: string, spec: AudienceSpec | null, scope: string[], explicit: string[], ignoreOptOut: boolean, longest = false) {
  const opted = await optedOutAmong(db, explicit);
  const typed = [...new Set(explicit)];
  const typedSend = ignoreOptOut ? typed : typed.filter((x) => !opted.has(x));
  if (!spec) return { recipients: typedSend.length, withoutPhone: 0, optedOut: opted.size, longestName: null, longestOrg: null };
  const aud = audienceQuery(db, spec, scope, { today });
  const { rows } = await sql<{ recipients: string; without_phone: string; opted_out: string; longest_name: string | null; longest_org: string | null }>`
    with a as (${aud}),
    sendable as (select phone_bidx from a where phone_bidx is not null and (${ignoreOptOut} or not opted_out)
                 union select unnest(${typedSend}::text[]))
    select (select count(*) from sendable) as recipients,
           (select count(*) from a where phone_bidx is null) as without_phone,
           (select count(*) from a where phone_bidx is not null and opted_out)
             + (select count(*) from unnest(${[...opted]}::text[]) t(x) where not exists (select 1 from a where a.phone_bidx = t.x)) as opted_out,
           ${longest ? sql`(select name from a order by length(name) desc limit 1)` : sql`null`} as longest_name,
           ${longest ? sql`(select o.name from a join orgs o on o.id = a.org_id::bigint order by length(o.name) desc limit 1)` : sql`null`} as longest_org`.execute(db);
  const r = rows[0]!;
  return { recipients: Number(r.recipients), withoutPhone: Number(r.without_phone), optedOut: Number(r.opted_out), longestName: r.longest_name, longestOrg: r.longest_org };
}

/** The longest text a broadcast (and a template, sms.templates.ts) may have, counted with the signature. */
export const MAX_SEGMENTS = 10;
export const TEXT_TOO_LONG = `短信内容过长：最多${MAX_SEGMENTS}条（约670个汉字）`;

/** Creates a broadcast and queues its resolution; returns its id. */
export async function createBroadcast(ctx: AppContext, actor: Actor, body: BroadcastCreateInput): Promise<{ id: string; state: BroadcastState }> {
  if (!body.phones?.length && !body.audience) throw validationFailed([{ field: 'audience', message: '请选择接收对象或填写手机号码' }]);
  const lane = (body.lane as 'bulk' | 'emergency' | undefined) ?? 'bulk';
  if (body.ignoreOptOut && lane !== 'emergency') throw validationFailed([{ field: 'ignoreOptOut', message: '只有紧急通知可以发送给已退订的人员' }]);
  const org = await senderOrg(ctx, actor, body.orgId);
  const spec = await checkAudience(ctx, actor, body.audience);
  const { invalid } = checkPhones(body.phones ?? []);
  if (invalid.length) {
    throw validationFailed(invalid.slice(0, 20).map((p) => ({ field: `phones/${p.index}`, message: `第${p.index + 1}个号码“${p.value}”不是有效的手机号码` })));
  }
  const now = ctx.now();
  const sendAt = body.sendAt ? new Date(body.sendAt) : null;
  if (sendAt && (Number.isNaN(sendAt.getTime()) || sendAt.getTime() > now.getTime() + 90 * 86400_000)) {
    throw validationFailed([{ field: 'sendAt', message: '定时发送时间须在90天以内' }]);
  }
  const text = signed(ctx, body.text);
  if (countSms(text).segments > MAX_SEGMENTS) throw validationFailed([{ field: 'text', message: TEXT_TOO_LONG }]);
  return ctx.db.transaction().execute((trx) => storeBroadcast(ctx, trx, senderOf(actor), {
    org, lane, text, audience: { ...(spec ?? {}), phones: body.phones ?? [] }, sendAt: sendAt && sendAt > now ? sendAt : null,
    ignoreOptOut: body.ignoreOptOut ?? false, resendOf: null, action: 'sms.broadcast.create',
    audit: { lane, text, audience: spec, phones: (body.phones ?? []).length, ignoreOptOut: body.ignoreOptOut ?? false, sendAt: body.sendAt ?? null },
  }));
}

/**
 * Where a broadcast's recipients come from: an audience and explicit phones, the failures of an earlier broadcast
 * (a re-send), or a recipient source another module declared (`source`, platform/sms/hooks.ts). `coveredBy`: the
 * broadcast whose approval covers this one (a survey's reminder, sent to people its approved first message asked).
 */
export type StoredAudience = {
  orgIds?: string[]; who?: AudienceSpec['who']; groupIds?: string[]; phones: string[]; resend?: { broadcastId: string; states: string[] };
  source?: { name: string; payload: unknown }; coveredBy?: string;
};

/** Who sends a broadcast: a member of staff, or a module's job acting for them (their scope kept from when they asked). */
export interface Sender { accountId: string | null; username: string; displayName: string; ip: string | null; scope: string[] }
export const senderOf = (actor: Actor): Sender => ({
  accountId: actor.accountId, username: actor.username, displayName: actor.displayName, ip: actor.ip, scope: scopePaths(actor, 'sms.send'),
});

/**
 * Stores a new broadcast, audits it and queues its resolution (the one path of a new broadcast and of a re-send: the
 * resolve job then counts, applies the approval threshold and queues or holds the messages the same way).
 */
export async function storeBroadcast(ctx: AppContext, trx: Transaction<DB>, sender: Sender, p: {
  org: { id: string; path: string }; lane: 'bulk' | 'emergency'; text: string; audience: StoredAudience; sendAt: Date | null; ignoreOptOut: boolean;
  resendOf: string | null; action: 'sms.broadcast.create' | 'sms.broadcast.resend' | 'sms.broadcast.module'; audit: Record<string, unknown>;
  replyExt?: string | null; label?: string | null;
}): Promise<{ id: string; state: 'resolving' }> {
  const now = ctx.now();
  const b = await trx.insertInto('sms_broadcasts').values({
    org_id: p.org.id, created_by: sender.accountId, created_by_name: sender.displayName, lane: p.lane, text: p.text,
    audience: JSON.stringify(p.audience), state: 'resolving', send_at: p.sendAt, ignore_opt_out: p.ignoreOptOut, resend_of: p.resendOf, created_at: now, updated_at: now,
    reply_ext: p.replyExt ?? null, source: p.audience.source?.name ?? null, label: p.label ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  await appendAudit(trx, {
    actorId: sender.accountId, actorName: sender.username, action: p.action, entityType: 'sms_broadcast', entityId: b.id, orgPath: p.org.path, ip: sender.ip, after: p.audit,
  }, now);
  await ctx.jobs.enqueue(RESOLVE_QUEUE, { broadcastId: b.id, actorId: sender.accountId, scope: sender.scope }, { db: trx, createdBy: sender.accountId });
  return { id: b.id, state: 'resolving' };
}

/** The message states a re-send may take again. */
export const RESEND_STATES = ['failed', 'unknown'] as const;

/**
 * The recipients a re-send of `originalId` takes: its messages in `states` whose recipient's organization lies in
 * `scope`, less any phone already in another re-send of the same broadcast (not cancelled there), so asking twice
 * sends nobody twice. `opted_out`: the phone has opted out since (read from the contacts module's opt-outs).
 */
function resendCandidates(originalId: string, states: readonly string[], scope: string[], self: string | null) {
  const patterns = subtreePatterns(scope);
  return sql<{ opted_out: boolean }>`
    select m.person_kind, m.person_id, m.name, m.org_id, m.phone_enc, m.phone_bidx, m.phone_masked, m.text,
           exists (select 1 from contact_optouts x where x.phone_bidx = m.phone_bidx) as opted_out
    from sms_messages m join orgs o on o.id = m.org_id
    where m.broadcast_id = ${originalId} and m.state = any(${[...states]}::text[]) and o.path like any(${patterns}::text[])
      and not exists (
        select 1 from sms_broadcasts r join sms_messages rm on rm.broadcast_id = r.id and rm.phone_bidx = m.phone_bidx
        where r.resend_of = ${originalId} and r.id <> ${self ?? '0'} and rm.state <> 'cancelled')`;
}

async function countResend(db: Transaction<DB> | AppContext['db'], originalId: string, states: readonly string[], scope: string[], self: string | null, ignoreOptOut: boolean) {
  const { rows } = await sql<{ recipients: string; opted_out: string }>`
    with c as (${resendCandidates(originalId, states, scope, self)})
    select count(*) filter (where ${ignoreOptOut} or not opted_out) as recipients, count(*) filter (where opted_out) as opted_out from c`.execute(db);
  return { recipients: Number(rows[0]!.recipients), withoutPhone: 0, optedOut: Number(rows[0]!.opted_out) };
}

/** Another module's recipient rows for a broadcast, each marked when its phone opted out (contacts' opt-outs). */
function sourceRows(source: { name: string; payload: unknown }, scope: string[]) {
  return sql`
    select s.*, exists (select 1 from contact_optouts x where x.phone_bidx = s.phone_bidx) as opted_out
    from (${audienceSource(source.name)(source.payload, scope)}) s
    where s.phone_bidx is not null and s.phone_enc is not null`;
}

async function countSource(db: Transaction<DB> | AppContext['db'], source: { name: string; payload: unknown }, scope: string[], ignoreOptOut: boolean) {
  const { rows } = await sql<{ recipients: string; opted_out: string }>`
    with c as (select distinct on (phone_bidx) phone_bidx, opted_out from (${sourceRows(source, scope)}) r)
    select count(*) filter (where ${ignoreOptOut} or not opted_out) as recipients, count(*) filter (where opted_out) as opted_out from c`.execute(db);
  return { recipients: Number(rows[0]!.recipients), withoutPhone: 0, optedOut: Number(rows[0]!.opted_out) };
}

const FINAL_BROADCAST: BroadcastState[] = ['completed', 'cancelled', 'rejected'];

/** Checks a re-send request; returns the original and the states (default failed + unknown). */
async function resendOriginal(ctx: AppContext, actor: Actor, id: string, states: readonly string[] | undefined) {
  const b = await loadAuthorized(ctx, actor, id, 'sms.send');
  const wanted = [...new Set(states?.length ? states : RESEND_STATES)];
  if (!FINAL_BROADCAST.includes(b.state)) {
    throw conflict('sms.broadcast_state', `该群发短信当前为“${STATE_WORDS[b.state]}”，发送结束后才能重发失败的短信`);
  }
  return { b, states: wanted };
}

/** How many a re-send would reach now (the confirmation's count). Reads only. */
export async function resendPreview(ctx: AppContext, actor: Actor, id: string, states: readonly string[] | undefined) {
  const { b, states: wanted } = await resendOriginal(ctx, actor, id, states);
  const c = await countResend(ctx.db, id, wanted, scopePaths(actor, 'sms.send'), null, b.ignore_opt_out);
  return { states: wanted, recipients: c.recipients, optedOut: b.ignore_opt_out ? 0 : c.optedOut, approvalRequired: c.recipients > ctx.config.sms.approvalThreshold };
}

/**
 * Re-sends a finished broadcast's failed / unknown messages as a NEW broadcast (same text and lane, linked by
 * resend_of) to exactly those recipients in the caller's scope, less those who opted out since (unless it is an
 * emergency notice sent to them on purpose); it goes through the resolve job, the approval threshold and the audit
 * like any broadcast. 409 while the original is still sending or when nothing is left to re-send.
 */
export async function resend(ctx: AppContext, actor: Actor, id: string, states: readonly string[] | undefined): Promise<{ id: string; state: BroadcastState; recipients: number }> {
  const { b, states: wanted } = await resendOriginal(ctx, actor, id, states);
  const scope = scopePaths(actor, 'sms.send');
  return ctx.db.transaction().execute(async (trx) => {
    // One re-send of a broadcast at a time: the next waits for this one's recipients to be stored (its resolve job).
    await sql`select id from sms_broadcasts where id = ${id} for update`.execute(trx);
    const pending = await trx.selectFrom('sms_broadcasts').select('id').where('resend_of', '=', id).where('state', '=', 'resolving').executeTakeFirst();
    if (pending) throw conflict('sms.broadcast_state', '上一次重发正在统计接收人，请稍后再试');
    const c = await countResend(trx, id, wanted, scope, null, b.ignore_opt_out);
    if (c.recipients === 0) {
      throw conflict('sms.nothing_to_resend', c.optedOut > 0 ? '没有可以重发的短信：需要重发的接收人均已退订' : '没有可以重发的短信：所选状态的短信已全部重发过，或不在您的管辖范围内');
    }
    const created = await storeBroadcast(ctx, trx, senderOf(actor), {
      org: { id: b.org_id, path: b.org_path }, lane: b.lane, text: b.text, audience: { phones: [], resend: { broadcastId: id, states: wanted } }, sendAt: null,
      ignoreOptOut: b.ignore_opt_out, resendOf: id, action: 'sms.broadcast.resend',
      audit: { resendOf: id, states: wanted, recipients: c.recipients, skippedOptOut: b.ignore_opt_out ? 0 : c.optedOut, lane: b.lane, ignoreOptOut: b.ignore_opt_out },
    });
    return { ...created, recipients: c.recipients };
  });
}

/**
 * The resolve job: one INSERT … SELECT puts every recipient's message in the store (one per phone, the text
 * rendered per person), then the explicit phones; held when approval is needed, queued otherwise.
 */
export async function resolveBroadcast(ctx: AppContext, broadcastId: string, scope: string[]): Promise<void> {
  const b = await ctx.db.selectFrom('sms_broadcasts').selectAll().where('id', '=', broadcastId).executeTakeFirst();
  if (!b || b.state !== 'resolving') return;
  const stored = b.audience as StoredAudience;
  const spec: AudienceSpec | null = stored.orgIds ? { orgIds: stored.orgIds, who: stored.who!, groupIds: stored.groupIds ?? [] } : null;
  const explicit = checkPhones(stored.phones ?? []).ok;
  const again = stored.resend ?? null;
  const source = stored.source ?? null;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const today = chinaToday(now);
    const approval = source
      ? await countSource(trx, source, scope, b.ignore_opt_out)
      : again
        ? await countResend(trx, again.broadcastId, again.states, scope, b.id, b.ignore_opt_out)
        : await countAudience(trx, today, spec, scope, explicit.map((p) => ctx.crypto.blindIndex('mobile', p)), b.ignore_opt_out);
    const needsApproval = !stored.coveredBy && approval.recipients > ctx.config.sms.approvalThreshold;
    const state = needsApproval ? 'held' : 'queued';
    const lane = b.lane === 'emergency' ? LANES.emergency : LANES.bulk;
    const notBefore = b.send_at && b.send_at > now ? b.send_at : now;
    if (spec) {
      const aud = audienceQuery(trx, spec, scope, { today });
      await sql`
        insert into sms_messages (broadcast_id, lane, person_kind, person_id, name, org_id, phone_enc, phone_bidx, phone_masked, text, state, not_before, created_at, reply_ext)
        select ${b.id}, ${lane}, a.person_kind, a.person_id::bigint, a.name, a.org_id::bigint, a.phone_enc, a.phone_bidx, a.phone_masked,
               replace(replace(${b.text}::text, '{姓名}', coalesce(a.name, '')), '{组织}', o.name), ${state}, ${notBefore}, ${now}, ${b.reply_ext}
        from (${aud}) a join orgs o on o.id = a.org_id::bigint
        where a.phone_bidx is not null and a.phone_enc is not null and (${b.ignore_opt_out} or not a.opted_out)
        on conflict do nothing`.execute(trx);
    }
    if (again) {
      // A re-send: the original's messages as they were rendered for each person.
      await sql`
        insert into sms_messages (broadcast_id, lane, person_kind, person_id, name, org_id, phone_enc, phone_bidx, phone_masked, text, state, not_before, created_at, reply_ext)
        select ${b.id}, ${lane}, c.person_kind, c.person_id, c.name, c.org_id, c.phone_enc, c.phone_bidx, c.phone_masked, c.text, ${state}, ${notBefore}, ${now}, ${b.reply_ext}
        from (${resendCandidates(again.broadcastId, again.states, scope, b.id)}) c
        where ${b.ignore_opt_out} or not c.opted_out
        on conflict do nothing`.execute(trx);
    }
    if (source) {
      // Another module's recipients, each with the text made for them; the signature added as to every message.
      const sig = signed(ctx, '');
      await sql`
        insert into sms_messages (broadcast_id, lane, person_kind, person_id, name, org_id, phone_enc, phone_bidx, phone_masked, text, state, not_before, created_at, reply_ext)
        select ${b.id}, ${lane}, s.person_kind, s.person_id::bigint, s.name, s.org_id::bigint, s.phone_enc, s.phone_bidx, s.phone_masked,
               case when left(s.text, ${sig.length}) = ${sig} then s.text else ${sig} || s.text end, ${state}, ${notBefore}, ${now}, ${b.reply_ext}
        from (${sourceRows(source, scope)}) s
        where ${b.ignore_opt_out} or not s.opted_out
        on conflict do nothing`.execute(trx);
    }
    // The typed phones, less those that opted out (as for the audience above) unless this is an emergency notice sent to them on purpose.
    const optedTyped = b.ignore_opt_out ? new Set<string>() : await optedOutAmong(trx, explicit.map((p) => ctx.crypto.blindIndex('mobile', p)));
    const typed = explicit.filter((p) => !optedTyped.has(ctx.crypto.blindIndex('mobile', p)));
    if (typed.length) {
      const org = await trx.selectFrom('orgs').select('name').where('id', '=', b.org_id).executeTakeFirstOrThrow();
      const rows = typed.map((p) => ({
        broadcast_id: b.id, lane, org_id: b.org_id, phone_enc: ctx.crypto.encrypt(p), phone_bidx: ctx.crypto.blindIndex('mobile', p),
        phone_masked: maskPhone(p), text: b.text.replaceAll('{姓名}', '').replaceAll('{组织}', org.name), state, not_before: notBefore, created_at: now,
        reply_ext: b.reply_ext,
      }));
      for (let i = 0; i < rows.length; i += 1000) {
        await trx.insertInto('sms_messages').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute();
      }
    }
    const { rows: [n] } = await sql<{ n: string; lo: string | null; hi: string | null }>`
      select count(*) as n, min(id) as lo, max(id) as hi from sms_messages where broadcast_id = ${b.id}`.execute(trx);
    const next: BroadcastState = needsApproval ? 'awaiting_approval' : notBefore > now ? 'scheduled' : 'sending';
    await trx.updateTable('sms_broadcasts').set({
      state: next, recipients: Number(n!.n), first_message_id: n!.lo, last_message_id: n!.hi, skipped_opt_out: b.ignore_opt_out ? 0 : approval.optedOut, skipped_no_phone: approval.withoutPhone,
      approval_required: needsApproval, updated_at: now, completed_at: Number(n!.n) === 0 ? now : null,
    }).where('id', '=', b.id).execute();
    if (Number(n!.n) === 0) await trx.updateTable('sms_broadcasts').set({ state: 'completed' }).where('id', '=', b.id).execute();
  });
}

/** Loads a broadcast the actor may see (sms.read over its organization). */
export async function loadAuthorized(ctx: AppContext, actor: Actor, id: string, perm: 'sms.read' | 'sms.send' | 'sms.approve') {
  const b = await ctx.db.selectFrom('sms_broadcasts as b').innerJoin('orgs as o', 'o.id', 'b.org_id')
    .selectAll('b').select(['o.path as org_path', 'o.name as org_name']).where('b.id', '=', id).executeTakeFirst();
  if (!b) throw notFound('群发短信');
  authorize(actor, perm, b.org_path);
  return b;
}


export async function getBroadcast(ctx: AppContext, actor: Actor, id: string): Promise<BroadcastView> {
  const b = await loadAuthorized(ctx, actor, id, 'sms.read');
  const { rows } = await sql<{ state: string; n: string; segs: string | null }>`
    select state, count(*) as n, sum(segments) as segs from sms_messages where broadcast_id = ${id} group by state`.execute(ctx.db);
  const resends = await ctx.db.selectFrom('sms_broadcasts').select('id').where('resend_of', '=', id).orderBy('id').execute();
  const counts = emptyCounts();
  let segments = 0;
  for (const r of rows) {
    addCount(counts, r.state, r.n);
    segments += Number(r.segs ?? 0);
  }
  return {
    id: b.id, orgId: b.org_id, orgName: b.org_name, lane: b.lane, text: b.text, state: b.state, recipients: b.recipients,
    skippedOptOut: b.skipped_opt_out, skippedNoPhone: b.skipped_no_phone, ignoreOptOut: b.ignore_opt_out, approvalRequired: b.approval_required,
    approvedByName: b.approved_by_name, decisionNote: b.decision_note, sendAt: iso(b.send_at), createdByName: b.created_by_name,
    createdAt: b.created_at.toISOString(), completedAt: iso(b.completed_at), counts, segments,
    resendOf: b.resend_of, resentAs: resends.map((r) => r.id),
  };
}

export async function listBroadcasts(ctx: AppContext, actor: Actor, q: { state?: string; cursor?: string; limit?: number }) {
  const limit = q.limit ?? 20;
  const paths = scopePaths(actor, 'sms.read');
  const rows = await ctx.db.selectFrom('sms_broadcasts as b').innerJoin('orgs as o', 'o.id', 'b.org_id')
    .select(['b.id', 'o.name as org_name', 'b.lane', 'b.text', 'b.state', 'b.recipients', 'b.created_by_name', 'b.created_at'])
    .where((eb) => (paths.length ? eb.or(paths.map((p) => eb('o.path', 'like', `${escapeLike(p)}%`))) : sql<boolean>`false`))
    .$if(!!q.state, (qb) => qb.where('b.state', '=', q.state as BroadcastState))
    .$if(!!q.cursor, (qb) => qb.where('b.id', '<', q.cursor!))
    .orderBy('b.id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id, orgName: r.org_name, lane: r.lane, text: r.text, state: r.state, recipients: r.recipients, createdByName: r.created_by_name, createdAt: r.created_at.toISOString(),
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** Moves the messages of a broadcast from one state to another, off the request thread (a million rows take seconds). */
export async function moveMessages(ctx: AppContext, broadcastId: string, from: string[], to: 'queued' | 'held' | 'cancelled'): Promise<number> {
  let moved = 0;
  for (;;) {
    const r = await sql`
      update sms_messages set state = ${to}, finished_at = ${to === 'cancelled' ? ctx.now() : null}
      where id in (select id from sms_messages where broadcast_id = ${broadcastId} and state = any(${from}::text[]) limit 20000)`.execute(ctx.db);
    const n = Number(r.numAffectedRows ?? 0);
    moved += n;
    if (n < 20000) return moved;
  }
}

type Transition = 'approve' | 'reject' | 'pause' | 'resume' | 'cancel';
const TRANSITIONS: Record<Transition, { from: BroadcastState[]; perm: 'sms.send' | 'sms.approve'; move?: { from: string[]; to: 'queued' | 'held' | 'cancelled' } }> = {
  approve: { from: ['awaiting_approval'], perm: 'sms.approve', move: { from: ['held'], to: 'queued' } },
  reject: { from: ['awaiting_approval'], perm: 'sms.approve', move: { from: ['held'], to: 'cancelled' } },
  pause: { from: ['sending', 'scheduled'], perm: 'sms.send', move: { from: ['queued'], to: 'held' } },
  resume: { from: ['paused'], perm: 'sms.send', move: { from: ['held'], to: 'queued' } },
  cancel: { from: ['awaiting_approval', 'scheduled', 'sending', 'paused'], perm: 'sms.send', move: { from: ['held', 'queued'], to: 'cancelled' } },
};

const STATE_WORDS: Record<BroadcastState, string> = {
  resolving: '正在统计接收人', awaiting_approval: '待审批', scheduled: '定时待发', sending: '发送中', paused: '已暂停', completed: '已完成', cancelled: '已取消', rejected: '已驳回',
};

/** Approve, reject, pause, resume or cancel; the message rows follow in a job. */
export async function transition(ctx: AppContext, actor: Actor, id: string, action: Transition, note: string | undefined): Promise<void> {
  const rule = TRANSITIONS[action];
  const b = await loadAuthorized(ctx, actor, id, rule.perm);
  if (!rule.from.includes(b.state)) throw conflict('sms.broadcast_state', `该群发短信当前为“${STATE_WORDS[b.state]}”，不能执行此操作`);
  if ((action === 'approve' || action === 'reject') && b.created_by === actor.accountId) {
    throw new AppError(403, 'sms.self_approval', '不能审批自己提交的群发短信，须由另一名有审批权限的工作人员审批');
  }
  if (action === 'reject' && !note?.trim()) throw validationFailed([{ field: 'note', message: '请填写驳回理由' }]);
  const now = ctx.now();
  const next: BroadcastState =
    action === 'approve' ? (b.send_at && b.send_at > now ? 'scheduled' : 'sending')
    : action === 'reject' ? 'rejected'
    : action === 'pause' ? 'paused'
    : action === 'resume' ? (b.send_at && b.send_at > now ? 'scheduled' : 'sending')
    : 'cancelled';
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('sms_broadcasts').set({
      state: next, updated_at: now, version: sql`version + 1`,
      ...(action === 'approve' || action === 'reject' ? { approved_by: actor.accountId, approved_by_name: actor.displayName, decided_at: now, decision_note: note?.trim() || null } : {}),
      ...(next === 'cancelled' || next === 'rejected' ? { completed_at: now } : {}),
    }).where('id', '=', id).where('state', '=', b.state).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict('sms.broadcast_state', '该群发短信的状态刚被他人修改，请刷新后重试');
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: `sms.broadcast.${action}`, entityType: 'sms_broadcast', entityId: id,
      orgPath: b.org_path, ip: actor.ip, before: { state: b.state }, after: { state: next, note: note?.trim() || null },
    }, now);
    if (rule.move) await ctx.jobs.enqueue(RELEASE_QUEUE, { broadcastId: id, ...rule.move }, { db: trx, createdBy: actor.accountId });
  });
}

/**
 * Counts per status for each child organization of `parentId` (default: the sending organization), each with its
 * whole subtree, and the parent's own recipients: the drill-down of a broadcast's progress. The child is read off
 * each recipient's current organization path (the segment after the parent's), so one pass over the broadcast's
 * rows answers it, and a moved organization counts where it is now.
 */
export async function countsByOrg(ctx: AppContext, actor: Actor, id: string, parentId: string | undefined) {
  const b = await loadAuthorized(ctx, actor, id, 'sms.read');
  const parent = await loadOrg(ctx, parentId ?? b.org_id);
  if (!parent) throw notFound('组织');
  authorize(actor, 'sms.read', parent.path);
  const { rows } = await sql<{ child: string; state: string; n: string }>`
    select split_part(substr(o.path, length(${parent.path}) + 1), '/', 1) as child, m.state, count(*) as n
    from sms_messages m join orgs o on o.id = m.org_id
    where m.broadcast_id = ${id} and o.path like ${escapeLike(parent.path) + '%'}
    group by 1, 2`.execute(ctx.db);
  const childIds = [...new Set(rows.map((r) => r.child).filter(Boolean))];
  const kids = childIds.length
    ? await ctx.db.selectFrom('orgs as c').select(['c.id', 'c.name', 'c.sort_order'])
      .select((eb) => eb.exists(eb.selectFrom('orgs as g').select('g.id').whereRef('g.parent_id', '=', 'c.id')).as('has_children'))
      .where('c.id', 'in', childIds).execute()
    : [];
  const byChild = new Map<string, ReturnType<typeof emptyCounts>>();
  for (const r of rows) byChild.set(r.child, addCount(byChild.get(r.child) ?? emptyCounts(), r.state, r.n));
  const items = kids.sort((a, b2) => a.sort_order - b2.sort_order || Number(a.id) - Number(b2.id)).map((k) => ({
    orgId: k.id, orgName: k.name, own: false, hasChildren: !!k.has_children, counts: byChild.get(k.id)!,
  }));
  if (byChild.has('')) items.unshift({ orgId: parent.id, orgName: parent.name, own: true, hasChildren: false, counts: byChild.get('')! });
  return { parent: { id: parent.id, name: parent.name }, items };
}

/**
 * The ids a broadcast's messages lie between (set by its resolve job), as a predicate on a messages alias: a scan
 * by id in order stays within them instead of reading every earlier message of the table (docs/sms.md, "Paging
 * recipients"). True when unknown (still resolving).
 */
export function withinSpan(b: { first_message_id: string | null; last_message_id: string | null }, m = 'm') {
  return b.first_message_id && b.last_message_id
    ? sql<boolean>`${sql.ref(`${m}.id`)} between ${b.first_message_id} and ${b.last_message_id}`
    : sql<boolean>`true`;
}

export async function listRecipients(ctx: AppContext, actor: Actor, id: string, q: { state?: ShownState; cursor?: string; limit?: number }) {
  const b = await loadAuthorized(ctx, actor, id, 'sms.read');
  const limit = q.limit ?? 50;
  const states = q.state ? COVERS[q.state] : null;
  const rows = await ctx.db.selectFrom('sms_messages as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'o.name as org_name', 'm.phone_masked', 'm.state', 'm.segments', 'm.attempts', 'm.error_code', 'm.error_reason', 'm.submitted_at', 'm.finished_at'])
    .where('m.broadcast_id', '=', id).where(withinSpan(b))
    .$if(!!states, (qb) => qb.where('m.state', 'in', states!))
    .$if(!!q.cursor, (qb) => qb.where('m.id', '>', q.cursor!))
    .orderBy('m.id').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id, name: r.name, orgName: r.org_name, phone: r.phone_masked, state: r.state, segments: r.segments, attempts: r.attempts,
    errorCode: r.error_code, errorReason: r.error_reason, submittedAt: iso(r.submitted_at), finishedAt: iso(r.finished_at),
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** Incoming messages, newest first, within the caller's scope; unmatched ones only to province staff. */
export async function listInbound(ctx: AppContext, actor: Actor, q: { unmatched?: boolean; orgId?: string; cursor?: string; limit?: number }) {
  const limit = q.limit ?? 50;
  const paths = scopePaths(actor, 'sms.read');
  const seesUnmatched = !!(await provinceStaffRoot(ctx.db, actor, 'sms.read'));
  if (q.unmatched && !seesUnmatched) throw forbidden('forbidden.scope', '未匹配到人员的来信仅由省级工作人员处理');
  let within: string | null = null;
  if (q.orgId) {
    const org = await loadOrg(ctx, q.orgId);
    if (!org) throw notFound('组织');
    authorize(actor, 'sms.read', org.path);
    within = org.path;
  }
  const rows = await ctx.db.selectFrom('sms_inbound as i').leftJoin('orgs as o', 'o.id', 'i.org_id').leftJoin('members as m', (j) => j.onRef('m.id', '=', 'i.person_id').on('i.person_kind', '=', 'member'))
    .leftJoin('village_officials as v', (j) => j.onRef('v.id', '=', 'i.person_id').on('i.person_kind', '=', 'official'))
    .select(['i.id', 'i.phone_masked', 'i.text', 'i.received_at', 'i.person_kind', 'i.person_id', sql<string | null>`coalesce(m.name, v.name)`.as('person_name'), 'i.org_id', 'o.name as org_name', 'i.keyword', 'i.parts', 'i.missing_parts'])
    .where((eb) => {
      if (q.unmatched) return eb('i.org_id', 'is', null);
      const inScope = within ? eb('o.path', 'like', `${escapeLike(within)}%`) : paths.length ? eb.or(paths.map((p) => eb('o.path', 'like', `${escapeLike(p)}%`))) : sql<boolean>`false`;
      return seesUnmatched && !within ? eb.or([inScope, eb('i.org_id', 'is', null)]) : inScope;
    })
    .$if(!!q.cursor, (qb) => qb.where('i.id', '<', q.cursor!))
    .orderBy('i.id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id, phone: r.phone_masked, text: r.text, receivedAt: r.received_at.toISOString(), personKind: r.person_kind, personId: r.person_id,
    personName: r.person_name ?? null, orgId: r.org_id, orgName: r.org_name ?? null, keyword: r.keyword, parts: r.parts, missingParts: r.missing_parts,
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
