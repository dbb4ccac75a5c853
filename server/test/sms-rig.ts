/**
 * What the SMS module's tests share: the SMSC simulator over real SMPP, the platform's channel bound to it, and a
 * dispatcher the test drives (`sendAll` resolves queued jobs, then pumps until nothing is runnable).
 */
import { createSmsc, type Smsc } from '../src/smsc/smsc.js';
import { createSmppChannel, parseSmppUrls } from '../src/platform/sms/smpp-channel.js';
import type { SmsChannel } from '../src/platform/sms/channel.js';
import { createDispatcher, type Dispatcher } from '../src/modules/sms/sms.dispatcher.js';
import type { TestApp } from './test-app.js';

export interface SmsRig {
  smsc: Smsc;
  channel: SmsChannel;
  dispatcher: Dispatcher;
  sendAll(dispatcher?: Dispatcher): Promise<void>;
  close(): Promise<void>;
}

export async function smsRig(t: TestApp, opts: { seed: number; instance: string }): Promise<SmsRig> {
  const smsc = await createSmsc({ receiptDelayMs: [1, 5], seed: opts.seed });
  const channel = createSmppChannel(parseSmppUrls(smsc.url));
  await channel.start();
  const dispatcher = createDispatcher(t.ctx, channel, { instance: opts.instance });
  return {
    smsc, channel, dispatcher,
    async sendAll(d = dispatcher) {
      await t.ctx.jobs.drain();
      while ((await d.pump()) > 0);
    },
    async close() {
      await channel.close();
      await smsc.close();
    },
  };
}

/** `n` consecutive mobile numbers from `start`. */
export const phones = (n: number, start = 13900000000): string[] => Array.from({ length: n }, (_, i) => String(start + i));
