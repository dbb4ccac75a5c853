/**
 * What other modules may ask of the SMS platform (module rule: sms_messages is written by this module only).
 *
 * queueTransactional: one message to one person that the person asked for (a sign-in code), queued in the reply
 * lane — after official emergency notices, ahead of every bulk broadcast, and not held by quiet hours. It is sent
 * even when the phone has opted out of broadcasts (an opt-out is "no more broadcasts", not "never send me the code
 * I just asked for"); that decision is recorded on the audit row as `sentDespiteOptOut`, as the emergency path
 * records `ignoreOptOut` on its broadcast. The phone is stored as every SMS row stores it: encrypted, blind-indexed
 * and masked.
 *
 * The text of a login_code or verify_code message holds the code (unavoidably: the dispatcher sends it). It is written nowhere
 * else: not to the audit row (which names the purpose, not the text), not to any log. Console views never show it:
 * such messages have no broadcast (so no recipient list names them) and the conversation view shows a placeholder
 * instead of their text; the member centre does not list them at all (personMessages below).
 *
 * personMessages: the messages sent to one member, for the member centre (GET /api/me/sms-messages).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PersonKind, SmsPurpose } from '../../db/tables/sms.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { isOptedOut } from '../contacts/contacts.commands.js';
import { LANES } from './sms.store.js';
import { maskPhone, parseMobile } from './sms.phones.js';
import { MAX_SEGMENTS, signed, storeBroadcast, TEXT_TOO_LONG, type Sender, type StoredAudience } from './sms.service.js';
import type { AudienceSpec } from '../contacts/contacts.audience.js';
import { validationFailed } from '../../platform/errors.js';
import { countSms } from '../../platform/sms/segments.js';
export type { Sender } from './sms.service.js';
export { senderOf } from './sms.service.js';
import { smsRuntime } from './sms.link.js';

/** What the console shows instead of the text of a message whose text must stay with its recipient. */
export const HIDDEN_TEXT = '（验证码短信，内容不予显示）';

/** Purposes whose text is the recipient's secret. */
export const SECRET_PURPOSES: readonly SmsPurpose[] = ['login_code', 'verify_code'];

export interface TransactionalMessage {
  /** A mainland mobile number, in full. */
  phone: string;
  /** The text without the signature (added here, as for every message). */
  text: string;
  purpose: SmsPurpose;
  personKind?: PersonKind;
  personId?: string;
  /** The person's home organization (usage is counted per organization). */
  orgId: string;
  /** Who asked, for the audit row (for a sign-in code: the account, not yet signed in). */
  actor: { id: string | null; name: string; ip: string | null };
  /** Digits appended to the source number, so a reply comes back to this extension (allocateReplyExt). */
  replyExt?: string | null;
}

/**
 * Queues one transactional message, audited, in `trx` when given (then call pokeDispatcher() after the commit),
 * else in its own transaction (and pokes the dispatcher itself).
 */
