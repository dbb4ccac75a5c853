/**
 * 应急动员 (F-12, issue 10 item 4): an alert goes out at once in the SMS module's emergency lane with its own reply
 * extension; replies of “1” are confirmations; the still-unconfirmed get reminders; organizations where nobody
 * confirmed are named to the secretaries above them. docs/emergency.md.
 *
 * Who was asked is kept in `emergency_recipients`, resolved once by the send job from the audience (the contacts
 * module's audienceQuery), and every SMS of the alert is sent from that table through a recipient source this module
 * declares (`emergency.recipients`): confirmations, the board, reminders and escalation all read one indexed table of
 * this module, not the SMS module's messages (whose resolve job may still be running, and which hold one row per
 * broadcast, not per alert).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, escapeLike, scopePaths, subtreePatterns, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { countSms } from '../../platform/sms/segments.js';
import { chinaToday } from '../../platform/china-time.js';
import { audienceQuery } from '../contacts/contacts.audience.js';
import { allocateReplyExt, pokeDispatcher, sendModuleBroadcast, type Sender } from '../sms/sms.commands.js';
import { MAX_SEGMENTS, signed } from '../sms/sms.service.js';
import type { AlertKind } from '../../db/tables/emergency.js';
import type { AlertCreateInput, AlertView } from './emergency.schema.js';
import { iso } from '../../platform/schemas.js';

export const SEND_QUEUE = 'emergency.send';
export const TICK_QUEUE = 'emergency.tick';
export const RECIPIENTS_SOURCE = 'emergency.recipients';
export const ESCALATION_SOURCE = 'emergency.escalation';

export const KIND_WORDS: Record<AlertKind, string> = { typhoon: '台风', flood: '洪水', geological: '地质灾害', epidemic: '疫情', other: '突发事件' };
const CONFIRM_SUFFIX = '回复1确认收到';

/** The SMS as sent: the text with “回复1确认收到” appended unless it already asks for a reply of 1. */
export function smsTextOf(text: string): string {
  const t = text.trim();
  if (/回复\s*[1１]/.test(t)) return t;
  return /[。！？!?.；;，,]$/.test(t) ? `${t}${CONFIRM_SUFFIX}。` : `${t}。${CONFIRM_SUFFIX}。`;
}

/** The text of the n-th reminder. */
export const reminderText = (smsText: string, n: number) => `【第${n}次提醒】${smsText}`;

/** A reply that confirms: 1 (also full-width), 收到, 确认, with spaces around. */
export function isConfirmation(text: string): boolean {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/[。.！!]+$/, '');
  return t === '1' || t === '收到' || t === '确认' || t === '确认收到';
}

/** Broadcast states in which the alert's SMS has not gone out yet (reminders and escalation wait). */
const NOT_YET_OUT = ['resolving', 'awaiting_approval', 'scheduled', 'paused'];
const NEVER_OUT = ['cancelled', 'rejected'];

interface StoredAudience { orgIds: string[]; who: ('secretaries' | 'committee' | 'village_officials' | 'members')[] }

// ——— creating ———

