/**
 * Asking (issue 10, item 1): the invite job turns an opened survey's audience into invitations (one per phone, the
 * same people an SMS broadcast to that audience would reach, opted-out phones left out) and sends the first question
 * through the SMS module as a broadcast whose recipients come from this module's source `surveys.invitations` — each
 * person's text carries their own web-form link. Reminders go the same way to those who have not finished, on the
 * survey's schedule; the schedule also closes surveys at their closing time.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { chinaToday } from '../../platform/china-time.js';
import { audienceQuery, type AudienceSpec } from '../contacts/contacts.audience.js';
import { sendModuleBroadcast, type Sender } from '../sms/sms.commands.js';
import { closeSurvey, loadSurvey } from './surveys.service.js';

export const SOURCE = 'surveys.invitations';

/** The web form's address for a token. */
export const formLink = (ctx: AppContext, token: string) => `${ctx.config.publicBaseUrl}/s/${token}`;

/** How a question reads by SMS: its text, and for a choice or yes/no how to answer with a number. */
export function questionSms(q: { kind: string; text: string; options: string[] }, seq: number, total: number): string {
  const head = total > 1 ? `（第${seq}题，共${total}题）` : '';
  if (q.kind === 'choice') return `${head}${q.text} ${q.options.map((o, i) => `${i + 1}.${o}`).join(' ')}（请回复数字）`;
  if (q.kind === 'yesno') return `${head}${q.text}（是请回复1，否请回复2）`;
  return `${head}${q.text}`;
}

interface SourcePayload { surveyId: string; head: string; tail: string; link: string | null; reminder: boolean; questions: string[] }

/**
 * The recipient source: the survey's invitations with a phone (for a reminder, those not finished), each text
 * head + the question they are on + tail + their link. The survey's own subtree is the scope (its invitations were
 * resolved within the opener's scope).
 */
export const invitationSource = (payload: unknown): RawBuilder<unknown> => {
  const p = payload as SourcePayload;
  const link = p.link === null ? sql`''` : sql`${p.link} || i.token`;
  return sql`
    select i.person_kind, i.person_id, i.name, i.org_id, i.phone_enc, i.phone_bidx, i.phone_masked,
           ${p.head} || (${p.questions}::text[])[i.current_seq] || ${p.tail} || ${link} as text
    from survey_invitations i
    where i.survey_id = ${p.surveyId} and i.phone_bidx is not null ${p.reminder ? sql`and i.completed_at is null` : sql``}`;
};

/** The texts of a survey's first message or a reminder, as the source payload. */
async function payloadOf(ctx: AppContext, surveyId: string, reminder: boolean): Promise<SourcePayload> {
  const s = await loadSurvey(ctx.db, surveyId);
  const qs = await ctx.db.selectFrom('survey_questions').selectAll().where('survey_id', '=', surveyId).orderBy('seq').execute();
  const texts = qs.map((q) => questionSms(q, q.seq, qs.length));
  const intro = s.intro ? `${s.intro}` : '';
  const head = reminder ? `【提醒】您尚未回复“${s.title}”。` : `${s.title}：${intro}`;
  const tail = s.by_sms ? (s.by_web ? ' 请直接回复本短信，或点击链接填写：' : ' 请直接回复本短信。') : ' 请点击链接填写：';
  return { surveyId, head, tail, link: s.by_web ? `${ctx.config.publicBaseUrl}/s/` : null, reminder, questions: texts };
}

/**
 * The invite job: the audience (as the opener's scope reached it when they opened the survey) into invitations,
 * then the first question to everyone with a phone. Idempotent: invitations are unique per person, the broadcast is
 * sent once (surveys.broadcast_id).
 */