export async function queueTransactional(ctx: AppContext, input: TransactionalMessage, trx?: Transaction<DB>): Promise<{ id: string; optedOut: boolean }> {
  const phone = parseMobile(input.phone);
  if (!phone) throw new Error('queueTransactional: not a mainland mobile number');
  const now = ctx.now();
  const run = async (t: Transaction<DB>) => {
    const bidx = ctx.crypto.blindIndex('mobile', phone);
    const masked = maskPhone(phone);
    const optedOut = await isOptedOut(t, bidx);
    const org = await t.selectFrom('orgs').select('path').where('id', '=', input.orgId).executeTakeFirstOrThrow();
    const m = await t.insertInto('sms_messages').values({
      lane: LANES.reply, purpose: input.purpose, person_kind: input.personKind ?? null, person_id: input.personId ?? null, org_id: input.orgId,
      phone_enc: ctx.crypto.encrypt(phone), phone_bidx: bidx, phone_masked: masked, text: signed(ctx, input.text), state: 'queued',
      not_before: now, created_at: now, reply_ext: input.replyExt ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(t, {
      actorId: input.actor.id, actorName: input.actor.name, action: 'sms.transactional', entityType: 'sms_message', entityId: m.id,
      orgPath: org.path, ip: input.actor.ip,
      // Never the text: for a login code it is the code.
      after: { purpose: input.purpose, phone: masked, optedOut, sentDespiteOptOut: optedOut },
    }, now);
    return { id: m.id, optedOut };
  };
  if (trx) return run(trx);
  const out = await ctx.db.transaction().execute(run);
  pokeDispatcher();
  return out;
}

/** Wakes the dispatcher (when this instance runs one) so a just-committed message goes out now, not at its next poll. */
export function pokeDispatcher(): void {
  smsRuntime()?.dispatcher.poke();
}

/** A member's view of a message's state. */
export type PersonMessageState = 'delivered' | 'sending' | 'failed';

export interface PersonMessage {
  id: string;
  text: string;
  at: Date;
  state: PersonMessageState;
}

/**
 * The messages sent to one member, newest first, keyset-paged by id. Only rows addressed to this person (by the
 * broadcast's audience or a staff reply to them): not rows to the member's current phone number by blind index,
 * because a number may have been someone else's before (or be shared), and messages to it then were not this
 * member's. Sign-in codes are left out (their text is a spent secret and they are not messages from the party
 * organization); so are messages never sent (awaiting approval, cancelled) and ones scheduled for later.
 */
export async function personMessages(ctx: AppContext, person: { kind: PersonKind; id: string }, opts: { cursor?: string; limit: number }): Promise<PersonMessage[]> {
  const now = ctx.now();
  const { rows } = await sql<{ id: string; text: string; at: Date; state: string }>`
    select m.id, m.text, coalesce(m.submitted_at, m.not_before, m.created_at) as at, m.state
    from sms_messages m
    where m.person_kind = ${person.kind} and m.person_id = ${person.id}
      and (m.purpose is null or m.purpose <> all(${SECRET_PURPOSES as string[]}::text[]))
      and m.state not in ('held', 'cancelled')
      and (m.submitted_at is not null or m.not_before <= ${now} or m.attempts > 0)
      ${opts.cursor ? sql`and m.id < ${opts.cursor}` : sql``}
    order by m.id desc
    limit ${opts.limit}`.execute(ctx.db);
  return rows.map((r) => ({
    id: String(r.id),
    text: r.text,
    at: new Date(r.at),
    state: r.state === 'delivered' ? 'delivered' : r.state === 'failed' || r.state === 'unknown' ? 'failed' : 'sending',
  }));
}

/**
 * A reply extension of its own (扩展码) for something that expects answers by SMS (a survey, an emergency alert):
 * digits appended to the source number; replies to messages sent with it come back with it (sms_inbound.reply_ext)
 * and are handed to the module's inbound handler. Never given twice.
 */
export async function allocateReplyExt(db: AppContext['db'] | Transaction<DB>): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('sms_reply_ext_seq')::text as n`.execute(db);
  return rows[0]!.n;
}

export interface ModuleBroadcast {
  /** The sending organization (its path must lie in the sender's scope). */
  org: { id: string; path: string };
  lane: 'bulk' | 'emergency';
  /** What the broadcast page shows as its text; for an `audience`, the text sent ({姓名} and {组织} filled in). */
  text: string;
  /** What the broadcast list shows (问卷调查：…). */
  label: string;
  /** Either the people of an audience (subtrees × who) … */
  audience?: AudienceSpec;
  /** … or a recipient source the calling module declares in its manifest (platform/sms/hooks.ts). */
  source?: { name: string; payload: unknown };
  replyExt?: string | null;
  /** An official emergency notice may go to people who opted out; recorded on the broadcast and its audit row. */
  ignoreOptOut?: boolean;
  /** The broadcast whose approval covers this one (a reminder of an approved survey): not held for approval again. */
  coveredBy?: string | null;
  /** What the audit row records beside the broadcast (the survey's id …). */
  audit: Record<string, unknown>;
}

/**
 * A broadcast another module sends (a survey's questions and reminders, an emergency alert): stored, audited as
 * sms.broadcast.module and resolved by the same job as staff broadcasts — the approval threshold, quiet hours, opt-outs
 * and the dispatchers apply alike — in `trx`. Every chosen subtree must lie in the sender's scope.
 */
export async function sendModuleBroadcast(ctx: AppContext, trx: Transaction<DB>, sender: Sender, b: ModuleBroadcast): Promise<{ id: string }> {
  if (!!b.audience === !!b.source) throw new Error('sendModuleBroadcast: give an audience or a source');
  if (b.ignoreOptOut && b.lane !== 'emergency') throw validationFailed([{ field: 'ignoreOptOut', message: '只有紧急通知可以发送给已退订的人员' }]);
  const within = (path: string) => sender.scope.some((p) => path.startsWith(p));
  if (!within(b.org.path)) throw new Error('sendModuleBroadcast: the sending organization is outside the sender\'s scope');
  if (b.audience) {
    const orgs = await trx.selectFrom('orgs').select('path').where('id', 'in', b.audience.orgIds.length ? b.audience.orgIds : ['0']).execute();
    if (orgs.length !== new Set(b.audience.orgIds).size || !orgs.every((o) => within(o.path))) throw new Error('sendModuleBroadcast: an audience subtree is outside the sender\'s scope');
  }
  const text = signed(ctx, b.text);
  if (countSms(text).segments > MAX_SEGMENTS) throw validationFailed([{ field: 'text', message: TEXT_TOO_LONG }]);
  const audience: StoredAudience = b.audience ? { ...b.audience, phones: [] } : { phones: [], source: b.source };
  if (b.coveredBy) audience.coveredBy = b.coveredBy;
  return storeBroadcast(ctx, trx, sender, {
    org: b.org, lane: b.lane, text, audience, sendAt: null, ignoreOptOut: b.ignoreOptOut ?? false, resendOf: null, action: 'sms.broadcast.module',
    audit: { ...b.audit, label: b.label, lane: b.lane, source: b.source?.name ?? null, audience: b.audience ?? null, ignoreOptOut: b.ignoreOptOut ?? false, coveredBy: b.coveredBy ?? null },
    replyExt: b.replyExt, label: b.label,
  });
}
