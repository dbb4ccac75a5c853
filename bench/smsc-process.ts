/**
 * The SMSC simulator in a process of its own, for the SMS benchmark (bench/sms.ts): a carrier is never in the
 * platform's process, so the platform's figure should not pay for the simulator's half of the SMPP work on its
 * own thread. Prints one JSON line {"url": …}; answers the line "stats" on standard input with one JSON line
 * {"phones", "twice", "cpuMs"}; exits when standard input closes.
 * Options (environment): SMSC_SEED, SMSC_DELIVER_WINDOW.
 */
import { createInterface } from 'node:readline';
import { createSmsc } from '../server/src/smsc/smsc.js';

const smsc = await createSmsc({
  receiptDelayMs: [5, 50], rate: 1_000_000, seed: Number(process.env.SMSC_SEED ?? 1), deliverWindow: Number(process.env.SMSC_DELIVER_WINDOW ?? 256),
});
process.stdout.write(`${JSON.stringify({ url: smsc.url })}\n`);
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const phones = smsc.phones();
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ phones: phones.length, twice: phones.filter((p) => smsc.received(p) > 1).length, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
});
input.on('close', () => void smsc.close().then(() => process.exit(0)));
