/**
 * The SMPP 3.4 carrier link (issue 9, item 2): the SmsChannel of channel.ts over the `smpp` package, to a
 * carrier or to the embedded simulator (server/src/smsc/). One link per carrier, each bound as a transceiver
 * (or a transmitter and a receiver), kept alive with enquire_link, rebound after a drop with exponential backoff
 * and jitter. Submits go through a window of in-flight submit_sm per link and a token bucket at the contracted
 * rate; ESME_RTHROTTLED and ESME_RMSGQFUL hold the link back and the refused segments are sent again (they were
 * not accepted, so this cannot double anything). A segment that got no answer is in doubt and is never sent
 * again by the channel: the result says so and the store decides. Receipts and incoming messages are
 * acknowledged only once the platform's handler has committed them.
 */
import { normalizeCarrierId, type DeliveryReceipt, type InboundPart, type LinkStatus, type OutboundSms, type SmsChannel, type SubmitResult } from './channel.js';
import { readReceipt } from './receipts.js';
import { decodeText, ESM_CLASS_UDHI, readUdh, splitSms } from './segments.js';
import { corkForTick, digits, ESM_INTERMEDIATE, ESM_RECEIPT, rawMessage, smpp, STATUS, statusName, TEMPORARY, type PDU } from './smpp-wire.js';
import { TokenBucket } from './token-bucket.js';
import type { Session } from 'smpp';

/** One carrier link, as SMPP_URL describes it. */
export interface SmppLinkConfig {
  /** Name in logs, receipts and status (`name=`; host:port when absent). */
  name: string;
  host: string;
  port: number;
  systemId: string;
  /** Never logged. */
  password: string;
  systemType: string;
  /** Contracted messages (segments) per second. */
  rate: number;
  /** Source address of submits (the service number). */
  source: string;
  /** In-flight submit_sm without a response, at most. */
  window: number;
  /** One transceiver session, or a transmitter and a receiver. */
  bind: 'trx' | 'txrx';
  /** Destination prefixes this link carries (its carrier's number ranges); empty: any number. */
  prefixes: string[];
}

const URL_OPTIONS = new Set(['rate', 'source', 'window', 'bind', 'name', 'prefixes', 'system_type']);

/**
 * The links of `SMPP_URL`: one or more `smpp://SYSTEM_ID:PASSWORD@HOST:PORT?rate=100&source=106900001&window=16&bind=trx&name=cmcc&prefixes=134,135`
 * separated by commas. Throws an Error naming the link and what is wrong; the password never appears in it.
 */
export function parseSmppUrls(value: string): SmppLinkConfig[] {
  const texts = value
    .split(/,(?=\s*[a-z][a-z0-9+.-]*:\/\/)/i)
    .map((s) => s.trim())
    .filter(Boolean);
  if (texts.length === 0) throw new Error('SMPP_URL is empty: give smpp://SYSTEM_ID:PASSWORD@HOST:PORT, several separated by commas');
  const links = texts.map((text, i) => parseOne(text, i + 1));
  const names = new Set<string>();
  for (const l of links) {
    if (names.has(l.name)) throw new Error(`SMPP_URL: two links are named "${l.name}"; give each its own name=`);
    names.add(l.name);
  }
  return links;
}

