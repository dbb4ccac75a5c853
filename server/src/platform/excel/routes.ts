/**
 * The routes of the Excel engine over the registered importers and exporters (F-06): import templates, uploads that
 * run as background jobs, progress and error reports; `POST /api/exports/<name>.xlsx` per exporter. Every route
 * declares config.policy. Exports are POSTs with the list's filters as a JSON body: an export is audited (and may
 * reveal), so it is a write behind the origin check, not a GET a cross-site page could trigger. Responses are never
 * cached (`Cache-Control: no-store`, set for every API response in app.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../context.js';
import { responses } from '../problem.js';
import { requireActor } from '../route-policy.js';
import { badRequest } from '../errors.js';
import { attachment } from '../download.js';
import {
  IdParams, ImportList, ImportListQuery, ImportCreated, importCreateQuery, ImportStatus, ImportStatusQuery, templateParams, XLSX_TYPE,
} from './schema.js';
import { errorsWorkbook, getImport, IMPORT_QUEUE, importEngine, listImports, purgeExpiredImports, type AnyImporter, type ImportMode } from './importer.js';
import { runExport, type AnyExporter } from './exporter.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

/** What the engine serves: every module's importers and exporters (the `excel` of each module's manifest, gathered by modules/index.ts). */
export interface ExcelRegistry { importers: readonly AnyImporter[]; exporters: readonly AnyExporter[] }

export function excelRoutes(registry: ExcelRegistry): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app, { ctx }) => {
    await app.register(importRoutes(registry.importers), { ctx });
    await app.register(exportRoutes(registry.exporters), { ctx });
  };
}

function importRoutes(importers: readonly AnyImporter[]): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  const engine = importEngine(importers);
  const kinds = engine.importers.map((i) => i.kind);
  const labels = engine.importers.map((i) => i.label.zh).join(' / ');
  return async (app, { ctx }) => {
    const tags = ['imports'];
    ctx.jobs.register(IMPORT_QUEUE, (job, control) => engine.runImport(ctx, job, control));
    ctx.jobs.schedule('imports.cleanup', 3_600_000, () => purgeExpiredImports(ctx));

    // The upload is the raw request body (no multipart plugin). Encapsulated: only this plugin's routes accept it.
    // Bodies of other or missing content types (text/csv) also arrive as bytes; the engine tells .xlsx (a ZIP) from CSV text.
    app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));

    app.get('/api/imports/templates/:kind', {
      config: { policy: 'authenticated' },
      schema: { tags, summary: `下载导入模板（${labels}）`, params: templateParams(kinds), response: responses({ 200: Binary }) },
    }, async (req, reply) => {
      const { fileName, buffer } = await engine.template(requireActor(req), String(req.params.kind).replace(/\.xlsx$/, ''));
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(fileName)).send(buffer);
    });

    app.post('/api/imports', {
      config: { policy: 'authenticated' },
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags, summary: '上传 Excel 或 CSV 文件并开始导入（后台任务，返回 202 与任务编号）',
        description: `请求体为文件本身，不超过 20 MB：.xlsx（Content-Type: ${XLSX_TYPE}），或 .csv（text/csv，UTF-8 或 GBK/GB18030 编码，列与导入模板相同）。`
          + '行数、列数、单元格长度和 .xlsx 解压后的大小有上限；每个账号每小时的上传次数有上限（超过时返回 429）。上传的文件加密保存，导入结束即删除。',
        querystring: importCreateQuery(kinds), response: responses({ 202: ImportCreated }),
      },
    }, async (req, reply) => {
      const actor = requireActor(req);
      if (!Buffer.isBuffer(req.body)) throw badRequest('import.not_xlsx', '请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）');
      const q = req.query;
      const { id, jobId } = await engine.createImport(ctx, actor, String(q.kind), (q.mode ?? 'all_or_nothing') as ImportMode, q.fileName ?? null, req.body);
      ctx.jobs.poke();
      return reply.status(202).header('location', `/api/imports/${id}`).send({ id, jobId, statusUrl: `/api/imports/${id}` });
    });

    app.get('/api/imports', {
      config: { policy: 'authenticated' },
      schema: { tags, summary: '我的导入记录（最近的在前）', querystring: ImportListQuery, response: responses({ 200: ImportList }) },
    }, async (req) => listImports(ctx, requireActor(req), req.query.limit ?? 20));

    app.get('/api/imports/:id', {
      config: { policy: 'authenticated' },
      schema: { tags, summary: '导入进度与逐行错误（分页）', params: IdParams, querystring: ImportStatusQuery, response: responses({ 200: ImportStatus }) },
    }, async (req) => getImport(ctx, requireActor(req), req.params.id, req.query.errorsOffset ?? 0, req.query.errorsLimit ?? 100));

    app.get('/api/imports/:id/errors.xlsx', {
      config: { policy: 'authenticated' },
      schema: { tags, summary: '下载错误报告（Excel）', params: IdParams, response: responses({ 200: Binary }) },
    }, async (req, reply) => {
      const buf = await errorsWorkbook(ctx, requireActor(req), req.params.id);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(`导入错误报告-${req.params.id}.xlsx`)).send(buf);
    });
  };
}

function exportRoutes(exporters: readonly AnyExporter[]): FastifyPluginAsyncTypebox<{ ctx: AppContext }> {
  return async (app, { ctx }) => {
    for (const e of exporters) {
      app.post(`/api/exports/${e.name}.xlsx`, {
        config: { policy: e.permission },
        schema: { tags: ['exports'], summary: e.summary, body: e.filter, response: responses({ 200: Binary }) },
      }, async (req, reply) => {
        const out = await runExport(ctx, requireActor(req), e, req.body as Static<typeof e.filter>);
        return reply.type(XLSX_TYPE).header('x-row-count', String(out.count)).header('content-disposition', attachment(e.fileName)).send(out.stream);
      });
    }
  };
}
