/**
 * The SMS module's spreadsheets, through the platform's Excel engine (platform/excel): a broadcast's failures
 * (失败名单, to call or re-send them) and the monthly usage report (短信用量). Phones are masked unless `reveal` is
 * asked, and then shown in full only for rows whose HOME organization (the recipient's) the reveal rule
 * (platform/reveal.ts) lets through, as in the members and contacts exports.
 */
import { sql } from 'kysely';
import { Type } from 'typebox';
import { scopePaths, subtreePatterns } from '../../platform/actor.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { checkRevealAsked, defineExporter, EXPORT_PAGE, exportRows, RevealOption } from '../../platform/excel/exporter.js';
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { revealer, revealScope } from '../../platform/reveal.js';
import { IdString, lit } from '../../platform/schemas.js';
import type { MessageState } from '../../db/tables/sms.js';
import { loadAuthorized, withinSpan } from './sms.service.js';
import { usage, type UsageFigures } from './sms.usage.js';
import { COVERS, SHOWN_STATES } from './sms.states.js';

export const MESSAGE_STATE_WORDS: Record<MessageState, string> = {
  held: '待发送', queued: '待发送', claimed: '待发送', submitting: '已提交', submitted: '已提交', delivered: '已送达', failed: '发送失败', unknown: '状态未知', cancelled: '已取消',
};
const when = (d: Date | null) => (d ? chinaDateTime(d) : '');

interface FailureRow {
  id: string; name: string | null; org_name: string; org_path: string; phone_enc: Buffer; phone_masked: string; state: MessageState;
  error_code: string | null; error_reason: string | null; attempts: number; submitted_at: Date | null; finished_at: Date | null; created_at: Date;
}

export const failuresExporter = defineExporter({
  name: 'sms-failures', // POST /api/exports/sms-failures.xlsx
  permission: 'sms.read',
  summary: '导出群发短信的失败名单（默认发送失败和状态未知的接收人；管辖范围内；手机号码默认脱敏；记入审计日志）',
  fileName: '群发短信失败名单.xlsx',
  sheetName: '失败名单',
  columns: [
    { header: '姓名', key: 'name', width: 10 },
    { header: '所在组织', key: 'org', width: 30 },
    { header: '手机号码', key: 'phone', width: 14 },
    { header: '状态', key: 'state', width: 10 },
    { header: '失败原因', key: 'reason', width: 36 },
    { header: '尝试次数', key: 'attempts', width: 10 },
    { header: '提交时间', key: 'submittedAt', width: 18 },
    { header: '最后更新时间', key: 'updatedAt', width: 18 },
  ],
  footer: ['时间为北京时间。“状态未知”指运营商未在时限内返回送达回执，或发送过程中服务中断、无法确认运营商是否已收到。'],
  filter: Type.Object({
    broadcastId: IdString,
    states: Type.Optional(Type.Array(lit(SHOWN_STATES), { minItems: 1, maxItems: SHOWN_STATES.length, description: 'default: failed and unknown' })),
    reveal: RevealOption('mobiles'),
  }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const b = await loadAuthorized(ctx, actor, q.broadcastId, 'sms.read');
    const shown = [...new Set(q.states?.length ? q.states : (['failed', 'unknown'] as const))];
    const states = shown.flatMap((s) => COVERS[s]);
    const scope = scopePaths(actor, 'sms.read');
    const revealAsked = checkRevealAsked(actor, q.reveal, scope, '手机号码');
    const show = revealer(actor, revealAsked);
    const patterns = subtreePatterns(scope);
    const page = (after: string | null) => sql<FailureRow>`
      select m.id, m.name, o.name as org_name, o.path as org_path, m.phone_enc, m.phone_masked, m.state, m.error_code, m.error_reason, m.attempts,
             m.submitted_at, m.finished_at, m.created_at
      from sms_messages m join orgs o on o.id = m.org_id
      where m.broadcast_id = ${b.id} and ${withinSpan(b)} and m.state = any(${states}::text[]) and o.path like any(${patterns}::text[]) and m.id > ${after ?? '0'}
      order by m.id limit ${EXPORT_PAGE}`.execute(ctx.db).then((r) => r.rows);
    const { rows: [n] } = await sql<{ n: string }>`
      select count(*) as n from sms_messages m join orgs o on o.id = m.org_id
      where m.broadcast_id = ${b.id} and m.state = any(${states}::text[]) and o.path like any(${patterns}::text[])`.execute(ctx.db);
    const count = Number(n!.n);
    const filter = { broadcastId: b.id, states: shown };
    return exportRows({
      count,
      audit: [
        { action: 'sms.broadcast.export', entityType: 'sms_broadcast', orgPath: b.org_path, after: { ...filter, count, revealed: revealAsked } },
        ...(revealAsked ? [{ action: 'sms.reveal', entityType: 'sms_broadcast', orgPath: b.org_path, after: { via: 'export', fields: ['mobile'], count, ...filter, revealedUnder: revealScope(actor) } }] : []),
      ],
      first: await page(null),
      next: (last: FailureRow) => page(last.id),
      cells: (r: FailureRow) => ({
        name: r.name ?? '', org: r.org_name, phone: show(r.org_path, () => ctx.crypto.decrypt(r.phone_enc), r.phone_masked), state: MESSAGE_STATE_WORDS[r.state],
        reason: r.error_reason ?? r.error_code ?? '', attempts: r.attempts,
        submittedAt: when(r.submitted_at), updatedAt: when(r.finished_at ?? r.submitted_at ?? r.created_at),
      }),
    });
  },
});

