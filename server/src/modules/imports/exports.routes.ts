/**
 * Excel exports (F-06). Each is `POST /api/exports/<list>.xlsx` with the list's filters as a JSON body: an export
 * is audited (and may reveal), so it is a write behind the origin check, not a GET a cross-site page could trigger.
 * The response is never cached (`Cache-Control: no-store`, set for every API response in app.ts).
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import type { Permission } from '../../platform/roles.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { attachment } from '../../platform/download.js';
import { FlowExportBody, InactiveExportBody, MemberExportBody, OrgExportBody, StationExportBody, TransferExportBody } from './exports.schema.js';
import { XLSX_TYPE } from './imports.schema.js';
import { exportFlows, exportInactiveMembers, exportMembers, exportOrgs, exportStations, exportTransfers } from './exports.service.js';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

interface ExportRoute<B extends TSchema> {
  list: string;
  policy: Permission;
  summary: string;
  body: B;
  fileName: string;
  run: (ctx: AppContext, actor: Actor, body: Static<B>) => Promise<{ stream: Readable; count: number } | { buffer: Buffer; count: number }>;
}

/** One export route: the file (streamed or built), its row count in `x-row-count`, its Chinese file name. */
function exportRoute<B extends TSchema>(app: FastifyInstance, ctx: AppContext, e: ExportRoute<B>): void {
  app.post(`/api/exports/${e.list}.xlsx`, {
    config: { policy: e.policy },
    schema: { tags: ['exports'], summary: e.summary, body: e.body, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const out = await e.run(ctx, requireActor(req), req.body as Static<B>);
    return reply.type(XLSX_TYPE).header('x-row-count', String(out.count)).header('content-disposition', attachment(e.fileName))
      .send('stream' in out ? out.stream : out.buffer);
  });
}

export const exportRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  exportRoute(app, ctx, { list: 'members', policy: 'member.read', summary: '导出党员（筛选条件同党员查询；默认脱敏，记入审计日志）', body: MemberExportBody, fileName: '党员信息.xlsx', run: exportMembers });
  exportRoute(app, ctx, { list: 'organizations', policy: 'org.read', summary: '导出党组织（管辖范围内，可限定某一组织及其下级）', body: OrgExportBody, fileName: '党组织信息.xlsx', run: exportOrgs });
  exportRoute(app, ctx, { list: 'stations', policy: 'station.read', summary: '导出远程教育站点（筛选条件同站点查询；记入审计日志）', body: StationExportBody, fileName: '远程教育站点.xlsx', run: exportStations });
  exportRoute(app, ctx, { list: 'transfers', policy: 'transfer.read', summary: '导出组织关系转接（筛选条件同转接列表；身份证号脱敏，记入审计日志）', body: TransferExportBody, fileName: '组织关系转接.xlsx', run: exportTransfers });
  exportRoute(app, ctx, { list: 'flows', policy: 'member.read', summary: '导出流动党员登记（筛选条件同流动党员名单；联系电话默认脱敏，记入审计日志）', body: FlowExportBody, fileName: '流动党员.xlsx', run: exportFlows });
  exportRoute(app, ctx, { list: 'inactive-members', policy: 'member.read', summary: '导出连续六个月未参加组织生活或未交纳党费的党员（预警名单）', body: InactiveExportBody, fileName: '自行脱党预警名单.xlsx', run: exportInactiveMembers });
};
