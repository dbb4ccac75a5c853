/**
 * SMS answers (issue 10, item 1): the SMS module hands every incoming message to this handler in the transaction
 * that stores it (platform/sms/hooks.ts). A message is a survey's when its sender was invited to an open survey
 * answered by SMS and
 * - it came to that survey's reply extension (扩展码) — exact, however many surveys the person has open; or
 * - it came without an extension (the carrier dropped it) and the sender has an unfinished survey: the one most
 *   recently opened of those.
 * It answers the question the invitee is on (multi-question surveys go one question at a time: the next question is
 * sent as soon as one is answered). A message with another extension, or from someone not invited, is not taken.
 * A few statements per batch, whatever its size.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { HandledSms, InboundSms } from '../../platform/sms/hooks.js';
import { queueTransactional } from '../sms/sms.commands.js';
import { recordAnswers, type Answer } from './surveys.answers.js';
import { formLink, questionSms } from './surveys.asking.js';

interface Candidate {
  inv: string; survey_id: string; phone_bidx: string; current_seq: number; completed: boolean; org_id: string; person_kind: string; person_id: string;
  reply_ext: string | null; opened_at: Date; title: string; by_web: boolean; token: string; phone_enc: Buffer;
}

export async function handleSurveySms(ctx: AppContext, trx: Transaction<DB>, messages: InboundSms[]): Promise<HandledSms[]> {
  const bidxs = [...new Set(messages.map((m) => m.phoneBidx))];
  const { rows } = await sql<Candidate>`
    select i.id as inv, i.survey_id, i.phone_bidx, i.current_seq, i.completed_at is not null as completed, i.org_id, i.person_kind, i.person_id,
           s.reply_ext, s.opened_at, s.title, s.by_web, i.token, i.phone_enc
    from survey_invitations i join surveys s on s.id = i.survey_id
    where i.phone_bidx = any(${bidxs}::text[]) and s.state = 'open' and s.by_sms`.execute(trx);
  if (rows.length === 0) return [];
  const byPhone = new Map<string, Candidate[]>();
  for (const r of rows) byPhone.set(r.phone_bidx, [...(byPhone.get(r.phone_bidx) ?? []), r]);
  const surveyIds = [...new Set(rows.map((r) => r.survey_id))];
  const questions = await trx.selectFrom('survey_questions').selectAll().where('survey_id', 'in', surveyIds).orderBy('seq').execute();
  const qOf = (sid: string, seq: number) => questions.find((q) => q.survey_id === sid && q.seq === seq);
  const count = (sid: string) => questions.filter((q) => q.survey_id === sid).length;

  const answers: Answer[] = [];
  const taken: HandledSms[] = [];
  // The question each invitation is on, advancing as this batch answers (two messages in a batch: two questions).
  const seqNow = new Map<string, { seq: number; done: boolean }>();
  const next: { c: Candidate; seq: number }[] = [];
  const finished = new Set<string>();
  const replied = new Set<string>();
  for (const m of [...messages].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || Number(a.id) - Number(b.id))) {
    const mine = byPhone.get(m.phoneBidx) ?? [];
    let c: Candidate | undefined;
    if (m.replyExt) c = mine.find((x) => x.reply_ext === m.replyExt);
    else {
      const open = mine.filter((x) => !(seqNow.get(x.inv)?.done ?? x.completed));
      c = open.sort((a, b) => b.opened_at.getTime() - a.opened_at.getTime() || Number(b.survey_id) - Number(a.survey_id))[0];
    }
    if (!c) continue;
    const total = count(c.survey_id);
    const state = seqNow.get(c.inv) ?? { seq: c.current_seq, done: c.completed };
    // A finished invitee writing again adds to their last answer.
    const seq = state.done ? total : state.seq;
    const q = qOf(c.survey_id, seq);
    if (!q) continue;
    answers.push({
      surveyId: c.survey_id, questionId: q.id, kind: q.kind, options: q.options.length, invitationId: c.inv, orgId: c.org_id, channel: 'sms',
      text: m.text.trim(), at: m.receivedAt, replace: false,
    });
    taken.push({ id: m.id, note: `问卷“${c.title}”${total > 1 ? `第${seq}题` : ''}的回复` });
    replied.add(c.inv);
    if (!state.done) {
      if (seq < total) { seqNow.set(c.inv, { seq: seq + 1, done: false }); next.push({ c, seq: seq + 1 }); }
      else { seqNow.set(c.inv, { seq, done: true }); finished.add(c.inv); }
    }
  }
  if (answers.length === 0) return [];
  await recordAnswers(trx, answers);
  const now = ctx.now();
  const advanced = [...seqNow.entries()];
  await sql`
    update survey_invitations i set current_seq = t.seq, completed_at = case when t.done then coalesce(i.completed_at, ${now}) else i.completed_at end,
           replied_at = coalesce(i.replied_at, ${now})
    from unnest(${advanced.map(([id]) => id)}::bigint[], ${advanced.map(([, s]) => s.seq)}::smallint[], ${advanced.map(([, s]) => s.done)}::boolean[]) t(id, seq, done)
    where i.id = t.id`.execute(trx);
  const untouched = [...replied].filter((id) => !seqNow.has(id));
  if (untouched.length) await trx.updateTable('survey_invitations').set({ replied_at: sql`coalesce(replied_at, ${now})` }).where('id', 'in', untouched).execute();
  // The next question, to those who answered one of several (only the latest step of each invitee).
  const latest = new Map<string, { c: Candidate; seq: number }>();
  for (const n of next) latest.set(n.c.inv, n);
  for (const { c, seq } of latest.values()) {
    if (seqNow.get(c.inv)?.done) continue;
    const q = qOf(c.survey_id, seq)!;
    const link = c.by_web ? ` 也可点击链接填写：${formLink(ctx, c.token)}` : '';
    await queueTransactional(ctx, {
      phone: ctx.crypto.decrypt(c.phone_enc), text: `${c.title}：${questionSms(q, seq, count(c.survey_id))}${link}`, purpose: 'survey',
      personKind: c.person_kind as 'member', personId: c.person_id, orgId: c.org_id, replyExt: c.reply_ext,
      actor: { id: null, name: 'system', ip: null },
    }, trx);
  }
  return taken;
}
