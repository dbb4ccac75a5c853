/**
 * The checks of an imported row that need nothing but the row: required columns, lengths, the Chinese words of
 * enums, dates, the member rules of members.validation.ts, duplicates within the file. Pure, so that member rows
 * are checked in the import worker thread; what needs the database (the organization column, duplicates against
 * registered members) stays in imports.service.ts.
 */
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import { normalizeMobile } from '../../platform/identity/phone.js';
import { validateMember } from '../members/members.validation.js';
import { MEMBER_COLUMNS, parseDate, type ColumnSpec } from './imports.columns.js';
import type { Cell, RowError, SheetRow } from './imports.parse.js';

/**
 * The checks every importer starts a row with: cell problems found while reading (formulas without a value,
 * over-long cells), required columns, and text cells held to a length. Errors go under the column's header.
 */
export function rowCheck(columns: ColumnSpec[], { row, values: v, cellErrors }: SheetRow) {
  const errors: RowError[] = [...(cellErrors ?? [])];
  const add = (column: string, message: string) => errors.push({ row, column, message });
  const troubled = new Set(errors.map((e) => e.column));
  for (const c of columns) if (c.required && v[c.key] === null && !troubled.has(c.header)) add(c.header, `${c.header}为必填项`);
  const text = (key: string, max: number): string | null => {
    const x = v[key];
    if (x === null) return null;
    const s = x instanceof Date ? (parseDate(x) ?? '') : String(x).trim();
    const header = columns.find((c) => c.key === key)?.header ?? key;
    if (s.length > max) add(header, `${header}不能超过${max}个字`);
    return s;
  };
  return { errors, add, text };
}

export function enumValue(c: ColumnSpec, v: Cell, add: (column: string, message: string) => void, aliases: Record<string, string> = {}): string | null {
  if (v === null) return null;
  const code = c.words![String(v).trim()] ?? aliases[String(v).trim()];
  if (code === undefined) add(c.header, `“${String(v)}”不是有效的${c.header}，应填写：${Object.keys(c.words!).join(' / ')}`);
  return code ?? null;
}

/** A member row that passed every check that needs no database: normalized values, the organization still a reference. */
export interface CheckedMember {
  /** 0-based position among the file's data rows (imports.next_row counts these). */
  index: number;
  row: number;
  orgRef: string;
  name: string; gender: string; ethnicity: string; birthDate: string; idType: string; idNumber: string;
  education: string; category: string; joinedOn: string; fullOn: string | null; standing: string;
  job: string | null; landline: string | null; address: string | null; mobile: string | null;
  lostContact: boolean; lostContactOn: string | null; migrant: boolean;
  migrantProvince: string | null; migrantCity: string | null; migrantCounty: string | null;
}

const FIELD_HEADER: Record<string, string> = {
  name: '姓名', birthDate: '出生日期', idNumber: '身份证号', joinedOn: '入党时间', fullOn: '转正时间', mobile: '手机号码', landline: '固定电话',
  lostContactOn: '失联日期', migrantProvince: '流入地（省）', orgId: '所属党组织',
};

/** Returns a checker for the rows of one file, in order (it remembers ID numbers to find duplicates within the file). */
export function memberChecker(today: string) {
  const col = Object.fromEntries(MEMBER_COLUMNS.map((c) => [c.key, c]));
  const seen = new Map<string, number>();
  return (sheetRow: SheetRow, index: number): { errors: RowError[]; member?: CheckedMember } => {
    const { row, values: v } = sheetRow;
    const { errors, add, text } = rowCheck(MEMBER_COLUMNS, sheetRow);
    const date = (key: string): string | null => {
      const x = v[key];
      if (x === null) return null;
      const d = parseDate(x);
      if (!d) add(col[key].header, `${col[key].header}“${x instanceof Date ? '' : String(x)}”不是有效日期，应填写如 1985-03-12`);
      return d;
    };
    const gender = enumValue(col.gender, v.gender, add);
    const idType = enumValue(col.idType, v.idType, add) ?? 'resident_id';
    const education = enumValue(col.education, v.education, add);
    const category = enumValue(col.category, v.category, add);
    const standing = enumValue(col.standing, v.standing, add) ?? 'normal';
    const lostContact = enumValue(col.lostContact, v.lostContact, add) === 'true';
    const migrant = enumValue(col.migrant, v.migrant, add) === 'true';
    const name = text('name', 30);
    const ethnicity = text('ethnicity', 20);
    const job = text('job', 60);
    const landline = text('landline', 30);
    const address = text('address', 120);
    const migrantProvince = text('migrantProvince', 20);
    const migrantCity = text('migrantCity', 20);
    const migrantCounty = text('migrantCounty', 20);
    const orgRef = text('org', 200);
    const birthDate = date('birthDate');
    const joinedOn = date('joinedOn');
    const fullOn = date('fullOn');
    const lostContactOn = date('lostContactOn');
    let idNumber: string | null = null;
    const excelNumber = '身份证号被Excel存成了数字，后几位可能已丢失；请将该列设为文本格式后重新填写';
    if (typeof v.idNumber === 'number') add('身份证号', excelNumber);
    // A CSV saved from Excel writes such a number as 3.30106E+17.
    else if (typeof v.idNumber === 'string' && /^\d(\.\d+)?E\+\d+$/i.test(v.idNumber.trim())) add('身份证号', excelNumber);
    else if (v.idNumber !== null) idNumber = idType === 'resident_id' ? normalizeIdNumber(String(v.idNumber)) : String(v.idNumber).trim();
    const mobileRaw = v.mobile === null ? null : String(v.mobile);
    const mobile = mobileRaw ? normalizeMobile(mobileRaw) : null;

    if (errors.length === 0 && name && gender && birthDate && idNumber && category && joinedOn) {
      const fieldErrors = validateMember({
        name, gender, birthDate, idType, idNumber, category, joinedOn, fullOn, mobile, landline, lostContact, lostContactOn, migrant, migrantProvince,
      }, today);
      for (const e of fieldErrors) add(FIELD_HEADER[e.field] ?? e.field, e.message);
    }
    if (errors.length === 0 && idNumber) {
      const first = seen.get(idNumber);
      if (first !== undefined) add('身份证号', `与第${first}行的身份证号重复`);
      else seen.set(idNumber, row);
    }
    if (errors.length) return { errors };
    return {
      errors,
      member: {
        index, row, orgRef: orgRef!, name: name!, gender: gender!, ethnicity: ethnicity!, birthDate: birthDate!, idType, idNumber: idNumber!,
        education: education!, category: category!, joinedOn: joinedOn!, fullOn, standing, job, landline, address, mobile,
        lostContact, lostContactOn: lostContact ? lostContactOn : null, migrant,
        migrantProvince: migrant ? migrantProvince : null, migrantCity: migrant ? migrantCity : null, migrantCounty: migrant ? migrantCounty : null,
      },
    };
  };
}
