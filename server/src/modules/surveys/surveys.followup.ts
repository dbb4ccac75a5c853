/**
 * Survey replies as follow-up items (issue 10, item 3): the source `surveys.reply` registered with the follow-up
 * engine. When an item closes and its survey asked for it (notify_on_close), the sender — an invitee with a phone —
 * gets an SMS saying what became of what they wrote: queued in the closing transaction, so it goes if and only if the
 * close commits. Imported replies without an invitee have nobody to tell.
 */
import { sql } from 'kysely';
import { registerFollowupSource } from '../followups/followups.sources.js';
import { queueTransactional } from '../sms/sms.commands.js';
import { REPLY_SOURCE } from './surveys.dispatch.js';

/** The closing SMS: the survey, the outcome and the note, cut to fit two segments with the signature. */
export function closingSms(title: string, outcome: 'resolved' | 'explained', note: string): string {
  const head = `您在“${title}”中反映的意见建议已办结（${outcome === 'resolved' ? '已解决' : '已说明情况'}）：`;
  const room = Math.max(20, 120 - [...head].length);
  const n = [...note.replace(/\s+/g, ' ').trim()];
  const body = n.slice(0, room).join('') + (n.length > room ? '……' : '');
  return `${head}${body}${/[。！？!?…]$/.test(body) ? '' : '。'}感谢您的参与。`;
}

registerFollowupSource(REPLY_SOURCE, {
  label: { zh: '问卷回复', en: 'Survey reply' },
  sourceLink: (item) => `/admin/surveys/replies/${item.sourceId}`,
  async onClosed(ctx, trx, item) {
    const { rows: [r] } = await sql<{ title: string; notify: boolean; phone_enc: Buffer | null; person_kind: string | null; person_id: string | null; org_id: string | null; reply_ext: string | null }>`
      select s.title, s.notify_on_close as notify, i.phone_enc, i.person_kind, i.person_id, i.org_id, s.reply_ext
      from survey_replies r join surveys s on s.id = r.survey_id left join survey_invitations i on i.id = r.invitation_id
      where r.id = ${item.sourceId}`.execute(trx);
    if (!r || !r.notify || !r.phone_enc || !r.org_id) return;
    await queueTransactional(ctx, {
      phone: ctx.crypto.decrypt(r.phone_enc), text: closingSms(r.title, item.state, item.closingNote), purpose: 'survey',
      personKind: r.person_kind as 'member', personId: r.person_id ?? undefined, orgId: r.org_id, replyExt: r.reply_ext,
      actor: { id: item.closedById, name: 'followup.close', ip: null },
    }, trx);
  },
});
