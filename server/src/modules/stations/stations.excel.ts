/**
 * The stations module's spreadsheets (F-07): its importer and its exporter on the platform's Excel engine
 * (platform/excel). The check of a row beyond its cells is in stations.excel-check.ts (the worker thread loads it);
 * what needs the database and the write are here, through the module's own repository and rules.
 */
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Type } from 'typebox';
import { scopePaths } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { wordOf } from '../../platform/excel/columns.js';
import { defineExporter, EXPORT_PAGE, exportRows } from '../../platform/excel/exporter.js';
import { defineImporter, type RowError } from '../../platform/excel/importer.js';
import { defineRows, Words, type CheckedRow } from '../../platform/excel/rows.js';
import { siblingModule } from '../../platform/workers.js';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import { pickOrg, resolveOrgRefs, type OrgRef } from '../orgs/orgs.refs.js';
import * as repo from './stations.repository.js';
import { StationListQuery } from './stations.schema.js';
import { stationNameTakenMessage } from './stations.service.js';
import type { StationRow } from './stations.excel-check.js';

/** 远程教育站点类型; 党员户 is the contract's older word for 家庭 and is accepted too. */
export const STATION_TYPE_WORDS: Record<string, string> = { 乡镇: 'township', 村: 'village', 企业: 'enterprise', 社区: 'community', 家庭: 'household' };
/** 站点状态; 暂停 is accepted as 停用. */
export const STATION_STATUS_WORDS: Record<string, string> = { 正常: 'active', 停用: 'suspended', 故障: 'fault' };

export const StationCells = Type.Object({
  name: Type.String({ maxLength: 80 }),
  type: Words(STATION_TYPE_WORDS),
  org: Type.String(),
  address: Type.Optional(Type.String({ maxLength: 120 })),
  equipment: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Words(STATION_STATUS_WORDS)),
  managerName: Type.Optional(Type.String({ maxLength: 30 })),
  contactPhone: Type.Optional(Type.String()),
});

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
});

type ReadyStation = CheckedRow<StationRow> & { org: OrgRef };
const stationKey = (orgId: string, name: string) => `${orgId}\u0000${name}`;

/**
 * 远程教育终端站点. A station is a duplicate when another station of the same organization has the same name (in the
 * file or already registered). Its organization is identified like a member's branch (id, or exact name / full name
 * unique in the importer's org.write subtree) and must be active. All stations of one file are written in one
 * transaction (files are small), one `station.create` audit row each.
 */