export async function createAlert(ctx: AppContext, actor: Actor, body: AlertCreateInput): Promise<{ id: string }> {
  const scope = scopePaths(actor, 'emergency.send');
  const ids = [...new Set(body.audience.orgIds)];
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', 'in', ids).execute();
  const errors: { field: string; message: string }[] = [];
  if (orgs.length !== ids.length) errors.push({ field: 'audience.orgIds', message: '所选组织不存在或已被删除，请重新选择' });
  const title = body.title.trim();
  if (!title) errors.push({ field: 'title', message: '请填写预警标题' });
  const text = body.text.trim();
  if (!text) errors.push({ field: 'text', message: '请填写预警短信内容' });
  const smsText = smsTextOf(text);
  const maxReminders = body.maxReminders ?? 2;
  const longest = signed(ctx, maxReminders > 0 ? reminderText(smsText, maxReminders) : smsText);
  if (text && countSms(longest).segments > MAX_SEGMENTS) {
    errors.push({ field: 'text', message: `短信内容过长：连同“回复1确认收到”、提醒字样和签名最多${MAX_SEGMENTS}条（约600个汉字），请精简` });
  }
  if (errors.length) throw validationFailed(errors);
  for (const o of orgs) if (!scope.some((p) => o.path.startsWith(p))) throw forbidden('forbidden.scope', '所选组织不在您的管辖范围内，不能向其发送应急预警');
  // The sending organization: the deepest grant of the actor's that holds every chosen subtree.
  const top = actor.grants.map((g) => ({ id: g.orgId, path: g.orgPath }))
    .filter((g) => scope.some((p) => g.path.startsWith(p)) && can(actor, 'emergency.send', g.path) && orgs.every((o) => o.path.startsWith(g.path)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!top) throw validationFailed([{ field: 'audience.orgIds', message: '所选组织须在同一管辖范围内，请分别发送' }]);
  const sender: Sender = { accountId: actor.accountId, username: actor.username, displayName: actor.displayName, ip: actor.ip, scope };
  const now = ctx.now();
  const audience: StoredAudience = { orgIds: ids, who: [...new Set(body.audience.who)] };
  return ctx.db.transaction().execute(async (trx) => {
    const replyExt = await allocateReplyExt(trx);
    const a = await trx.insertInto('emergency_alerts').values({
      org_id: top.id, kind: body.kind, title, text, sms_text: smsText, audience: JSON.stringify(audience), ignore_opt_out: body.ignoreOptOut ?? false,
      remind_after_minutes: body.remindAfterMinutes ?? 30, max_reminders: maxReminders, escalate_after_minutes: body.escalateAfterMinutes ?? 60,
      reply_ext: replyExt, sender: JSON.stringify(sender), created_by: actor.accountId, created_by_name: actor.displayName, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'emergency.alert.create', entityType: 'emergency_alert', entityId: a.id, orgPath: top.path, ip: actor.ip,
      after: {
        kind: body.kind, title, text: smsText, audience, ignoreOptOut: body.ignoreOptOut ?? false, replyExt,
        remindAfterMinutes: body.remindAfterMinutes ?? 30, maxReminders, escalateAfterMinutes: body.escalateAfterMinutes ?? 60,
      },
    }, now);
    await ctx.jobs.enqueue(SEND_QUEUE, { alertId: a.id }, { db: trx, createdBy: actor.accountId });
    return { id: a.id };
  });
}

async function lockAlert(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('emergency_alerts as a').innerJoin('orgs as o', 'o.id', 'a.org_id').selectAll('a').select(['o.path as org_path'])
    .where('a.id', '=', id).forUpdate('a').executeTakeFirst();
}

/**
 * The send job: resolves the audience into emergency_recipients (one row per phone; people who opted out are left
 * out unless the alert ignores opt-outs) and sends the alert from them, in one transaction. Idempotent: an alert
 * already sent (or closed) is left alone.
 */
export async function sendAlert(ctx: AppContext, alertId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = await lockAlert(trx, alertId);
    if (!a || a.sent_at || a.state !== 'open') return;
    const sender = a.sender as Sender;
    const stored = a.audience as StoredAudience;
    const aud = audienceQuery(trx, { orgIds: stored.orgIds, who: stored.who, groupIds: [] }, sender.scope, { today: chinaToday(now) });
    await sql`
      insert into emergency_recipients (alert_id, person_kind, person_id, name, org_id, phone_enc, phone_bidx, phone_masked)
      select distinct on (a.phone_bidx) ${a.id}::bigint, a.person_kind, a.person_id::bigint, a.name, a.org_id::bigint, a.phone_enc, a.phone_bidx, a.phone_masked
      from (${aud}) a
      where a.phone_bidx is not null and a.phone_enc is not null and (${a.ignore_opt_out} or not a.opted_out)
      order by a.phone_bidx, a.person_kind, a.person_id
      on conflict do nothing`.execute(trx);
    const { rows: [c] } = await sql<{ no_phone: string; opted: string }>`
      with a as (${aud})
      select (select count(distinct (person_kind, person_id)) from a where phone_bidx is null) as no_phone,
             (select count(distinct phone_bidx) from a where phone_bidx is not null and opted_out) as opted`.execute(trx);
    const { rows: [n] } = await sql<{ n: string }>`select count(*) as n from emergency_recipients where alert_id = ${a.id}`.execute(trx);
    const recipients = Number(n!.n);
    let broadcastId: string | null = null;
    if (recipients > 0) {
      const b = await sendModuleBroadcast(ctx, trx, sender, {
        org: { id: a.org_id, path: a.org_path }, lane: 'emergency', text: a.sms_text, label: `应急预警：${a.title}`,
        source: { name: RECIPIENTS_SOURCE, payload: { alertId: a.id, unconfirmed: false, text: a.sms_text } },
        replyExt: a.reply_ext, ignoreOptOut: a.ignore_opt_out, audit: { emergencyAlertId: a.id, kind: a.kind },
      });
      broadcastId = b.id;
    }
    await trx.insertInto('emergency_sends').values({ alert_id: a.id, kind: 'alert', seq: 0, broadcast_id: broadcastId, recipients, created_at: now }).execute();
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    await trx.updateTable('emergency_alerts').set({
      sent_at: now, broadcast_id: broadcastId, recipients, skipped_no_phone: Number(c!.no_phone), skipped_opt_out: a.ignore_opt_out ? 0 : Number(c!.opted),
      next_reminder_at: a.max_reminders > 0 && recipients > 0 ? at(a.remind_after_minutes) : null, escalate_at: recipients > 0 ? at(a.escalate_after_minutes) : null,
    }).where('id', '=', a.id).execute();
    await appendAudit(trx, {
      actorId: sender.accountId, actorName: sender.username, action: 'emergency.alert.send', entityType: 'emergency_alert', entityId: a.id, orgPath: a.org_path, ip: sender.ip,
      after: { broadcastId, recipients, skippedNoPhone: Number(c!.no_phone), skippedOptOut: a.ignore_opt_out ? 0 : Number(c!.opted), ignoreOptOut: a.ignore_opt_out },
    }, now);
  });
  pokeDispatcher();
}

