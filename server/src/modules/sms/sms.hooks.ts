/**
 * The SMS module's side of platform/sms/hooks.ts: the inbound handlers and recipient sources the installed modules
 * declare in their manifests, looked up when needed (not at import: the manifests import this module).
 */
import { installedModulesOrNull } from '../../platform/module.js';
import type { SmsAudienceSource, SmsInboundHandler } from '../../platform/sms/hooks.js';

/** The modules' inbound handlers, in module order. */
export function inboundHandlers(): { module: string; handle: SmsInboundHandler }[] {
  return (installedModulesOrNull()?.modules ?? []).flatMap((m) => (m.smsInbound ? [{ module: m.name, handle: m.smsInbound }] : []));
}

/** The recipient source of that name; throws when no installed module declares it (a programming error). */
export function audienceSource(name: string): SmsAudienceSource {
  for (const m of installedModulesOrNull()?.modules ?? []) {
    const s = m.smsAudiences?.[name];
    if (s) return s;
  }
  throw new Error(`no module declares the SMS recipient source "${name}"`);
}