export async function inviteJob(ctx: AppContext, p: { surveyId: string; sender: Sender; scope: string[] }): Promise<void> {
  const s = await loadSurvey(ctx.db, p.surveyId);
  if (s.state !== 'open' || s.invited_at) return;
  const a = s.audience as AudienceSpec;
  const spec: AudienceSpec = { orgIds: a.orgIds, who: a.who, groupIds: a.groupIds ?? [] };
  const scope = p.scope.filter((x) => x.startsWith(s.org_path));
  // Read before the transaction: the embedded database has one connection, so nothing may use ctx.db inside it.
  const payload = s.by_sms ? await payloadOf(ctx, s.id, false) : null;
  await ctx.db.transaction().execute(async (trx) => {
    const aud = audienceQuery(trx, spec, scope.length ? scope : [s.org_path], { today: chinaToday(ctx.now()) });
    // One invitation per phone (as one message per phone), people without a valid phone or opted out left out.
    // The token: 72 random bits in base64url (12 characters), from gen_random_uuid's random bytes.
    await sql`
      insert into survey_invitations (survey_id, person_kind, person_id, name, org_id, phone_enc, phone_bidx, phone_masked, token)
      select ${s.id}, a.person_kind, a.person_id::bigint, a.name, a.org_id::bigint, a.phone_enc, a.phone_bidx, a.phone_masked,
             translate(left(encode(uuid_send(gen_random_uuid()), 'base64'), 12), '+/', '-_')
      from (select distinct on (phone_bidx) * from (${aud}) x where x.phone_bidx is not null and not x.opted_out order by phone_bidx, person_kind, person_id) a
      on conflict do nothing`.execute(trx);
    const { rows: [n] } = await sql<{ n: string }>`select count(*) as n from survey_invitations where survey_id = ${s.id}`.execute(trx);
    let broadcastId: string | null = null;
    if (payload && Number(n!.n) > 0) {
      const b = await sendModuleBroadcast(ctx, trx, p.sender, {
        org: { id: s.org_id, path: s.org_path }, lane: 'bulk', text: `${payload.head}${payload.questions[0]}${payload.tail}${payload.link ? payload.link + '…' : ''}`,
        label: `问卷调查：${s.title}`, source: { name: SOURCE, payload }, replyExt: s.reply_ext, audit: { surveyId: s.id },
      });
      broadcastId = b.id;
    }
    await trx.updateTable('surveys').set({ invited: Number(n!.n), broadcast_id: broadcastId, invited_at: ctx.now() }).where('id', '=', s.id).execute();
  });
}

/**
 * The schedule's round (every few minutes, one instance at a time): closes surveys past their closing time, and sends
 * each open survey's next reminder when it is due (opened_at + k × interval for the k-th), to those not finished,
 * covered by the first message's approval.
 */
export async function surveyRound(ctx: AppContext): Promise<{ closed: number; reminded: number }> {
  const now = ctx.now();
  const due = await ctx.db.selectFrom('surveys').select('id').where('state', '=', 'open').where('closes_at', '<=', now).execute();
  for (const s of due) await closeSurvey(ctx, null, s.id).catch(() => undefined);
  const { rows } = await sql<{ id: string }>`
    select id from surveys
    where state = 'open' and by_sms and remind_after_hours is not null and reminders_sent < max_reminders and broadcast_id is not null
      and exists (select 1 from sms_broadcasts b where b.id = surveys.broadcast_id and b.state in ('sending', 'completed'))
      and opened_at + make_interval(hours => remind_after_hours * (reminders_sent + 1)) <= ${now}`.execute(ctx.db);
  let reminded = 0;
  for (const { id } of rows) {
    const s = await loadSurvey(ctx.db, id);
    const payload = await payloadOf(ctx, id, true);
    await ctx.db.transaction().execute(async (trx) => {
      // Claim this reminder first: two instances never send it twice.
      const r = await trx.updateTable('surveys').set({ reminders_sent: sql`reminders_sent + 1` })
        .where('id', '=', id).where('reminders_sent', '=', s.reminders_sent).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return;
      const { rows: [left] } = await sql<{ n: string }>`select count(*) as n from survey_invitations where survey_id = ${id} and completed_at is null and phone_bidx is not null`.execute(trx);
      if (Number(left!.n) === 0) return;
      const sender: Sender = { accountId: null, username: 'system', displayName: '系统（问卷提醒）', ip: null, scope: [s.org_path] };
      await sendModuleBroadcast(ctx, trx, sender, {
        org: { id: s.org_id, path: s.org_path }, lane: 'bulk', text: `${payload.head}${payload.questions[0]}${payload.tail}`,
        label: `问卷提醒（第${s.reminders_sent + 1}次）：${s.title}`, source: { name: SOURCE, payload }, replyExt: s.reply_ext,
        coveredBy: s.broadcast_id, audit: { surveyId: id, reminder: s.reminders_sent + 1 },
      });
      await trx.updateTable('survey_invitations').set({ reminders: sql`reminders + 1` }).where('survey_id', '=', id).where('completed_at', 'is', null).execute();
      reminded++;
    });
  }
  return { closed: due.length, reminded };
}
