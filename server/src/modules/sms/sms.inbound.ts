/**
 * What comes in from the carrier, stored before it is acknowledged: delivery receipts (sms.store.ts applies
 * them) and incoming messages. Both go through group commits, so a flood of replies becomes a few large
 * transactions and each deliver_sm_resp goes out only after its row is committed. An incoming message is matched
 * to its person by the phone's blind index; a carrier's redelivery of a stored message (same link, sender and
 * carrier id) is dropped. Segments of a long message are stored one by one and joined once all are in.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { DeliveryReceipt, InboundPart } from '../../platform/sms/channel.js';
import { normalizeCarrierId } from '../../platform/sms/channel.js';
import { GroupCommit } from '../../platform/group-commit.js';
import { normalizeMobile } from '../../platform/identity/phone.js';
import { maskPhone } from './sms.phones.js';
import { storeReceipts } from './sms.store.js';
import type { ReceiptApplier } from './sms.applier.js';
import { matchPhones, onKeywords } from './sms.people.js';
import { inboundHandlers } from './sms.hooks.js';
import type { InboundSms } from '../../platform/sms/hooks.js';

export interface InboundStore {
  receipt(r: DeliveryReceipt): Promise<void>;
  part(p: InboundPart): Promise<void>;
}

interface Prepared {
  p: InboundPart;
  phone: string;
  bidx: string;
  carrierId: string | null;
}

export function createInboundStore(ctx: AppContext, applier: ReceiptApplier): InboundStore {
  const receipts = new GroupCommit<DeliveryReceipt>(async (items) => applier.add(await storeReceipts(ctx.db, ctx.now(), items)));
  const parts = new GroupCommit<Prepared>((items) => ctx.db.transaction().execute((trx) => storeParts(ctx, trx, items)));
  return {
    receipt: (r) => receipts.add(r),
    part: (p) => {
      const phone = normalizeMobile(p.from);
      // Stamped with the platform's clock (the one every other time in the store is on), not the channel's.
      return parts.add({ p: { ...p, receivedAt: ctx.now() }, phone, bidx: ctx.crypto.blindIndex('mobile', phone), carrierId: p.carrierId ? normalizeCarrierId(p.carrierId) : null });
    },
  };
}

interface WholeMessage {
  link: string;
  carrierId: string | null;
  phone: string;
  bidx: string;
  to: string;
  ext: string | null;
  text: string;
  parts: number;
  missing: number;
  receivedAt: Date;
}

/** Stores one batch of incoming parts in the caller's transaction. */
async function storeParts(ctx: AppContext, trx: Transaction<DB>, items: Prepared[]): Promise<void> {
  const singles: WholeMessage[] = [];
  for (const it of items) {
    const { p } = it;
    if (!p.concat || p.concat.total <= 1) {
      singles.push({ link: p.link, carrierId: it.carrierId, phone: it.phone, bidx: it.bidx, to: p.to, ext: p.ext ?? null, text: p.text, parts: 1, missing: 0, receivedAt: p.receivedAt });
      continue;
    }
    const assembled = await storeSegment(ctx, trx, it);
    if (assembled) await insertWhole(ctx, trx, [{ ...assembled, phone: it.phone, to: p.to, ext: p.ext ?? null }], assembled.partIds);
  }
  await insertWhole(ctx, trx, singles);
}

/**
 * Inserts whole messages, matched to their people; a redelivered one (same link, sender, carrier id) conflicts
 * and is dropped, also within one batch. `partIds`: the stored segments of the one assembled message given.
 */
async function insertWhole(ctx: AppContext, trx: Transaction<DB>, whole: WholeMessage[], partIds?: string[]): Promise<void> {
  if (whole.length === 0) return;
  const people = await matchPhones(trx, [...new Set(whole.map((w) => w.bidx))]);
  const cfg = ctx.config.sms;
  const keywordOf = (text: string): 'opt_out' | 'opt_in' | null => {
    const t = text.trim().toUpperCase();
    if (cfg.optOutKeywords.includes(t)) return 'opt_out';
    if (cfg.optInKeywords.includes(t)) return 'opt_in';
    return null;
  };
  const rows = whole.map((w) => {
    const who = people.get(w.bidx);
    return {
      link: w.link, carrier_id: w.carrierId, phone_enc: ctx.crypto.encrypt(w.phone), phone_bidx: w.bidx, phone_masked: maskPhone(w.phone),
      to_number: w.to, reply_ext: w.ext, text: w.text, parts: w.parts, missing_parts: w.missing, received_at: w.receivedAt, stored_at: ctx.now(),
      person_kind: who?.kind ?? null, person_id: who?.id ?? null, org_id: who?.orgId ?? null, keyword: keywordOf(w.text),
    };
  });
  const inserted = await trx
    .insertInto('sms_inbound')
    .values(rows)
    .onConflict((oc) => oc.columns(['link', 'phone_bidx', 'carrier_id']).where('carrier_id', 'is not', null).doNothing())
    .returning(['id', 'phone_bidx', 'phone_masked', 'keyword', 'org_id', 'text', 'reply_ext', 'received_at', 'person_kind', 'person_id'])
    .execute();
  if (partIds) {
    const w = whole[0]!;
    const id = inserted[0]?.id
      ?? (await trx.selectFrom('sms_inbound').select('id').where('link', '=', w.link).where('phone_bidx', '=', w.bidx).where('carrier_id', '=', w.carrierId).executeTakeFirst())?.id;
    if (id) await trx.updateTable('sms_inbound_parts').set({ inbound_id: id }).where('id', 'in', partIds).execute();
  }
  const withKeyword = inserted.filter((r) => r.keyword);
  if (withKeyword.length) {
    const orgs = await trx.selectFrom('orgs').select(['id', 'path']).where('id', 'in', [...new Set(withKeyword.map((r) => r.org_id).filter((x): x is string => !!x)), '0']).execute();
    const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
    await onKeywords(ctx, trx, withKeyword.map((r) => ({ inboundId: r.id, phoneBidx: r.phone_bidx, phoneMasked: r.phone_masked, orgPath: r.org_id ? pathOf.get(r.org_id) ?? null : null, keyword: r.keyword! })));
  }
  await handOver(ctx, trx, inserted.filter((r) => !r.keyword).map((r) => ({
    id: r.id, phoneBidx: r.phone_bidx, phoneMasked: r.phone_masked, text: r.text, replyExt: r.reply_ext, receivedAt: r.received_at,
    personKind: r.person_kind, personId: r.person_id, orgId: r.org_id,
  })));
}

