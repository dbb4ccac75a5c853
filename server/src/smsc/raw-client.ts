/**
 * The yardstick of the SMS benchmark (issue 9, item 9): a bare `smpp` client submitting to an SMSC as fast as a
 * window of in-flight submit_sm allows, with nothing stored and no rate limit, so the platform's own throughput
 * can be reported next to it, measured in the same run on the same machine.
 */
import { digits, smpp, STATUS, type PDU } from '../platform/sms/smpp-wire.js';
import { splitSms } from '../platform/sms/segments.js';

export interface RawSubmitResult {
  messages: number;
  accepted: number;
  ms: number;
  perSecond: number;
}

/** Binds as a transceiver to `url` (an SMPP_URL of one link), submits `messages` single-segment texts, unbinds. */
export async function measureRawSubmit(opts: { url: string; messages: number; window?: number; text?: string }): Promise<RawSubmitResult> {
  const u = new URL(opts.url);
  const window = opts.window ?? 64;
  const part = splitSms(opts.text ?? '【浙江组工】请按时参加支部主题党日活动。', 0);
  const session = smpp.connect({ host: u.hostname, port: Number(u.port) });
  await new Promise<void>((resolve, reject) => {
    session.on('error', reject);
    session.on('connect', () =>
      session.send(new smpp.PDU('bind_transceiver', { system_id: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }), (r: PDU) =>
        r.command_status === STATUS.OK ? resolve() : reject(new Error(`bind refused (${r.command_status})`)),
      ),
    );
  });
  // Receipts and anything else the SMSC sends are acknowledged at once.
  session.on('deliver_sm', (pdu: PDU) => session.send(pdu.response()));
  const source = digits(u.searchParams.get('source') ?? '106900001');
  const start = performance.now();
  let sent = 0;
  let answered = 0;
  let accepted = 0;
  await new Promise<void>((resolve) => {
    const pump = () => {
      session.socket.cork();
      while (sent < opts.messages && sent - answered < window) {
        const to = String(13000000000 + (sent % 1_000_000));
        sent++;
        session.send(
          new smpp.PDU('submit_sm', { source_addr: source, destination_addr: to, data_coding: part.dataCoding, registered_delivery: 1, short_message: part.parts[0] }),
          (r: PDU) => {
            answered++;
            if (r.command_status === STATUS.OK) accepted++;
            if (answered === opts.messages) resolve();
            else pump();
          },
        );
      }
      process.nextTick(() => session.socket.uncork());
    };
    pump();
  });
  const ms = performance.now() - start;
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 1000);
    session.send(new smpp.PDU('unbind'), () => (clearTimeout(t), resolve()));
  });
  session.destroy();
  return { messages: opts.messages, accepted, ms, perSecond: Math.round((opts.messages * 1000) / ms) };
}
