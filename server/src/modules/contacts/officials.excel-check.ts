/**
 * The village-official importer's check of a row beyond its cells (contacts.excel.ts): the mobile and the term dates
 * by the API's own rules. Pure: the import worker thread loads this file (its default export).
 */
import type { Static } from 'typebox';
import type { RowChecker } from '../../platform/excel/rows.js';
import type { OfficialCells } from './contacts.excel.js';
import { parseSmsMobile, termErrors } from './contacts.rules.js';

export interface OfficialImportRow {
  orgRef: string; name: string; role: string; title: string | null; gender: string | null; phone: string | null;
  startedOn: string; endedOn: string | null; note: string | null;
}

const checkOfficialRow: RowChecker<Static<typeof OfficialCells>, OfficialImportRow> = (today) => (c, { add }) => {
  const phone = parseSmsMobile(c.phone ?? '');
  if (phone.error) add('手机号码', phone.error.message);
  const endedOn = c.endedOn ?? null;
  const errors = termErrors(c.startedOn, endedOn, today);
  for (const e of errors) add(e.field === 'startedOn' ? '任职时间' : '离任时间', e.message);
  if (phone.error || errors.length) return undefined;
  return {
    orgRef: c.org, name: c.name, role: c.role, title: c.title ?? null, gender: c.gender ?? null, phone: phone.value,
    startedOn: c.startedOn, endedOn, note: c.note ?? null,
  };
};
export default checkOfficialRow;
