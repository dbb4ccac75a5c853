/**
 * Recording answers (issue 10, items 1–2): one reply per respondent and question, whatever the channel. An invitee's
 * further SMS messages to the same question are added to their reply (a secretary who writes in two messages gave
 * one answer); a web form's answer replaces theirs; an imported row is a respondent of its own. Text questions are
 * categorized by the survey's rules as they are stored (categorized_by 'rule'); a reply a person has put in a
 * category keeps it (categorized_by 'staff') until a person moves it again.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { normalizeText } from '../../platform/text/segmenter.js';
import type { ReplyChannel } from '../../db/tables/surveys.js';
import { rulesOf, termsOf } from './surveys.rules.js';

export interface Answer {
  surveyId: string;
  questionId: string;
  kind: 'text' | 'choice' | 'yesno';
  options: number;
  invitationId: string | null;
  orgId: string;
  channel: ReplyChannel;
  text: string;
  at: Date;
  /** A web answer replaces what was there; an SMS adds to it. */
  replace: boolean;
  importId?: string | null;
}

/** The choice a text answers: the first number (full-width too) in 1…options; for yes/no 1 (是) or 2 (否). */
export function choiceOf(kind: 'text' | 'choice' | 'yesno', options: number, text: string): number | null {
  const t = normalizeText(text).trim();
  if (kind === 'yesno') {
    if (/^(1|是|对|同意|赞成|支持|y|yes|好)/i.test(t)) return 1;
    if (/^(2|否|不|反对|no|n\b)/i.test(t)) return 2;
    return null;
  }
  if (kind !== 'choice') return null;
  const m = /\d+/.exec(t);
  const n = m ? Number(m[0]) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= options ? n : null;
}

const MAX_TEXT = 2000;

/**
 * Stores answers in `trx` (a batch, few statements): merges an invitee's earlier reply to the same question,
 * categorizes text answers, and returns the stored replies' ids in the order given.
 */
export async function recordAnswers(trx: Transaction<DB>, answers: Answer[]): Promise<string[]> {
  if (answers.length === 0) return [];
  // Several messages of one invitee to one question in a batch: one answer.
  const merged = new Map<string, Answer>();
  const order: string[] = [];
  answers.forEach((a, i) => {
    const key = a.invitationId ? `${a.invitationId}:${a.questionId}` : `#${i}`;
    const prev = merged.get(key);
    if (prev && !a.replace) merged.set(key, { ...prev, text: `${prev.text}\n${a.text}`, at: a.at });
    else merged.set(key, a);
    order.push(key);
  });
  const invKeys = [...merged.values()].filter((a) => a.invitationId);
  const existing = new Map<string, { id: string; text: string; messages: number; category_id: string | null; categorized_by: string }>();
  if (invKeys.length) {
    const { rows } = await sql<{ id: string; invitation_id: string; question_id: string; text: string; messages: number; category_id: string | null; categorized_by: string }>`
      select r.id, r.invitation_id, r.question_id, r.text, r.messages, r.category_id, r.categorized_by
      from survey_replies r
      join unnest(${invKeys.map((a) => a.invitationId!)}::bigint[], ${invKeys.map((a) => a.questionId)}::bigint[]) k(inv, q)
        on r.invitation_id = k.inv and r.question_id = k.q
      for update of r`.execute(trx);
    for (const r of rows) existing.set(`${r.invitation_id}:${r.question_id}`, r);
  }
  const versions = new Map<string, number>();
  for (const sid of new Set([...merged.values()].map((a) => a.surveyId))) {
    const s = await trx.selectFrom('surveys').select('rules_version').where('id', '=', sid).executeTakeFirstOrThrow();
    versions.set(sid, s.rules_version);
  }
  const rows = [];
  for (const [key, a] of merged) {
    const before = existing.get(key);
    const text = (before && !a.replace ? `${before.text}\n${a.text}` : a.text).slice(0, MAX_TEXT);
    let category: string | null = null;
    let tags: string[] = [];
    let terms: string[] = [];
    if (a.kind === 'text') {
      const c = (await rulesOf(trx, a.surveyId, versions.get(a.surveyId)!)).categorize(text);
      category = c.category.key === 'other' ? null : c.category.key;
      tags = c.tags.map((t) => t.key);
      terms = termsOf(c.tokens);
    }
    const byStaff = before?.categorized_by === 'staff';
    rows.push({
      key, id: before?.id ?? null, survey_id: a.surveyId, question_id: a.questionId, invitation_id: a.invitationId, channel: a.channel, org_id: a.orgId,
      text, choice: choiceOf(a.kind, a.options, text), messages: before && !a.replace ? before.messages + 1 : 1,
      category_id: byStaff ? before!.category_id : category, categorized_by: byStaff ? 'staff' : 'rule', tags, terms, at: a.at, import_id: a.importId ?? null,
    });
  }
  const fresh = rows.filter((r) => !r.id);
  const ids = new Map<string, string>();
  if (fresh.length) {
    for (let i = 0; i < fresh.length; i += 500) {
      const part = fresh.slice(i, i + 500);
      const inserted = await trx.insertInto('survey_replies').values(part.map((r) => ({
        survey_id: r.survey_id, question_id: r.question_id, invitation_id: r.invitation_id, channel: r.channel, org_id: r.org_id, text: r.text, choice: r.choice,
        messages: r.messages, category_id: r.category_id, categorized_by: r.categorized_by, tags: r.tags, terms: r.terms, received_at: r.at, updated_at: r.at,
        import_id: r.import_id,
      }))).returning('id').execute();
      inserted.forEach((row, j) => ids.set(part[j]!.key, row.id));
    }
  }
  // Additions to earlier replies are few (a second message to one question): one update each.
  const changed = rows.filter((r) => r.id);
  if (changed.length) {
    for (const r of changed) {
      await trx.updateTable('survey_replies').set({
        text: r.text, choice: r.choice, messages: r.messages, category_id: r.category_id, tags: r.tags, terms: r.terms, channel: r.channel, updated_at: r.at,
      }).where('id', '=', r.id!).execute();
    }
    for (const r of changed) ids.set(r.key, r.id!);
  }
  return order.map((k) => ids.get(k)!);
}
