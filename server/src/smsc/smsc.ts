/**
 * The SMSC simulator and its virtual phones (issue 9, item 3). It speaks real SMPP 3.4 on 127.0.0.1 through the
 * `smpp` package, so the platform's carrier link (platform/sms/smpp-channel.ts) runs the same code against it as
 * against a carrier. Every phone keeps an inbox (long messages put back together) and exact receive counts,
 * so tests can check that a message arrived exactly once. Receipts come after a configurable delay, with
 * configurable failure, expiry, silence and throttling; receipts and phones' messages wait while no client is
 * bound and are sent again, same id and same bytes, when the client refuses them or does not answer.
 *
 * Not a feature module: it imports only platform/sms (segments and the wire helpers).
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Session } from 'smpp';
import { formatReceiptDate } from '../platform/sms/receipts.js';
import { decodeText, ESM_CLASS_UDHI, readUdh, splitSms } from '../platform/sms/segments.js';
import { corkForTick, digits, rawMessage, smpp, STATUS, type PDU } from '../platform/sms/smpp-wire.js';

export type IdFormat = 'hex' | 'decimal' | 'hex-submit-decimal-receipt';
export type ReceiptStyle = 'text' | 'tlv' | 'both';

export interface AutoReplyRule {
  /** Text a phone receives that triggers the reply (a substring, or a pattern). */
  match: string | RegExp;
  /** What the phone answers. */
  reply: string | ((received: string, phone: string) => string);
  /** After this long (default 0). */
  delayMs?: number;
}

export interface SmscOptions {
  /** Port on 127.0.0.1; 0 (default) takes a free one. */
  port?: number;
  host?: string;
  systemId?: string;
  password?: string;
  /** Service number written into `url` (source=). */
  source?: string;
  /** rate= written into `url` (default 1000). */
  rate?: number;
  /** Receipt after this long, or uniformly between [min, max] (default [20, 200] ms). */
  receiptDelayMs?: number | [number, number];
  /** Share of segments that fail: UNDELIV or REJECTD with an err code. */
  failureRate?: number;
  /** Share of segments that expire (EXPIRED). */
  expiryRate?: number;
  /** Share of segments that never get a receipt. */
  silentRate?: number;
  /** Share of submit_sm answered ESME_RTHROTTLED. */
  throttleRate?: number;
  /** More submit_sm than this in one second are answered ESME_RTHROTTLED. */
  maxPerSecond?: number;
  /** Share of submit_sm accepted (the phone receives it) but never answered: the in-doubt case. */
  unansweredRate?: number;
  idFormat?: IdFormat;
  receiptStyle?: ReceiptStyle;
  /** PRNG seed: the same seed and the same traffic give the same outcomes. */
  seed?: number;
  /** A deliver_sm without an answer this long is sent again (default 2000 ms). */
  resendAfterMs?: number;
  /** deliver_sm in flight to one client at most (default 32). */
  deliverWindow?: number;
  /** Numbers a handset exists for; others are refused ESME_RINVDSTADR (default: mainland mobiles 1[3-9]xxxxxxxxx). */
  validNumber?: (phone: string) => boolean;
  autoReply?: AutoReplyRule[];
  /**
   * Tests: a status to refuse a segment with instead of accepting it (undefined accepts). `seq` is the
   * segment's place in its long message (1 for a short one).
   */
  refuse?: (segment: { phone: string; seq: number; total: number }) => number | undefined;
  /** First message id (default from the clock, unique across restarts). */
  idStart?: number;
  /** Tests: leave enquire_link unanswered (a link that went dead without closing). */
  ignoreEnquireLink?: boolean;
  /** Messages kept in each inbox, newest (default 200); counts stay exact. */
  inboxSize?: number;
}

export interface InboxMessage {
  /** The phone. */
  phone: string;
  /** Who sent it (source_addr). */
  from: string;
  text: string;
  /** Segments it came in. */
  parts: number;
  /** Message ids the simulator gave its segments (as in submit_sm_resp). */
  ids: string[];
  at: Date;
}

export interface SentReply {
  from: string;
  to: string;
  text: string;
  /** The MO id of each part (receipted_message_id). */
  ids: string[];
}

