/**
 * The SMPP carrier link against the simulator, over real sockets: what reaches the handset is the text that was
 * sent, every segment gets its receipt whatever the carrier's id style, throttling and dropped links lose and
 * double nothing, a segment in doubt is never sent again, and incoming messages are acknowledged only once
 * committed. Timings are small options; the tests wait on results and events, never on sleeps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSmsc, type Smsc, type SmscOptions } from '../../smsc/smsc.js';
import { carrierIdCandidates, type DeliveryReceipt, type InboundPart } from './channel.js';
import { parseReceiptText, readReceipt, receiptState } from './receipts.js';
import { splitSms } from './segments.js';
import { createSmppChannel, parseSmppUrls, type SmppChannelOptions } from './smpp-channel.js';

const FAST: SmppChannelOptions = { responseTimeoutMs: 2000, reconnectMinMs: 5, reconnectMaxMs: 50, unboundWaitMs: 3000, throttleMinMs: 5, throttleMaxMs: 40, enquireLinkMs: 1000, random: () => 0.5 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function rig(smscOpts: SmscOptions = {}, chOpts: SmppChannelOptions = {}, urlTail = '') {
  const smsc = await createSmsc({ receiptDelayMs: 1, seed: 7, ...smscOpts });
  const ch = createSmppChannel(parseSmppUrls(smsc.url + urlTail), { ...FAST, ...chOpts });
  cleanup.push(() => smsc.close());
  cleanup.push(() => ch.close());
  const receipts: DeliveryReceipt[] = [];
  const inbound: InboundPart[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  ch.onReceipt(async (r) => {
    receipts.push(r);
    notify();
  });
  ch.onInbound(async (p) => {
    inbound.push(p);
    notify();
  });
  /** Resolves once `cond` holds, checked after every receipt or incoming part. */
  const until = (cond: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (cond() ? resolve() : waiters.push(check));
      check();
    });
  await ch.start();
  return { smsc, ch, receipts, inbound, until };
}

const nextBind = (smsc: Smsc) => new Promise<void>((resolve) => smsc.on('bind', () => resolve()));