function parseOne(text: string, n: number): SmppLinkConfig {
  const where = `SMPP_URL link ${n}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${where} is not a URL; the form is smpp://SYSTEM_ID:PASSWORD@HOST:PORT?rate=…&source=…`);
  }
  if (url.protocol !== 'smpp:') throw new Error(`${where}: the scheme must be smpp:// (not ${url.protocol}//)`);
  const shown = `smpp://${url.username ? decodeURIComponent(url.username) + ':***@' : ''}${url.host}`;
  const here = `${where} (${shown})`;
  if (!url.hostname) throw new Error(`${here}: no host`);
  if (!url.username) throw new Error(`${here}: no system id; the form is smpp://SYSTEM_ID:PASSWORD@HOST:PORT`);
  if (!url.password) throw new Error(`${here}: no password; the form is smpp://SYSTEM_ID:PASSWORD@HOST:PORT`);
  const systemId = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (systemId.length > 15) throw new Error(`${here}: the system id has more than 15 characters (SMPP allows 15)`);
  if (password.length > 8) throw new Error(`${here}: the password has more than 8 characters (SMPP allows 8)`);
  if (url.pathname && url.pathname !== '/') throw new Error(`${here}: unexpected path "${url.pathname}"; options go after ?`);
  for (const key of url.searchParams.keys()) {
    if (!URL_OPTIONS.has(key)) throw new Error(`${here}: unknown option "${key}" (known: ${[...URL_OPTIONS].join(', ')})`);
  }
  const q = (k: string) => url.searchParams.get(k);
  const port = url.port ? Number(url.port) : 2775;
  const rateText = q('rate') ?? '100';
  const rate = Number(rateText);
  if (!/^\d+(\.\d+)?$/.test(rateText) || !(rate > 0)) throw new Error(`${here}: rate must be a positive number of messages per second, not "${rateText}"`);
  const windowText = q('window') ?? '16';
  const window = Number(windowText);
  if (!/^\d+$/.test(windowText) || window < 1 || window > 1000) throw new Error(`${here}: window must be a whole number from 1 to 1000, not "${windowText}"`);
  const source = q('source') ?? '';
  if (source && !/^\+?\d{1,20}$/.test(source)) throw new Error(`${here}: source must be the service number in digits, not "${source}"`);
  const bind = q('bind') ?? 'trx';
  if (bind !== 'trx' && bind !== 'txrx') throw new Error(`${here}: bind must be trx (one transceiver) or txrx (a transmitter and a receiver), not "${bind}"`);
  const prefixes = (q('prefixes') ?? '')
    .split(/[,;|\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of prefixes) if (!/^\d{1,11}$/.test(p)) throw new Error(`${here}: prefixes must be digits separated by commas, not "${p}"`);
  const name = q('name') ?? `${url.hostname}:${port}`;
  if (!/^[\w.:-]{1,40}$/.test(name)) throw new Error(`${here}: name may have letters, digits and . : _ - (at most 40), not "${name}"`);
  const systemType = q('system_type') ?? '';
  return { name, host: url.hostname.replace(/^\[|\]$/g, ''), port, systemId, password, systemType, rate, source: source.replace(/^\+/, ''), window, bind, prefixes };
}

/** What a link logs; pino's signature. */
export interface SmppLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SmppChannelOptions {
  /** enquire_link period on an idle-or-not link (default 30 s). */
  enquireLinkMs?: number;
  /** How long a bind, enquire_link or submit_sm waits for its response (default 10 s). */
  responseTimeoutMs?: number;
  /** Reconnect backoff: first delay and ceiling (defaults 1 s and 60 s), with ±50 % jitter. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** How long a submit waits for a bound link before it returns 'unbound' (default 10 s); also start()'s limit. */
  unboundWaitMs?: number;
  /** Hold-back after ESME_RTHROTTLED / ESME_RMSGQFUL: first and ceiling (defaults 500 ms and 30 s), doubling. */
  throttleMinMs?: number;
  throttleMaxMs?: number;
  /** How often one message's refused segments are sent again before the submit gives up (default 20). */
  throttleRetries?: number;
  /** Incoming PDUs awaiting their handler before the link stops reading (default 256). */
  maxUnacked?: number;
  logger?: SmppLogger;
  /** For jitter; Math.random by default. */
  random?: () => number;
}

const SILENT: SmppLogger = { info() {}, warn() {}, error() {} };

interface Job {
  msg: OutboundSms;
  parts: Buffer[];
  dataCoding: number;
  esmClass: number;
  link: Link | null;
  /** Carrier ids by segment index, once accepted. */
  ids: (string | undefined)[];
  accepted: number;
  /** Segment indexes still to send (refused ones come back here). */
  todo: number[];
  inFlight: number;
  /** Some segment went on the wire. */
  wrote: boolean;
  throttleRetries: number;
  /** A permanent or final failure, reported once the in-flight segments have their answers. */
  failure: Extract<SubmitResult, { ok: false }> | null;
  done: boolean;
  resolve: (r: SubmitResult) => void;
  waitTimer: NodeJS.Timeout | null;
}

