/** The transfers module's export on the platform's Excel engine (platform/excel): 组织关系转接. */
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { Type } from 'typebox';
import { scopePaths } from '../../platform/actor.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { wordOf } from '../../platform/excel/columns.js';
import { defineExporter, EXPORT_PAGE, exportRows } from '../../platform/excel/exporter.js';
import { CATEGORY_WORDS } from '../members/members.excel.js';
import * as repo from './transfers.repository.js';
import { STATE_NAMES } from './transfers.rules.js';
import { TransferListQuery, type TransferState } from './transfers.schema.js';

/**
 * Transfers with the filters of GET /api/transfers (each side's rows in SQL; the receiving side's only once
 * forwarded), newest first. The ID number is the masked one the transfer kept; there is no reveal.
 */
export const transferExporter = defineExporter({
  name: 'transfers',
  permission: 'transfer.read',
  summary: '导出组织关系转接（筛选条件同转接列表；身份证号脱敏，记入审计日志）',
  fileName: '组织关系转接.xlsx',
  sheetName: '组织关系转接',
  columns: [
    { header: '介绍信编号', key: 'letterNo', width: 22 }, { header: '状态', key: 'state', width: 12 }, { header: '党员姓名', key: 'name', width: 10 },
    { header: '身份证号', key: 'idNumber', width: 22 }, { header: '党员类别', key: 'category', width: 10 }, { header: '党费交至', key: 'duesPaidTo', width: 10 },
    { header: '转出党组织', key: 'from', width: 28 }, { header: '转入党组织', key: 'to', width: 36 }, { header: '转接类型', key: 'destination', width: 14 },
    { header: '有效期（天）', key: 'validity', width: 12 }, { header: '开具日期', key: 'issuedOn', width: 12 }, { header: '有效期至', key: 'expiresOn', width: 12 },
    { header: '转接原因', key: 'reason', width: 28 }, { header: '申请时间', key: 'createdAt', width: 20 }, { header: '办结时间', key: 'completedAt', width: 20 },
  ],
  filter: Type.Object(Type.Omit(TransferListQuery, ['cursor', 'limit']).properties, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const filter: repo.TransferFilter = {
      scope: scopePaths(actor, 'transfer.read'), direction: q.direction, state: q.state, nameContains: q.q?.trim() || undefined,
      pendingScope: q.pending ? scopePaths(actor, 'transfer.write') : undefined,
    };
    const count = await repo.countTransfers(ctx.db, filter);
    return exportRows({
      count,
      audit: [{ action: 'transfer.export', entityType: 'transfer', orgPath: null, after: { filter: q, count } }],
      first: await repo.listTransfers(ctx.db, filter, undefined, EXPORT_PAGE),
      next: (last) => repo.listTransfers(ctx.db, filter, last.id, EXPORT_PAGE),
      cells: (r) => ({
        letterNo: r.letter_no, state: STATE_NAMES[r.state as TransferState] ?? r.state, name: r.member_name, idNumber: r.member_id_masked,
        category: wordOf(CATEGORY_WORDS, r.member_category), duesPaidTo: r.dues_paid_to, from: r.from_org_name,
        to: r.destination === 'outside' ? `${r.to_province ?? ''}${r.to_city ?? ''} ${r.to_org_name}` : r.to_org_name,
        destination: r.destination === 'outside' ? '转出本省（平台外）' : '本平台内', validity: r.validity_days,
        issuedOn: r.issued_on ?? '', expiresOn: r.expires_on ?? '', reason: r.reason, createdAt: chinaDateTime(r.created_at), completedAt: r.completed_at ? chinaDateTime(r.completed_at) : '',
      }),
    });
  },
});

export const transfersExcel: ExcelRegistry = { importers: [], exporters: [transferExporter] };
