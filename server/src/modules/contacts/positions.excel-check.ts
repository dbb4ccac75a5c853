/**
 * The party-post importer's check of a row beyond its cells (contacts.excel.ts): the member named by 党员编号 or
 * 身份证号, and the term dates by the API's own rule. Pure: the import worker thread loads this file (its default export).
 */
import type { Static } from 'typebox';
import type { RowChecker } from '../../platform/excel/rows.js';
import { normalizeIdNumber, validateIdNumber } from '../../platform/identity/id-number.js';
import type { PositionCells } from './contacts.excel.js';
import { termErrors } from './contacts.rules.js';

export interface PositionImportRow {
  orgRef: string; memberNo: string | null; idNumber: string | null; name: string;
  position: string; startedOn: string; endedOn: string | null; note: string | null;
}

const checkPositionRow: RowChecker<Static<typeof PositionCells>, PositionImportRow> = (today) => (c, { add }) => {
  const memberNo = c.memberNo?.trim() || null;
  // An exported, masked ID number (330106********1234) is no number: the member is then named by 党员编号.
  const rawId = c.idNumber?.trim() && !c.idNumber.includes('*') ? c.idNumber.trim() : null;
  if (!memberNo && !rawId) return void add('党员编号', '请填写党员编号或身份证号，用于确定任职的党员');
  let idNumber: string | null = null;
  if (!memberNo && rawId) {
    idNumber = normalizeIdNumber(rawId);
    const problem = validateIdNumber(idNumber);
    if (problem) return void add('身份证号', problem);
  }
  const endedOn = c.endedOn ?? null;
  const errors = termErrors(c.startedOn, endedOn, today);
  for (const e of errors) add(e.field === 'startedOn' ? '任职时间' : '离任时间', e.message);
  if (errors.length) return undefined;
  return { orgRef: c.org, memberNo, idNumber, name: c.name, position: c.position, startedOn: c.startedOn, endedOn, note: c.note ?? null };
};
export default checkPositionRow;
