/**
 * Excel导入导出 (F-06): templates, uploads that run as background jobs, progress and error reports,
 * (exports: exports.routes.ts). Every route declares config.policy.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { permissionsOf } from '../../platform/actor.js';
import {
  IdParams, ImportList, ImportListQuery, ImportCreated, ImportCreateQuery, ImportStatus, ImportStatusQuery, TemplateParams, XLSX_TYPE,
} from './imports.schema.js';
import * as svc from './imports.service.js';
import { templateWorkbook } from './exports.service.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const importRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['imports'];

  // The upload is the raw request body (no multipart plugin). Encapsulated: only this plugin's routes accept it.
  // Bodies of other or missing content types (text/csv) also arrive as bytes; the service tells .xlsx (a ZIP) from CSV text.
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));

  app.get('/api/imports/templates/:kind', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '下载导入模板（党员 / 党组织 / 远程教育站点）', params: TemplateParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const kind = req.params.kind === 'members.xlsx' ? 'members' : req.params.kind === 'stations.xlsx' ? 'stations' : 'organizations';
    const perms = permissionsOf(requireActor(req));
    if (!perms.includes('member.write') && !perms.includes('org.write')) throw forbidden('forbidden.permission', '您的角色无权执行此操作');
    const buf = await templateWorkbook(kind);
    const name = { members: '党员信息导入模板.xlsx', organizations: '党组织信息导入模板.xlsx', stations: '远程教育站点导入模板.xlsx' }[kind];
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(name)).send(buf);
  });

  app.post('/api/imports', {
    config: { policy: 'authenticated' },
    bodyLimit: MAX_UPLOAD_BYTES,
    schema: {
      tags, summary: '上传 Excel 或 CSV 文件并开始导入（后台任务，返回 202 与任务编号）',
      description: `请求体为文件本身，不超过 20 MB：.xlsx（Content-Type: ${XLSX_TYPE}），或 .csv（text/csv，UTF-8 或 GBK/GB18030 编码，列与导入模板相同）。`
        + '行数、列数、单元格长度和 .xlsx 解压后的大小有上限；每个账号每小时的上传次数有上限（超过时返回 429）。上传的文件加密保存，导入结束即删除。',
      querystring: ImportCreateQuery, response: responses({ 202: ImportCreated }),
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    if (!Buffer.isBuffer(req.body)) throw badRequest('import.not_xlsx', '请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）');
    const q = req.query;
    const { id, jobId } = await svc.createImport(ctx, actor, q.kind, q.mode ?? 'all_or_nothing', q.fileName ?? null, req.body);
    ctx.jobs.poke();
    return reply.status(202).header('location', `/api/imports/${id}`).send({ id, jobId, statusUrl: `/api/imports/${id}` });
  });

  app.get('/api/imports', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '我的导入记录（最近的在前）', querystring: ImportListQuery, response: responses({ 200: ImportList }) },
  }, async (req) => svc.listImports(ctx, requireActor(req), req.query.limit ?? 20));

  app.get('/api/imports/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '导入进度与逐行错误（分页）', params: IdParams, querystring: ImportStatusQuery, response: responses({ 200: ImportStatus }) },
  }, async (req) => svc.getImport(ctx, requireActor(req), req.params.id, req.query.errorsOffset ?? 0, req.query.errorsLimit ?? 100));

  app.get('/api/imports/:id/errors.xlsx', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '下载错误报告（Excel）', params: IdParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const buf = await svc.errorsWorkbook(ctx, requireActor(req), req.params.id);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`导入错误报告-${req.params.id}.xlsx`)).send(buf);
  });
};
