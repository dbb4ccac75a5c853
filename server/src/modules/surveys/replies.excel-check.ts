/**
 * The survey-reply importer's check of a row beyond its cells (surveys.excel.ts): the phone by the contacts' rules, the
 * text trimmed and not empty. Pure: the import worker thread loads this file (its default export).
 */
import type { Static } from 'typebox';
import type { RowChecker } from '../../platform/excel/rows.js';
import type { ReplyCells } from './surveys.excel.js';
import { parseSmsMobile } from '../contacts/contacts.rules.js';

export interface ReplyImportRow { surveyId: string; seq: number; text: string; phone: string | null; orgRef: string | null }

const checkReplyRow: RowChecker<Static<typeof ReplyCells>, ReplyImportRow> = () => (c, { add }) => {
  const phone = parseSmsMobile(c.phone ?? '');
  if (phone.error) add('手机号码', phone.error.message);
  const text = c.text.trim();
  if (!text) add('回复内容', '请填写回复内容');
  if (phone.error || !text) return undefined;
  return { surveyId: c.survey, seq: c.question ? Number(c.question) : 1, text, phone: phone.value, orgRef: c.org?.trim() || null };
};
export default checkReplyRow;