// ——— reminders and escalation (the scheduled tick) ———

/**
 * Every minute (one job per slot across instances): the open alerts whose reminder or escalation is due. Each step
 * locks its alert row and re-checks that it is still due, so two runs never send the same reminder twice.
 */
export async function tick(ctx: AppContext): Promise<void> {
  const now = ctx.now();
  const due = await ctx.db.selectFrom('emergency_alerts').select(['id'])
    .where('state', '=', 'open').where('sent_at', 'is not', null)
    .where((eb) => eb.or([
      eb.and([eb('next_reminder_at', '<=', now), eb('reminders_sent', '<', eb.ref('max_reminders'))]),
      eb.and([eb('escalate_at', '<=', now), eb('escalated_at', 'is', null)]),
    ]))
    .orderBy('id').limit(100).execute();
  for (const { id } of due) {
    await remind(ctx, id);
    await escalate(ctx, id);
  }
  pokeDispatcher();
}

/** Whether the alert's own SMS has gone out: 'out', 'wait' (awaiting approval, paused …) or 'never' (cancelled, rejected). */
async function firstState(trx: Transaction<DB>, broadcastId: string | null): Promise<'out' | 'wait' | 'never'> {
  if (!broadcastId) return 'never';
  const b = await trx.selectFrom('sms_broadcasts').select('state').where('id', '=', broadcastId).executeTakeFirst();
  if (!b || NEVER_OUT.includes(b.state)) return 'never';
  return NOT_YET_OUT.includes(b.state) ? 'wait' : 'out';
}

