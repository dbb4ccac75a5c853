/**
 * The member importer's checks of a row beyond its cells (members.excel.ts): the member rules of members.validation.ts
 * (the API's own) and duplicates within the file. Pure: the import worker thread loads this file (its default export);
 * what needs the database (the organization column, ID numbers already registered) is in members.excel.ts.
 */
import type { Static } from 'typebox';
import type { RowChecker } from '../../platform/excel/rows.js';
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import { normalizeMobile } from '../../platform/identity/phone.js';
import { validateMember } from './members.validation.js';
import type { MemberCells } from './members.excel.js';

/** A member row that passed every check that needs no database: normalized values, the organization still a reference. */
export interface MemberImportRow {
  orgRef: string;
  name: string; gender: string; ethnicity: string; birthDate: string; idType: string; idNumber: string;
  education: string; category: string; joinedOn: string; fullOn: string | null; standing: string;
  job: string | null; landline: string | null; address: string | null; mobile: string | null;
  lostContact: boolean; lostContactOn: string | null; migrant: boolean;
  migrantProvince: string | null; migrantCity: string | null; migrantCounty: string | null;
}

/** The column of each field that members.validation.ts names. */
const FIELD_HEADER: Record<string, string> = {
  name: '姓名', birthDate: '出生日期', idNumber: '身份证号', joinedOn: '入党时间', fullOn: '转正时间', mobile: '手机号码', landline: '固定电话',
  lostContactOn: '失联日期', migrantProvince: '流入地（省）', orgId: '所属党组织',
};

/** The API's member rules, then duplicates within the file (the checker remembers ID numbers). */
const checkMemberRow: RowChecker<Static<typeof MemberCells>, MemberImportRow> = (today) => {
  const seen = new Map<string, number>();
  return (c, { row, add }) => {
    const idType = c.idType ?? 'resident_id';
    const idNumber = idType === 'resident_id' ? normalizeIdNumber(c.idNumber) : c.idNumber;
    const mobile = c.mobile ? normalizeMobile(c.mobile) : null;
    const lostContact = c.lostContact === 'true';
    const migrant = c.migrant === 'true';
    const fieldErrors = validateMember({
      name: c.name, gender: c.gender, birthDate: c.birthDate, idType, idNumber, category: c.category, joinedOn: c.joinedOn, fullOn: c.fullOn ?? null,
      mobile, landline: c.landline ?? null, lostContact, lostContactOn: c.lostContactOn ?? null, migrant, migrantProvince: c.migrantProvince ?? null,
    }, today);
    for (const e of fieldErrors) add(FIELD_HEADER[e.field] ?? e.field, e.message);
    if (fieldErrors.length) return undefined;
    const first = seen.get(idNumber);
    if (first !== undefined) return void add('身份证号', `与第${first}行的身份证号重复`);
    seen.set(idNumber, row);
    return {
      orgRef: c.org, name: c.name, gender: c.gender, ethnicity: c.ethnicity, birthDate: c.birthDate, idType, idNumber,
      education: c.education, category: c.category, joinedOn: c.joinedOn, fullOn: c.fullOn ?? null, standing: c.standing ?? 'normal',
      job: c.job ?? null, landline: c.landline ?? null, address: c.address ?? null, mobile,
      lostContact, lostContactOn: lostContact ? c.lostContactOn ?? null : null, migrant,
      migrantProvince: migrant ? c.migrantProvince ?? null : null, migrantCity: migrant ? c.migrantCity ?? null : null, migrantCounty: migrant ? c.migrantCounty ?? null : null,
    };
  };
};
export default checkMemberRow;