interface Flight {
  job: Job;
  index: number;
  sentAt: number;
  session: Session;
}

function acceptedIds(job: Job): string[] {
  return job.ids.filter((id): id is string => id !== undefined);
}

function finish(job: Job, result: SubmitResult): void {
  if (job.done) return;
  job.done = true;
  job.todo = [];
  if (job.waitTimer) clearTimeout(job.waitTimer);
  job.resolve(result);
}

/** Resolves a job once nothing of it is in flight: ok when every segment was accepted, else its failure. */
function settle(job: Job): void {
  if (job.done || job.inFlight > 0) return;
  // A failure is retryable only when no segment of the message was accepted (sending it again doubles none).
  if (job.failure) finish(job, { ...job.failure, retryable: job.failure.retryable && job.accepted === 0, segmentIds: acceptedIds(job) });
  else if (job.accepted === job.parts.length) finish(job, { ok: true, link: job.link!.cfg.name, segmentIds: acceptedIds(job) });
}

/** First in, first out, with the head taken in constant time (a link may hold a whole broadcast). */
class JobQueue {
  private items: (Job | undefined)[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(j: Job): void {
    this.items.push(j);
  }
  unshift(j: Job): void {
    if (this.head > 0) this.items[--this.head] = j;
    else this.items.unshift(j);
  }
  peek(): Job | undefined {
    return this.items[this.head];
  }
  shift(): Job | undefined {
    if (this.head >= this.items.length) return undefined;
    const j = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return j;
  }
  /** Everything, emptying the queue. */
  drain(): Job[] {
    const out = this.items.slice(this.head) as Job[];
    this.items = [];
    this.head = 0;
    return out;
  }
}

class Link {
  state: LinkStatus['state'] = 'connecting';
  /** Jobs assigned to this link with segments still to send, in order. */
  queue = new JobQueue();
  readonly inflight = new Map<number, Flight>();
  private readonly bucket: TokenBucket;
  private throttledUntil = 0;
  private throttleBackoff = 0;
  private gen = 0;
  private attempts = 0;
  private tx: Session | null = null;
  private sessions: Session[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private pumpTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquirePending = new Map<Session, number>();
  private unacked = 0;
  private resumedAt = 0;
  private drained: (() => void) | null = null;
  submitted = 0;
  receipts = 0;
  inbound = 0;

  constructor(
    readonly cfg: SmppLinkConfig,
    private readonly ch: Channel,
  ) {
    this.bucket = new TokenBucket(cfg.rate);
  }

  get o() {
    return this.ch.o;
  }
  get log() {
    return this.ch.log;
  }

  status(): LinkStatus {
    return {
      name: this.cfg.name,
      state: this.state,
      inFlight: this.inflight.size,
      rate: this.cfg.rate,
      throttledUntil: this.throttledUntil > Date.now() ? new Date(this.throttledUntil) : null,
      submitted: this.submitted,
      receipts: this.receipts,
      inbound: this.inbound,
    };
  }

  /** Messages waiting and segments in flight: what the link chooser balances (cheap, roughly). */
  load(): number {
    return this.inflight.size + this.queue.length;
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.add(t);
  }

  connect(): void {
    if (this.state === 'closed') return;
    const gen = ++this.gen;
    this.state = 'connecting';
    const binds: [string, 'tx' | 'rx' | 'trx'][] = this.cfg.bind === 'trx' ? [['bind_transceiver', 'trx']] : [['bind_transmitter', 'tx'], ['bind_receiver', 'rx']];
    let bound = 0;
    const bindTimer = setTimeout(() => this.drop(gen, 'no bind response'), this.o.responseTimeoutMs);
    this.sessions = binds.map(([command, role]) => {
      const session = smpp.connect({ host: this.cfg.host, port: this.cfg.port });
      if (role !== 'rx') this.tx = session;
      session.on('error', (err: Error) => this.drop(gen, `socket error: ${err.message}`));
      session.on('close', () => this.drop(gen, 'connection closed'));
      session.on('pdu', (pdu: PDU) => this.onPdu(gen, session, pdu));
      session.on('connect', () => {
        if (gen !== this.gen) return;
        const pdu = new smpp.PDU(command, { system_id: this.cfg.systemId, password: this.cfg.password, system_type: this.cfg.systemType, interface_version: 0x34 });
        session.send(pdu, (resp: PDU) => {
          if (gen !== this.gen) return;
          if (resp.command_status !== STATUS.OK) {
            clearTimeout(bindTimer);
            this.log.error({ link: this.cfg.name, systemId: this.cfg.systemId, status: statusName(resp.command_status) }, 'SMPP bind refused');
            this.drop(gen, `bind refused: ${statusName(resp.command_status)}`);
            return;
          }
          if (++bound < binds.length) return;
          clearTimeout(bindTimer);
          this.onBound(gen);
        });
      });
      return session;
    });
  }

  private onBound(gen: number): void {
    this.state = 'bound';
    this.attempts = 0;
    this.log.info({ link: this.cfg.name, host: this.cfg.host, port: this.cfg.port, bind: this.cfg.bind }, 'SMPP link bound');
    this.every(this.o.enquireLinkMs, () => this.enquire(gen));
    this.every(Math.max(5, Math.min(1000, this.o.responseTimeoutMs / 4)), () => this.sweep(gen));
    this.ch.linkBound(this);
    this.pump();
  }

  /** Sends enquire_link on every session; one still unanswered past the response timeout drops the link. */
  private enquire(gen: number): void {
    if (gen !== this.gen) return;
    for (const s of this.sessions) {
      if (this.enquirePending.has(s)) continue;
      this.enquirePending.set(s, Date.now());
      s.send(new smpp.PDU('enquire_link'), () => this.enquirePending.delete(s));
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.checkEnquire(gen);
    }, this.o.responseTimeoutMs + 1);
    t.unref();
    this.timers.add(t);
  }