type UsageLine = { org: string; scope: string } & UsageFigures;

export const usageExporter = defineExporter({
  name: 'sms-usage', // POST /api/exports/sms-usage.xlsx
  permission: 'sms.read',
  summary: '导出短信月度用量（按组织逐级统计；计费条数按运营商已接收的短信条数计）',
  fileName: '短信用量.xlsx',
  sheetName: '短信用量',
  columns: [
    { header: '组织', key: 'org', width: 30 },
    { header: '统计范围', key: 'scope', width: 12 },
    { header: '发送短信（条）', key: 'messages', width: 14 },
    { header: '计费条数', key: 'segments', width: 12 },
    { header: '已送达', key: 'delivered', width: 10 },
    { header: '发送失败', key: 'failed', width: 10 },
    { header: '状态未知', key: 'unknown', width: 10 },
    { header: '待回执', key: 'awaiting', width: 10 },
  ],
  footer: [
    '按北京时间自然月统计运营商已接收（提交成功）的短信，计入接收人所在组织；长短信按实际拆分的条数计费。',
    '未提交到运营商的短信（待发送、已取消、提交即被拒绝）不计入。',
  ],
  filter: Type.Object({ month: Type.Optional(Type.String({ maxLength: 7 })), parentId: Type.Optional(IdString) }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const u = await usage(ctx, actor, q);
    const lines: UsageLine[] = [
      ...u.items.map((i) => ({ org: i.orgName, scope: i.own ? '本级' : '含下级', ...i.figures })),
      { org: `合计（${u.parent.name}，${u.month}）`, scope: '', ...u.total },
    ];
    const parentPath = (await ctx.db.selectFrom('orgs').select('path').where('id', '=', u.parent.id).executeTakeFirstOrThrow()).path;
    return exportRows({
      count: lines.length,
      audit: [{ action: 'sms.usage.export', entityType: 'sms_usage', orgPath: parentPath, after: { month: u.month, parentId: u.parent.id, rows: u.items.length } }],
      first: lines,
      next: async () => [],
      cells: (r: UsageLine) => ({ ...r }),
    });
  },
});

export const smsExcel: ExcelRegistry = { importers: [], exporters: [failuresExporter, usageExporter] };
