/**
 * Following a letter by SMS: a writer who texts their 查询码 to the platform's number gets its state back — only
 * from the phone that wrote it (anyone else's message with a code is not taken, and so reaches the inbox as any other).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { HandledSms, InboundSms } from '../../platform/sms/hooks.js';
import { queueTransactional } from '../sms/sms.commands.js';
import { normalizeCode } from './mailbox.letters.js';

const CODE = /^[2-9A-HJKMNP-Z]{12}$/;
const STATE_TEXT: Record<string, string> = {
  held: '已收到，正在审核', received: '已收到，等待受理', handling: '已受理，正在办理', declined: '不予受理', answered: '已答复',
};

export async function handleInbound(ctx: AppContext, trx: Transaction<DB>, messages: InboundSms[]): Promise<HandledSms[]> {
  const candidates = messages.map((m) => ({ m, code: normalizeCode(m.text.replace(/^(查询|CX)\s*/i, '')) })).filter((x) => CODE.test(x.code));
  if (!candidates.length) return [];
  const letters = await trx.selectFrom('mailbox_letters as l').innerJoin('orgs as o', 'o.id', 'l.mailbox_org_id')
    .select(['l.tracking_code', 'l.phone_bidx', 'l.phone_enc', 'l.state', 'l.decline_note', 'l.mailbox_org_id', 'o.name'])
    .where('l.tracking_code', 'in', candidates.map((c) => c.code)).execute();
  const handled: HandledSms[] = [];
  for (const { m, code } of candidates) {
    const l = letters.find((x) => x.tracking_code === code && x.phone_bidx === m.phoneBidx);
    if (!l) continue;
    const state = STATE_TEXT[l.state] ?? l.state;
    const more = l.state === 'answered' ? '，请凭查询码在网站查看答复内容' : l.state === 'declined' && l.decline_note ? `：${l.decline_note}` : '';
    await queueTransactional(ctx, {
      phone: ctx.crypto.decrypt(l.phone_enc), purpose: 'notice', orgId: l.mailbox_org_id, actor: { id: null, name: m.phoneMasked, ip: null },
      text: `您写给${l.name}组织部部长信箱的来信（查询码${code}）${state}${more}。`,
    }, trx);
    handled.push({ id: m.id, note: `部长信箱来信查询（查询码${code}）` });
  }
  return handled;
}
