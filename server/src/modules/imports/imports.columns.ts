/**
 * The spreadsheet columns of member, organization and station imports/exports: Chinese headers, and
 * enums written as Chinese words (正式党员, 男 …) mapped to the stored codes.
 */
import { isRealDate } from '../../platform/china-time.js';
import type ExcelJS from 'exceljs';

export const GENDER_WORDS: Record<string, string> = { 男: 'male', 女: 'female' };
export const CATEGORY_WORDS: Record<string, string> = { 正式党员: 'full', 预备党员: 'probationary' };
export const STANDING_WORDS: Record<string, string> = { 正常: 'normal', 停止党籍: 'suspended' };
export const EDUCATION_WORDS: Record<string, string> = {
  研究生: 'postgraduate', 大学本科: 'bachelor', 大学专科: 'college', 中专: 'secondary_vocational', 高中: 'high_school', 初中: 'middle_school', 小学: 'primary',
};
export const ID_TYPE_WORDS: Record<string, string> = { 居民身份证: 'resident_id', 护照: 'passport', 其他: 'other' };
export const YES_NO_WORDS: Record<string, string> = { 是: 'true', 否: 'false' };
export const ORG_TYPE_WORDS: Record<string, string> = {
  党委: 'committee', 党工委: 'working_committee', 党总支: 'general_branch', 党支部: 'branch', 联合党支部: 'joint_branch', 临时党支部: 'temporary_branch',
};
export const ORG_LEVEL_WORDS: Record<string, string> = { 省级: 'province', 市级: 'city', 县级: 'county', 乡镇级: 'township', 基层: 'grassroots' };
export const ORG_SECTOR_WORDS: Record<string, string> = { 机关: 'organ', 农村: 'rural', 社区: 'community', 企业: 'enterprise', 事业单位: 'institution', 网络: 'online', 其他: 'other' };

/** 远程教育站点类型; 党员户 is the contract's older word for 家庭 and is accepted too. */
export const STATION_TYPE_WORDS: Record<string, string> = { 乡镇: 'township', 村: 'village', 企业: 'enterprise', 社区: 'community', 家庭: 'household' };
export const STATION_TYPE_ALIASES: Record<string, string> = { 党员户: 'household' };
/** 站点状态; 暂停 is accepted as 停用. */
export const STATION_STATUS_WORDS: Record<string, string> = { 正常: 'active', 停用: 'suspended', 故障: 'fault' };
export const STATION_STATUS_ALIASES: Record<string, string> = { 暂停: 'suspended' };

export const wordOf = (words: Record<string, string>, code: string | null | undefined): string =>
  code == null ? '' : Object.entries(words).find(([, c]) => c === code)?.[0] ?? code;

export interface ColumnSpec {
  key: string;
  header: string;
  required?: boolean;
  words?: Record<string, string>;
  date?: boolean;
  /** Kept as text in the template (long digit strings would lose digits as numbers). */
  text?: boolean;
  width?: number;
  note: string;
}

export const MEMBER_COLUMNS: ColumnSpec[] = [
  { key: 'org', header: '所属党组织', required: true, width: 28, text: true, note: '填写党组织编号（数字）或系统中的党组织名称/全称；须为您管辖范围内的党支部（党总支）' },
  { key: 'name', header: '姓名', required: true, width: 10, note: '汉字、字母或间隔号“·”，不超过30字' },
  { key: 'gender', header: '性别', required: true, words: GENDER_WORDS, width: 6, note: '男 / 女' },
  { key: 'ethnicity', header: '民族', required: true, width: 8, note: '如：汉族' },
  { key: 'birthDate', header: '出生日期', required: true, date: true, width: 12, note: '日期，如 1985-03-12；须与身份证号一致' },
  { key: 'idType', header: '证件类型', words: ID_TYPE_WORDS, width: 12, note: '居民身份证 / 护照 / 其他；不填为居民身份证' },
  { key: 'idNumber', header: '身份证号', required: true, text: true, width: 22, note: '18位居民身份证号码（末位可为X），请以文本格式填写；系统校验校验码、出生日期和性别' },
  { key: 'education', header: '学历', required: true, words: EDUCATION_WORDS, width: 10, note: Object.keys(EDUCATION_WORDS).join(' / ') },
  { key: 'category', header: '党员类别', required: true, words: CATEGORY_WORDS, width: 10, note: '正式党员 / 预备党员' },
  { key: 'joinedOn', header: '入党时间', required: true, date: true, width: 12, note: '日期；入党时须年满18周岁' },
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
];

export const MEMBER_EXAMPLE: Record<string, string> = {
  org: '示例：西湖区转塘街道社区党支部', name: '张晓明', gender: '男', ethnicity: '汉族', birthDate: '1985-03-12', idType: '居民身份证',
  idNumber: '33010619850312001X', education: '大学本科', category: '正式党员', joinedOn: '2010-07-01', fullOn: '2011-07-01', standing: '正常',
  job: '社区网格员', mobile: '13957100000', landline: '', address: '杭州市西湖区转塘街道', lostContact: '否', lostContactOn: '', migrant: '否',
  migrantProvince: '', migrantCity: '', migrantCounty: '',
};

