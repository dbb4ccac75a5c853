/**
 * Replies to emergency alerts (platform/sms/hooks.ts `smsInbound`), handed over in the transaction that stores them,
 * a batch at a time: a few statements per batch whatever its size.
 *
 * - A reply to an open alert's extension is the alert's: a confirmation (1, １, 收到, 确认) from someone it asked is
 *   recorded on their row (the first counts; later ones are taken and ignored); any other text — or a confirmation
 *   from a phone the alert did not ask — is kept as a reply on the alert (村里两户需要转移), shown on the board.
 * - A confirmation without an extension (the carrier dropped it) is the alert's when exactly one open alert sent in
 *   the last 24 hours asked that phone; otherwise it is left for the inbox.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import type { HandledSms, InboundSms } from '../../platform/sms/hooks.js';
import { isConfirmation } from './emergency.service.js';

interface OpenAlert { id: string; title: string; org_path: string; reply_ext: string }

export async function handleInbound(ctx: AppContext, trx: Transaction<DB>, messages: InboundSms[]): Promise<HandledSms[]> {
  const now = ctx.now();
  const exts = [...new Set(messages.map((m) => m.replyExt).filter((x): x is string => !!x))];
  const bare = messages.filter((m) => !m.replyExt && isConfirmation(m.text));
  if (exts.length === 0 && bare.length === 0) return [];

  const byExt = new Map<string, OpenAlert>();
  if (exts.length) {
    const { rows } = await sql<OpenAlert>`
      select a.id, a.title, o.path as org_path, a.reply_ext from emergency_alerts a join orgs o on o.id = a.org_id
      where a.reply_ext = any(${exts}::text[]) and a.state = 'open'`.execute(trx);
    for (const r of rows) byExt.set(r.reply_ext, { ...r, id: String(r.id) });
  }
  // Which message belongs to which alert.
  const owned: { m: InboundSms; alert: OpenAlert }[] = [];
  for (const m of messages) {
    const a = m.replyExt ? byExt.get(m.replyExt) : undefined;
    if (a) owned.push({ m, alert: a });
  }
  if (bare.length) {
    const since = new Date(now.getTime() - 24 * 3600_000);
    const { rows } = await sql<{ phone_bidx: string; alerts: string[]; titles: string[]; paths: string[]; exts: string[] }>`
      select r.phone_bidx, array_agg(a.id::text) as alerts, array_agg(a.title) as titles, array_agg(o.path) as paths, array_agg(a.reply_ext) as exts
      from emergency_recipients r join emergency_alerts a on a.id = r.alert_id join orgs o on o.id = a.org_id
      where r.phone_bidx = any(${[...new Set(bare.map((m) => m.phoneBidx))]}::text[]) and a.state = 'open' and a.sent_at >= ${since}
      group by r.phone_bidx having count(*) = 1`.execute(trx);
    const only = new Map(rows.map((r) => [r.phone_bidx, { id: r.alerts[0]!, title: r.titles[0]!, org_path: r.paths[0]!, reply_ext: r.exts[0]! }]));
    for (const m of bare) {
      const a = only.get(m.phoneBidx);
      if (a) owned.push({ m, alert: a });
    }
  }
  if (owned.length === 0) return [];

  // The recipients among the senders, with whether they had confirmed before this batch.
  const { rows: recips } = await sql<{ id: string; alert_id: string; phone_bidx: string; org_id: string; confirmed: boolean }>`
    select r.id, r.alert_id::text as alert_id, r.phone_bidx, r.org_id, r.confirmed_at is not null as confirmed
    from emergency_recipients r join unnest(${owned.map((o) => o.alert.id)}::bigint[], ${owned.map((o) => o.m.phoneBidx)}::text[]) t(a, b)
      on r.alert_id = t.a and r.phone_bidx = t.b`.execute(trx);
  const recipientOf = new Map(recips.map((r) => [`${r.alert_id}:${r.phone_bidx}`, r]));

  const confirms: { recipientId: string; inboundId: string; at: Date; alert: OpenAlert }[] = [];
  const kept: { alertId: string; inboundId: string; recipientId: string | null; orgId: string | null; phone: string; text: string; at: Date }[] = [];
  const handled: HandledSms[] = [];
  const seen = new Set<string>();
  for (const { m, alert } of [...owned].sort((x, y) => Number(x.m.id) - Number(y.m.id))) {
    const r = recipientOf.get(`${alert.id}:${m.phoneBidx}`);
    if (r && isConfirmation(m.text)) {
      if (r.confirmed || seen.has(r.id)) {
        handled.push({ id: m.id, note: `应急预警“${alert.title}”：已确认过，本次回复不重复计入` });
      } else {
        seen.add(r.id);
        confirms.push({ recipientId: r.id, inboundId: m.id, at: m.receivedAt, alert });
        handled.push({ id: m.id, note: `应急预警“${alert.title}”：确认收到` });
      }
    } else {
      kept.push({ alertId: alert.id, inboundId: m.id, recipientId: r?.id ?? null, orgId: r?.org_id ?? m.orgId, phone: m.phoneMasked, text: m.text, at: m.receivedAt });
      handled.push({ id: m.id, note: `应急预警“${alert.title}”：回复留言${r ? '' : '（非本次预警接收人）'}` });
    }
  }
  if (confirms.length) {
    await sql`
      update emergency_recipients r set confirmed_at = t.at, confirm_inbound_id = t.inbound
      from unnest(${confirms.map((c) => c.recipientId)}::bigint[], ${confirms.map((c) => c.inboundId)}::bigint[], ${confirms.map((c) => c.at.toISOString())}::timestamptz[]) t(id, inbound, at)
      where r.id = t.id and r.confirmed_at is null`.execute(trx);
    // One audit row per alert and batch (not per message: thousands arrive at once).
    const perAlert = new Map<string, { alert: OpenAlert; n: number }>();
    for (const c of confirms) perAlert.set(c.alert.id, { alert: c.alert, n: (perAlert.get(c.alert.id)?.n ?? 0) + 1 });
    for (const { alert, n } of perAlert.values()) {
      await appendAudit(trx, {
        actorId: null, actorName: '短信回复', action: 'emergency.alert.confirm', entityType: 'emergency_alert', entityId: alert.id, orgPath: alert.org_path, ip: null,
        after: { confirmed: n, inboundIds: confirms.filter((c) => c.alert.id === alert.id).map((c) => c.inboundId).slice(0, 1000) },
      }, now);
    }
  }
  if (kept.length) {
    await sql`
      insert into emergency_replies (alert_id, inbound_id, recipient_id, org_id, phone_masked, text, received_at)
      select * from unnest(${kept.map((k) => k.alertId)}::bigint[], ${kept.map((k) => k.inboundId)}::bigint[], ${kept.map((k) => k.recipientId)}::bigint[],
        ${kept.map((k) => k.orgId)}::bigint[], ${kept.map((k) => k.phone)}::text[], ${kept.map((k) => k.text)}::text[], ${kept.map((k) => k.at.toISOString())}::timestamptz[])
      on conflict (inbound_id) do nothing`.execute(trx);
  }
  return handled;
}
