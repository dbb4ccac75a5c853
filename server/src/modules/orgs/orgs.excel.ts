/**
 * The organizations module's spreadsheets: its importer and its exporter on the platform's Excel engine
 * (platform/excel). A row is its cells (no checks beyond them without the database); the tree rules are those of the API (orgs.rules.ts).
 */
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import { Type, type Static } from 'typebox';
import { IdString } from '../../platform/schemas.js';
import { scopeFilter, scopePaths } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { wordOf } from '../../platform/excel/columns.js';
import { defineExporter, EXPORT_PAGE, exportRows } from '../../platform/excel/exporter.js';
import { defineImporter, type RowError } from '../../platform/excel/importer.js';
import { defineRows, Words, type CheckedRow } from '../../platform/excel/rows.js';
import { findOrg, insertOrg } from './orgs.repository.js';
import { pickOrg, resolveOrgRefs, type OrgRef } from './orgs.refs.js';
import { orgTreeProblem } from './orgs.rules.js';
import { authorizedSubtree } from './orgs.service.js';

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

/** An organization row as its cells: the parent still the cell's reference (in the system or the file). */
type OrgImportRow = Static<typeof OrgCells>;

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
});

/** A row ready to write: its parent an organization in the system, or (by name) one created by an earlier row of the file. */
type ReadyOrg = CheckedRow<OrgImportRow> & { parent: OrgRef | null };

/**
 * Organizations, in file order: a row's parent may be an existing organization (id or name) or one created by an
 * earlier row of the same file (by name), so all organizations of one file are written in one transaction.
 */
export const orgImporter = defineImporter<OrgImportRow, ReadyOrg>({
  kind: 'organizations',
  label: { zh: '党组织', en: 'Organizations' },
  permission: 'org.write',
  audit: 'org',
  template: {
    fileName: '党组织信息导入模板.xlsx',
    sheetName: '党组织信息',
    checks: '必填项、组织类别/层级/领域的取值、行政区划代码、成立日期、上级党组织是否在您的管辖范围内、文件内组织简称是否重复。',
  },
  rows: orgRows,
  commit: 'file',

  async prepare(ctx, actor, rows) {
    const scope = scopePaths(actor, 'org.write');
    const inScope = (p: string) => scope.some((s) => p.startsWith(s));
    const existing = await resolveOrgRefs(ctx.db, new Set(rows.map((r) => r.value.parent)));
    const errors: RowError[] = [];
    const fileRows = new Map<string, { row: number; type: string }>();
    const valid: ReadyOrg[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (i % 1000 === 999) await yieldToLoop();
      const r = rows[i];
      const v = r.value;
      const before = errors.length;
      const add = (column: string, message: string) => errors.push({ row: r.row, column, message });
      const inFile = fileRows.get(v.parent);
      let parent: OrgRef | null = null;
      let parentType: string | null = inFile?.type ?? null;
      if (!inFile) {
        const picked = pickOrg(existing.get(v.parent), inScope);
        if (picked.message) add('上级党组织', picked.message);
        else {
          parent = picked.org!;
          parentType = parent.type;
        }
      }
      // The same tree rules as the API (orgs.rules.ts).
      const treeProblem = parentType ? orgTreeProblem({ type: v.type, parentType }) : null;
      if (treeProblem) add('上级党组织', treeProblem);
      const sameName = fileRows.get(v.name);
      if (sameName) add('组织简称', `与第${sameName.row}行的组织简称重复`);
      if (errors.length > before) continue;
      fileRows.set(v.name, { row: r.row, type: v.type });
      valid.push({ ...r, parent });
    }
    return { valid, errors };
  },

  async write(_ctx, actor, rows, trx, { importId, now }) {
    const created = new Map<string, OrgRef>();
    for (const { value: v, parent } of rows) {
      const parentRow = await findOrg(trx, (parent ?? created.get(v.parent))!.id);
      if (!parentRow) continue;
      const org = await insertOrg(trx, parentRow, {
        parent_id: parentRow.id, name: v.name, full_name: v.fullName, type: v.type, level: v.level, sector: v.sector,
        region_code: v.regionCode ?? null, secretary_name: v.secretaryName ?? null, contact_phone: v.contactPhone ?? null, founded_on: v.foundedOn ?? null, is_online: false,
      });
      created.set(v.name, org);
      const values = {
        name: v.name, fullName: v.fullName, type: v.type, level: v.level, sector: v.sector, regionCode: v.regionCode ?? null,
        secretaryName: v.secretaryName ?? null, contactPhone: v.contactPhone ?? null, foundedOn: v.foundedOn ?? null,
      };
      await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'org.create', entityType: 'org', entityId: org.id, orgPath: org.path, ip: actor.ip, after: { ...values, importId } }, now);
    }
    return created.size;
  },
});

/** Organizations in the actor's org.read scope (optionally one subtree), in tree order. */
export const orgExporter = defineExporter({
  name: 'organizations',
  permission: 'org.read',
  summary: '导出党组织（管辖范围内，可限定某一组织及其下级）',
  fileName: '党组织信息.xlsx',
  sheetName: '党组织信息',
  columns: [
    { header: '组织编号', key: 'id', width: 10 }, { header: '上级组织编号', key: 'parent', width: 12 },
    ...orgRows.columns.slice(1).map((c) => ({ header: c.header, key: c.key, width: c.width })), { header: '状态', key: 'status', width: 8 },
  ],
  filter: Type.Object({ orgId: Type.Optional(IdString) }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const subtree = await authorizedSubtree(ctx, actor, 'org.read', q.orgId);
    const scope = scopePaths(actor, 'org.read');
    const base = () => {
      let query = ctx.db.selectFrom('orgs as o').where((eb) => scopeFilter(eb, 'o.path', scope));
      if (subtree) query = query.where('o.path', 'like', `${subtree}%`);
      return query;
    };
    const page = (afterPath: string) => base().selectAll('o').where('o.path', '>', afterPath).orderBy('o.path').limit(EXPORT_PAGE).execute();
    const { n: count } = await base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return exportRows({
      count,
      audit: [{ action: 'org.export', entityType: 'org', orgPath: subtree ?? null, after: { orgId: q.orgId ?? null, count } }],
      first: await page(''),
      next: (last) => page(last.path),
      cells: (o) => ({
        id: o.id, parent: o.parent_id ?? '', name: o.name, fullName: o.full_name, type: wordOf(ORG_TYPE_WORDS, o.type), level: wordOf(ORG_LEVEL_WORDS, o.level),
        sector: wordOf(ORG_SECTOR_WORDS, o.sector), regionCode: o.region_code ?? '', secretaryName: o.secretary_name ?? '', contactPhone: o.contact_phone ?? '',
        foundedOn: o.founded_on ?? '', status: o.status === 'active' ? '正常' : '已撤销',
      }),
    });
  },
});

export const orgsExcel: ExcelRegistry = { importers: [orgImporter], exporters: [orgExporter] };