export const ORG_COLUMNS: ColumnSpec[] = [
  { key: 'parent', header: '上级党组织', required: true, text: true, width: 28, note: '填写上级党组织编号（数字）或名称/全称；须在您的管辖范围内' },
  { key: 'name', header: '组织简称', required: true, width: 24, note: '不超过60字' },
  { key: 'fullName', header: '组织全称', required: true, width: 36, note: '不超过120字' },
  { key: 'type', header: '组织类别', required: true, words: ORG_TYPE_WORDS, width: 12, note: Object.keys(ORG_TYPE_WORDS).join(' / ') },
  { key: 'level', header: '组织层级', required: true, words: ORG_LEVEL_WORDS, width: 10, note: Object.keys(ORG_LEVEL_WORDS).join(' / ') },
  { key: 'sector', header: '所属领域', required: true, words: ORG_SECTOR_WORDS, width: 10, note: Object.keys(ORG_SECTOR_WORDS).join(' / ') },
  { key: 'regionCode', header: '行政区划代码', text: true, width: 14, note: '6、9或12位数字' },
  { key: 'secretaryName', header: '书记姓名', width: 10, note: '' },
  { key: 'contactPhone', header: '联系电话', text: true, width: 16, note: '' },
  { key: 'foundedOn', header: '成立日期', date: true, width: 12, note: '日期，如 2020-07-01' },
];

export const ORG_EXAMPLE: Record<string, string> = {
  parent: '示例：西湖区委', name: '转塘街道某社区党支部', fullName: '中共杭州市西湖区转塘街道某社区支部委员会', type: '党支部', level: '基层', sector: '社区',
  regionCode: '330106', secretaryName: '李红', contactPhone: '0571-87654321', foundedOn: '2020-07-01',
};

export const STATION_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '站点名称', required: true, width: 30, note: '不超过80字；同一党组织下的站点名称不能重复' },
  { key: 'type', header: '类型', required: true, words: STATION_TYPE_WORDS, width: 8, note: Object.keys(STATION_TYPE_WORDS).join(' / ') },
  { key: 'org', header: '所属党组织', required: true, text: true, width: 28, note: '填写党组织编号（数字）或系统中的党组织名称/全称；须在您的管辖范围内且未撤销' },
  { key: 'address', header: '地址', width: 30, note: '不超过120字' },
  { key: 'equipment', header: '设备', width: 24, note: '如：液晶电视、机顶盒、电脑；不超过200字' },
  { key: 'status', header: '状态', words: STATION_STATUS_WORDS, width: 8, note: '正常 / 停用 / 故障；不填为正常' },
  { key: 'managerName', header: '管理员', width: 10, note: '站点管理员姓名，不超过30字' },
  { key: 'contactPhone', header: '联系电话', text: true, width: 16, note: '11位手机号码或固定电话（如 0571-87654321）' },
];

export const STATION_EXAMPLE: Record<string, string> = {
  name: '示例：转塘街道党员远程教育站点', type: '乡镇', org: '西湖区转塘街道社区党支部', address: '杭州市西湖区转塘街道', equipment: '液晶电视、机顶盒、电脑',
  status: '正常', managerName: '王建军', contactPhone: '0571-87654321',
};

/**
 * A cell the importer cannot take a value from: a formula whose result was never calculated and saved
 * (files written by programs rather than Excel), or an error value such as #REF!. The row gets this message.
 */
export class CellIssue {
  constructor(readonly message: string) {}
}

export const FORMULA_WITHOUT_VALUE = '该单元格是公式，但文件中没有保存计算结果；请在 Excel 中打开、重新计算并保存后再导入，或将公式改为数值';
export const CELL_ERROR_VALUE = (e: string) => `该单元格的值是错误值（${e}），请更正后再导入`;

/**
 * The text of a cell as the user sees it; dates as Date. Numbers that are not dates stay numbers so callers can
 * refuse them. A formula gives its cached result; without one (or with an error value) a CellIssue.
 */
export function cellText(v: ExcelJS.CellValue): string | number | Date | null | CellIssue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      return result === undefined || result === null ? new CellIssue(FORMULA_WITHOUT_VALUE) : cellText(result);
    }
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return new CellIssue(CELL_ERROR_VALUE(String(v.error)));
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
  }
  return String(v);
}

/** Accepts a date cell or text like 1985-03-12, 1985/3/12, 1985.03.12, 19850312; returns 'YYYY-MM-DD' or null. */
export function parseDate(v: string | number | Date): string | null {
  if (v instanceof Date) {
    // exceljs reads Excel dates as UTC midnight.
    return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  }
  const s = String(v).trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}
