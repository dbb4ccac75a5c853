/** 党务、村务、财务公开 (F-40, F-41): staff routes, the disclosure calendar, and the public reading routes. docs/disclosures.md. */
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import {
  AttachmentCreated, AttachmentParams, AttachmentRemoved, AttachmentUploadQuery, Board, BoardQuery, IdParams, Item, ItemCreateBody, ItemCreated, ItemList, ItemListQuery, ItemUpdateBody,
  OrgParams, PlanCreateBody, PlanList, PlanListQuery, PublicItem, PublicList, PublicListQuery, PublicOrgs, PublicOrgsQuery, TvView, VersionParams,
  AnswerBody, PublicQuestions, PublicQuestionsQuery, Question, QuestionBody, QuestionCreated, QuestionList, QuestionListQuery, QuestionParams,
} from './disclosures.schema.js';
import * as svc from './disclosures.service.js';
import * as qs from './disclosures.questions.js';
import { publicForm, requireVerifiedPhone } from '../safety/safety.public.js';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const UPLOAD_BODY_LIMIT = svc.MAX_ATTACHMENT_BYTES + 1024 * 1024;
const Published = Type.Object({ version: Type.Integer(), fingerprint: Nullable() });
function Nullable() { return Type.Union([Type.String(), Type.Null()]); }
/** Public answers hold published text only (no personal data): shared caches may keep them a minute. */

