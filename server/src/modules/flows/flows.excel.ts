/**
 * The flows module's exports on the platform's Excel engine (platform/excel): the out-flow registrations (流动党员)
 * and the six-month alert list (自行脱党预警).
 */
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { Type } from 'typebox';
import { scopePaths } from '../../platform/actor.js';
import { wordOf } from '../../platform/excel/columns.js';
import { checkRevealAsked, defineExporter, EXPORT_PAGE, exportRows, RevealOption } from '../../platform/excel/exporter.js';
import { revealer, revealScope } from '../../platform/reveal.js';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import { findOrg } from '../orgs/orgs.repository.js';
import * as repo from './flows.repository.js';
import { FlowListQuery, InactiveQuery } from './flows.schema.js';
import { inactiveMembers } from './flows.service.js';

const FLOW_TYPE_WORDS: Record<string, string> = { 市内流动: 'within_city', 省内跨市流动: 'within_province', 跨省流动: 'out_of_province' };
const FLOW_REASON_WORDS: Record<string, string> = { 务工经商: 'work_business', 学习: 'study', 随迁: 'follow_family', 其他: 'other' };

/** Out-flow registrations with the filters of GET /api/flows (home-branch or online-branch scope, in SQL); the destination contact phone masked unless revealed. */
export const flowExporter = defineExporter({
  name: 'flows',
  permission: 'member.read',
  summary: '导出流动党员登记（筛选条件同流动党员名单；联系电话默认脱敏，记入审计日志）',
  fileName: '流动党员.xlsx',
  sheetName: '流动党员',
  columns: [
    { header: '登记编号', key: 'id', width: 10 }, { header: '姓名', key: 'name', width: 10 }, { header: '组织编号', key: 'orgId', width: 10 }, { header: '所在党支部', key: 'org', width: 28 },
    { header: '流动类型', key: 'type', width: 14 }, { header: '外出原因', key: 'reason', width: 10 }, { header: '流入地（省）', key: 'province', width: 12 },
    { header: '流入地（市）', key: 'city', width: 12 }, { header: '流入地（县）', key: 'county', width: 12 }, { header: '工作单位', key: 'workplace', width: 24 },
    { header: '流入地联系人', key: 'contactName', width: 12 }, { header: '联系电话', key: 'contactPhone', width: 16 }, { header: '外出日期', key: 'leftOn', width: 12 },
    { header: '预计返回日期', key: 'expected', width: 12 }, { header: '返回日期', key: 'returnedOn', width: 12 }, { header: '状态', key: 'state', width: 8 },
    { header: '网络党支部', key: 'onlineBranch', width: 24 },
  ],
  filter: Type.Object({
    ...Type.Omit(FlowListQuery, ['cursor', 'limit']).properties,
    reveal: RevealOption('destination contact phones'),
  }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const subtree = await authorizedSubtree(ctx, actor, 'member.read', q.orgId);
    const revealAsked = checkRevealAsked(actor, q.reveal, subtree ? [subtree] : scopePaths(actor, 'member.read'), '联系电话');
    const show = revealer(actor, revealAsked);
    const filter: repo.FlowFilter = { scope: scopePaths(actor, 'member.read'), subtree, type: q.type, open: q.open };
    const first = await repo.listFlows(ctx.db, filter, undefined, EXPORT_PAGE);
    const count = first.total;
    const { reveal: _r, ...filterShown } = q;
    return exportRows({
      count,
      audit: [
        { action: 'flow.export', entityType: 'member_flow', orgPath: subtree ?? null, after: { filter: filterShown, count, revealed: revealAsked } },
        ...(revealAsked ? [{ action: 'member.reveal', entityType: 'member_flow', orgPath: subtree ?? null, after: { via: 'export', fields: ['contactPhone'], count, filter: filterShown, revealedUnder: revealScope(actor) } }] : []),
      ],
      first: first.rows,
      next: async (last) => (await repo.listFlows(ctx.db, filter, last.id, EXPORT_PAGE)).rows,
      cells: (r) => ({
        id: r.id, name: r.member_name, orgId: r.org_id, org: r.org_name, type: wordOf(FLOW_TYPE_WORDS, r.flow_type), reason: wordOf(FLOW_REASON_WORDS, r.reason),
        province: r.dest_province, city: r.dest_city ?? '', county: r.dest_county ?? '', workplace: r.workplace ?? '', contactName: r.contact_name ?? '',
        // By the member's home branch: an online branch that lists the member does not reveal them.
        contactPhone: r.contact_phone_enc ? show(r.org_path, () => ctx.crypto.decrypt(r.contact_phone_enc!), r.contact_phone_masked ?? '') : '',
        leftOn: r.left_on, expected: r.expected_return_on ?? '', returnedOn: r.returned_on ?? '', state: r.returned_on ? '已返回' : '外出中',
        onlineBranch: r.online_org_name ?? '',
      }),
    });
  },
});

/** The six-month alert list of GET /api/alerts/inactive-members (same service, same scope and limit of 1,000). No personal numbers in it. */
export const inactiveMemberExporter = defineExporter({
  name: 'inactive-members',
  permission: 'member.read',
  summary: '导出连续六个月未参加组织生活或未交纳党费的党员（预警名单）',
  fileName: '自行脱党预警名单.xlsx',
  sheetName: '自行脱党预警',
  columns: [
    { header: '党员编号', key: 'memberId', width: 10 }, { header: '姓名', key: 'name', width: 10 }, { header: '组织编号', key: 'orgId', width: 10 }, { header: '所在党支部', key: 'orgName', width: 28 },
    { header: '最近参加组织生活', key: 'lastLifeOn', width: 16 }, { header: '最近交纳党费', key: 'lastDuesOn', width: 14 },
    { header: '未参加组织生活（月）', key: 'monthsWithoutLife', width: 18 }, { header: '未交纳党费（月）', key: 'monthsWithoutDues', width: 16 },
  ],
  footer: ['说明：最近一次参加组织生活或交纳党费距今满六个月的党员；无记录的按入党时间计算。名单最多1000人。'],
  filter: Type.Object(InactiveQuery.properties, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const { items } = await inactiveMembers(ctx, actor, q.orgId);
    const subtree = q.orgId ? (await findOrg(ctx.db, q.orgId))?.path ?? null : null;
    return exportRows({
      count: items.length,
      audit: [{ action: 'alert.export', entityType: 'member', orgPath: subtree, after: { orgId: q.orgId ?? null, count: items.length } }],
      first: items,
      // One list of at most 1,000 (the alert's own limit): there is no next page.
      next: async () => [],
      cells: (m) => ({ ...m, lastLifeOn: m.lastLifeOn ?? '无记录', lastDuesOn: m.lastDuesOn ?? '无记录' }),
    });
  },
});

export const flowsExcel: ExcelRegistry = { importers: [], exporters: [flowExporter, inactiveMemberExporter] };