/**
 * Offers the stored messages to the modules that listen (a survey's answers, an emergency's confirmations), in
 * module order, each taking what is its own, in this transaction; marks what each took (the inbox shows it).
 */
async function handOver(ctx: AppContext, trx: Transaction<DB>, messages: InboundSms[]): Promise<void> {
  let left = messages;
  for (const { module, handle } of inboundHandlers()) {
    if (left.length === 0) return;
    const taken = await handle(ctx, trx, left);
    if (taken.length === 0) continue;
    await sql`
      update sms_inbound i set handled_by = ${module}, handled_note = t.note
      from unnest(${taken.map((t) => t.id)}::bigint[], ${taken.map((t) => t.note)}::text[]) t(id, note)
      where i.id = t.id`.execute(trx);
    const ids = new Set(taken.map((t) => t.id));
    left = left.filter((m) => !ids.has(m.id));
  }
}

/** Stores one segment of a long message; when it completes the message, returns the whole text and its segments. */
async function storeSegment(ctx: AppContext, trx: Transaction<DB>, it: Prepared): Promise<(Omit<WholeMessage, 'phone' | 'to' | 'ext'> & { partIds: string[] }) | null> {
  const { p } = it;
  const c = p.concat!;
  const ins = await sql<{ id: string }>`
    insert into sms_inbound_parts (link, phone_enc, phone_bidx, to_number, ref, total, seq, carrier_id, text, received_at)
    values (${p.link}, ${ctx.crypto.encrypt(it.phone)}, ${it.bidx}, ${p.to}, ${c.ref}, ${c.total}, ${c.seq}, ${it.carrierId}, ${p.text}, ${p.receivedAt})
    on conflict do nothing returning id`.execute(trx);
  if (ins.rows.length === 0) return null; // a segment we already have
  const { rows } = await sql<{ id: string; text: string; carrier_id: string | null; received_at: Date }>`
    select id, text, carrier_id, received_at from sms_inbound_parts
    where link = ${p.link} and phone_bidx = ${it.bidx} and ref = ${c.ref} and total = ${c.total} and inbound_id is null
    order by seq`.execute(trx);
  if (rows.length < c.total) return null;
  // The first segment's carrier id names the whole message (its redelivery is then dropped too).
  return {
    link: p.link, carrierId: rows[0]!.carrier_id, bidx: it.bidx, text: rows.map((r) => r.text).join(''),
    parts: c.total, missing: 0, receivedAt: rows[0]!.received_at, partIds: rows.map((r) => r.id),
  };
}

/**
 * Long messages still missing segments after a day are stored with what came and how many segments are
 * missing, so no reply is lost because the carrier dropped one segment.
 */
export async function flushStaleParts(ctx: AppContext, maxAgeMs = 24 * 3600_000): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - maxAgeMs);
  const { rows: groups } = await sql<{ link: string; phone_bidx: string; ref: number; total: number }>`
    select link, phone_bidx, ref, total from sms_inbound_parts
    where inbound_id is null group by link, phone_bidx, ref, total having min(received_at) < ${cutoff} limit 100`.execute(ctx.db);
  for (const g of groups) {
    await ctx.db.transaction().execute(async (trx) => {
      const parts = await trx.selectFrom('sms_inbound_parts').selectAll()
        .where('link', '=', g.link).where('phone_bidx', '=', g.phone_bidx).where('ref', '=', g.ref).where('total', '=', g.total).where('inbound_id', 'is', null)
        .orderBy('seq').forUpdate().execute();
      if (parts.length === 0) return;
      const first = parts[0]!;
      await insertWhole(ctx, trx, [{
        link: g.link, carrierId: first.carrier_id, phone: ctx.crypto.decrypt(first.phone_enc), bidx: g.phone_bidx, to: first.to_number, ext: null,
        text: parts.map((p) => p.text).join('…'), parts: g.total, missing: g.total - parts.length, receivedAt: first.received_at,
      }], parts.map((p) => p.id));
    });
  }
  return groups.length;
}
