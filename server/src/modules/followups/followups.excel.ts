/** 跟踪督办's spreadsheet: the filtered list of items (POST /api/exports/followups.xlsx), audited followup.export. */
import { Type } from 'typebox';
import { defineExporter, EXPORT_PAGE, exportRows } from '../../platform/excel/exporter.js';
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { FollowupListQuery, type FollowupRowT } from './followups.schema.js';
import { listQuery } from './followups.service.js';

const STATES = { open: '办理中', resolved: '已解决', explained: '已说明' } as const;

export const followupExporter = defineExporter({
  name: 'followups', // POST /api/exports/followups.xlsx
  permission: 'followup.read',
  summary: '导出跟踪督办事项（筛选条件同事项列表；记入审计日志）',
  fileName: '跟踪督办事项.xlsx',
  sheetName: '跟踪督办事项',
  columns: [
    { header: '编号', key: 'id', width: 10 },
    { header: '事项', key: 'title', width: 40 },
    { header: '来源', key: 'source', width: 14 },
    { header: '承办组织', key: 'owner', width: 24 },
    { header: '承办人', key: 'assignee', width: 16 },
    { header: '办理期限', key: 'dueOn', width: 12 },
    { header: '剩余/逾期', key: 'left', width: 16 },
    { header: '状态', key: 'state', width: 10 },
    { header: '升级督办', key: 'escalated', width: 20 },
    { header: '登记时间', key: 'createdAt', width: 20 },
    { header: '办结时间', key: 'closedAt', width: 20 },
  ],
  footer: ['办理期限按工作日计算（起算当日不计入）；“已逾期”指办理中且办理期限早于今日的事项。'],
  filter: Type.Object(Type.Omit(FollowupListQuery, ['cursor', 'limit']).properties, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const l = await listQuery(ctx, actor, q);
    const count = await l.count();
    const first = await l.present(await l.page(undefined, EXPORT_PAGE), 'zh');
    return exportRows({
      count,
      audit: [{ action: 'followup.export', entityType: 'followup_item', orgPath: l.paths.length === 1 ? l.paths[0]! : null, after: { filter: q, count } }],
      first,
      next: async (last: FollowupRowT) => l.present(await l.page(last.id, EXPORT_PAGE), 'zh'),
      cells: (r: FollowupRowT) => ({
        id: r.id, title: r.title, source: r.sourceLabel, owner: r.ownerOrgName, assignee: r.assigneeName ?? '', dueOn: r.dueOn,
        left: r.workingDaysLeft === null ? '' : r.workingDaysLeft >= 0 ? `剩余${r.workingDaysLeft}个工作日` : `已逾期${-r.workingDaysLeft}个工作日`,
        state: STATES[r.state], escalated: r.escalatedLevel > 0 ? `已升级至${r.escalatedOrgName ?? ''}` : '',
        createdAt: chinaDateTime(new Date(r.createdAt)), closedAt: r.closedAt ? chinaDateTime(new Date(r.closedAt)) : '',
      }),
    });
  },
});

export const followupsExcel: ExcelRegistry = { importers: [], exporters: [followupExporter] };