export async function remind(ctx: AppContext, alertId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = await lockAlert(trx, alertId);
    if (!a || a.state !== 'open' || !a.next_reminder_at || a.next_reminder_at > now || a.reminders_sent >= a.max_reminders) return;
    const first = await firstState(trx, a.broadcast_id);
    if (first === 'wait') return; // still awaiting approval or paused: due again at the next tick
    if (first === 'never') {
      await trx.updateTable('emergency_alerts').set({ next_reminder_at: null }).where('id', '=', a.id).execute();
      return;
    }
    const seq = a.reminders_sent + 1;
    const { rows: [u] } = await sql<{ n: string }>`select count(*) as n from emergency_recipients where alert_id = ${a.id} and confirmed_at is null`.execute(trx);
    const unconfirmed = Number(u!.n);
    const sender = a.sender as Sender;
    let broadcastId: string | null = null;
    if (unconfirmed > 0) {
      const text = reminderText(a.sms_text, seq);
      const b = await sendModuleBroadcast(ctx, trx, sender, {
        org: { id: a.org_id, path: a.org_path }, lane: 'emergency', text, label: `应急预警：${a.title}（第${seq}次提醒）`,
        source: { name: RECIPIENTS_SOURCE, payload: { alertId: a.id, unconfirmed: true, text } },
        replyExt: a.reply_ext, ignoreOptOut: a.ignore_opt_out, coveredBy: a.broadcast_id, audit: { emergencyAlertId: a.id, reminder: seq },
      });
      broadcastId = b.id;
    }
    await trx.insertInto('emergency_sends').values({ alert_id: a.id, kind: 'reminder', seq, broadcast_id: broadcastId, recipients: unconfirmed, created_at: now }).execute();
    await trx.updateTable('emergency_alerts').set({
      reminders_sent: seq,
      next_reminder_at: seq < a.max_reminders && unconfirmed > 0 ? new Date(now.getTime() + a.remind_after_minutes * 60_000) : null,
    }).where('id', '=', a.id).execute();
    await appendAudit(trx, {
      actorId: sender.accountId, actorName: sender.username, action: 'emergency.alert.remind', entityType: 'emergency_alert', entityId: a.id, orgPath: a.org_path, ip: null,
      after: { reminder: seq, unconfirmed, broadcastId },
    }, now);
  });
}

/** Names at most `max` characters of organization names, then “等N个组织”. */
function nameList(names: string[], max = 240): string {
  const out: string[] = [];
  let len = 0;
  for (const n of names) {
    if (len + n.length + 1 > max) return `${out.join('、')}等${names.length}个组织`;
    out.push(n);
    len += n.length + 1;
  }
  return out.join('、');
}

export const escalationText = (kind: AlertKind, title: string, names: string[]) =>
  `以下组织尚未确认收到${KIND_WORDS[kind]}预警“${title}”：${nameList(names)}。请督促落实，确保通知到位。`;

/**
 * Escalation, once per alert: the recipients' home organizations where nobody confirmed, grouped by the nearest
 * organization above each that has a current secretary with a mobile (the township or county, or the general branch
 * above a sub-branch) within the sender's scope; each such parent's secretaries get one message naming its silent
 * organizations. Silent organizations with nobody above to tell are recorded too (parent null) and shown on the board.
 */