export const disclosuresRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['disclosures'];

  app.get('/api/disclosures', {
    config: { policy: 'disclosure.read' },
    schema: { tags, summary: '公开事项列表（管辖范围内，新建的在前）', querystring: ItemListQuery, response: responses({ 200: ItemList }) },
  }, async (req) => svc.listItems(ctx.db, requireActor(req), req.query));

  app.post('/api/disclosures', {
    config: { policy: 'disclosure.write' },
    schema: { tags, summary: '新建公开事项（草稿）：党务公开、村务公开或财务公开；正文按白名单清理，财务收支表核对合计与余额', body: ItemCreateBody, response: responses({ 201: ItemCreated }) },
  }, async (req, reply) => reply.status(201).send(await svc.createItem(ctx.db, requireActor(req), req.body, ctx.now())));

  app.get('/api/disclosures/:id', {
    config: { policy: 'disclosure.read' },
    schema: { tags, summary: '公开事项详情：内容、收支表、附件、各公开版本及其指纹', params: IdParams, response: responses({ 200: Item }) },
  }, async (req) => svc.getItem(ctx.db, requireActor(req), req.params.id));

  app.put('/api/disclosures/:id', {
    config: { policy: 'disclosure.write' },
    schema: { tags, summary: '修改公开事项：草稿直接保存；已公开的事项保存即发布新版本（新指纹），原版本作为历史版本继续公开', params: IdParams, body: ItemUpdateBody, response: responses({ 200: Published }) },
  }, async (req) => svc.updateItem(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));

  app.post('/api/disclosures/:id/publish', {
    config: { policy: 'disclosure.write' },
    schema: { tags, summary: '发布公开事项：记录版本号和指纹（SHA-256）', params: IdParams, response: responses({ 200: Published }) },
  }, async (req) => svc.publishItem(ctx.db, requireActor(req), req.params.id, ctx.now()));

  app.post('/api/disclosures/:id/withdraw', {
    config: { policy: 'disclosure.write' },
    schema: { tags, summary: '撤回已公开的事项（群众不再可见，记录保留）', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.withdrawItem(ctx.db, requireActor(req), req.params.id, ctx.now());
    return reply.status(204).send(null);
  });

  app.get('/api/disclosures/:id/attachments/:attachmentId', {
    config: { policy: 'disclosure.read' },
    schema: { tags, summary: '下载附件（含草稿的附件）', params: AttachmentParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const f = await svc.readAttachment(ctx.db, requireActor(req), req.params.id, req.params.attachmentId);
    return reply.type(f.contentType).header('content-disposition', attachment(f.fileName)).send(f.data);
  });

  app.delete('/api/disclosures/:id/attachments/:attachmentId', {
    config: { policy: 'disclosure.write' },
    schema: {
      tags, summary: '删除附件：未公开过的附件直接删除；已公开版本中的附件仍随这些版本保留，下一版本起不再包含',
      params: AttachmentParams, response: responses({ 200: AttachmentRemoved }),
    },
  }, async (req) => svc.removeAttachment(ctx.db, requireActor(req), req.params.id, req.params.attachmentId, ctx.now()));

  await app.register(async (plain) => {
    const up = plain.withTypeProvider<TypeBoxTypeProvider>();
    up.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, (_req, body, done) => done(null, body));
    up.post('/api/disclosures/:id/attachments', {
      config: { policy: 'disclosure.write' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags, summary: '上传附件（请求体为文件本身，文件名在 fileName 中）；图片可插入正文',
        description: '不超过10 MB，每个事项最多20个；只接受 PDF、JPG、PNG、Word（.docx）、Excel（.xlsx），按文件内容判断。',
        params: IdParams, querystring: AttachmentUploadQuery, response: responses({ 201: AttachmentCreated }),
      },
    }, async (req, reply) => reply.status(201).send(await svc.addAttachment(ctx.db, requireActor(req), req.params.id, req.query.fileName, req.body, ctx.now())));
  });

  // ——— questions from the public (staff side) ———

  app.get('/api/disclosures/:id/questions', {
    config: { policy: 'disclosure.read' },
    schema: { tags, summary: '公开事项下的群众提问（待审核、已公开、未通过）及答复；提问人手机号、称呼已脱敏', params: IdParams, querystring: QuestionListQuery, response: responses({ 200: QuestionList }) },
  }, async (req) => qs.listQuestions(ctx.db, requireActor(req), req.params.id, req.query));

  app.get('/api/disclosures/questions/:questionId', {
    config: { policy: 'disclosure.read' },
    schema: { tags, summary: '一条群众提问（内容审核页链接至此）', params: QuestionParams, response: responses({ 200: Question }) },
  }, async (req) => qs.getQuestion(ctx.db, requireActor(req), req.params.questionId));

  app.put('/api/disclosures/questions/:questionId/answer', {
    config: { policy: 'disclosure.write' },
    schema: {
      tags, summary: '答复已公开的群众提问或更正已公开的答复：经敏感词过滤后即公开（更正作为新版本，原答复继续公开），含敏感词的先经内容审核',
      params: QuestionParams, body: AnswerBody, response: responses({ 200: Question }),
    },
  }, async (req) => qs.answerQuestion(ctx, requireActor(req), req.params.questionId, req.body.text));

  // ——— the disclosure calendar ———

  app.get('/api/disclosures/plans', {
    config: { policy: 'disclosure.read' },
    schema: { tags, summary: '公开计划：本级及下级制定的，以及上级为本辖区制定的；各计划的按时、逾期、未公开、未到期数', querystring: PlanListQuery, response: responses({ 200: PlanList }) },
  }, async (req) => svc.listPlans(ctx.db, requireActor(req), req.query.orgId, ctx.now()));

  app.post('/api/disclosures/plans', {
    config: { policy: 'disclosure.plan' },
    schema: { tags, summary: '制定公开计划：所属村、社区党组织须在截止日期（北京时间）前公开某期某类事项', body: PlanCreateBody, response: responses({ 201: ItemCreated }) },
  }, async (req, reply) => reply.status(201).send(await svc.createPlan(ctx.db, requireActor(req), req.body, ctx.now())));

  app.delete('/api/disclosures/plans/:id', {
    config: { policy: 'disclosure.plan' },
    schema: { tags, summary: '删除公开计划', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.deletePlan(ctx.db, requireActor(req), req.params.id, ctx.now());
    return reply.status(204).send(null);
  });

  app.get('/api/disclosures/plans/:id/board', {
    config: { policy: 'disclosure.read' },
    schema: { tags, summary: '公开完成情况（逐级下钻）：各下级组织按时公开、逾期公开、未公开、未到期的村（社区）数', params: IdParams, querystring: BoardQuery, response: responses({ 200: Board }) },
  }, async (req) => svc.board(ctx.db, requireActor(req), req.params.id, req.query.parentId, ctx.now()));

  // ——— public (no sign-in; published items only, no personal data) ———

  app.get('/api/public/disclosures', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '公开事项查询（无需登录）：按地区、类别、期间筛选，按关键词全文检索', querystring: PublicListQuery, response: responses({ 200: PublicList }) },
  }, async (req) => svc.publicList(ctx.db, req.query));

  app.get('/api/public/disclosures/orgs', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '按地区浏览：下一级有公开事项的组织及其事项数', querystring: PublicOrgsQuery, response: responses({ 200: PublicOrgs }) },
  }, async (req) => svc.publicOrgs(ctx.db, req.query.parentId));

  app.get('/api/public/disclosures/tv/:orgId', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '电视屏公开页：一个村（社区）当前公开的全部事项', params: OrgParams, response: responses({ 200: TvView }) },
  }, async (req) => svc.tvView(ctx.db, req.params.orgId));

  app.get('/api/public/disclosures/:id', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '公开事项（最新版本）：正文、收支表、附件、指纹和历史版本', params: IdParams, response: responses({ 200: PublicItem }) },
  }, async (req) => svc.publicItem(ctx.db, req.params.id));

  app.get('/api/public/disclosures/:id/versions/:version', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '公开事项的历史版本', params: VersionParams, response: responses({ 200: PublicItem }) },
  }, async (req) => svc.publicItem(ctx.db, req.params.id, Number(req.params.version)));

  app.get('/api/public/disclosures/:id/questions', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '公开事项下已公开的群众提问及答复（新的在前；不含手机号，称呼只显示首字）', params: IdParams, querystring: PublicQuestionsQuery, response: responses({ 200: PublicQuestions }) },
  }, async (req) => qs.publicQuestions(ctx.db, req.params.id, req.query));

  app.post('/api/public/disclosures/:id/questions', {
    ...publicForm(ctx, qs.QUESTION_FORM),
    schema: {
      tags, summary: '群众提问：须先以短信验证码验证手机号码（X-Phone-Token）；每条提问经内容审核后公开',
      params: IdParams, body: QuestionBody, response: responses({ 201: QuestionCreated }),
    },
  }, async (req, reply) => {
    const phone = requireVerifiedPhone(ctx, req);
    return reply.status(201).send(await qs.askQuestion(ctx, req.params.id, phone, req.ip, req.body));
  });

  app.get('/api/public/disclosures/:id/attachments/:attachmentId', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '公开事项的附件（图片和 PDF 可直接查看）', params: AttachmentParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const f = await svc.readAttachment(ctx.db, null, req.params.id, req.params.attachmentId);
    return reply.type(f.contentType).header('content-disposition', f.inline ? `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}` : attachment(f.fileName))
      .header('x-content-type-options', 'nosniff').send(f.data);
  });
};
