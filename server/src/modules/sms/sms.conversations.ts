/**
 * Conversations (issue 9, item 5): what one phone wrote in and what was sent to it, and staff replies. A reply
 * goes in the reply lane (after emergency notices, before bulk; not held by quiet hours) as a row of the same
 * store, so it is sent, retried and receipted like any broadcast message.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { can, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { countSms } from '../../platform/sms/segments.js';
import { LANES } from './sms.store.js';
import { signed } from './sms.service.js';
import { HIDDEN_TEXT, SECRET_PURPOSES } from './sms.commands.js';
import { personKey, personNames, provinceStaffRoot } from './sms.inbox.js';

/** The incoming message a conversation or reply starts from, if the actor may see it. */
async function loadInbound(ctx: AppContext, actor: Actor, id: string, perm: 'sms.read' | 'sms.send') {
  const row = await ctx.db.selectFrom('sms_inbound as i').leftJoin('orgs as o', 'o.id', 'i.org_id')
    .select(['i.id', 'i.phone_enc', 'i.phone_bidx', 'i.phone_masked', 'i.org_id', 'i.person_kind', 'i.person_id', 'o.path as org_path', 'o.name as org_name'])
    .where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('来信');
  if (row.org_path) {
    if (!can(actor, perm, row.org_path)) throw forbidden('forbidden.scope', '该来信不在您的管辖范围内，无权查看或回复');
  } else {
    // Unmatched senders belong to nobody's subtree: province staff handle them.
    const root = await provinceStaffRoot(ctx.db, actor, perm);
    if (!root) throw forbidden('forbidden.scope', '未匹配到人员的来信仅由省级工作人员处理');
    return { ...row, org_id: root.id, org_path: root.path };
  }
  return row;
}

export async function conversation(ctx: AppContext, actor: Actor, inboundId: string) {
  const start = await loadInbound(ctx, actor, inboundId, 'sms.read');
  const names = await personNames(ctx.db, [{ kind: start.person_kind, id: start.person_id }]);
  const { rows } = await sql<{ direction: 'in' | 'out'; id: string; text: string; at: Date; state: string | null; sent_by_name: string | null; broadcast_id: string | null; keyword: 'opt_out' | 'opt_in' | null }>`
    select * from (
      select 'in' as direction, i.id, i.text, i.received_at as at, null as state, null as sent_by_name, null::bigint as broadcast_id, i.keyword
        from sms_inbound i where i.phone_bidx = ${start.phone_bidx}
      union all
      select 'out', m.id, case when m.purpose = any(${SECRET_PURPOSES as string[]}::text[]) then ${HIDDEN_TEXT} else m.text end,
             coalesce(m.submitted_at, m.created_at), m.state, a.display_name, m.broadcast_id, null
        from sms_messages m left join accounts a on a.id = m.sent_by where m.phone_bidx = ${start.phone_bidx}
      order by at desc, id desc limit 200
    ) c order by at, id`.execute(ctx.db);
  return {
    phone: start.phone_masked,
    personKind: start.person_kind,
    personName: names.get(personKey(start.person_kind, start.person_id)) ?? null,
    orgId: start.org_name ? start.org_id : null,
    orgName: start.org_name ?? null,
    entries: rows.map((r) => ({
      direction: r.direction, id: r.id, text: r.text, at: new Date(r.at).toISOString(), state: r.state as never, sentByName: r.sent_by_name, broadcastId: r.broadcast_id, keyword: r.keyword,
    })),
  };
}

/** Queues a staff reply to the phone an incoming message came from; audited. */
export async function reply(ctx: AppContext, actor: Actor, inboundId: string, text: string): Promise<{ id: string; state: 'queued' }> {
  const start = await loadInbound(ctx, actor, inboundId, 'sms.send');
  const body = signed(ctx, text);
  if (countSms(body).segments > 5) throw validationFailed([{ field: 'text', message: '回复内容过长：最多5条（约330个汉字）' }]);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const m = await trx.insertInto('sms_messages').values({
      lane: LANES.reply, person_kind: start.person_kind, person_id: start.person_id, org_id: start.org_id!,
      phone_enc: start.phone_enc, phone_bidx: start.phone_bidx, phone_masked: start.phone_masked, text: body, state: 'queued',
      not_before: now, created_at: now, sent_by: actor.accountId,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'sms.reply', entityType: 'sms_message', entityId: m.id,
      orgPath: start.org_path, ip: actor.ip, after: { inboundId, phone: start.phone_masked, text: body },
    }, now);
    return { id: m.id, state: 'queued' as const };
  });
}