  private checkEnquire(gen: number): void {
    if (gen !== this.gen) return;
    const now = Date.now();
    for (const [s, since] of this.enquirePending) {
      if (s.paused || now - Math.max(since, this.resumedAt) <= this.o.responseTimeoutMs) continue;
      return this.drop(gen, 'no enquire_link_resp');
    }
  }

  /** Segments without an answer past the timeout are in doubt: their message fails 'timeout' and is never resent here. */
  private sweep(gen: number): void {
    if (gen !== this.gen || this.tx?.paused) return;
    const now = Date.now();
    for (const [seq, f] of this.inflight) {
      if (now - Math.max(f.sentAt, this.resumedAt) < this.o.responseTimeoutMs) break;
      this.inflight.delete(seq);
      const callbacks = (f.session as unknown as { _callbacks?: Record<number, unknown> })._callbacks;
      if (callbacks) delete callbacks[seq];
      this.inDoubt(f.job, `no submit_sm_resp within ${this.o.responseTimeoutMs} ms: the segment may have reached the carrier and is not sent again`);
    }
    this.checkDrained();
    this.pump();
  }

  private inDoubt(job: Job, reason: string): void {
    job.inFlight--;
    this.log.warn({ link: this.cfg.name, key: job.msg.key }, reason);
    finish(job, { ok: false, link: this.cfg.name, segmentIds: acceptedIds(job), retryable: false, code: 'timeout', reason });
  }

  /** Loses the connection (once per generation): in-flight segments are in doubt, unsent messages go elsewhere, reconnects later. */
  drop(gen: number, reason: string): void {
    if (gen !== this.gen) return;
    this.gen++;
    this.teardown();
    for (const f of this.inflight.values()) this.inDoubt(f.job, `the link dropped (${reason}) before the carrier answered: the segment may have reached it and is not sent again`);
    this.inflight.clear();
    this.checkDrained();
    if (this.state === 'closed') return;
    this.log.warn({ link: this.cfg.name, reason }, 'SMPP link down');
    const left = this.queue.drain().filter((j) => !j.done);
    const moving = left.filter((j) => !j.wrote);
    for (const j of left) if (j.wrote) this.queue.push(j);
    this.state = 'backoff';
    const base = Math.min(this.o.reconnectMaxMs, this.o.reconnectMinMs * 2 ** Math.min(this.attempts++, 30));
    const delay = Math.round(base * (0.5 + this.o.random() * 0.5));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
    for (const j of moving) this.ch.assign(j);
  }