export async function escalate(ctx: AppContext, alertId: string): Promise<void> {
  const now = ctx.now();
  const today = chinaToday(now);
  await ctx.db.transaction().execute(async (trx) => {
    const a = await lockAlert(trx, alertId);
    if (!a || a.state !== 'open' || !a.escalate_at || a.escalate_at > now || a.escalated_at) return;
    const first = await firstState(trx, a.broadcast_id);
    if (first === 'wait') return;
    const sender = a.sender as Sender;
    const { rows } = first !== 'out' ? { rows: [] } : await sql<{ org_id: string; org_name: string; parent_id: string | null }>`
      with silent as (
        select r.org_id from emergency_recipients r where r.alert_id = ${a.id} group by r.org_id having count(r.confirmed_at) = 0),
      up as (
        select distinct on (s.org_id) s.org_id, p.id as parent_id
        from silent s join orgs so on so.id = s.org_id
        join orgs p on p.id = any(string_to_array(trim(both '/' from so.path), '/')::bigint[]) and p.id <> so.id
        where p.path like any(${subtreePatterns(sender.scope)}::text[])
          and exists (select 1 from party_positions pp join members m on m.id = pp.member_id
                      where pp.org_id = p.id and pp.position = 'secretary' and pp.started_on <= ${today} and (pp.ended_on is null or pp.ended_on > ${today})
                        and m.departed_on is null and m.mobile_bidx is not null)
        order by s.org_id, p.depth desc)
      select s.org_id, o.name as org_name, up.parent_id
      from silent s join orgs o on o.id = s.org_id left join up on up.org_id = s.org_id
      order by o.path`.execute(trx);
    const groups = new Map<string | null, { ids: string[]; names: string[] }>();
    for (const r of rows) {
      const g = groups.get(r.parent_id) ?? { ids: [], names: [] };
      g.ids.push(String(r.org_id));
      g.names.push(r.org_name);
      groups.set(r.parent_id, g);
    }
    for (const [parent, g] of groups) {
      await trx.insertInto('emergency_escalations').values({
        alert_id: a.id, parent_org_id: parent, org_ids: g.ids, text: parent ? escalationText(a.kind, a.title, g.names) : null, created_at: now,
      }).onConflict((oc) => oc.doNothing()).execute();
    }
    let broadcastId: string | null = null;
    let reached = 0;
    if ([...groups.keys()].some((k) => k !== null)) {
      // Each parent's secretaries, counted per parent (the board shows them).
      await sql`
        update emergency_escalations e set recipients = c.n
        from (select e2.id, count(distinct m.mobile_bidx) as n
              from emergency_escalations e2 join party_positions pp on pp.org_id = e2.parent_org_id and pp.position = 'secretary'
                and pp.started_on <= ${today} and (pp.ended_on is null or pp.ended_on > ${today})
              join members m on m.id = pp.member_id and m.departed_on is null and m.mobile_bidx is not null
              where e2.alert_id = ${a.id} group by e2.id) c
        where e.id = c.id`.execute(trx);
      const { rows: [n] } = await sql<{ n: string }>`select coalesce(sum(recipients), 0) as n from emergency_escalations where alert_id = ${a.id}`.execute(trx);
      reached = Number(n!.n);
      const b = await sendModuleBroadcast(ctx, trx, sender, {
        org: { id: a.org_id, path: a.org_path }, lane: 'emergency', text: escalationText(a.kind, a.title, ['…']), label: `应急预警：${a.title}（上报上级督促）`,
        source: { name: ESCALATION_SOURCE, payload: { alertId: a.id, today } },
        replyExt: a.reply_ext, ignoreOptOut: a.ignore_opt_out, coveredBy: a.broadcast_id, audit: { emergencyAlertId: a.id, escalation: true },
      });
      broadcastId = b.id;
      await trx.insertInto('emergency_sends').values({ alert_id: a.id, kind: 'escalation', seq: 1, broadcast_id: broadcastId, recipients: reached, created_at: now }).execute();
    }
    await trx.updateTable('emergency_alerts').set({ escalated_at: now }).where('id', '=', a.id).execute();
    await appendAudit(trx, {
      actorId: sender.accountId, actorName: sender.username, action: 'emergency.alert.escalate', entityType: 'emergency_alert', entityId: a.id, orgPath: a.org_path, ip: null,
      after: {
        silentOrgs: rows.length, parents: [...groups.keys()].filter((k) => k !== null), unreached: groups.get(null)?.ids ?? [], recipients: reached, broadcastId,
        skipped: first === 'never' ? 'the alert was never sent (its broadcast was cancelled or rejected)' : null,
      },
    }, now);
  });
}

/** The recipient sources this module declares (platform/sms/hooks.ts), read by the SMS module's resolve job. */
export function recipientsSource(payload: unknown, scope: string[]) {
  const p = payload as { alertId: string; unconfirmed: boolean; text: string };
  return sql`
    select r.person_kind, r.person_id, r.name, r.org_id, r.phone_enc, r.phone_bidx, r.phone_masked, ${p.text}::text as text
    from emergency_recipients r join orgs o on o.id = r.org_id
    where r.alert_id = ${p.alertId} and o.path like any(${subtreePatterns(scope)}::text[]) ${p.unconfirmed ? sql`and r.confirmed_at is null` : sql``}`;
}

export function escalationSource(payload: unknown, scope: string[]) {
  const p = payload as { alertId: string; today: string };
  return sql`
    select 'member'::text as person_kind, m.id as person_id, m.name, m.org_id, m.mobile_enc as phone_enc, m.mobile_bidx as phone_bidx,
           m.mobile_masked as phone_masked, e.text
    from emergency_escalations e join orgs po on po.id = e.parent_org_id
    join party_positions pp on pp.org_id = e.parent_org_id and pp.position = 'secretary'
      and pp.started_on <= ${p.today} and (pp.ended_on is null or pp.ended_on > ${p.today})
    join members m on m.id = pp.member_id and m.departed_on is null and m.mobile_bidx is not null
    where e.alert_id = ${p.alertId} and e.text is not null and po.path like any(${subtreePatterns(scope)}::text[])`;
}

