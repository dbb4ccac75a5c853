/**
 * The carrier links of this instance: the SMPP links SMPP_URL names, or, when it is not set, the embedded SMSC
 * simulator on 127.0.0.1 with a link to it — the same client code either way (docs/sms.md).
 */
import type { AppContext } from '../../platform/context.js';
import type { SmsChannel } from '../../platform/sms/channel.js';
import { createSmppChannel, parseSmppUrls } from '../../platform/sms/smpp-channel.js';
import { createSmsc, type Smsc } from '../../smsc/smsc.js';
import { createDispatcher, type Dispatcher } from './sms.dispatcher.js';

/** The embedded simulator, when this instance started one (the virtual phones page reads it; demo only). */
let embedded: Smsc | null = null;
export const embeddedSmsc = (): Smsc | null => embedded;

export interface SmsRuntime {
  channel: SmsChannel;
  dispatcher: Dispatcher;
  stop(): Promise<void>;
}

let current: SmsRuntime | null = null;
/** This instance's running dispatcher (to wake it after queuing), if it runs one. */
export const smsRuntime = (): SmsRuntime | null => current;

export async function startSms(ctx: AppContext): Promise<SmsRuntime> {
  let url = ctx.config.sms.smppUrl;
  if (!url) {
    embedded = await createSmsc({ host: '127.0.0.1', port: 0 });
    url = embedded.url;
  }
  const channel = createSmppChannel(parseSmppUrls(url));
  const dispatcher = createDispatcher(ctx, channel);
  await channel.start();
  dispatcher.start();
  current = {
    channel,
    dispatcher,
    async stop() {
      await dispatcher.stop();
      await channel.close();
      await embedded?.close();
      embedded = null;
      current = null;
    },
  };
  return current;
}