  private teardown(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
    this.enquirePending.clear();
    for (const s of this.sessions) {
      s.removeAllListeners('pdu');
      s.on('error', () => {});
      s.destroy();
    }
    this.sessions = [];
    this.tx = null;
    this.unacked = 0;
  }

  private schedulePump(ms: number): void {
    if (this.pumpTimer) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = null;
      this.pump();
    }, ms);
  }

  /** Sends what the window, the bucket and any hold-back allow. */
  pump(): void {
    if (this.state !== 'bound' || !this.tx || this.pumpTimer) return;
    const wait = this.throttledUntil - Date.now();
    if (wait > 0) return this.schedulePump(wait);
    const session = this.tx;
    while (this.inflight.size < this.cfg.window) {
      let job = this.queue.peek();
      while (job && (job.done || job.todo.length === 0)) {
        this.queue.shift();
        job = this.queue.peek();
      }
      if (!job) return;
      if (!this.bucket.take()) return this.schedulePump(Math.max(1, this.bucket.wait()));
      corkForTick(session.socket); // the window's submits leave together, at the end of this tick
      const index = job.todo.shift()!;
      if (!this.sendSegment(session, job, index)) {
        job.todo.unshift(index);
        return this.drop(this.gen, 'socket not writable');
      }
    }
  }

  private sendSegment(session: Session, job: Job, index: number): boolean {
    const pdu = new smpp.PDU('submit_sm', {
      source_addr_ton: 0,
      source_addr_npi: 0,
      source_addr: job.msg.from ?? this.cfg.source + (job.msg.ext ?? ''),
      dest_addr_ton: 0,
      dest_addr_npi: 1,
      destination_addr: job.msg.to,
      esm_class: job.esmClass,
      registered_delivery: 1,
      data_coding: job.dataCoding,
      short_message: job.parts[index],
    });
    const ok = session.send(pdu, (resp: PDU) => this.onSubmitResp(resp));
    if (!ok) return false;
    job.wrote = true;
    job.inFlight++;
    this.inflight.set(pdu.sequence_number, { job, index, sentAt: Date.now(), session });
    return true;
  }

  private onSubmitResp(resp: PDU): void {
    const f = this.inflight.get(resp.sequence_number);
    if (!f) return; // answered after its timeout: already reported in doubt
    this.inflight.delete(resp.sequence_number);
    const { job, index } = f;
    job.inFlight--;
    const status = resp.command === 'generic_nack' && resp.command_status === 0 ? STATUS.RSYSERR : resp.command_status;
    if (status === STATUS.OK) {
      job.ids[index] = normalizeCarrierId(String(resp.message_id ?? ''));
      job.accepted++;
      this.submitted++;
      this.throttleBackoff = 0;
    } else if ((status === STATUS.RTHROTTLED || status === STATUS.RMSGQFUL) && !job.done && !job.failure) {
      this.holdBack();
      if (this.state === 'closed') {
        job.todo = [];
        job.failure = { ok: false, link: this.cfg.name, segmentIds: [], retryable: true, code: 'link_closed', reason: 'the channel closed while the carrier held it back' };
      } else if (++job.throttleRetries > this.o.throttleRetries) {
        job.todo = [];
        job.failure = { ok: false, link: this.cfg.name, segmentIds: [], retryable: true, code: statusName(status), status, reason: `the carrier kept refusing (${statusName(status)}) after ${this.o.throttleRetries} tries` };
      } else {
        // Not accepted, so sending it again cannot double it.
        job.todo.unshift(index);
        if (this.queue.peek() !== job) this.queue.unshift(job);
      }
    } else if (!job.done && !job.failure) {
      job.todo = [];
      const name = statusName(status);
      job.failure = {
        ok: false,
        link: this.cfg.name,
        segmentIds: [],
        retryable: TEMPORARY.has(status),
        code: name,
        status,
        reason: resp.command === 'generic_nack' ? `the carrier did not understand the submit (generic_nack ${name})` : `the carrier refused segment ${index + 1} of ${job.parts.length}: ${name}`,
      };
    }
    settle(job);
    this.checkDrained();
    this.pump();
  }

  private holdBack(): void {
    this.throttleBackoff = this.throttleBackoff ? Math.min(this.o.throttleMaxMs, this.throttleBackoff * 2) : this.o.throttleMinMs;
    this.throttledUntil = Math.max(this.throttledUntil, Date.now() + this.throttleBackoff);
  }

  private onPdu(gen: number, session: Session, pdu: PDU): void {
    if (gen !== this.gen) return;
    if (pdu.isResponse()) {
      if (pdu.command === 'generic_nack' && !this.inflight.has(pdu.sequence_number)) this.log.warn({ link: this.cfg.name, status: statusName(pdu.command_status) }, 'SMPP generic_nack');
      return; // the package hands responses to their callbacks
    }
    switch (pdu.command) {
      case 'enquire_link':
        session.send(pdu.response());
        return;
      case 'unbind':
        this.log.warn({ link: this.cfg.name }, 'SMPP carrier unbinds');
        session.send(pdu.response(), () => this.drop(gen, 'the carrier unbound'));
        return;
      case 'deliver_sm':
        this.onDeliver(gen, session, pdu);
        return;
      case 'alert_notification':
        return;
      default:
        session.send(pdu.response({ command_status: smpp.errors.ESME_RINVCMDID }));
    }
  }

  private onDeliver(gen: number, session: Session, pdu: PDU): void {
    if (++this.unacked >= this.o.maxUnacked && !session.paused) session.pause();
    const esm = Number(pdu.esm_class ?? 0);
    const raw = rawMessage(pdu);
    const isReceipt = (esm & (ESM_RECEIPT | ESM_INTERMEDIATE)) !== 0 || typeof pdu.message_state === 'number';
    let work: () => Promise<void>;
    let counted: 'receipts' | 'inbound';
    if (isReceipt) {
      counted = 'receipts';
      const r = readReceipt({ text: raw.toString('latin1'), receiptedMessageId: pdu.receipted_message_id, messageState: pdu.message_state, networkErrorCode: pdu.network_error_code });
      const handler = this.ch.receiptHandler;
      if (!r) {
        this.log.warn({ link: this.cfg.name }, 'SMPP receipt without a message id or state, acknowledged and ignored');
        work = async () => {};
      } else if (!handler) work = () => Promise.reject(new Error('no receipt handler'));
      else {
        const receipt: DeliveryReceipt = { link: this.cfg.name, ...r, phone: digits(pdu.source_addr) };
        work = () => handler(receipt);
      }
    } else {
      counted = 'inbound';
      const { concat, body } = (esm & ESM_CLASS_UDHI) !== 0 ? readUdh(raw) : { concat: null, body: raw };
      const id = typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id.trim() ? normalizeCarrierId(pdu.receipted_message_id) : null;
      const part: InboundPart = {
        link: this.cfg.name,
        from: digits(pdu.source_addr),
        to: digits(pdu.destination_addr),
        ext: extensionOf(digits(pdu.destination_addr), this.cfg.source),
        text: decodeText(body, Number(pdu.data_coding ?? 0)),
        concat: concat && concat.total > 1 ? concat : null,
        carrierId: id,
        receivedAt: new Date(),
      };
      const handler = this.ch.inboundHandler;
      work = handler ? () => handler(part) : () => Promise.reject(new Error('no inbound handler'));
    }
    Promise.resolve()
      .then(work)
      .then(
        () => {
          this[counted]++;
          return STATUS.OK;
        },
        (err: unknown) => {
          this.log.warn({ link: this.cfg.name, err: err instanceof Error ? err.message : String(err) }, `SMPP ${counted === 'receipts' ? 'receipt' : 'incoming message'} not committed; answered ESME_RX_T_APPN for a retry`);
          return STATUS.RX_T_APPN;
        },
      )
      .then((status) => {
        if (gen !== this.gen) return; // that connection is gone; the carrier delivers again
        corkForTick(session.socket); // a committed batch's responses leave together
        session.send(pdu.response(status ? { command_status: status } : {}));
        this.unacked--;
        if (session.paused && this.unacked <= this.o.maxUnacked / 2) {
          this.resumedAt = Date.now();
          session.resume();
        }
      });
  }

  private checkDrained(): void {
    if (this.drained && this.inflight.size === 0) {
      this.drained();
      this.drained = null;
    }
  }

  /** Waits for the answers of what is in flight (bounded), reports what cannot be sent, unbinds. */
  async close(): Promise<void> {
    const wasBound = this.state === 'bound';
    this.state = 'closed';
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
    for (const job of this.queue.drain()) this.ch.closed(job);
    if (this.inflight.size > 0 && wasBound) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.o.responseTimeoutMs);
        this.drained = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    // From here the sessions' own close events are not a drop: one closing must not cut the other's unbind short.
    const gen = ++this.gen;
    if (wasBound) {
      await Promise.all(
        this.sessions.map(
          (s) =>
            new Promise<void>((resolve) => {
              const t = setTimeout(resolve, Math.min(1000, this.o.responseTimeoutMs));
              const done = () => {
                clearTimeout(t);
                resolve();
              };
              if (!s.send(new smpp.PDU('unbind'), done)) done();
            }),
        ),
      );
    }
    this.drop(gen, 'closed');
  }
}

