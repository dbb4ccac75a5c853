/**
 * The rows of the station importer (stations.excel.ts): columns, the cells schema and the checks of one row that need
 * no database. Pure: the import worker thread loads this file (its default export).
 */
import { Type } from 'typebox';
import { defineRows, Words } from '../../platform/excel/rows.js';
import { parseContactPhone } from '../../platform/identity/phone.js';

/** 远程教育站点类型; 党员户 is the contract's older word for 家庭 and is accepted too. */
export const STATION_TYPE_WORDS: Record<string, string> = { 乡镇: 'township', 村: 'village', 企业: 'enterprise', 社区: 'community', 家庭: 'household' };
/** 站点状态; 暂停 is accepted as 停用. */
export const STATION_STATUS_WORDS: Record<string, string> = { 正常: 'active', 停用: 'suspended', 故障: 'fault' };

const StationCells = Type.Object({
  name: Type.String({ maxLength: 80 }),
  type: Words(STATION_TYPE_WORDS),
  org: Type.String(),
  address: Type.Optional(Type.String({ maxLength: 120 })),
  equipment: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Words(STATION_STATUS_WORDS)),
  managerName: Type.Optional(Type.String({ maxLength: 30 })),
  contactPhone: Type.Optional(Type.String()),
});

/** A station row that passed the checks without the database; the organization is still the cell's reference. */
export interface StationRow {
  orgRef: string;
  name: string; type: string; status: string;
  address: string | null; equipment: string | null; managerName: string | null; contactPhone: string | null;
}

export const stationRows = defineRows({
  columns: [
    { key: 'name', header: '站点名称', width: 30, note: '不超过80字；同一党组织下的站点名称不能重复' },
    { key: 'type', header: '类型', words: STATION_TYPE_WORDS, aliases: { 党员户: 'household' }, width: 8, note: Object.keys(STATION_TYPE_WORDS).join(' / ') },
    { key: 'org', header: '所属党组织', text: true, width: 28, note: '填写党组织编号（数字）或系统中的党组织名称/全称；须在您的管辖范围内且未撤销' },
    { key: 'address', header: '地址', width: 30, note: '不超过120字' },
    { key: 'equipment', header: '设备', width: 24, note: '如：液晶电视、机顶盒、电脑；不超过200字' },
    { key: 'status', header: '状态', words: STATION_STATUS_WORDS, aliases: { 暂停: 'suspended' }, width: 8, note: '正常 / 停用 / 故障；不填为正常' },
    { key: 'managerName', header: '管理员', width: 10, note: '站点管理员姓名，不超过30字' },
    { key: 'contactPhone', header: '联系电话', text: true, width: 16, note: '11位手机号码或固定电话（如 0571-87654321）' },
  ],
  cells: StationCells,
  example: {
    name: '示例：转塘街道党员远程教育站点', type: '乡镇', org: '西湖区转塘街道社区党支部', address: '杭州市西湖区转塘街道', equipment: '液晶电视、机顶盒、电脑',
    status: '正常', managerName: '王建军', contactPhone: '0571-87654321',
  },
  checker: () => (c, { add }): StationRow | undefined => {
    // The same phone rule as the stations API (mobile or landline, normalized).
    const phone = c.contactPhone === undefined ? { value: null, error: null } : parseContactPhone(c.contactPhone);
    if (phone.error) return void add('联系电话', phone.error);
    return {
      orgRef: c.org, name: c.name, type: c.type, status: c.status ?? 'active', address: c.address ?? null, equipment: c.equipment ?? null,
      managerName: c.managerName ?? null, contactPhone: phone.value,
    };
  },
});
export default stationRows;
