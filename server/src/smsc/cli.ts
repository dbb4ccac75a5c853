/**
 * `npm run smsc`: the SMSC simulator on its own, for a platform started with SMPP_URL pointing at it, or for
 * trying a carrier link by hand. Prints the SMPP_URL to use, then every message a phone receives; a line
 * `reply 13900000001 收到` on standard input sends that phone's reply. Options are flags or SMSC_* variables
 * (docs/sms.md, "SMSC simulator").
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createSmsc, type AutoReplyRule, type IdFormat, type ReceiptStyle, type SmscOptions } from './smsc.js';

const FLAGS = {
  port: 'SMSC_PORT',
  host: 'SMSC_HOST',
  'system-id': 'SMSC_SYSTEM_ID',
  password: 'SMSC_PASSWORD',
  source: 'SMSC_SOURCE',
  rate: 'SMSC_RATE',
  'receipt-delay': 'SMSC_RECEIPT_DELAY',
  'failure-rate': 'SMSC_FAILURE_RATE',
  'expiry-rate': 'SMSC_EXPIRY_RATE',
  'silent-rate': 'SMSC_SILENT_RATE',
  'throttle-rate': 'SMSC_THROTTLE_RATE',
  'max-per-second': 'SMSC_MAX_PER_SECOND',
  'id-format': 'SMSC_ID_FORMAT',
  'receipt-style': 'SMSC_RECEIPT_STYLE',
  seed: 'SMSC_SEED',
  'auto-reply': 'SMSC_AUTO_REPLY',
} as const;
type Flag = keyof typeof FLAGS;

function usage(): string {
  return [
    'usage: npm run smsc -- [options]',
    ...Object.entries(FLAGS).map(([flag, env]) => `  --${flag.padEnd(15)} (or ${env})`),
    'See docs/sms.md, "SMSC simulator".',
  ].join('\n');
}

function fail(message: string): never {
  console.error(`smsc: ${message}\n${usage()}`);
  process.exit(2);
}

function rate(name: string, v: string): number {
  const n = Number(v);
  if (!/^\d*\.?\d+$/.test(v) || n < 0 || n > 1) fail(`--${name} must be a share from 0 to 1 (0.05 is 5 %), not "${v}"`);
  return n;
}

function whole(name: string, v: string, min = 0): number {
  if (!/^\d+$/.test(v) || Number(v) < min) fail(`--${name} must be a whole number${min ? ` from ${min}` : ''}, not "${v}"`);
  return Number(v);
}

/** The options from flags, falling back to the SMSC_* variables. */
export function optionsFrom(argv: string[], env: NodeJS.ProcessEnv): SmscOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }])), help: { type: 'boolean' } },
      strict: true,
    });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (parsed.values.help) {
    console.log(usage());
    process.exit(0);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const get = (flag: Flag): string | undefined => (values[flag] as string | undefined) ?? env[FLAGS[flag]];
  const o: SmscOptions = {};
  const v = (flag: Flag, apply: (value: string) => void) => {
    const value = get(flag);
    if (value !== undefined && value !== '') apply(value);
  };
  v('port', (x) => (o.port = whole('port', x)));
  v('host', (x) => (o.host = x));
  v('system-id', (x) => (o.systemId = x));
  v('password', (x) => (o.password = x));
  v('source', (x) => (/^\d+$/.test(x) ? (o.source = x) : fail(`--source must be digits, not "${x}"`)));
  v('rate', (x) => (o.rate = whole('rate', x, 1)));
  v('receipt-delay', (x) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(x);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) fail(`--receipt-delay must be milliseconds (500) or a range (200-3000), not "${x}"`);
    o.receiptDelayMs = m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
  });
  v('failure-rate', (x) => (o.failureRate = rate('failure-rate', x)));
  v('expiry-rate', (x) => (o.expiryRate = rate('expiry-rate', x)));
  v('silent-rate', (x) => (o.silentRate = rate('silent-rate', x)));
  v('throttle-rate', (x) => (o.throttleRate = rate('throttle-rate', x)));
  v('max-per-second', (x) => (o.maxPerSecond = whole('max-per-second', x, 1)));
  v('id-format', (x) => (['hex', 'decimal', 'hex-submit-decimal-receipt'].includes(x) ? (o.idFormat = x as IdFormat) : fail(`--id-format must be hex, decimal or hex-submit-decimal-receipt, not "${x}"`)));
  v('receipt-style', (x) => (['text', 'tlv', 'both'].includes(x) ? (o.receiptStyle = x as ReceiptStyle) : fail(`--receipt-style must be text, tlv or both, not "${x}"`)));
  v('seed', (x) => (o.seed = whole('seed', x)));
  v('auto-reply', (x) => {
    // "会议=>收到;TD=>退订成功": a phone that receives text containing the left side answers the right side.
    const rules: AutoReplyRule[] = x.split(';').filter(Boolean).map((pair) => {
      const [match, reply] = pair.split('=>');
      if (!match || reply === undefined) fail(`--auto-reply must be "received text=>reply" pairs separated by ;, not "${pair}"`);
      return { match, reply, delayMs: 500 };
    });
    o.autoReply = rules;
  });
  return o;
}

async function main(): Promise<void> {
  const opts = optionsFrom(process.argv.slice(2), process.env);
  const smsc = await createSmsc({ receiptDelayMs: [200, 2000], ...opts });
  const source = new URL(smsc.url).searchParams.get('source') ?? '106900001';
  console.log(`SMSC simulator listening on ${opts.host ?? '127.0.0.1'}:${smsc.port}`);
  console.log(`SMPP_URL=${smsc.url}`);
  console.log(`Type "reply PHONE TEXT" to send a phone's reply to ${source}.`);
  smsc.on('bind', (id) => console.log(`[bind] ${id}`));
  smsc.on('unbind', (id) => console.log(`[unbind] ${id}`));
  smsc.on('message', (m) => console.log(`[${m.phone}] from ${m.from} (${m.parts} part${m.parts > 1 ? 's' : ''}): ${m.text}`));
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const m = /^\s*reply\s+(\d{5,20})\s+(.+)$/.exec(line);
    if (!m) {
      if (line.trim()) console.error('smsc: type "reply PHONE TEXT"');
      return;
    }
    smsc.reply(m[1]!, source, m[2]!).then(
      (r) => console.log(`[${m[1]}] reply acknowledged (${r.ids.join(', ')})`),
      (err: Error) => console.error(`smsc: ${err.message}`),
    );
  });
  const stop = () => {
    rl.close();
    void smsc.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