describe('parseSmppUrls', () => {
  it('reads several links, one per carrier, with their options and defaults', () => {
    const links = parseSmppUrls(
      'smpp://cmcc01:pa%40ss@10.0.0.1:7890?rate=200&source=106900001&window=32&bind=txrx&name=cmcc&prefixes=134,135,136,smpp://unicom:pw@smsc.example.cn?name=cu&prefixes=130;131',
    );
    expect(links).toEqual([
      { name: 'cmcc', host: '10.0.0.1', port: 7890, systemId: 'cmcc01', password: 'pa@ss', systemType: '', rate: 200, source: '106900001', window: 32, bind: 'txrx', prefixes: ['134', '135', '136'] },
      { name: 'cu', host: 'smsc.example.cn', port: 2775, systemId: 'unicom', password: 'pw', systemType: '', rate: 100, source: '', window: 16, bind: 'trx', prefixes: ['130', '131'] },
    ]);
  });

  it.each([
    ['', /empty/],
    ['http://a:b@host:1', /scheme must be smpp/],
    ['smpp://host:2775', /no system id/],
    ['smpp://sys@host:2775', /no password/],
    ['smpp://sys:secretpw@host:2775?speed=3', /unknown option "speed"/],
    ['smpp://sys:secretpw@host:2775?rate=0', /rate must be a positive number/],
    ['smpp://sys:secretpw@host:2775?rate=fast', /rate must be a positive number/],
    ['smpp://sys:secretpw@host:2775?window=0', /window must be a whole number/],
    ['smpp://sys:secretpw@host:2775?bind=rx', /bind must be trx/],
    ['smpp://sys:secretpw@host:2775?prefixes=13x', /prefixes must be digits/],
    ['smpp://sys:secretpw@host:2775?source=abc', /source must be the service number/],
    ['smpp://sys:toolongpassword@host:2775', /more than 8 characters/],
    ['smpp://sys:secretpw@host:1,smpp://sys:secretpw@host:1', /two links are named/],
    ['smpp://sys:secretpw@host:99999', /not a URL/],
  ])('refuses %j with a clear message that never shows the password', (value, message) => {
    let error: Error | null = null;
    try {
      parseSmppUrls(value);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toMatch(/secretpw|toolongpassword/);
  });
});

describe('receipts', () => {
  const stats: [string, number, string][] = [
    ['DELIVRD', 2, 'delivered'],
    ['EXPIRED', 3, 'expired'],
    ['DELETED', 4, 'deleted'],
    ['UNDELIV', 5, 'undeliverable'],
    ['ACCEPTD', 6, 'accepted'],
    ['UNKNOWN', 7, 'unknown'],
    ['REJECTD', 8, 'rejected'],
    ['ENROUTE', 1, 'enroute'],
  ];

  it.each(stats)('maps %s in the text and message_state %i in the options to %s', (stat, state, expected) => {
    const text = `id:0012345678 sub:001 dlvrd:000 submit date:2611301015 done date:2611301016 stat:${stat} err:024 text:党员`;
    expect(readReceipt({ text })).toEqual({ carrierId: '12345678', state: expected, stat, error: '024', doneAt: new Date('2026-11-30T02:16:00Z') });
    expect(readReceipt({ text: '', receiptedMessageId: 'ABCDEF01', messageState: state, networkErrorCode: Buffer.from([3, 0, 24]) })).toEqual({
      carrierId: 'abcdef01',
      state: expected,
      stat,
      error: '024',
    });
  });

  it('keeps a carrier’s own stat word as the reason and counts it as not delivered', () => {
    expect(receiptState('DELIVERED')).toBe('delivered');
    expect(receiptState('MK:0005')).toBe('undeliverable');
    expect(readReceipt({ text: 'id:9 stat:MK:0005 err:5' })).toMatchObject({ state: 'undeliverable', stat: 'MK:0005', error: '5' });
    expect(parseReceiptText('no receipt here')).toEqual({});
    expect(readReceipt({ text: 'hello' })).toBeNull();
  });
});

describe('the SMPP channel with the simulator', () => {
  it.each([
    ['Chinese', '【浙江组工】请各支部书记于本周五前上报主题党日活动开展情况。'],
    ['mixed', 'Meeting 会议 at 15:00，地点：3号楼 Room 201 (bring ID)'],
    ['emoji', '收到👍🇨🇳😀，谢谢！'],
    ['GSM 7-bit', 'Hello {world} ~ [ok] € 100 @home'],
    ['long Chinese', '党员同志您好，'.repeat(40) + '完'],
    ['long emoji', '👍😀🇨🇳'.repeat(30)],
  ])('delivers %s text to the handset exactly as written, with a receipt for every segment', async (_, text) => {
    const { smsc, ch, receipts, until } = await rig();
    const result = await ch.submit({ key: 'm1', to: '13900000001', text });
    const parts = splitSms(text, 0).parts.length;
    expect(result).toMatchObject({ ok: true, link: 'smsc' });
    expect(result.segmentIds).toHaveLength(parts);
    expect(smsc.inbox('13900000001')).toMatchObject([{ text, parts, ids: result.segmentIds, from: '106900001' }]);
    expect(smsc.received('13900000001')).toBe(1);
    await until(() => receipts.length === parts);
    expect(receipts.map((r) => r.carrierId).sort()).toEqual([...result.segmentIds].sort());
    expect(receipts.every((r) => r.state === 'delivered' && r.phone === '13900000001' && r.link === 'smsc')).toBe(true);
  });

  it.each([
    ['hex', 'text'],
    ['decimal', 'tlv'],
    ['hex-submit-decimal-receipt', 'both'],
    ['hex-submit-decimal-receipt', 'text'],
  ] as const)('matches receipts with %s ids in %s form to the submitted segments', async (idFormat, receiptStyle) => {
    const { ch, receipts, until } = await rig({ idFormat, receiptStyle });
    const result = await ch.submit({ key: 'm1', to: '13900000002', text: '党'.repeat(150) });
    expect(result.ok && result.segmentIds.length).toBe(3);
    await until(() => receipts.length === 3);
    for (const r of receipts) {
      const matches = result.segmentIds.filter((id) => carrierIdCandidates(r.carrierId).includes(id));
      expect(matches).toHaveLength(1);
    }
    if (idFormat === 'hex-submit-decimal-receipt') expect(receipts.some((r) => result.segmentIds.includes(r.carrierId))).toBe(false);
  });

  it('keeps the carrier’s reason for failed and expired messages', async () => {
    const failing = await rig({ failureRate: 1 });
    const r1 = await failing.ch.submit({ key: 'f', to: '13900000003', text: '失败测试' });
    expect(r1.ok).toBe(true);
    await failing.until(() => failing.receipts.length === 1);
    expect(['undeliverable', 'rejected']).toContain(failing.receipts[0]!.state);
    expect(failing.receipts[0]!.error).toMatch(/^\d{3}$/);
    expect(failing.receipts[0]!.error).not.toBe('000');

    const expiring = await rig({ expiryRate: 1, receiptStyle: 'text' });
    await expiring.ch.submit({ key: 'e', to: '13900000004', text: '过期测试' });
    await expiring.until(() => expiring.receipts.length === 1);
    expect(expiring.receipts[0]).toMatchObject({ state: 'expired', stat: 'EXPIRED' });
  });

  it('returns a refused number as a permanent failure with the carrier’s status', async () => {
    const { ch, smsc } = await rig();
    const r = await ch.submit({ key: 'bad', to: '12345', text: '你好' });
    expect(r).toMatchObject({ ok: false, retryable: false, code: 'ESME_RINVDSTADR', status: 0x0b, segmentIds: [] });
    expect(smsc.stats().refused).toBe(1);
  });

  it('backs off when throttled and still delivers every message exactly once', async () => {
    const { ch, smsc, receipts, until } = await rig({ throttleRate: 0.3, maxPerSecond: 200, silentRate: 0 }, { throttleRetries: 1000 });
    const phones = Array.from({ length: 120 }, (_, i) => String(13700000000 + i));
    const results = await Promise.all(phones.map((to, i) => ch.submit({ key: `t${i}`, to, text: i % 3 === 0 ? '长'.repeat(100) : `第${i}条通知` })));
    expect(results.every((r) => r.ok)).toBe(true);
    for (const p of phones) expect(smsc.received(p)).toBe(1);
    const s = smsc.stats();
    expect(s.throttled).toBeGreaterThan(0);
    expect(s.duplicateSegments).toBe(0);
    const segments = results.reduce((n, r) => n + r.segmentIds.length, 0);
    expect(s.accepted).toBe(segments);
    await until(() => receipts.length === segments);
  });

  it('gives up on a message the carrier keeps throttling, retryable when nothing of it was accepted', async () => {
    const { ch } = await rig({ throttleRate: 1 }, { throttleRetries: 3 });
    const r = await ch.submit({ key: 'x', to: '13900000005', text: '限流' });
    expect(r).toMatchObject({ ok: false, retryable: true, code: 'ESME_RTHROTTLED', status: 0x58, segmentIds: [] });
  });

  it('rebinds after the simulator drops the link and goes on sending', async () => {
    const { ch, smsc } = await rig();
    expect((await ch.submit({ key: 'a', to: '13900000006', text: '第一条' })).ok).toBe(true);
    const rebound = nextBind(smsc);
    smsc.dropConnections();
    await rebound;
    const r = await ch.submit({ key: 'b', to: '13900000006', text: '第二条' });
    expect(r.ok).toBe(true);
    expect(smsc.inbox('13900000006').map((m) => m.text)).toEqual(['第一条', '第二条']);
    expect(smsc.stats().binds).toBe(2);
  });

  it('rebinds after the simulator unbinds', async () => {
    const { ch, smsc } = await rig();
    const rebound = nextBind(smsc);
    smsc.unbindAll();
    await rebound;
    expect((await ch.submit({ key: 'a', to: '13900000016', text: '解绑后' })).ok).toBe(true);
  });

  it('binds as a transmitter and a receiver with bind=txrx', async () => {
    const { ch, smsc, receipts, until } = await rig({}, {}, '&bind=txrx');
    const r = await ch.submit({ key: 'a', to: '13900000026', text: '双通道' });
    expect(r.ok).toBe(true);
    await until(() => receipts.length === 1);
    expect(smsc.stats().binds).toBe(2);
  });

  it('reports a segment without an answer as in doubt and never sends it again', async () => {
    const { ch, smsc } = await rig({ unansweredRate: 1 }, { responseTimeoutMs: 150 });
    const r = await ch.submit({ key: 'doubt', to: '13900000007', text: '这一条不会有应答' });
    expect(r).toMatchObject({ ok: false, retryable: false, code: 'timeout', segmentIds: [] });
    smsc.configure({ unansweredRate: 0 });
    expect((await ch.submit({ key: 'next', to: '13900000008', text: '下一条' })).ok).toBe(true);
    expect(smsc.stats().submits).toBe(2);
    expect(smsc.received('13900000007')).toBe(1);
  });

  it('reports a message whose link dropped mid-flight as in doubt, and sends later ones after the rebind', async () => {
    const { ch, smsc } = await rig({ unansweredRate: 1 });
    const pending = ch.submit({ key: 'd', to: '13900000009', text: '掉线' });
    await new Promise<void>((resolve) => smsc.on('segment', () => resolve()));
    const rebound = nextBind(smsc);
    smsc.dropConnections();
    expect(await pending).toMatchObject({ ok: false, retryable: false, code: 'timeout' });
    await rebound;
    smsc.configure({ unansweredRate: 0 });
    expect((await ch.submit({ key: 'e', to: '13900000010', text: '重连后' })).ok).toBe(true);
    expect(smsc.received('13900000009')).toBe(1);
  });

  it('waits a bounded time when no link is bound, then says unbound and retryable', async () => {
    const smsc = await createSmsc();
    const url = smsc.url;
    await smsc.close();
    const ch = createSmppChannel(parseSmppUrls(url), { ...FAST, unboundWaitMs: 100 });
    cleanup.push(() => ch.close());
    await ch.start();
    expect(ch.status()[0]!.state).not.toBe('bound');
    expect(await ch.submit({ key: 'u', to: '13900000011', text: '无连接' })).toMatchObject({ ok: false, link: null, retryable: true, code: 'unbound' });
  });

  it('routes each number to the link of its carrier by prefix', async () => {
    const a = await createSmsc({ receiptDelayMs: 1 });
    const b = await createSmsc({ receiptDelayMs: 1 });
    cleanup.push(() => a.close(), () => b.close());
    const ch = createSmppChannel(parseSmppUrls(`${a.url.replace('name=smsc', 'name=cmcc')}&prefixes=134,135,${b.url.replace('name=smsc', 'name=cu')}&prefixes=130,131`), FAST);
    cleanup.push(() => ch.close());
    await ch.start();
    const r1 = await ch.submit({ key: '1', to: '13400000000', text: '移动' });
    const r2 = await ch.submit({ key: '2', to: '13000000000', text: '联通' });
    expect([r1.link, r2.link]).toEqual(['cmcc', 'cu']);
    expect([a.received('13400000000'), b.received('13000000000'), a.received('13000000000')]).toEqual([1, 1, 0]);
  });

  it('hands incoming long messages over part by part, each with its own carrier id', async () => {
    const { smsc, inbound, until } = await rig();
    const text = '书记您好，关于本月组织生活会的安排我有几点意见：' + '一是时间，'.repeat(20) + '完。😀';
    const sent = await smsc.reply('13900000012', '106900001', text);
    await until(() => inbound.length === sent.ids.length);
    expect(sent.ids.length).toBeGreaterThan(1);
    expect(inbound.map((p) => p.carrierId)).toEqual(sent.ids);
    expect(inbound.every((p) => p.from === '13900000012' && p.to === '106900001' && p.concat?.total === sent.ids.length)).toBe(true);
    const bySeq = [...inbound].sort((x, y) => x.concat!.seq - y.concat!.seq);
    expect(bySeq.map((p) => p.text).join('')).toBe(text);
  });

  it('answers a failed commit with ESME_RX_T_APPN, and the simulator delivers the same part again', async () => {
    const smsc = await createSmsc({ resendAfterMs: 50 });
    const ch = createSmppChannel(parseSmppUrls(smsc.url), FAST);
    cleanup.push(() => smsc.close(), () => ch.close());
    const seen: InboundPart[] = [];
    const failed = new Set<string>();
    ch.onInbound(async (p) => {
      seen.push(p);
      if (!failed.has(p.carrierId!)) {
        failed.add(p.carrierId!);
        throw new Error('database unavailable');
      }
    });
    await ch.start();
    const sent = await smsc.reply('13900000013', '106900001', '回复一');
    expect(seen.map((p) => [p.carrierId, p.text])).toEqual([
      [sent.ids[0], '回复一'],
      [sent.ids[0], '回复一'],
    ]);
    expect(smsc.stats()).toMatchObject({ moAcked: 1, redeliveries: 1 });
    expect(ch.status()[0]!.inbound).toBe(1);
  });

  it('stops reading while too many incoming messages wait for their commit', async () => {
    const smsc = await createSmsc({ deliverWindow: 32 });
    const ch = createSmppChannel(parseSmppUrls(smsc.url), { ...FAST, maxUnacked: 4 });
    cleanup.push(() => smsc.close(), () => ch.close());
    let open = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    ch.onInbound(async () => {
      most = Math.max(most, ++open);
      await new Promise<void>((resolve) => {
        gates.push(resolve);
        if (gates.length === 4) gates.splice(0).forEach((g) => g());
      });
      open--;
    });
    await ch.start();
    await smsc.flood({ phones: 20, text: '收到' });
    expect(most).toBe(4);
    expect(smsc.stats().moAcked).toBe(20);
  });

  it('resolves what it has not sent as link_closed and retryable when closed', async () => {
    const { ch } = await rig({ unansweredRate: 1 }, { responseTimeoutMs: 100 }, '&window=1');
    const first = ch.submit({ key: '1', to: '13900000014', text: '一' });
    const second = ch.submit({ key: '2', to: '13900000015', text: '二' });
    await ch.close();
    expect(await first).toMatchObject({ ok: false, code: 'timeout', retryable: false });
    expect(await second).toMatchObject({ ok: false, code: 'link_closed', retryable: true });
    expect(ch.status()[0]!.state).toBe('closed');
    expect(await ch.submit({ key: '3', to: '13900000015', text: '三' })).toMatchObject({ ok: false, code: 'link_closed', retryable: true });
  });
});