export const stationImporter = defineImporter<StationRow, ReadyStation>({
  kind: 'stations',
  label: { zh: '远程教育站点', en: 'Remote-education stations' },
  // Stations are organization work: registering them needs org.write, as in the stations API.
  permission: 'org.write',
  audit: 'station',
  template: {
    fileName: '远程教育站点导入模板.xlsx',
    sheetName: '远程教育站点',
    checks: '必填项、类型和状态的取值、联系电话格式、所属党组织是否在您的管辖范围内且未撤销；同一党组织下站点名称相同视为重复（文件内或与系统中已登记的站点）。',
  },
  rows: stationRows,
  checkModule: siblingModule(import.meta.url, 'stations.excel-check'),
  commit: 'file',

  async prepare(ctx, actor, rows) {
    const scope = scopePaths(actor, 'org.write');
    const inScope = (p: string) => scope.some((s) => p.startsWith(s));
    const orgs = await resolveOrgRefs(ctx.db, new Set(rows.map((r) => r.value.orgRef)));
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    const prepared: ReadyStation[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (i % 1000 === 999) await yieldToLoop();
      const r = rows[i];
      const picked = pickOrg(orgs.get(r.value.orgRef), inScope);
      const message = picked.message ?? (picked.org!.status !== 'active' ? '该党组织已撤销，不能登记站点' : null);
      if (message) {
        errors.push({ row: r.row, column: '所属党组织', message });
        continue;
      }
      const key = stationKey(picked.org!.id, r.value.name);
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ row: r.row, column: '站点名称', message: `与第${first}行的站点重复（同一党组织下站点名称相同）` });
        continue;
      }
      seen.set(key, r.row);
      prepared.push({ ...r, org: picked.org! });
    }
    // Against the database: the module's one name rule (takenStationNames), asked for the whole file at once. A retried
    // job that already committed its transaction finished the import, so this never sees its own rows.
    const taken = new Set<string>();
    const orgIds = [...new Set(prepared.map((p) => p.org.id))];
    for (let i = 0; i < orgIds.length; i += 1000) {
      const part = orgIds.slice(i, i + 1000);
      const names = [...new Set(prepared.filter((p) => part.includes(p.org.id)).map((p) => p.value.name))];
      for (const t of await repo.takenStationNames(ctx.db, part, names)) taken.add(stationKey(t.org_id, t.name));
    }
    const valid = prepared.filter((p) => {
      if (!taken.has(stationKey(p.org.id, p.value.name))) return true;
      errors.push({ row: p.row, column: '站点名称', message: stationNameTakenMessage(p.org.name) });
      return false;
    });
    return { valid, errors };
  },

  async write(_ctx, actor, rows, trx, { importId, now }) {
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      const inserted = await repo.insertStations(trx, batch.map(({ org, value: v }) => ({
        org_id: org.id, org_path: org.path, name: v.name, type: v.type, status: v.status, address: v.address, equipment: v.equipment,
        manager_name: v.managerName, contact_phone: v.contactPhone, created_at: now, updated_at: now,
      })));
      const idOf = new Map(inserted.map((s) => [stationKey(s.org_id, s.name), s.id]));
      for (const { org, value: v, row } of batch) {
        await appendAudit(trx, {
          actorId: actor.accountId, actorName: actor.username, action: 'station.create', entityType: 'station', entityId: idOf.get(stationKey(org.id, v.name))!, orgPath: org.path, ip: actor.ip,
          after: { name: v.name, type: v.type, address: v.address, equipment: v.equipment, status: v.status, managerName: v.managerName, orgId: org.id, orgPath: org.path, importId, row },
        }, now);
      }
    }
    return rows.length;
  },
});

/**
 * Stations with the filters of GET /api/stations, in the actor's station.read scope (in SQL), in pages by id. Nothing
 * personal but the manager's name and work phone (shown as is, like an organization's contact phone).
 */
export const stationExporter = defineExporter({
  name: 'stations',
  permission: 'station.read',
  summary: '导出远程教育站点（筛选条件同站点查询；记入审计日志）',
  fileName: '远程教育站点.xlsx',
  sheetName: '远程教育站点',
  columns: [
    { header: '站点编号', key: 'id', width: 10 },
    ...stationRows.columns.flatMap((c) => (c.key === 'org'
      ? [{ header: '组织编号', key: 'orgId', width: 10 }, { header: c.header, key: c.key, width: c.width }]
      : [{ header: c.header, key: c.key, width: c.width }])),
    { header: '登记时间', key: 'createdAt', width: 20 },
  ],
  filter: Type.Object(Type.Omit(StationListQuery, ['cursor', 'limit']).properties, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const subtree = await authorizedSubtree(ctx, actor, 'station.read', q.orgId);
    const filter: repo.StationFilter = { scope: scopePaths(actor, 'station.read'), subtree, type: q.type, status: q.status, nameContains: q.q?.trim() || undefined };
    const first = await repo.listStations(ctx.db, filter, undefined, EXPORT_PAGE);
    return exportRows({
      count: first.total,
      audit: [{ action: 'station.export', entityType: 'station', orgPath: subtree ?? null, after: { filter: q, count: first.total } }],
      first: first.rows,
      next: async (last) => (await repo.listStations(ctx.db, filter, last.id, EXPORT_PAGE)).rows,
      cells: (r) => ({
        id: r.id, name: r.name, type: wordOf(STATION_TYPE_WORDS, r.type), orgId: r.org_id, org: r.org_name, address: r.address ?? '', equipment: r.equipment ?? '',
        status: wordOf(STATION_STATUS_WORDS, r.status), managerName: r.manager_name ?? '', contactPhone: r.contact_phone ?? '', createdAt: chinaDateTime(r.created_at),
      }),
    });
  },
});

export const stationsExcel: ExcelRegistry = { importers: [stationImporter], exporters: [stationExporter] };