// ——— closing ———

export async function closeAlert(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = await lockAlert(trx, id);
    if (!a) throw notFound('应急预警');
    authorize(actor, 'emergency.send', a.org_path);
    if (a.state === 'closed') throw conflict('emergency.closed', '该应急预警已结束');
    await trx.updateTable('emergency_alerts').set({ state: 'closed', closed_at: now, closed_by_name: actor.displayName, next_reminder_at: null }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'emergency.alert.close', entityType: 'emergency_alert', entityId: id, orgPath: a.org_path, ip: actor.ip,
      before: { state: 'open', remindersSent: a.reminders_sent, escalated: !!a.escalated_at }, after: { state: 'closed' },
    }, now);
  });
}

// ——— reading ———

async function loadReadable(ctx: AppContext, actor: Actor, id: string) {
  const a = await ctx.db.selectFrom('emergency_alerts as a').innerJoin('orgs as o', 'o.id', 'a.org_id')
    .selectAll('a').select(['o.path as org_path', 'o.name as org_name', 'o.depth as org_depth']).where('a.id', '=', id).executeTakeFirst();
  if (!a) throw notFound('应急预警');
  authorize(actor, 'emergency.read', a.org_path);
  return a;
}

export async function getAlert(ctx: AppContext, actor: Actor, id: string): Promise<AlertView> {
  const a = await loadReadable(ctx, actor, id);
  const stored = a.audience as StoredAudience;
  const [orgs, counts, sends, escalations] = await Promise.all([
    ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', stored.orgIds).execute(),
    sql<{ confirmed: string; replies: string }>`
      select (select count(*) from emergency_recipients where alert_id = ${id} and confirmed_at is not null) as confirmed,
             (select count(*) from emergency_replies where alert_id = ${id}) as replies`.execute(ctx.db),
    ctx.db.selectFrom('emergency_sends as s').leftJoin('sms_broadcasts as b', 'b.id', 's.broadcast_id')
      .select(['s.kind', 's.seq', 's.broadcast_id', 'b.state', 's.recipients', 's.created_at']).where('s.alert_id', '=', id).orderBy('s.id').execute(),
    sql<{ parent_org_id: string | null; parent_name: string | null; names: string[]; recipients: number; created_at: Date }>`
      select e.parent_org_id, p.name as parent_name,
             array(select o.name from orgs o where o.id = any(e.org_ids) order by o.path) as names, e.recipients, e.created_at
      from emergency_escalations e left join orgs p on p.id = e.parent_org_id
      where e.alert_id = ${id} order by p.path nulls last`.execute(ctx.db),
  ]);
  const byId = new Map(orgs.map((o) => [o.id, o.name]));
  return {
    id: a.id, kind: a.kind, title: a.title, text: a.text, smsText: a.sms_text, orgId: a.org_id, orgName: a.org_name,
    audience: { orgs: stored.orgIds.map((oid) => ({ id: oid, name: byId.get(oid) ?? '（已删除的组织）' })), who: stored.who },
    state: a.state, ignoreOptOut: a.ignore_opt_out, remindAfterMinutes: a.remind_after_minutes, maxReminders: a.max_reminders,
    escalateAfterMinutes: a.escalate_after_minutes, replyExt: a.reply_ext, createdByName: a.created_by_name, createdAt: a.created_at.toISOString(),
    sentAt: iso(a.sent_at), closedAt: iso(a.closed_at), closedByName: a.closed_by_name, recipients: a.recipients,
    confirmed: Number(counts.rows[0]!.confirmed), skippedNoPhone: a.skipped_no_phone, skippedOptOut: a.skipped_opt_out,
    remindersSent: a.reminders_sent, nextReminderAt: a.state === 'open' ? iso(a.next_reminder_at) : null,
    escalateAt: iso(a.escalate_at), escalatedAt: iso(a.escalated_at), replies: Number(counts.rows[0]!.replies),
    sends: sends.map((s) => ({
      kind: s.kind, seq: s.seq, broadcastId: s.broadcast_id, broadcastState: s.state ?? null, recipients: s.recipients, createdAt: s.created_at.toISOString(),
    })),
    escalations: escalations.rows.map((e) => ({
      parentOrgId: e.parent_org_id ? String(e.parent_org_id) : null, parentOrgName: e.parent_name, orgNames: e.names, recipients: e.recipients, createdAt: new Date(e.created_at).toISOString(),
    })),
  };
}

