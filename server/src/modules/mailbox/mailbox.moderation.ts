/**
 * A letter held by the sensitive-word filter waits in the moderation queue (safety module). Approved, it is received
 * like any letter; rejected, it is declined as invalid with the moderator's reason, and the writer is told.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import type { DecidedModerationItem } from '../safety/safety.moderation.js';
import { queueTransactional } from '../sms/sms.commands.js';

export async function onModerated(ctx: AppContext, trx: Transaction<DB>, item: DecidedModerationItem): Promise<void> {
  const l = await trx.selectFrom('mailbox_letters as l').innerJoin('orgs as o', 'o.id', 'l.mailbox_org_id')
    .select(['l.id', 'l.state', 'l.tracking_code', 'l.phone_enc', 'l.mailbox_org_id', 'o.path']).where('l.id', '=', item.refId).forUpdate('l').executeTakeFirst();
  if (!l || l.state !== 'held') return;
  const approved = item.decision === 'approved';
  await trx.updateTable('mailbox_letters').set(approved
    ? { state: 'received', updated_at: item.decidedAt }
    : { state: 'declined', decline_kind: 'invalid', decline_note: item.reason ?? '内容不符合要求', updated_at: item.decidedAt }).where('id', '=', l.id).execute();
  await appendAudit(trx, {
    actorId: item.decidedById, actorName: 'moderation', action: 'mailbox.letter.moderated', entityType: 'mailbox_letter', entityId: l.id, orgPath: l.path,
    before: { state: 'held' }, after: { state: approved ? 'received' : 'declined', reason: item.reason },
  }, item.decidedAt);
  if (!approved) {
    await queueTransactional(ctx, {
      phone: ctx.crypto.decrypt(l.phone_enc), purpose: 'notice', orgId: l.mailbox_org_id, actor: { id: item.decidedById, name: 'moderation', ip: null },
      text: `您的来信（查询码${l.tracking_code}）未通过审核，不予受理：${item.reason ?? '内容不符合要求'}`,
    }, trx);
  }
}
