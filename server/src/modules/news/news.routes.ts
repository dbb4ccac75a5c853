/** 新闻宣传 (F-73): the editorial console's routes, the TV programme, and the public reading routes. docs/news.md. */
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import {
  ApproveBody, Article, ArticleBody, ArticleReading, ArticleList, ArticleListQuery, CategoryBody, CategoryList, CorrectionBody, Created, EpisodeBody, EpisodeList, EpisodeListQuery,
  IdParams, ImageCreated, ImageParams, ImageUploadQuery, PublicArticle, PublicArticleList, PublicListQuery, PublicWeek, PublicWeekQuery, ReasonBody, StateAnswer, FlaggedWord,
} from './news.schema.js';
import * as svc from './news.service.js';
import * as tv from './news.tv.js';
import { startArticleReading } from './news.reading.js';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const UPLOAD_BODY_LIMIT = svc.MAX_IMAGE_BYTES + 1024 * 1024;
const SubmitAnswer = Type.Object({ ...StateAnswer.properties, flaggedWords: Type.Array(FlaggedWord, { description: '提交时检出的敏感词（审核人须核实）' }) });

export const newsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['news'];

  // ——— categories ———
  app.get('/api/news/categories', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '新闻栏目（按顺序）', response: responses({ 200: CategoryList }) },
  }, async () => svc.listCategories(ctx.db));

  app.post('/api/news/categories', {
    config: { policy: 'news.admin' },
    schema: { tags, summary: '新增新闻栏目（省级管理员）', body: CategoryBody, response: responses({ 201: Created }) },
  }, async (req, reply) => reply.status(201).send(await svc.saveCategory(ctx.db, requireActor(req), null, req.body, ctx.now())));

  app.put('/api/news/categories/:id', {
    config: { policy: 'news.admin' },
    schema: { tags, summary: '修改新闻栏目名称或顺序（省级管理员）', params: IdParams, body: CategoryBody, response: responses({ 200: Created }) },
  }, async (req) => svc.saveCategory(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));

  // ——— articles ———
  app.get('/api/news/articles', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '稿件列表（管辖范围内，按状态、栏目、组织、标题筛选，新建的在前）', querystring: ArticleListQuery, response: responses({ 200: ArticleList }) },
  }, async (req) => svc.listArticles(ctx.db, requireActor(req), req.query));

  app.post('/api/news/articles', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '新建稿件（草稿）；正文按白名单清理', body: ArticleBody, response: responses({ 201: Created }) },
  }, async (req, reply) => reply.status(201).send(await svc.createArticle(ctx.db, requireActor(req), req.body, ctx.now())));

  app.get('/api/news/articles/:id', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '稿件详情：正文、审核意见、检出的敏感词、各发布版本和更正', params: IdParams, response: responses({ 200: Article }) },
  }, async (req) => svc.getArticle(ctx.db, requireActor(req), req.params.id));

  app.put('/api/news/articles/:id', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '修改草稿或退回修改的稿件', params: IdParams, body: ArticleBody, response: responses({ 200: Created }) },
  }, async (req) => svc.updateArticle(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));

  app.post('/api/news/articles/:id/submit', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '提交审核：标题、摘要和正文经敏感词检查，检出的词提示审核人', params: IdParams, response: responses({ 200: SubmitAnswer }) },
  }, async (req) => svc.submitArticle(ctx, requireActor(req), req.params.id));

  app.post('/api/news/articles/:id/approve', {
    config: { policy: 'news.review' },
    schema: { tags, summary: '审核通过：立即发布，或在定时发布时间（北京时间）自动发布；不能审核本人撰写或提交的稿件', params: IdParams, body: ApproveBody, response: responses({ 200: StateAnswer }) },
  }, async (req) => svc.approveArticle(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));

  app.post('/api/news/articles/:id/return', {
    config: { policy: 'news.review' },
    schema: { tags, summary: '退回修改（须填写原因）', params: IdParams, body: ReasonBody, response: responses({ 200: StateAnswer }) },
  }, async (req) => svc.returnArticle(ctx.db, requireActor(req), req.params.id, req.body.reason, ctx.now()));

  app.post('/api/news/articles/:id/withdraw', {
    config: { policy: 'news.review' },
    schema: { tags, summary: '撤稿：公众不再可见，稿件和撤稿原因保留', params: IdParams, body: ReasonBody, response: responses({ 200: StateAnswer }) },
  }, async (req) => svc.withdrawArticle(ctx.db, requireActor(req), req.params.id, req.body.reason, ctx.now()));

  app.post('/api/news/articles/:id/corrections', {
    config: { policy: 'news.review' },
    schema: { tags, summary: '发布更正：更正后的内容作为新版本发布，更正说明在文末公开，原版本留存', params: IdParams, body: CorrectionBody, response: responses({ 200: StateAnswer }) },
  }, async (req) => svc.correctArticle(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));

  app.get('/api/news/images/:imageId', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '查看上传的图片（含未发布稿件的封面）', params: ImageParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const f = await svc.readImage(ctx.db, requireActor(req), req.params.imageId);
    return reply.type(f.contentType).header('x-content-type-options', 'nosniff').send(f.data);
  });

  await app.register(async (plain) => {
    const up = plain.withTypeProvider<TypeBoxTypeProvider>();
    up.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, (_req, body, done) => done(null, body));
    up.post('/api/news/images', {
      config: { policy: 'news.edit' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags, summary: '上传封面图片（请求体为文件本身，文件名在 fileName 中）',
        description: '不超过5 MB；只接受 JPG、PNG、WebP 图片，按文件内容判断。',
        querystring: ImageUploadQuery, response: responses({ 201: ImageCreated }),
      },
    }, async (req, reply) => reply.status(201).send(await svc.addImage(ctx.db, requireActor(req), req.query.fileName, req.body, ctx.now())));
  });

  // ——— TV programme ———
  app.get('/api/news/tv', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '党建电视节目单（管辖范围内，自某日起按播出时间）', querystring: EpisodeListQuery, response: responses({ 200: EpisodeList }) },
  }, async (req) => tv.listEpisodes(ctx.db, requireActor(req), req.query, ctx.now()));

  app.post('/api/news/tv', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '安排一期党建电视节目', body: EpisodeBody, response: responses({ 201: Created }) },
  }, async (req, reply) => reply.status(201).send(await tv.saveEpisode(ctx.db, requireActor(req), null, req.body, ctx.now())));

  app.put('/api/news/tv/:id', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '修改一期党建电视节目', params: IdParams, body: EpisodeBody, response: responses({ 200: Created }) },
  }, async (req) => tv.saveEpisode(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));

  app.delete('/api/news/tv/:id', {
    config: { policy: 'news.edit' },
    schema: { tags, summary: '删除一期党建电视节目', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await tv.deleteEpisode(ctx.db, requireActor(req), req.params.id, ctx.now());
    return reply.status(204).send(null);
  });

  // ——— reading credit (a signed-in member reading a published article; docs/learning.md) ———
  app.post('/api/news/articles/:id/read', {
    config: { policy: 'authenticated' },
    schema: {
      tags, summary: '开始阅读已发布的文章（党员）：返回签名凭证、心跳间隔、最短阅读时长和可获学时',
      description: '之后按间隔调用 POST /api/learning/reading/heartbeat；阅读满最短时长计入学时（同一文章每天一次，受每日上限限制）。未发布或已撤稿的文章为404，未关联党员档案的账号为403。',
      params: IdParams, response: responses({ 200: ArticleReading }),
    },
  }, async (req) => startArticleReading(ctx, requireActor(req), req.params.id));

  // ——— public (no sign-in; published articles only, no personal data) ———
  app.get('/api/public/news/categories', {
    config: { policy: 'public' },
    schema: { tags, summary: '新闻栏目', response: responses({ 200: CategoryList }) },
  }, async () => svc.listCategories(ctx.db));

  app.get('/api/public/news', {
    config: { policy: 'public' },
    schema: { tags, summary: '党建要闻（已发布的文章，新的在前；按栏目筛选、按关键词检索）', querystring: PublicListQuery, response: responses({ 200: PublicArticleList }) },
  }, async (req) => svc.publicList(ctx.db, req.query));

  app.get('/api/public/news/tv', {
    config: { policy: 'public' },
    schema: { tags, summary: '党建电视节目单（按周，北京时间）', querystring: PublicWeekQuery, response: responses({ 200: PublicWeek }) },
  }, async (req) => tv.publicWeek(ctx.db, req.query.week, ctx.now()));

  app.get('/api/public/news/images/:imageId', {
    config: { policy: 'public' },
    schema: { tags, summary: '已发布文章的图片', params: ImageParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const f = await svc.readImage(ctx.db, null, req.params.imageId);
    return reply.type(f.contentType).header('x-content-type-options', 'nosniff').send(f.data);
  });

  app.get('/api/public/news/:id', {
    config: { policy: 'public' },
    schema: { tags, summary: '文章（已发布的最新版本及更正说明）', params: IdParams, response: responses({ 200: PublicArticle }) },
  }, async (req) => svc.publicArticle(ctx.db, req.params.id));
};