class Channel implements SmsChannel {
  readonly links: Link[];
  readonly o: Required<Omit<SmppChannelOptions, 'logger'>>;
  readonly log: SmppLogger;
  receiptHandler: ((r: DeliveryReceipt) => Promise<void>) | null = null;
  inboundHandler: ((p: InboundPart) => Promise<void>) | null = null;
  private waiting: Job[] = [];
  private refs = new Map<string, number>();
  private isClosed = false;
  private started = false;
  private firstBound: (() => void) | null = null;

  constructor(configs: SmppLinkConfig[], opts: SmppChannelOptions) {
    if (configs.length === 0) throw new Error('an SMPP channel needs at least one link');
    this.o = {
      enquireLinkMs: opts.enquireLinkMs ?? 30_000,
      responseTimeoutMs: opts.responseTimeoutMs ?? 10_000,
      reconnectMinMs: opts.reconnectMinMs ?? 1000,
      reconnectMaxMs: opts.reconnectMaxMs ?? 60_000,
      unboundWaitMs: opts.unboundWaitMs ?? 10_000,
      throttleMinMs: opts.throttleMinMs ?? 500,
      throttleMaxMs: opts.throttleMaxMs ?? 30_000,
      throttleRetries: opts.throttleRetries ?? 20,
      maxUnacked: opts.maxUnacked ?? 256,
      random: opts.random ?? Math.random,
    };
    this.log = opts.logger ?? SILENT;
    this.links = configs.map((c) => new Link(c, this));
  }

