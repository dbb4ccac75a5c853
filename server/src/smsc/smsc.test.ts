/**
 * The SMSC simulator as a carrier would behave: it checks credentials and numbers, throttles, keeps every
 * phone's inbox with exact counts, holds receipts and phones' messages while no client is bound and sends them
 * again — same id, same bytes — until a client acknowledges them. Driven by bare `smpp` clients (to see the
 * PDUs) and by the platform's channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from 'smpp';
import { createSmppChannel, parseSmppUrls } from '../platform/sms/smpp-channel.js';
import type { InboundPart } from '../platform/sms/channel.js';
import { splitSms } from '../platform/sms/segments.js';
import { smpp, STATUS, type PDU } from '../platform/sms/smpp-wire.js';
import { measureRawSubmit } from './raw-client.js';
import { optionsFrom } from './cli.js';
import { createSmsc, type Smsc, type SmscOptions } from './smsc.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function sim(opts: SmscOptions = {}): Promise<Smsc> {
  const s = await createSmsc({ receiptDelayMs: 1, seed: 11, ...opts });
  cleanup.push(() => s.close());
  return s;
}

/**
 * A bare client: connects and binds; `request` resolves with a request's response. `onDeliver` listens from the
 * start (the simulator sends what it holds as soon as the bind is answered).
 */
async function client(
  smsc: Smsc,
  command = 'bind_transceiver',
  password = 'secret',
  onDeliver?: (pdu: PDU, session: Session) => void,
  systemType = '',
): Promise<{ session: Session; bind: PDU; request: (cmd: string, fields?: Record<string, unknown>) => Promise<PDU> }> {
  const u = new URL(smsc.url);
  const session = smpp.connect({ host: u.hostname, port: Number(u.port) });
  session.on('error', () => {});
  if (onDeliver) session.on('deliver_sm', (pdu: PDU) => onDeliver(pdu, session));
  cleanup.push(() => session.destroy());
  const request = (cmd: string, fields: Record<string, unknown> = {}) => new Promise<PDU>((resolve) => session.send(new smpp.PDU(cmd, fields), resolve));
  await new Promise<void>((resolve) => session.on('connect', () => resolve()));
  const bind = await request(command, { system_id: 'dangjian', password, system_type: systemType });
  return { session, bind, request };
}

const submit = (phone: string, text: string, ref = 1) => {
  const s = splitSms(text, ref);
  return s.parts.map((part) => ({ source_addr: '106900001', destination_addr: phone, esm_class: s.esmClass, data_coding: s.dataCoding, registered_delivery: 1, short_message: part }));
};

