/** 干部工作 (F-50, F-51): staff routes for batches and notices; public routes for open batches, recommendations, notices and objections. docs/cadres.md. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { publicForm, requireVerifiedPhone } from '../safety/safety.public.js';
import {
  AnswerBody, BatchCreateBody, BatchDetail, BatchUpdateBody, NoticeReviseBody, ReasonBody, BatchList, BatchListQuery, ConfirmBody, Created, IdParams, NoticeCreateBody, NoticeDetail, NoticeList, NoticeListQuery,
  ObjectBody, ObjectionList, ObjectorIdentity, PostParams, PublicBatchList, PublicNotice, PublicNoticeList, PublicNoticeQuery, RecommendBody, Submitted,
} from './cadres.schema.js';
import { createBatch, getBatch, listBatches, publicBatches, recommend, updateBatch, withdrawBatch } from './cadres.vacancies.js';
import { answerObjection, confirmNotice, getNotice, listNotices, listObjections, lodgeObjection, publicNotice, publicNotices, publishNotice, revealObjector, reviseNotice, withdrawNotice } from './cadres.notices.js';

export const cadresRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['cadres'];

  // ——— staff: vacancies ———
  app.get('/api/cadres/batches', {
    config: { policy: 'cadre.read' },
    schema: { tags, summary: '岗位推荐批次列表（管辖范围内，新的在前），含岗位数和有效推荐数', querystring: BatchListQuery, response: responses({ 200: BatchList }) },
  }, async (req) => listBatches(ctx, requireActor(req), req.query));

  app.post('/api/cadres/batches', {
    config: { policy: 'cadre.write' },
    schema: { tags, summary: '发布岗位推荐批次及其岗位（岗位名称、所在单位、职数、任职条件）；推荐起止日期按北京时间，含首尾两日', body: BatchCreateBody, response: responses({ 201: Created }) },
  }, async (req, reply) => reply.status(201).send(await createBatch(ctx, requireActor(req), req.body)));

  app.get('/api/cadres/batches/:id', {
    config: { policy: 'cadre.read' },
    schema: { tags, summary: '批次详情：各岗位的推荐数、按被推荐人汇总的票数和推荐理由（推荐人手机号已脱敏）', params: IdParams, response: responses({ 200: BatchDetail }) },
  }, async (req) => getBatch(ctx, requireActor(req), req.params.id));

  app.put('/api/cadres/batches/:id', {
    config: { policy: 'cadre.write' },
    schema: {
      tags, summary: '修改批次及其岗位（未撤回且未过截止日期）：推荐开始后不能改开始日期；已收到推荐的岗位不能修改或删除，可增加新岗位',
      params: IdParams, body: BatchUpdateBody, response: responses({ 200: Created }),
    },
  }, async (req) => updateBatch(ctx, requireActor(req), req.params.id, req.body));

  app.post('/api/cadres/batches/:id/withdraw', {
    config: { policy: 'cadre.write' },
    schema: { tags, summary: '撤回批次（提前结束推荐）并说明原因；已收到的推荐保留，群众页面不再显示', params: IdParams, body: ReasonBody, response: responses({ 200: BatchDetail }) },
  }, async (req) => withdrawBatch(ctx, requireActor(req), req.params.id, req.body));

  // ——— staff: notices ———
  app.get('/api/cadres/notices', {
    config: { policy: 'cadre.read' },
    schema: { tags, summary: '任前公示列表（管辖范围内，新的在前）', querystring: NoticeListQuery, response: responses({ 200: NoticeList }) },
  }, async (req) => listNotices(ctx, requireActor(req), req.query));

  app.post('/api/cadres/notices', {
    config: { policy: 'cadre.write' },
    schema: { tags, summary: '发布任前公示：公示期按工作日历计算（默认5个工作日），记录公示内容的指纹（SHA-256）', body: NoticeCreateBody, response: responses({ 201: Created }) },
  }, async (req, reply) => reply.status(201).send(await publishNotice(ctx, requireActor(req), req.body)));

  app.get('/api/cadres/notices/:id', {
    config: { policy: 'cadre.read' },
    schema: { tags, summary: '任前公示详情（不含异议；异议须有“查阅和答复任前公示异议”权限）', params: IdParams, response: responses({ 200: NoticeDetail }) },
  }, async (req) => getNotice(ctx, requireActor(req), req.params.id));

  app.put('/api/cadres/notices/:id', {
    config: { policy: 'cadre.write' },
    schema: {
      tags, summary: '修改任前公示：仅限发布当日且尚未收到异议；修改即发布新版本并生成新指纹，原版本仍公开可查',
      params: IdParams, body: NoticeReviseBody, response: responses({ 200: Created }),
    },
  }, async (req) => reviseNotice(ctx, requireActor(req), req.params.id, req.body));

  app.post('/api/cadres/notices/:id/withdraw', {
    config: { policy: 'cadre.write' },
    schema: { tags, summary: '撤销任前公示并说明原因（确认任用前）；撤销原因在公示归档中公开，不再受理异议', params: IdParams, body: ReasonBody, response: responses({ 200: NoticeDetail }) },
  }, async (req) => withdrawNotice(ctx, requireActor(req), req.params.id, req.body));

  app.get('/api/cadres/notices/:id/objections', {
    config: { policy: 'cadre.objections' },
    schema: { tags, summary: '公示异议（仅限负责处理的工作人员）；异议人手机号和姓名均已脱敏', params: IdParams, response: responses({ 200: ObjectionList }) },
  }, async (req) => listObjections(ctx, requireActor(req), req.params.id));

  app.post('/api/cadres/objections/:id/reveal', {
    config: { policy: 'cadre.objections' },
    schema: {
      tags, summary: '查看异议人身份（完整手机号和姓名）：须对公示所属组织有“查阅和答复任前公示异议”权限并符合统一的个人信息查看规则；每次查看记入审计',
      params: IdParams, response: responses({ 200: ObjectorIdentity }),
    },
  }, async (req) => revealObjector(ctx, requireActor(req), req.params.id));

  app.post('/api/cadres/objections/:id/answer', {
    config: { policy: 'cadre.objections' },
    schema: { tags, summary: '答复异议：填写核查处理情况（内部记录，不公开）', params: IdParams, body: AnswerBody, response: responses({ 200: Created }) },
  }, async (req) => answerObjection(ctx, requireActor(req), req.params.id, req.body));

  app.post('/api/cadres/notices/:id/confirm', {
    config: { policy: 'cadre.write' },
    schema: { tags, summary: '确认任用：公示期满且全部异议已答复后方可确认', params: IdParams, body: ConfirmBody, response: responses({ 200: NoticeDetail }) },
  }, async (req) => confirmNotice(ctx, requireActor(req), req.params.id, req.body));

  // ——— public ———
  app.get('/api/public/cadres/batches', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '正在接受推荐的岗位批次及其岗位（不含推荐情况）', response: responses({ 200: PublicBatchList }) },
  }, async () => publicBatches(ctx));

  app.post('/api/public/cadres/posts/:postId/recommendations', {
    ...publicForm(ctx, 'cadres.recommendation'),
    schema: {
      tags, summary: '推荐人选：须先以短信验证码验证手机号码（X-Phone-Token）；每个手机号码对每个岗位只能推荐一次；含敏感词的先经审核',
      params: PostParams, body: RecommendBody, response: responses({ 201: Submitted }),
    },
  }, async (req, reply) => {
    const phone = requireVerifiedPhone(ctx, req);
    return reply.status(201).send(await recommend(ctx, req.params.postId, phone, req.ip, req.body));
  });

  app.get('/api/public/cadres/notices', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '任前公示：公示期内的（archive=true：已期满或已撤销的归档，含撤销原因），含指纹和历史版本', querystring: PublicNoticeQuery, response: responses({ 200: PublicNoticeList }) },
  }, async (req) => publicNotices(ctx, req.query));

  app.get('/api/public/cadres/notices/:id', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '一则任前公示及其指纹、历史版本（各有指纹）和撤销原因', params: IdParams, response: responses({ 200: PublicNotice }) },
  }, async (req) => publicNotice(ctx, req.params.id));

  app.post('/api/public/cadres/notices/:id/objections', {
    ...publicForm(ctx, 'cadres.objection'),
    schema: {
      tags, summary: '提出异议（公示期内）：须验证手机号码；可署名；异议人身份仅负责处理的工作人员可见',
      params: IdParams, body: ObjectBody, response: responses({ 201: Submitted }),
    },
  }, async (req, reply) => {
    const phone = requireVerifiedPhone(ctx, req);
    return reply.status(201).send(await lodgeObjection(ctx, req.params.id, phone, req.ip, req.body));
  });
};