export async function listAlerts(ctx: AppContext, actor: Actor, q: { state?: 'open' | 'closed'; orgId?: string; cursor?: string; limit?: number }) {
  const limit = q.limit ?? 20;
  let paths = scopePaths(actor, 'emergency.read');
  if (q.orgId) {
    const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'emergency.read', org.path);
    paths = [org.path];
  }
  const rows = await ctx.db.selectFrom('emergency_alerts as a').innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.kind', 'a.title', 'o.name as org_name', 'a.state', 'a.recipients', 'a.created_by_name', 'a.created_at', 'a.sent_at', 'a.closed_at'])
    .select(sql<string>`(select count(*) from emergency_recipients r where r.alert_id = a.id and r.confirmed_at is not null)`.as('confirmed'))
    .where((eb) => (paths.length ? eb.or(paths.map((p) => eb('o.path', 'like', `${escapeLike(p)}%`))) : sql<boolean>`false`))
    .$if(!!q.state, (qb) => qb.where('a.state', '=', q.state!))
    .$if(!!q.cursor, (qb) => qb.where('a.id', '<', q.cursor!))
    .orderBy('a.id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id, kind: r.kind, title: r.title, orgName: r.org_name, state: r.state, recipients: r.recipients, confirmed: Number(r.confirmed),
    createdByName: r.created_by_name, createdAt: r.created_at.toISOString(), sentAt: iso(r.sent_at), closedAt: iso(r.closed_at),
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** The parent a board level is read at: the alert's organization or one of its descendants. */
async function boardParent(ctx: AppContext, a: { org_id: string; org_path: string; audience: unknown }, parentId: string | undefined) {
  // By default the one subtree the alert went to (a county's alert opens on the county), else the sending organization.
  const chosen = (a.audience as StoredAudience).orgIds;
  const p = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path', 'depth']).where('id', '=', parentId ?? (chosen.length === 1 ? chosen[0]! : a.org_id)).executeTakeFirst();
  if (!p || !p.path.startsWith(a.org_path)) throw notFound('组织');
  return p;
}

/**
 * The live board, a level at a time: for each child of `parentId` (default: the one chosen subtree, else the alert's organization), with its whole
 * subtree, how many were asked, confirmed and not, and how many home organizations in it have nobody confirmed; the
 * level's own recipients as a line of their own. The lines add up to `total`. One pass over the alert's recipients.
 */
export async function board(ctx: AppContext, actor: Actor, id: string, parentId: string | undefined) {
  const a = await loadReadable(ctx, actor, id);
  const parent = await boardParent(ctx, a, parentId);
  const { rows } = await sql<{ child: string; asked: string; confirmed: string; silent: string }>`
    with h as (
      select r.org_id, count(*) as asked, count(r.confirmed_at) as confirmed from emergency_recipients r where r.alert_id = ${id} group by r.org_id)
    select split_part(substr(o.path, length(${parent.path}) + 1), '/', 1) as child,
           sum(h.asked) as asked, sum(h.confirmed) as confirmed, count(*) filter (where h.confirmed = 0) as silent
    from h join orgs o on o.id = h.org_id
    where o.path like ${escapeLike(parent.path) + '%'}
    group by 1`.execute(ctx.db);
  const childIds = rows.map((r) => r.child).filter(Boolean);
  const kids = childIds.length
    ? await ctx.db.selectFrom('orgs as c').select(['c.id', 'c.name', 'c.sort_order'])
      .select((eb) => eb.exists(eb.selectFrom('orgs as g').select('g.id').whereRef('g.parent_id', '=', 'c.id')).as('has_children'))
      .where('c.id', 'in', childIds).execute()
    : [];
  const byChild = new Map(rows.map((r) => [r.child, { asked: Number(r.asked), confirmed: Number(r.confirmed), silentOrgs: Number(r.silent) }]));
  const line = (c: { asked: number; confirmed: number; silentOrgs: number }) => ({ ...c, unconfirmed: c.asked - c.confirmed });
  const items = kids.sort((x, y) => x.sort_order - y.sort_order || Number(x.id) - Number(y.id))
    .map((k) => ({ orgId: k.id, orgName: k.name, own: false, hasChildren: !!k.has_children, ...line(byChild.get(k.id)!) }));
  if (byChild.has('')) items.unshift({ orgId: parent.id, orgName: parent.name, own: true, hasChildren: false, ...line(byChild.get('')!) });
  const total = items.reduce((t, i) => ({ asked: t.asked + i.asked, confirmed: t.confirmed + i.confirmed, unconfirmed: t.unconfirmed + i.unconfirmed, silentOrgs: t.silentOrgs + i.silentOrgs }),
    { asked: 0, confirmed: 0, unconfirmed: 0, silentOrgs: 0 });
  const ids = parent.path.split('/').filter(Boolean);
  const [trail, silent] = await Promise.all([
    ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).where('depth', '>=', a.org_depth).orderBy('depth').execute(),
    sql<{ org_id: string; name: string; asked: string; escalated: boolean }>`
      select r.org_id, o.name, count(*) as asked,
             exists (select 1 from emergency_escalations e where e.alert_id = ${id} and e.parent_org_id is not null and r.org_id = any(e.org_ids)) as escalated
      from emergency_recipients r join orgs o on o.id = r.org_id
      where r.alert_id = ${id} and o.path like ${escapeLike(parent.path) + '%'}
      group by r.org_id, o.name, o.path having count(r.confirmed_at) = 0
      order by o.path limit 200`.execute(ctx.db),
  ]);
  return {
    parent: { id: parent.id, name: parent.name }, trail, items, total,
    silent: silent.rows.map((s) => ({ orgId: String(s.org_id), orgName: s.name, asked: Number(s.asked), escalated: s.escalated })),
  };
}