export interface SmscStats {
  binds: number;
  bound: number;
  submits: number;
  accepted: number;
  throttled: number;
  refused: number;
  unanswered: number;
  /** Segments received twice (same sender, reference and sequence): a sender's duplicate. */
  duplicateSegments: number;
  receiptsQueued: number;
  receiptsSent: number;
  receiptsAcked: number;
  moSent: number;
  moAcked: number;
  /** deliver_sm sent again after an error or no answer. */
  redeliveries: number;
  pendingDeliveries: number;
}

/** One bind (an SMPP session) of a client, as `binds()` reports it: open or since closed. */
export interface BindStats {
  /** 1, 2, … in the order the binds were accepted. */
  id: number;
  systemId: string;
  /** The system_type the client gave when binding (an SMPP_URL's system_type=; a test names an instance by it). */
  systemType: string;
  bind: 'transceiver' | 'transmitter' | 'receiver';
  /** Still connected. */
  open: boolean;
  /** submit_sm received on this bind, and of them accepted (the phone got the segment). */
  submits: number;
  accepted: number;
}

export interface FloodOptions {
  /** The phones, or how many (13800000000 onwards). */
  phones: string[] | number;
  messagesPerPhone?: number;
  text: string | ((phone: string, i: number) => string);
  /** The service number they write to (default the simulator's source). */
  to?: string;
  /** Parts per second handed to the client (default unpaced). */
  ratePerSecond?: number;
}

export interface Smsc {
  /** The SMPP_URL that connects to this simulator. */
  readonly url: string;
  readonly port: number;
  /** A phone's messages, oldest first. */
  inbox(phone: string): InboxMessage[];
  /** Phones that received anything. */
  phones(): string[];
  /** Whole messages a phone received (tests check "exactly once"). */
  received(phone: string): number;
  stats(): SmscStats;
  /**
   * Every bind so far, in order, with what was submitted on it: which client sent how much (tests of several
   * instances sharing one broadcast: each instance has its own binds). Closed binds stay listed.
   */
  binds(): BindStats[];
  /** The phone `from` writes `text` to the service number `to`; resolves once the client acknowledged every part. */
  reply(from: string, to: string, text: string): Promise<SentReply>;
  /** Many phones write at once; resolves when the client acknowledged everything. */
  flood(opts: FloodOptions): Promise<SentReply[]>;
  /** Changes rates and delays while running. */
  configure(opts: Partial<Omit<SmscOptions, 'port' | 'host' | 'systemId' | 'password' | 'seed'>>): void;
  /** Cuts every client connection (the client should rebind). */
  dropConnections(): void;
  /** Asks every client to unbind (an SMSC going down for maintenance). */
  unbindAll(): void;
  /** Resolves when no receipt or phone message waits to be acknowledged. */
  idle(): Promise<void>;
  on(event: 'message', listener: (m: InboxMessage) => void): this;
  on(event: 'segment', listener: (s: { phone: string; from: string; id: string }) => void): this;
  on(event: 'bind' | 'unbind', listener: (systemId: string) => void): this;
  on(event: 'idle', listener: () => void): this;
  /** A receipt or a phone's message waits for a client to take it. */
  on(event: 'queued', listener: (q: { kind: 'receipt' | 'mo'; pending: number }) => void): this;
  off(event: 'message', listener: (m: InboxMessage) => void): this;
  off(event: 'segment', listener: (s: { phone: string; from: string; id: string }) => void): this;
  off(event: 'bind' | 'unbind', listener: (systemId: string) => void): this;
  off(event: 'idle', listener: () => void): this;
  off(event: 'queued', listener: (q: { kind: 'receipt' | 'mo'; pending: number }) => void): this;
  close(): Promise<void>;
}

/** The highest id any simulator of this process gave, so that one started in the same millisecond goes on from it. */
let highestId = 0;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Error codes a failed receipt carries (err:), as carriers send them. */
const FAILURE_ERRORS = ['001', '006', '013', '024', '101'];

