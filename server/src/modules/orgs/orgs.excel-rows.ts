/**
 * The rows of the organization importer (orgs.excel.ts): columns, the cells schema. Pure: the import worker thread
 * loads this file (its default export).
 */
import { Type } from 'typebox';
import { defineRows, Words } from '../../platform/excel/rows.js';

export const ORG_TYPE_WORDS: Record<string, string> = {
  党委: 'committee', 党工委: 'working_committee', 党总支: 'general_branch', 党支部: 'branch', 联合党支部: 'joint_branch', 临时党支部: 'temporary_branch',
};
export const ORG_LEVEL_WORDS: Record<string, string> = { 省级: 'province', 市级: 'city', 县级: 'county', 乡镇级: 'township', 基层: 'grassroots' };
export const ORG_SECTOR_WORDS: Record<string, string> = { 机关: 'organ', 农村: 'rural', 社区: 'community', 企业: 'enterprise', 事业单位: 'institution', 网络: 'online', 其他: 'other' };

const OrgCells = Type.Object({
  parent: Type.String(),
  name: Type.String({ maxLength: 60 }),
  fullName: Type.String({ maxLength: 120 }),
  type: Words(ORG_TYPE_WORDS),
  level: Words(ORG_LEVEL_WORDS),
  sector: Words(ORG_SECTOR_WORDS),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })),
  secretaryName: Type.Optional(Type.String({ maxLength: 30 })),
  contactPhone: Type.Optional(Type.String({ maxLength: 30 })),
  foundedOn: Type.Optional(Type.String()),
});

/** An organization row as the importer writes it; the parent is still the cell's reference (in the system or the file). */
export interface OrgImportRow {
  parentRef: string;
  name: string; fullName: string; type: string; level: string; sector: string;
  regionCode: string | null; secretaryName: string | null; contactPhone: string | null; foundedOn: string | null;
}

export const orgRows = defineRows({
  columns: [
    { key: 'parent', header: '上级党组织', text: true, width: 28, note: '填写上级党组织编号（数字）或名称/全称；须在您的管辖范围内' },
    { key: 'name', header: '组织简称', width: 24, note: '不超过60字' },
    { key: 'fullName', header: '组织全称', width: 36, note: '不超过120字' },
    { key: 'type', header: '组织类别', words: ORG_TYPE_WORDS, width: 12, note: Object.keys(ORG_TYPE_WORDS).join(' / ') },
    { key: 'level', header: '组织层级', words: ORG_LEVEL_WORDS, width: 10, note: Object.keys(ORG_LEVEL_WORDS).join(' / ') },
    { key: 'sector', header: '所属领域', words: ORG_SECTOR_WORDS, width: 10, note: Object.keys(ORG_SECTOR_WORDS).join(' / ') },
    { key: 'regionCode', header: '行政区划代码', text: true, width: 14, note: '6、9或12位数字', invalid: '行政区划代码应为6、9或12位数字' },
    { key: 'secretaryName', header: '书记姓名', width: 10, note: '' },
    { key: 'contactPhone', header: '联系电话', text: true, width: 16, note: '' },
    { key: 'foundedOn', header: '成立日期', date: true, width: 12, note: '日期，如 2020-07-01', invalid: '成立日期不是有效日期，应填写如 2020-07-01' },
  ],
  cells: OrgCells,
  example: {
    parent: '示例：西湖区委', name: '转塘街道某社区党支部', fullName: '中共杭州市西湖区转塘街道某社区支部委员会', type: '党支部', level: '基层', sector: '社区',
    regionCode: '330106', secretaryName: '李红', contactPhone: '0571-87654321', foundedOn: '2020-07-01',
  },
  checker: () => (c): OrgImportRow => ({
    parentRef: c.parent, name: c.name, fullName: c.fullName, type: c.type, level: c.level, sector: c.sector, regionCode: c.regionCode ?? null,
    secretaryName: c.secretaryName ?? null, contactPhone: c.contactPhone ?? null, foundedOn: c.foundedOn ?? null,
  }),
});
export default orgRows;
