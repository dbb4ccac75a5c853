/** 部长信箱 (F-30, F-31): the public's mailboxes, letters and lookup by 查询码; the staff's triage and answers. docs/mailbox.md. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { publicForm, requireVerifiedPhone } from '../safety/safety.public.js';
import {
  AcceptBody, ApproveBody, DeclineBody, DraftBody, IdParams, LetterBody, LetterCreated, LetterDetail, LetterList, LetterListQuery, LetterStatus, LookupBody,
  LetterStats, MailboxList, MailboxParams, PublicationDraft, PublishBody, Published, PublishedLetter, PublishedList, PublishedListQuery, StatsQuery,
} from './mailbox.schema.js';
import { listPublished, publicationDraft, publishedLetter, publishLetter, unpublishLetter } from './mailbox.publication.js';
import { letterStats } from './mailbox.stats.js';
import { listMailboxes, lookupLetter, submitLetter } from './mailbox.letters.js';
import { acceptLetter, approveAnswer, declineLetter, draftAnswer, getLetter, listLetters } from './mailbox.handling.js';

export const mailboxRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['mailbox'];

  app.get('/api/public/mailboxes', {
    config: { policy: 'public' },
    schema: { tags, summary: '部长信箱列表：省委和各市委组织部部长信箱', response: responses({ 200: MailboxList }) },
  }, async () => listMailboxes(ctx));

  app.post('/api/public/mailboxes/:orgId/letters', {
    ...publicForm(ctx, 'mailbox.letter'),
    schema: {
      tags, summary: '写信：须先以短信验证码验证手机号码（X-Phone-Token）；含敏感词的来信先经审核；来信人收到查询码短信',
      params: MailboxParams, body: LetterBody, response: responses({ 201: LetterCreated }),
    },
  }, async (req, reply) => {
    const phone = requireVerifiedPhone(ctx, req);
    const out = await submitLetter(ctx, req.params.orgId, phone, req.ip, req.body);
    return reply.status(201).send({ trackingCode: out.trackingCode, state: out.state });
  });

  // POST, not GET: the 查询码 stays out of addresses and logs.
  app.post('/api/public/letters/lookup', {
    ...publicForm(ctx, 'mailbox.lookup', { perIpPerHour: 60, captchaAfter: 10 }),
    schema: { tags, summary: '凭查询码查询来信办理情况和答复', body: LookupBody, response: responses({ 200: LetterStatus }) },
  }, async (req) => lookupLetter(ctx, req.body.trackingCode));

  app.get('/api/mailbox/letters', {
    config: { policy: 'mailbox.read' },
    schema: { tags, summary: '来信列表（管辖范围内的信箱，新的在前；来信人信息已脱敏）', querystring: LetterListQuery, response: responses({ 200: LetterList }) },
  }, async (req) => listLetters(ctx, requireActor(req), req.query));

  app.get('/api/mailbox/letters/:id', {
    config: { policy: 'mailbox.read' },
    schema: { tags, summary: '来信详情：信箱所属组织，或正在办理其督办事项的组织可查看', params: IdParams, response: responses({ 200: LetterDetail }) },
  }, async (req) => getLetter(ctx, requireActor(req), req.params.id));

  app.post('/api/mailbox/letters/:id/accept', {
    config: { policy: 'mailbox.write' },
    schema: { tags, summary: '受理来信：转为跟踪督办事项（默认15个工作日），可逐级转办并为每一级设定期限', params: IdParams, body: AcceptBody, response: responses({ 200: LetterDetail }) },
  }, async (req) => acceptLetter(ctx, requireActor(req), req.params.id, req.body));

  app.post('/api/mailbox/letters/:id/decline', {
    config: { policy: 'mailbox.write' },
    schema: { tags, summary: '不予受理（重复来信、不属于受理范围、内容无效），理由以短信告知来信人', params: IdParams, body: DeclineBody, response: responses({ 200: LetterDetail }) },
  }, async (req) => declineLetter(ctx, requireActor(req), req.params.id, req.body));

  app.put('/api/mailbox/letters/:id/answer-draft', {
    config: { policy: 'mailbox.write' },
    schema: { tags, summary: '起草答复（办理中的来信；再次起草替换原稿）', params: IdParams, body: DraftBody, response: responses({ 200: LetterDetail }) },
  }, async (req) => draftAnswer(ctx, requireActor(req), req.params.id, req.body));

  app.post('/api/mailbox/letters/:id/approve', {
    config: { policy: 'mailbox.approve' },
    schema: { tags, summary: '审核通过答复（须非起草人）：来信办结，督办事项关闭，短信告知来信人', params: IdParams, body: ApproveBody, response: responses({ 200: LetterDetail }) },
  }, async (req) => approveAnswer(ctx, requireActor(req), req.params.id, req.body));

  app.get('/api/public/letters', {
    config: { policy: 'public' },
    schema: { tags, summary: '公开的来信及答复（经来信人同意，已隐去个人信息），按信箱、类别筛选', querystring: PublishedListQuery, response: responses({ 200: PublishedList }) },
  }, async (req) => listPublished(ctx, req.query));

  app.get('/api/public/letters/:id', {
    config: { policy: 'public' },
    schema: { tags, summary: '一封公开的来信及答复，附SHA-256指纹', params: IdParams, response: responses({ 200: PublishedLetter }) },
  }, async (req) => publishedLetter(ctx, req.params.id));

  app.get('/api/mailbox/letters/:id/publication-draft', {
    config: { policy: 'mailbox.write' },
    schema: { tags, summary: '公开前的脱敏稿：手机号码、身份证号码、电话、邮箱和来信人姓名以＊代替（不保存）', params: IdParams, response: responses({ 200: PublicationDraft }) },
  }, async (req) => publicationDraft(ctx, requireActor(req), req.params.id));

  app.post('/api/mailbox/letters/:id/publish', {
    config: { policy: 'mailbox.write' },
    schema: { tags, summary: '公开来信及答复（须来信人同意；内容中不得含有个人信息），记录SHA-256指纹', params: IdParams, body: PublishBody, response: responses({ 200: Published }) },
  }, async (req) => publishLetter(ctx, requireActor(req), req.params.id, req.body));

  app.post('/api/mailbox/letters/:id/unpublish', {
    config: { policy: 'mailbox.write' },
    schema: { tags, summary: '撤回公开', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => { await unpublishLetter(ctx, requireActor(req), req.params.id); return reply.status(204).send(null); });

  app.get('/api/mailbox/stats', {
    config: { policy: 'mailbox.read' },
    schema: { tags, summary: '来信统计：各月各类来信数、答复用时（平均、中位数，天）、各办理组织逾期未办结来信数', querystring: StatsQuery, response: responses({ 200: LetterStats }) },
  }, async (req) => letterStats(ctx, requireActor(req), req.query));
};