  start(): Promise<void> {
    if (this.started || this.isClosed) return Promise.resolve();
    this.started = true;
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, this.o.unboundWaitMs);
      this.firstBound = () => {
        clearTimeout(t);
        resolve();
      };
      for (const l of this.links) l.connect();
    });
  }

  /** The links that may carry a number: those whose prefixes match it, else those without prefixes, else all. */
  private route(to: string): Link[] {
    const matching = this.links.filter((l) => l.cfg.prefixes.some((p) => to.startsWith(p)));
    if (matching.length) return matching;
    const open = this.links.filter((l) => l.cfg.prefixes.length === 0);
    return open.length ? open : this.links;
  }

  assign(job: Job): void {
    if (job.done) return;
    if (this.isClosed) return this.closed(job);
    let best: Link | null = null;
    for (const l of this.route(job.msg.to)) if (l.state === 'bound' && (!best || l.load() < best.load())) best = l;
    if (best) {
      job.link = best;
      best.queue.push(job);
      best.pump();
      return;
    }
    this.waiting.push(job);
    if (!job.waitTimer)
      job.waitTimer = setTimeout(() => {
        this.waiting = this.waiting.filter((j) => j !== job);
        finish(job, { ok: false, link: null, segmentIds: [], retryable: true, code: 'unbound', reason: `no carrier link was bound within ${this.o.unboundWaitMs} ms` });
      }, this.o.unboundWaitMs);
  }

  linkBound(link: Link): void {
    this.firstBound?.();
    this.firstBound = null;
    const mine = this.waiting.filter((j) => this.route(j.msg.to).includes(link));
    this.waiting = this.waiting.filter((j) => !mine.includes(j));
    for (const j of mine) {
      if (j.waitTimer) clearTimeout(j.waitTimer);
      j.waitTimer = null;
      this.assign(j);
    }
  }

  /** A message the closing channel will not send: retryable when nothing of it went out. */
  closed(job: Job): void {
    const name = job.link?.cfg.name ?? null;
    if (job.inFlight > 0) {
      job.todo = [];
      job.failure ??= { ok: false, link: name, segmentIds: [], retryable: false, code: 'link_closed', reason: 'the channel closed in the middle of a long message' };
      return;
    }
    finish(
      job,
      job.wrote
        ? { ok: false, link: name, segmentIds: acceptedIds(job), retryable: false, code: 'link_closed', reason: 'the channel closed in the middle of a long message; the segments listed were sent' }
        : { ok: false, link: name, segmentIds: [], retryable: true, code: 'link_closed', reason: 'the channel closed before the message was sent' },
    );
  }

  private nextRef(to: string): number {
    const ref = ((this.refs.get(to) ?? Math.floor(this.o.random() * 256)) + 1) & 0xff;
    this.refs.delete(to);
    this.refs.set(to, ref);
    if (this.refs.size > 100_000) this.refs.delete(this.refs.keys().next().value!);
    return ref;
  }

  submit(msg: OutboundSms): Promise<SubmitResult> {
    const to = digits(msg.to);
    if (this.isClosed) return Promise.resolve({ ok: false, link: null, segmentIds: [], retryable: true, code: 'link_closed', reason: 'the channel is closed' });
    if (!to) return Promise.resolve({ ok: false, link: null, segmentIds: [], retryable: false, code: 'ESME_RINVDSTADR', status: STATUS.RINVDSTADR, reason: 'no destination number' });
    let split;
    try {
      split = splitSms(msg.text, this.nextRef(to));
    } catch (err) {
      return Promise.resolve({ ok: false, link: null, segmentIds: [], retryable: false, code: 'ESME_RINVMSGLEN', status: STATUS.RINVMSGLEN, reason: err instanceof Error ? err.message : String(err) });
    }
    return new Promise<SubmitResult>((resolve) => {
      this.assign({
        msg: { ...msg, to },
        parts: split.parts,
        dataCoding: split.dataCoding,
        esmClass: split.esmClass,
        link: null,
        ids: [],
        accepted: 0,
        todo: split.parts.map((_, i) => i),
        inFlight: 0,
        wrote: false,
        throttleRetries: 0,
        failure: null,
        done: false,
        resolve,
        waitTimer: null,
      });
    });
  }

  onReceipt(handler: (r: DeliveryReceipt) => Promise<void>): void {
    this.receiptHandler = handler;
  }

  onInbound(handler: (p: InboundPart) => Promise<void>): void {
    this.inboundHandler = handler;
  }

  status(): LinkStatus[] {
    return this.links.map((l) => l.status());
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.firstBound?.();
    for (const j of this.waiting) this.closed(j);
    this.waiting = [];
    await Promise.all(this.links.map((l) => l.close()));
  }
}

/** The channel over the given links (none is connected until start()). */
export function createSmppChannel(links: SmppLinkConfig[], opts: SmppChannelOptions = {}): SmsChannel {
  return new Channel(links, opts);
}

/** The extension a number carries after our source number: `106900001234` to `10690000` is `1234`; none is null. */
export function extensionOf(to: string, source: string): string | null {
  const src = source.replace(/\D/g, '');
  return src && to.length > src.length && to.startsWith(src) ? to.slice(src.length) : null;
}
