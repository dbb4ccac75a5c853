/**
 * The disclosures module's spreadsheets on the platform's Excel engine (platform/excel), both in the actor's
 * disclosure.read scope and audited:
 *
 * - `POST /api/exports/disclosures.xlsx`: the items of a level (`orgId`: its subtree) with the console list's filters —
 *   organization, kind, period, title, state, version, first and latest publication and the current fingerprint.
 * - `POST /api/exports/disclosure-board.xlsx`: a plan's completeness board under a level (`parentId`, as the board):
 *   every target organization with its status, missing and late first, and the days past the due date.
 */
import { Type } from 'typebox';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { defineExporter, EXPORT_PAGE, exportRows } from '../../platform/excel/exporter.js';
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { IdString } from '../../platform/schemas.js';
import { KIND_LABELS, periodLabel } from './disclosures.rules.js';
import { ItemListQuery, PLAN_STATUSES } from './disclosures.schema.js';
import { boardTargets, itemRows, itemsUnder, STATUS_LABELS, type ItemFilter } from './disclosures.service.js';

const STATE_LABELS = { draft: '草稿', published: '已公开', withdrawn: '已撤回' } as const;
const when = (d: Date | null) => (d ? chinaDateTime(new Date(d)) : '');

export const itemsExporter = defineExporter({
  name: 'disclosures',
  permission: 'disclosure.read',
  summary: '导出公开事项（筛选条件同公开事项列表：组织及其下级、类型、状态、期间；记入审计日志）',
  fileName: '公开事项.xlsx',
  sheetName: '公开事项',
  columns: [
    { header: '事项编号', key: 'id', width: 10 },
    { header: '基层党组织', key: 'org', width: 28 },
    { header: '类型', key: 'kind', width: 10 },
    { header: '公开期间', key: 'period', width: 16 },
    { header: '标题', key: 'title', width: 36 },
    { header: '状态', key: 'state', width: 8 },
    { header: '版本', key: 'version', width: 6 },
    { header: '首次公开时间', key: 'firstPublishedAt', width: 20 },
    { header: '最近公开时间', key: 'publishedAt', width: 20 },
    { header: '当前版本指纹（SHA-256）', key: 'fingerprint', width: 68 },
  ],
  footer: ['指纹为当前公开版本的 SHA-256，可在公开页面核对；草稿无指纹。时间为北京时间。'],
  filter: Type.Object(Type.Omit(ItemListQuery, ['cursor', 'limit']).properties, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const filter = q as ItemFilter;
    const under = await itemsUnder(ctx.db, actor, filter.orgId);
    const first = await itemRows(ctx.db, actor, under, filter, undefined, EXPORT_PAGE);
    // The count is that of the first page when it is the only one; otherwise counted (a level's items are thousands at most).
    const count = first.length < EXPORT_PAGE ? first.length : await countItems(ctx, actor, under, filter);
    return exportRows({
      count,
      audit: [{ action: 'disclosure.export', entityType: 'disclosure_item', orgPath: under, after: { filter: q, count } }],
      first,
      next: (last) => itemRows(ctx.db, actor, under, filter, last.id, EXPORT_PAGE),
      cells: (r) => ({
        id: r.id, org: r.org_name, kind: KIND_LABELS[r.kind], period: periodLabel(r.period), title: r.title, state: STATE_LABELS[r.state], version: r.version,
        firstPublishedAt: when(r.first_published_at), publishedAt: when(r.published_at), fingerprint: r.state === 'draft' ? '' : r.fingerprint ?? '',
      }),
    });
  },
});

async function countItems(ctx: AppContext, actor: Actor, under: string | null, filter: ItemFilter): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await itemRows(ctx.db, actor, under, filter, cursor, EXPORT_PAGE);
    n += page.length;
    if (page.length < EXPORT_PAGE) return n;
    cursor = page[page.length - 1]!.id;
  }
}

export const boardExporter = defineExporter({
  name: 'disclosure-board',
  permission: 'disclosure.read',
  summary: '导出公开计划完成情况：某一层级以下每个应公开的基层党组织及其状态（未公开、逾期在前；记入审计日志）',
  fileName: '公开计划完成情况.xlsx',
  sheetName: '完成情况',
  columns: [
    { header: '状态', key: 'status', width: 10 },
    { header: '基层党组织', key: 'org', width: 28 },
    { header: '所属组织', key: 'within', width: 36 },
    { header: '首次公开时间', key: 'publishedAt', width: 20 },
    { header: '逾期天数', key: 'overdueDays', width: 10 },
    { header: '公开事项编号', key: 'itemId', width: 12 },
  ],
  footer: ['逾期天数：逾期公开的为公开日晚于截止日期的天数，未公开的为截至统计日超过截止日期的天数（北京时间）。'],
  filter: Type.Object({
    planId: IdString,
    parentId: Type.Optional(IdString),
    overdue: Type.Optional(Type.Boolean({ description: 'true: 只导出未公开和逾期公开的（默认全部）' })),
  }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const b = await boardTargets(ctx.db, actor, q.planId, q.parentId, ctx.now());
    const rows = q.overdue ? b.rows.filter((r) => r.status === 'missing' || r.status === 'late') : b.rows;
    const counts = Object.fromEntries(PLAN_STATUSES.map((s) => [s, b.rows.filter((r) => r.status === s).length]));
    return exportRows({
      count: rows.length,
      audit: [{ action: 'disclosure.plan.export', entityType: 'disclosure_plan', orgPath: b.parent.path, after: { planId: b.plan.id, parentId: b.parent.id, overdue: q.overdue ?? false, count: rows.length, counts, today: b.today } }],
      first: rows,
      next: async () => [],
      cells: (r) => ({
        status: STATUS_LABELS[r.status], org: r.name, within: r.within, publishedAt: r.publishedAt ? chinaDateTime(new Date(r.publishedAt)) : '',
        overdueDays: r.overdueDays && r.overdueDays > 0 ? r.overdueDays : '', itemId: r.itemId ?? '',
      }),
    });
  },
});

export const disclosuresExcel: ExcelRegistry = { importers: [], exporters: [itemsExporter, boardExporter] };
