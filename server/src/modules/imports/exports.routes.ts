/**
 * Excel exports (F-06). Each is `POST /api/exports/<list>.xlsx` with the list's filters as a JSON body: an export
 * is audited (and may reveal), so it is a write behind the origin check, not a GET a cross-site page could trigger.
 * The response is never cached (`Cache-Control: no-store`, set for every API response in app.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { attachment } from '../../platform/download.js';
import { FlowExportBody, InactiveExportBody, MemberExportBody, OrgExportBody, StationExportBody, TransferExportBody } from './exports.schema.js';
import { XLSX_TYPE } from './imports.schema.js';
import { exportFlows, exportInactiveMembers, exportMembers, exportOrgs, exportStations, exportTransfers } from './exports.service.js';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

export const exportRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['exports'];

  app.post('/api/exports/members.xlsx', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '导出党员（筛选条件同党员查询；默认脱敏，记入审计日志）', body: MemberExportBody, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const { stream, count } = await exportMembers(ctx, requireActor(req), req.body);
    return reply.type(XLSX_TYPE).header('x-row-count', String(count)).header('content-disposition', attachment('党员信息.xlsx')).send(stream);
  });

  app.post('/api/exports/organizations.xlsx', {
    config: { policy: 'org.read' },
    schema: { tags, summary: '导出党组织（管辖范围内，可限定某一组织及其下级）', body: OrgExportBody, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const { stream, count } = await exportOrgs(ctx, requireActor(req), req.body);
    return reply.type(XLSX_TYPE).header('x-row-count', String(count)).header('content-disposition', attachment('党组织信息.xlsx')).send(stream);
  });

  app.post('/api/exports/stations.xlsx', {
    config: { policy: 'station.read' },
    schema: { tags, summary: '导出远程教育站点（筛选条件同站点查询；记入审计日志）', body: StationExportBody, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const { stream, count } = await exportStations(ctx, requireActor(req), req.body);
    return reply.type(XLSX_TYPE).header('x-row-count', String(count)).header('content-disposition', attachment('远程教育站点.xlsx')).send(stream);
  });

  app.post('/api/exports/transfers.xlsx', {
    config: { policy: 'transfer.read' },
    schema: { tags, summary: '导出组织关系转接（筛选条件同转接列表；身份证号脱敏，记入审计日志）', body: TransferExportBody, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const { stream, count } = await exportTransfers(ctx, requireActor(req), req.body);
    return reply.type(XLSX_TYPE).header('x-row-count', String(count)).header('content-disposition', attachment('组织关系转接.xlsx')).send(stream);
  });

  app.post('/api/exports/flows.xlsx', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '导出流动党员登记（筛选条件同流动党员名单；联系电话默认脱敏，记入审计日志）', body: FlowExportBody, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const { stream, count } = await exportFlows(ctx, requireActor(req), req.body);
    return reply.type(XLSX_TYPE).header('x-row-count', String(count)).header('content-disposition', attachment('流动党员.xlsx')).send(stream);
  });

  app.post('/api/exports/inactive-members.xlsx', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '导出连续六个月未参加组织生活或未交纳党费的党员（预警名单）', body: InactiveExportBody, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const { buffer, count } = await exportInactiveMembers(ctx, requireActor(req), req.body);
    return reply.type(XLSX_TYPE).header('x-row-count', String(count)).header('content-disposition', attachment('自行脱党预警名单.xlsx')).send(buffer);
  });
};
