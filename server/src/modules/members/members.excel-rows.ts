/**
 * The rows of the member importer (members.excel.ts): columns, the cells schema, and the checks of a row that need
 * nothing but the file: the member rules of members.validation.ts (the API's own) and duplicates within the file.
 * Pure: the import worker thread loads this file (its default export); what needs the database (the organization
 * column, ID numbers already registered) is in members.excel.ts.
 */
import { Type } from 'typebox';
import { defineRows, Words } from '../../platform/excel/rows.js';
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import { normalizeMobile } from '../../platform/identity/phone.js';
import { validateMember } from './members.validation.js';

export const GENDER_WORDS: Record<string, string> = { 男: 'male', 女: 'female' };
export const CATEGORY_WORDS: Record<string, string> = { 正式党员: 'full', 预备党员: 'probationary' };
export const STANDING_WORDS: Record<string, string> = { 正常: 'normal', 停止党籍: 'suspended' };
export const EDUCATION_WORDS: Record<string, string> = {
  研究生: 'postgraduate', 大学本科: 'bachelor', 大学专科: 'college', 中专: 'secondary_vocational', 高中: 'high_school', 初中: 'middle_school', 小学: 'primary',
};
export const ID_TYPE_WORDS: Record<string, string> = { 居民身份证: 'resident_id', 护照: 'passport', 其他: 'other' };
const YES_NO_WORDS: Record<string, string> = { 是: 'true', 否: 'false' };

const MemberCells = Type.Object({
  org: Type.String({ maxLength: 200 }),
  name: Type.String({ maxLength: 30 }),
  gender: Words(GENDER_WORDS),
  ethnicity: Type.String({ maxLength: 20 }),
  birthDate: Type.String(),
  idType: Type.Optional(Words(ID_TYPE_WORDS)),
  idNumber: Type.String(),
  education: Words(EDUCATION_WORDS),
  category: Words(CATEGORY_WORDS),
  joinedOn: Type.String(),
  fullOn: Type.Optional(Type.String()),
  standing: Type.Optional(Words(STANDING_WORDS)),
  job: Type.Optional(Type.String({ maxLength: 60 })),
  mobile: Type.Optional(Type.String()),
  landline: Type.Optional(Type.String({ maxLength: 30 })),
  address: Type.Optional(Type.String({ maxLength: 120 })),
  lostContact: Type.Optional(Words(YES_NO_WORDS)),
  lostContactOn: Type.Optional(Type.String()),
  migrant: Type.Optional(Words(YES_NO_WORDS)),
  migrantProvince: Type.Optional(Type.String({ maxLength: 20 })),
  migrantCity: Type.Optional(Type.String({ maxLength: 20 })),
  migrantCounty: Type.Optional(Type.String({ maxLength: 20 })),
});

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

export const memberRows = defineRows({
  columns: [
    { key: 'org', header: '所属党组织', width: 28, text: true, note: '填写党组织编号（数字）或系统中的党组织名称/全称；须为您管辖范围内的党支部（党总支）' },
    { key: 'name', header: '姓名', width: 10, note: '汉字、字母或间隔号“·”，不超过30字' },
    { key: 'gender', header: '性别', words: GENDER_WORDS, width: 6, note: '男 / 女' },
    { key: 'ethnicity', header: '民族', width: 8, note: '如：汉族' },
    { key: 'birthDate', header: '出生日期', date: true, width: 12, note: '日期，如 1985-03-12；须与身份证号一致' },
    { key: 'idType', header: '证件类型', words: ID_TYPE_WORDS, width: 12, note: '居民身份证 / 护照 / 其他；不填为居民身份证' },
    { key: 'idNumber', header: '身份证号', text: true, digits: true, width: 22, note: '18位居民身份证号码（末位可为X），请以文本格式填写；系统校验校验码、出生日期和性别' },
    { key: 'education', header: '学历', words: EDUCATION_WORDS, width: 10, note: Object.keys(EDUCATION_WORDS).join(' / ') },
    { key: 'category', header: '党员类别', words: CATEGORY_WORDS, width: 10, note: '正式党员 / 预备党员' },
    { key: 'joinedOn', header: '入党时间', date: true, width: 12, note: '日期；入党时须年满18周岁' },
    { key: 'fullOn', header: '转正时间', date: true, width: 12, note: '正式党员必填，预备党员不填' },
    { key: 'standing', header: '党籍状态', words: STANDING_WORDS, width: 10, note: '正常 / 停止党籍；不填为正常' },
    { key: 'job', header: '工作岗位', width: 16, note: '不超过60字' },
    { key: 'mobile', header: '手机号码', text: true, width: 14, note: '11位手机号码' },
    { key: 'landline', header: '固定电话', text: true, width: 16, note: '如 0571-87654321' },
    { key: 'address', header: '家庭住址', width: 30, note: '不超过120字' },
    { key: 'lostContact', header: '是否失联', words: YES_NO_WORDS, width: 10, note: '是 / 否；不填为否' },
    { key: 'lostContactOn', header: '失联日期', date: true, width: 12, note: '失联党员必填' },
    { key: 'migrant', header: '是否流动党员', words: YES_NO_WORDS, width: 12, note: '是 / 否；不填为否' },
    { key: 'migrantProvince', header: '流入地（省）', width: 12, note: '流动党员必填' },
    { key: 'migrantCity', header: '流入地（市）', width: 12, note: '' },
    { key: 'migrantCounty', header: '流入地（县）', width: 12, note: '' },
  ],
  cells: MemberCells,
  example: {
    org: '示例：西湖区转塘街道社区党支部', name: '张晓明', gender: '男', ethnicity: '汉族', birthDate: '1985-03-12', idType: '居民身份证',
    idNumber: '33010619850312001X', education: '大学本科', category: '正式党员', joinedOn: '2010-07-01', fullOn: '2011-07-01', standing: '正常',
    job: '社区网格员', mobile: '13957100000', landline: '', address: '杭州市西湖区转塘街道', lostContact: '否', lostContactOn: '', migrant: '否',
    migrantProvince: '', migrantCity: '', migrantCounty: '',
  },
  /** The API's member rules, then duplicates within the file (the checker remembers ID numbers). */
  checker: (today) => {
    const seen = new Map<string, number>();
    return (c, { row, add }): MemberImportRow | undefined => {
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
  },
});
export default memberRows;