/** A deliver_sm waiting to be acknowledged by a client: the same fields each time it is sent. */
interface Delivery {
  fields: Record<string, unknown>;
  attempts: number;
  onAck?: () => void;
}

interface ClientSession {
  session: Session;
  systemId: string;
  canReceive: boolean;
  canSubmit: boolean;
  inFlight: Map<number, { d: Delivery; sentAt: number }>;
  /** Set once bound. */
  stats?: BindStats;
}

class Simulator extends EventEmitter implements Smsc {
  url = '';
  port = 0;
  private o: Required<Omit<SmscOptions, 'autoReply' | 'maxPerSecond' | 'refuse' | 'idStart'>> & { autoReply: AutoReplyRule[]; maxPerSecond: number; refuse?: SmscOptions['refuse'] };
  private rand: () => number;
  private server: ReturnType<typeof smpp.createServer>;
  private clients = new Set<ClientSession>();
  private bindLog: BindStats[] = [];
  private boxes = new Map<string, InboxMessage[]>();
  private counts = new Map<string, number>();
  private partial = new Map<string, { parts: Map<number, string>; ids: Map<number, string>; total: number }>();
  private nextId: number;
  private moRef = new Map<string, number>();
  private ready: Delivery[] = [];
  private head = 0;
  private retry: Delivery[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private sweepTimer: NodeJS.Timeout;
  private second = { at: 0, count: 0 };
  private s: SmscStats = {
    binds: 0, bound: 0, submits: 0, accepted: 0, throttled: 0, refused: 0, unanswered: 0, duplicateSegments: 0,
    receiptsQueued: 0, receiptsSent: 0, receiptsAcked: 0, moSent: 0, moAcked: 0, redeliveries: 0, pendingDeliveries: 0,
  };
  private closed = false;

  constructor(opts: SmscOptions) {
    super();
    this.setMaxListeners(100);
    this.o = {
      port: opts.port ?? 0,
      host: opts.host ?? '127.0.0.1',
      systemId: opts.systemId ?? 'dangjian',
      password: opts.password ?? 'secret',
      source: opts.source ?? '106900001',
      rate: opts.rate ?? 1000,
      receiptDelayMs: opts.receiptDelayMs ?? [20, 200],
      failureRate: opts.failureRate ?? 0,
      expiryRate: opts.expiryRate ?? 0,
      silentRate: opts.silentRate ?? 0,
      throttleRate: opts.throttleRate ?? 0,
      maxPerSecond: opts.maxPerSecond ?? 0,
      unansweredRate: opts.unansweredRate ?? 0,
      idFormat: opts.idFormat ?? 'hex',
      receiptStyle: opts.receiptStyle ?? 'both',
      seed: opts.seed ?? 1,
      resendAfterMs: opts.resendAfterMs ?? 2000,
      deliverWindow: opts.deliverWindow ?? 32,
      validNumber: opts.validNumber ?? ((p: string) => /^1[3-9]\d{9}$/.test(p)),
      autoReply: opts.autoReply ?? [],
      inboxSize: opts.inboxSize ?? 200,
      refuse: opts.refuse,
      ignoreEnquireLink: opts.ignoreEnquireLink ?? false,
    };
    this.rand = prng(this.o.seed);
    // Ids come from the clock (a thousand a millisecond), so a restarted simulator never gives an id again: the
    // platform drops an incoming part whose id it already has, and matches receipts by id. Hex and decimal
    // spellings of them differ in length and letters.
    this.nextId = opts.idStart ?? Math.max((Date.now() - 1_700_000_000_000) * 1000, highestId + 1);
    this.server = smpp.createServer((session: Session) => this.accept(session));
    this.sweepTimer = setInterval(() => this.sweep(), Math.max(5, Math.min(250, this.o.resendAfterMs / 4)));
    this.sweepTimer.unref();
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    const u = encodeURIComponent;
    this.url = `smpp://${u(this.o.systemId)}:${u(this.o.password)}@${this.o.host}:${this.port}?rate=${this.o.rate}&source=${this.o.source}&name=smsc`;
  }

  configure(opts: Partial<SmscOptions>): void {
    for (const [k, v] of Object.entries(opts)) if (v !== undefined) (this.o as Record<string, unknown>)[k] = v;
  }

  // ---- the client side: binds, submits ----

  private accept(session: Session): void {
    const c: ClientSession = { session, systemId: '', canReceive: false, canSubmit: false, inFlight: new Map() };
    this.clients.add(c);
    session.on('error', () => session.destroy());
    session.on('close', () => {
      this.clients.delete(c);
      if (c.stats) c.stats.open = false;
      if (c.canReceive || c.canSubmit) {
        this.s.bound--;
        this.emit('unbind', c.systemId);
      }
      // What it had not acknowledged goes to the next client, same id, same bytes.
      for (const { d } of c.inFlight.values()) this.requeue(d);
      c.inFlight.clear();
      c.canReceive = c.canSubmit = false;
      this.pumpAll();
    });
    session.on('pdu', (pdu: PDU) => this.onPdu(c, pdu));
  }

  private onPdu(c: ClientSession, pdu: PDU): void {
    const { session } = c;
    if (pdu.isResponse()) {
      if (pdu.command === 'deliver_sm_resp' || pdu.command === 'generic_nack') this.onDeliverResp(c, pdu);
      return;
    }
    switch (pdu.command) {
      case 'bind_transceiver':
      case 'bind_transmitter':
      case 'bind_receiver': {
        if (c.canReceive || c.canSubmit) return void session.send(pdu.response({ command_status: STATUS.RALYBND }));
        if (pdu.system_id !== this.o.systemId) return void session.send(pdu.response({ command_status: STATUS.RINVSYSID }));
        if (pdu.password !== this.o.password) return void session.send(pdu.response({ command_status: STATUS.RINVPASWD }));
        c.systemId = String(pdu.system_id);
        c.canSubmit = pdu.command !== 'bind_receiver';
        c.canReceive = pdu.command !== 'bind_transmitter';
        this.s.binds++;
        this.s.bound++;
        c.stats = { id: this.bindLog.length + 1, systemId: c.systemId, systemType: String(pdu.system_type ?? ''), bind: pdu.command === 'bind_transceiver' ? 'transceiver' : c.canSubmit ? 'transmitter' : 'receiver', open: true, submits: 0, accepted: 0 };
        this.bindLog.push(c.stats);
        session.send(pdu.response({ system_id: 'DJSMSC' }));
        this.emit('bind', c.systemId);
        this.pumpAll();
        return;
      }
      case 'enquire_link':
        if (!this.o.ignoreEnquireLink) session.send(pdu.response());
        return;
      case 'unbind':
        return void session.send(pdu.response(), () => session.close());
      case 'submit_sm':
        return this.onSubmit(c, pdu);
      default:
        return void session.send(pdu.response({ command_status: smpp.errors.ESME_RINVCMDID }));
    }
  }

  private takeId(): number {
    const n = this.nextId++;
    if (n > highestId) highestId = n;
    return n;
  }

  private formatId(n: number, use: 'submit' | 'receipt'): string {
    if (this.o.idFormat === 'decimal') return String(n);
    if (this.o.idFormat === 'hex') return n.toString(16);
    return use === 'submit' ? n.toString(16) : String(n);
  }

  private onSubmit(c: ClientSession, pdu: PDU): void {
    const { session } = c;
    corkForTick(session.socket); // the responses to a window of submits leave together
    this.s.submits++;
    if (!c.canSubmit) return void session.send(pdu.response({ command_status: STATUS.RINVBNDSTS }));
    c.stats!.submits++;
    const now = Date.now();
    if (now - this.second.at >= 1000) this.second = { at: now, count: 0 };
    if ((this.o.maxPerSecond > 0 && this.second.count >= this.o.maxPerSecond) || this.rand() < this.o.throttleRate) {
      this.s.throttled++;
      return void session.send(pdu.response({ command_status: STATUS.RTHROTTLED }));
    }
    this.second.count++;
    const phone = digits(pdu.destination_addr);
    if (!this.o.validNumber(phone)) {
      this.s.refused++;
      return void session.send(pdu.response({ command_status: STATUS.RINVDSTADR }));
    }
    if (this.o.refuse) {
      const raw = rawMessage(pdu);
      const concat = (Number(pdu.esm_class ?? 0) & ESM_CLASS_UDHI) !== 0 ? readUdh(raw).concat : null;
      const status = this.o.refuse({ phone, seq: concat?.seq ?? 1, total: concat?.total ?? 1 });
      if (status) {
        this.s.refused++;
        return void session.send(pdu.response({ command_status: status }));
      }
    }
    const n = this.takeId();
    const from = digits(pdu.source_addr);
    this.s.accepted++;
    c.stats!.accepted++;
    this.store(phone, from, pdu, this.formatId(n, 'submit'));
    if (this.rand() < this.o.unansweredRate) this.s.unanswered++;
    else session.send(pdu.response({ message_id: this.formatId(n, 'submit') }));
    if (Number(pdu.registered_delivery ?? 0) & 1) this.scheduleReceipt(n, phone, from);
  }

  /** Puts a segment in the phone's inbox, reassembling long messages; a repeated segment only counts as a duplicate. */
  private store(phone: string, from: string, pdu: PDU, id: string): void {
    const raw = rawMessage(pdu);
    const esm = Number(pdu.esm_class ?? 0);
    const { concat, body } = (esm & ESM_CLASS_UDHI) !== 0 ? readUdh(raw) : { concat: null, body: raw };
    const text = decodeText(body, Number(pdu.data_coding ?? 0));
    this.emit('segment', { phone, from, id });
    if (!concat || concat.total <= 1) return this.deliverToPhone({ phone, from, text, parts: 1, ids: [id], at: new Date() });
    const key = `${phone}|${from}|${concat.ref}|${concat.total}`;
    const entry = this.partial.get(key) ?? { parts: new Map<number, string>(), ids: new Map<number, string>(), total: concat.total };
    if (entry.parts.has(concat.seq)) {
      this.s.duplicateSegments++;
      return;
    }
    entry.parts.set(concat.seq, text);
    entry.ids.set(concat.seq, id);
    this.partial.set(key, entry);
    if (entry.parts.size < entry.total) return;
    // A segment sent again after this counts as a new message, as on a handset: "exactly once" tests see it.
    this.partial.delete(key);
    const seqs = Array.from({ length: entry.total }, (_, i) => i + 1);
    this.deliverToPhone({ phone, from, text: seqs.map((s) => entry.parts.get(s)).join(''), parts: entry.total, ids: seqs.map((s) => entry.ids.get(s)!), at: new Date() });
  }

  private deliverToPhone(m: InboxMessage): void {
    const box = this.boxes.get(m.phone) ?? [];
    box.push(m);
    if (box.length > this.o.inboxSize) box.shift();
    this.boxes.set(m.phone, box);
    this.counts.set(m.phone, (this.counts.get(m.phone) ?? 0) + 1);
    this.emit('message', m);
    for (const rule of this.o.autoReply) {
      const hit = typeof rule.match === 'string' ? m.text.includes(rule.match) : rule.match.test(m.text);
      if (!hit) continue;
      const text = typeof rule.reply === 'string' ? rule.reply : rule.reply(m.text, m.phone);
      this.later(rule.delayMs ?? 0, () => void this.reply(m.phone, m.from, text).catch(() => {}));
      break;
    }
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
      this.checkIdle();
    }, ms);
    this.timers.add(t);
  }

  private scheduleReceipt(n: number, phone: string, from: string): void {
    const r = this.rand();
    if (r < this.o.silentRate) return;
    const d = this.o.receiptDelayMs;
    const delay = typeof d === 'number' ? d : d[0] + Math.floor(this.rand() * (d[1] - d[0] + 1));
    let stat = 'DELIVRD';
    let state = 2;
    let err = '000';
    const r2 = this.rand();
    if (r2 < this.o.failureRate) {
      const rejected = this.rand() < 0.3;
      stat = rejected ? 'REJECTD' : 'UNDELIV';
      state = rejected ? 8 : 5;
      err = FAILURE_ERRORS[Math.floor(this.rand() * FAILURE_ERRORS.length)]!;
    } else if (r2 < this.o.failureRate + this.o.expiryRate) {
      stat = 'EXPIRED';
      state = 3;
      err = '000';
    }
    const submitted = new Date();
    this.s.receiptsQueued++;
    this.later(delay, () => this.enqueue({ fields: this.receiptFields(n, phone, from, stat, state, err, submitted), attempts: 0 }));
  }

  /** The deliver_sm of a receipt, in the configured style. */
  private receiptFields(n: number, phone: string, from: string, stat: string, state: number, err: string, submitted: Date): Record<string, unknown> {
    const id = this.formatId(n, 'receipt');
    const fields: Record<string, unknown> = {
      source_addr_ton: 0,
      source_addr_npi: 1,
      source_addr: phone,
      dest_addr_ton: 0,
      dest_addr_npi: 0,
      destination_addr: from,
      esm_class: 0x04,
      data_coding: 0,
    };
    const delivered = stat === 'DELIVRD' ? '001' : '000';
    const text = `id:${id} sub:001 dlvrd:${delivered} submit date:${formatReceiptDate(submitted).slice(0, 10)} done date:${formatReceiptDate(new Date()).slice(0, 10)} stat:${stat} err:${err} text:`;
    fields.short_message = this.o.receiptStyle === 'tlv' ? Buffer.alloc(0) : Buffer.from(text, 'latin1');
    if (this.o.receiptStyle !== 'text') {
      fields.receipted_message_id = id;
      fields.message_state = state;
      if (err !== '000') fields.network_error_code = Buffer.from([3, 0, Number(err)]);
    }
    return fields;
  }

  // ---- the phones' side: receipts and mobile-originated messages, delivered until acknowledged ----

  reply(from: string, to: string, text: string): Promise<SentReply> {
    if (this.closed) return Promise.reject(new Error('the simulator is closed'));
    const phone = digits(from);
    const ref = ((this.moRef.get(phone) ?? Math.floor(this.rand() * 256)) + 1) & 0xff;
    this.moRef.set(phone, ref);
    const split = splitSms(text, ref);
    const ids = split.parts.map(() => this.formatId(this.takeId(), 'submit'));
    let left = split.parts.length;
    return new Promise<SentReply>((resolve) => {
      split.parts.forEach((part, i) => {
        this.enqueue({
          fields: {
            source_addr_ton: 0,
            source_addr_npi: 1,
            source_addr: phone,
            dest_addr_ton: 0,
            dest_addr_npi: 0,
            destination_addr: to,
            esm_class: split.esmClass,
            data_coding: split.dataCoding,
            short_message: part,
            receipted_message_id: ids[i],
          },
          attempts: 0,
          onAck: () => {
            if (--left === 0) resolve({ from: phone, to, text, ids });
          },
        });
      });
    });
  }

  flood(opts: FloodOptions): Promise<SentReply[]> {
    const phones = typeof opts.phones === 'number' ? Array.from({ length: opts.phones }, (_, i) => String(13800000000 + i)) : opts.phones;
    const per = opts.messagesPerPhone ?? 1;
    const to = opts.to ?? this.o.source;
    const jobs: { phone: string; text: string }[] = [];
    for (let i = 0; i < per; i++) for (const phone of phones) jobs.push({ phone, text: typeof opts.text === 'string' ? opts.text : opts.text(phone, i) });
    const rate = opts.ratePerSecond;
    if (!rate) return Promise.all(jobs.map((j) => this.reply(j.phone, to, j.text)));
    // Paced: every 10 ms, as many as the rate allows since the start.
    return new Promise<SentReply[]>((resolve, reject) => {
      const out: Promise<SentReply>[] = [];
      const start = Date.now();
      const tick = () => {
        const due = Math.min(jobs.length, Math.floor(((Date.now() - start) * rate) / 1000) + 1);
        while (out.length < due) {
          const j = jobs[out.length]!;
          out.push(this.reply(j.phone, to, j.text));
        }
        if (out.length < jobs.length && !this.closed) this.later(10, tick);
        else Promise.all(out).then(resolve, reject);
      };
      tick();
    });
  }

  private enqueue(d: Delivery): void {
    this.ready.push(d);
    this.s.pendingDeliveries++;
    this.emit('queued', { kind: d.fields.esm_class === 0x04 ? 'receipt' : 'mo', pending: this.s.pendingDeliveries });
    this.pumpAll();
  }

  /** Sent again before anything new. */
  private requeue(d: Delivery): void {
    this.retry.push(d);
  }

  private receivers(): ClientSession[] {
    const out: ClientSession[] = [];
    for (const c of this.clients) if (c.canReceive && c.session.socket.writable && c.inFlight.size < this.o.deliverWindow) out.push(c);
    return out;
  }

  private nextDelivery(): Delivery | undefined {
    if (this.retry.length) return this.retry.shift();
    if (this.head >= this.ready.length) return undefined;
    const d = this.ready[this.head++]!;
    if (this.head > 4096 && this.head * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    return d;
  }

  private pumpAll(): void {
    if (this.closed) return;
    for (const c of this.receivers()) {
      while (c.inFlight.size < this.o.deliverWindow) {
        const d = this.nextDelivery();
        if (!d) return;
        this.send(c, d);
      }
    }
  }

  private send(c: ClientSession, d: Delivery): void {
    d.attempts++;
    if (d.attempts > 1) this.s.redeliveries++;
    const pdu = new smpp.PDU('deliver_sm', { ...d.fields });
    corkForTick(c.session.socket);
    if (!c.session.send(pdu)) {
      d.attempts--;
      return this.requeue(d);
    }
    c.inFlight.set(pdu.sequence_number, { d, sentAt: Date.now() });
    if (d.fields.esm_class === 0x04) this.s.receiptsSent++;
    else this.s.moSent++;
  }

  private onDeliverResp(c: ClientSession, pdu: PDU): void {
    const f = c.inFlight.get(pdu.sequence_number);
    if (!f) return;
    c.inFlight.delete(pdu.sequence_number);
    if (pdu.command_status !== STATUS.OK || pdu.command === 'generic_nack') {
      // Refused (ESME_RX_T_APPN …): the same PDU again after a while.
      this.later(Math.min(this.o.resendAfterMs, 100), () => {
        this.requeue(f.d);
        this.pumpAll();
      });
      this.pumpAll();
      return;
    }
    this.s.pendingDeliveries--;
    if (f.d.fields.esm_class === 0x04) this.s.receiptsAcked++;
    else this.s.moAcked++;
    f.d.onAck?.();
    this.checkIdle();
    this.pumpAll();
  }

  /** deliver_sm unanswered past resendAfterMs go again (to whichever client is bound). */
  private sweep(): void {
    const now = Date.now();
    for (const c of this.clients) {
      for (const [seq, f] of c.inFlight) {
        if (now - f.sentAt < this.o.resendAfterMs) continue;
        c.inFlight.delete(seq);
        this.requeue(f.d);
      }
    }
    this.pumpAll();
  }

  private checkIdle(): void {
    if (this.s.pendingDeliveries === 0 && this.timers.size === 0) this.emit('idle');
  }

  idle(): Promise<void> {
    if (this.s.pendingDeliveries === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.once('idle', () => resolve()));
  }

  inbox(phone: string): InboxMessage[] {
    return [...(this.boxes.get(digits(phone)) ?? [])];
  }

  phones(): string[] {
    return [...this.boxes.keys()].sort();
  }

  received(phone: string): number {
    return this.counts.get(digits(phone)) ?? 0;
  }

  stats(): SmscStats {
    return { ...this.s };
  }

  binds(): BindStats[] {
    return this.bindLog.map((b) => ({ ...b }));
  }

  dropConnections(): void {
    for (const c of this.clients) c.session.destroy();
  }

  unbindAll(): void {
    for (const c of this.clients) if (c.canReceive || c.canSubmit) c.session.send(new smpp.PDU('unbind'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweepTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.clients) c.session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Starts a simulator listening on 127.0.0.1 (port 0: a free one); `url` is the SMPP_URL to give the platform. */
export async function createSmsc(opts: SmscOptions = {}): Promise<Smsc> {
  const s = new Simulator(opts);
  await s.listen();
  return s;
}