/** Who has not confirmed (masked phones), within `orgId`'s subtree when given, paged by id. */
export async function unconfirmed(ctx: AppContext, actor: Actor, id: string, q: { orgId?: string; cursor?: string; limit?: number }) {
  const a = await loadReadable(ctx, actor, id);
  const within = q.orgId ? (await boardParent(ctx, a, q.orgId)).path : null;
  const limit = q.limit ?? 50;
  const rows = await ctx.db.selectFrom('emergency_recipients as r').innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.name', 'o.name as org_name', 'r.phone_masked'])
    .where('r.alert_id', '=', id).where('r.confirmed_at', 'is', null)
    .$if(!!within, (qb) => qb.where('o.path', 'like', `${escapeLike(within!)}%`))
    .$if(!!q.cursor, (qb) => qb.where('r.id', '>', q.cursor!))
    .orderBy('r.id').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((r) => ({ id: r.id, name: r.name, orgName: r.org_name, phone: r.phone_masked }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** Replies to the alert's extension that are not confirmations, newest first. */
export async function replies(ctx: AppContext, actor: Actor, id: string, q: { cursor?: string; limit?: number }) {
  await loadReadable(ctx, actor, id);
  const limit = q.limit ?? 20;
  const rows = await ctx.db.selectFrom('emergency_replies as x').leftJoin('emergency_recipients as r', 'r.id', 'x.recipient_id').leftJoin('orgs as o', 'o.id', 'x.org_id')
    .select(['x.id', 'r.name', 'o.name as org_name', 'x.phone_masked', 'x.text', 'x.received_at'])
    .where('x.alert_id', '=', id)
    .$if(!!q.cursor, (qb) => qb.where('x.id', '<', q.cursor!))
    .orderBy('x.id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((r) => ({ id: r.id, name: r.name ?? null, orgName: r.org_name ?? null, phone: r.phone_masked, text: r.text, receivedAt: r.received_at.toISOString() }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