describe('the SMSC simulator', () => {
  it('gives the SMPP_URL to connect to and refuses a wrong password or a submit before binding', async () => {
    const smsc = await sim({ systemId: 'dangjian', password: 'secret', source: '10690123' });
    expect(smsc.url).toBe(`smpp://dangjian:secret@127.0.0.1:${smsc.port}?rate=1000&source=10690123&name=smsc`);
    expect(parseSmppUrls(smsc.url)[0]).toMatchObject({ host: '127.0.0.1', port: smsc.port, source: '10690123' });
    const bad = await client(smsc, 'bind_transceiver', 'wrong');
    expect(bad.bind.command_status).toBe(STATUS.RINVPASWD);
    const resp = await bad.request('submit_sm', submit('13900000001', '你好')[0]);
    expect(resp.command_status).toBe(STATUS.RINVBNDSTS);
    expect(smsc.received('13900000001')).toBe(0);
  });

  it('keeps each phone’s inbox with long messages put together, and counts exactly what arrived', async () => {
    const smsc = await sim();
    const { bind, request } = await client(smsc);
    expect(bind.command_status).toBe(0);
    const seen: string[] = [];
    smsc.on('message', (m) => seen.push(`${m.phone}:${m.parts}`));
    const long = '党员同志您好，'.repeat(25);
    const [p1, p2, p3] = submit('13900000002', long, 9);
    // Out of order, with one segment twice (a sender's retry): still one message, the repeat counted as a duplicate.
    for (const p of [p3, p1, p3, p2]) expect((await request('submit_sm', p)).command_status).toBe(0);
    expect(smsc.inbox('13900000002')).toMatchObject([{ text: long, parts: 3, from: '106900001' }]);
    expect(smsc.stats().duplicateSegments).toBe(1);
    // The same short message sent twice is two messages on the handset: exactly-once checks see it.
    for (let i = 0; i < 2; i++) await request('submit_sm', submit('13900000003', '会议通知')[0]);
    expect(smsc.received('13900000003')).toBe(2);
    expect(smsc.phones()).toEqual(['13900000002', '13900000003']);
    expect(seen).toEqual(['13900000002:3', '13900000003:1', '13900000003:1']);
  });

  it('refuses numbers no handset has and throttles above its rate', async () => {
    const smsc = await sim({ maxPerSecond: 5 });
    const { request } = await client(smsc);
    expect((await request('submit_sm', submit('1234', '你好')[0])).command_status).toBe(STATUS.RINVDSTADR);
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => request('submit_sm', submit(`1390000010${i}`, '你好')[0]).then((r) => r.command_status)));
    // The refused one counts towards the second's five.
    expect(statuses.filter((s) => s === 0)).toHaveLength(4);
    expect(statuses.filter((s) => s === STATUS.RTHROTTLED)).toHaveLength(6);
    expect(smsc.stats()).toMatchObject({ throttled: 6, refused: 1, accepted: 4 });
  });

  it('counts what each bind submitted, with the system_type it gave, and keeps a closed bind’s count (which client sent how much)', async () => {
    const smsc = await sim();
    const a = await client(smsc);
    const b = await client(smsc, 'bind_transmitter', 'secret', undefined, 'instance-b');
    const failed = await client(smsc, 'bind_transceiver', 'wrong');
    for (let i = 0; i < 3; i++) expect((await a.request('submit_sm', submit(`1390000020${i}`, '你好')[0])).command_status).toBe(0);
    expect((await a.request('submit_sm', submit('1234', '你好')[0])).command_status).toBe(STATUS.RINVDSTADR);
    expect((await b.request('submit_sm', submit('13900000210', '你好')[0])).command_status).toBe(0);
    expect((await failed.request('submit_sm', submit('13900000211', '你好')[0])).command_status).toBe(STATUS.RINVBNDSTS);
    const closed = new Promise<void>((resolve) => a.session.on('close', () => resolve()));
    a.session.destroy();
    await closed;
    await expect.poll(() => smsc.binds()[0]?.open).toBe(false);
    expect(smsc.binds()).toEqual([
      { id: 1, systemId: 'dangjian', systemType: '', bind: 'transceiver', open: false, submits: 4, accepted: 3 },
      { id: 2, systemId: 'dangjian', systemType: 'instance-b', bind: 'transmitter', open: true, submits: 1, accepted: 1 },
    ]);
  });

  it('writes receipts as text or as options, and holds them until a receiver binds', async () => {
    const smsc = await sim({ receiptStyle: 'text', idFormat: 'decimal' });
    const tx = await client(smsc, 'bind_transmitter');
    const queued = new Promise<void>((resolve) => smsc.on('queued', (q) => q.kind === 'receipt' && resolve()));
    const resp = await tx.request('submit_sm', submit('13900000004', '你好')[0]);
    await queued;
    expect(smsc.stats()).toMatchObject({ receiptsQueued: 1, receiptsSent: 0, pendingDeliveries: 1 });
    const receipt = await new Promise<PDU>((resolve) => {
      void client(smsc, 'bind_receiver', 'secret', (pdu, session) => {
        session.send(pdu.response());
        resolve(pdu);
      });
    });
    const text = (receipt.short_message as Buffer).toString('latin1');
    expect(text).toMatch(new RegExp(`^id:${resp.message_id} sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:$`));
    expect(receipt.esm_class).toBe(4);
    expect(receipt.source_addr).toBe('13900000004');
    expect(receipt.receipted_message_id).toBeUndefined();
    await smsc.idle();

    const tlv = await sim({ receiptStyle: 'tlv', failureRate: 1 });
    const c = await client(tlv);
    const r2 = new Promise<PDU>((resolve) => c.session.on('deliver_sm', (pdu: PDU) => (c.session.send(pdu.response()), resolve(pdu))));
    const resp2 = await c.request('submit_sm', submit('13900000005', '你好')[0]);
    const pdu = await r2;
    expect((pdu.short_message as Buffer).length).toBe(0);
    expect(pdu.receipted_message_id).toBe(resp2.message_id);
    expect([5, 8]).toContain(pdu.message_state);
    expect((pdu.network_error_code as Buffer).length).toBe(3);
  });

  it('sends a phone’s reply again, same id and same bytes, until the client acknowledges it', async () => {
    const smsc = await sim({ resendAfterMs: 30 });
    const { session } = await client(smsc);
    const got: PDU[] = [];
    session.on('deliver_sm', (pdu: PDU) => {
      got.push(pdu);
      // First: no answer at all; second: a temporary error; third: accepted.
      if (got.length === 2) session.send(pdu.response({ command_status: STATUS.RX_T_APPN }));
      if (got.length === 3) session.send(pdu.response());
    });
    const sent = await smsc.reply('13900000006', '106900001', '收到，谢谢');
    expect(got).toHaveLength(3);
    expect(new Set(got.map((p) => p.receipted_message_id))).toEqual(new Set(sent.ids));
    expect(got.every((p) => (p.short_message as Buffer).equals(got[0]!.short_message as Buffer))).toBe(true);
    expect(smsc.stats()).toMatchObject({ moAcked: 1, redeliveries: 2 });
  });

  it('hands what a dropped client left unacknowledged to the next one', async () => {
    const smsc = await sim({ resendAfterMs: 60_000 });
    const first = await client(smsc);
    const arrived = new Promise<PDU>((resolve) => first.session.on('deliver_sm', resolve));
    const replied = smsc.reply('13900000007', '106900001', '在吗');
    const original = await arrived;
    first.session.destroy();
    await client(smsc, 'bind_transceiver', 'secret', (pdu, session) => session.send(pdu.response()));
    const sent = await replied;
    expect(sent.ids).toEqual([original.receipted_message_id]);
  });

  it('plays many phones at once at a given pace, every message handed over exactly once', async () => {
    const smsc = await sim();
    const ch = createSmppChannel(parseSmppUrls(smsc.url), { responseTimeoutMs: 2000 });
    cleanup.push(() => ch.close());
    const parts: InboundPart[] = [];
    ch.onInbound(async (p) => void parts.push(p));
    await ch.start();
    const t0 = performance.now();
    const sent = await smsc.flood({ phones: 50, messagesPerPhone: 2, text: (phone, i) => `${phone}的第${i + 1}条回复`, ratePerSecond: 1000 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    expect(sent).toHaveLength(100);
    expect(parts).toHaveLength(100);
    expect(new Set(parts.map((p) => p.carrierId)).size).toBe(100);
    expect(parts.filter((p) => p.from === '13800000007').map((p) => p.text).sort()).toEqual(['13800000007的第1条回复', '13800000007的第2条回复']);
  });

  it('answers as a phone by its auto-reply rules', async () => {
    const smsc = await sim({ autoReply: [{ match: /请回复/, reply: (text, phone) => `${phone}收到：${text.slice(0, 4)}` }] });
    const ch = createSmppChannel(parseSmppUrls(smsc.url), { responseTimeoutMs: 2000 });
    cleanup.push(() => ch.close());
    const reply = new Promise<InboundPart>((resolve) => ch.onInbound(async (p) => resolve(p)));
    await ch.start();
    await ch.submit({ key: 'a', to: '13900000008', text: '明日开会，请回复' });
    expect(await reply).toMatchObject({ from: '13900000008', to: '106900001', text: '13900000008收到：明日开会' });
  });

  it('decides the same outcomes for the same seed and traffic', async () => {
    const outcomes = async () => {
      const smsc = await sim({ seed: 42, failureRate: 0.3, expiryRate: 0.2, receiptStyle: 'tlv' });
      const { session, request } = await client(smsc);
      const byId = new Map<string, number>();
      session.on('deliver_sm', (pdu: PDU) => {
        byId.set(String(pdu.receipted_message_id), Number(pdu.message_state));
        session.send(pdu.response());
      });
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push(String((await request('submit_sm', submit(`1370000000${i % 10}`, `第${i}条`)[0])).message_id));
      await smsc.idle();
      return ids.map((id) => byId.get(id));
    };
    const a = await outcomes();
    const b = await outcomes();
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([2, 3, 5, 8]));
  });

  it('never gives a message id twice, not even after a restart', async () => {
    const ids = async () => {
      const smsc = await sim();
      const { request } = await client(smsc, 'bind_transceiver', 'secret', (pdu, session) => session.send(pdu.response()));
      const out = [String((await request('submit_sm', submit('13900000009', '一')[0])).message_id)];
      out.push(...(await smsc.reply('13900000009', '106900001', '二')).ids);
      await smsc.close();
      return out;
    };
    const all = [...(await ids()), ...(await ids())];
    expect(new Set(all).size).toBe(4);
  });

  it('takes a raw client’s submits as fast as it sends them (the benchmark’s yardstick)', async () => {
    const smsc = await sim({ silentRate: 1, inboxSize: 1 });
    const r = await measureRawSubmit({ url: smsc.url, messages: 2000, window: 32 });
    expect(r).toMatchObject({ messages: 2000, accepted: 2000 });
    expect(r.perSecond).toBeGreaterThan(0);
    expect(smsc.stats().accepted).toBe(2000);
  });

  it('reads its command-line options and SMSC_* variables', () => {
    expect(optionsFrom(['--failure-rate', '0.05', '--receipt-delay', '200-3000', '--id-format', 'decimal'], { SMSC_PORT: '2775', SMSC_AUTO_REPLY: '会议=>收到;TD=>退订成功' })).toEqual({
      port: 2775,
      failureRate: 0.05,
      receiptDelayMs: [200, 3000],
      idFormat: 'decimal',
      autoReply: [
        { match: '会议', reply: '收到', delayMs: 500 },
        { match: 'TD', reply: '退订成功', delayMs: 500 },
      ],
    });
  });
});
