/**
 * /api/safety/words (敏感词库, security administrator), /api/moderation (内容审核, moderators) and the public routes
 * of phone verification and the captcha (/api/public/…). docs/security.md, "Safety of public input".
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { Cursor, IdParams, IdString, MultilineText, Nullable, StringEnum } from '../../platform/schemas.js';
import * as words from './safety.words.js';
import * as moderation from './safety.moderation.js';
import { newCaptcha } from './safety.captcha.js';
import { publicForm, requestPhoneCode, verifyPhoneCode } from './safety.public.js';

const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const WordRow = Type.Object({ id: Type.String(), word: Type.String(), note: Nullable(Type.String()), createdAt: Type.String(), createdBy: Nullable(Type.String()) });
const WordList = Type.Object({ items: Type.Array(WordRow), total: Type.Integer(), nextCursor: Nullable(Type.String()) });
const WordListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });
const AddWords = Type.Object({
  words: Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: words.MAX_WORDS_PER_REQUEST }),
  note: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false });
const Added = Type.Object({ added: Type.Integer(), skipped: Type.Array(Type.Object({ word: Type.String(), reason: Type.String() })) });
const Match = Type.Object({ word: Type.String(), start: Type.Integer(), end: Type.Integer() });
const Screened = Type.Object({ held: Type.Boolean(), matches: Type.Array(Match) });

const Reason = Type.Object({
  type: StringEnum(['sensitive_word', 'review', 'other'] as const),
  word: Type.Optional(Type.String()), field: Type.Optional(Type.String()), note: Type.Optional(Type.String()),
});
const ModerationRow = Type.Object({
  id: Type.String(), kind: Type.String(), kindLabel: Label, refId: Type.String(), orgId: Type.String(), orgName: Type.String(),
  excerpt: Type.String(), reasons: Type.Array(Reason), state: StringEnum(['held', 'approved', 'rejected'] as const), submittedAt: Type.String(),
  decidedBy: Nullable(Type.String()), decidedAt: Nullable(Type.String()), decisionReason: Nullable(Type.String()), link: Nullable(Type.String()),
});
const ModerationList = Type.Object({ items: Type.Array(ModerationRow), nextCursor: Nullable(Type.String()) });
const ModerationQuery = Type.Object({
  state: Type.Optional(StringEnum(['held', 'approved', 'rejected'] as const)),
  kind: Type.Optional(Type.String({ maxLength: 40 })),
  orgId: Type.Optional(IdString),
  q: Type.Optional(Type.String({ maxLength: 50, description: '内容中含有的文字' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });
const Decision = Type.Object({ reason: Type.Optional(MultilineText({ maxLength: 500 })) }, { additionalProperties: false });

const PhoneBody = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });
const VerifyBody = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 20 }), code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });
const CodeSent = Type.Object({ retryAfterSeconds: Type.Integer(), expiresInSeconds: Type.Integer(), demo: Type.Boolean() });
const Verified = Type.Object({ token: Type.String(), expiresInSeconds: Type.Integer(), phone: Type.String({ description: '掩码后的手机号码' }) });
const Captcha = Type.Object({ id: Type.String(), svg: Type.String({ description: 'SVG 图像' }), expiresInSeconds: Type.Integer() });

export const safetyRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['safety'];
  const perMinute = { max: ctx.config.publicForms.perMinute, timeWindow: '1 minute' };

  app.get('/api/safety/words', {
    config: { policy: 'security.read' },
    schema: { tags, summary: '敏感词库', querystring: WordListQuery, response: responses({ 200: WordList }) },
  }, async (req) => words.listWords(ctx, req.query));

  app.post('/api/safety/words', {
    config: { policy: 'security.write' },
    schema: { tags, summary: '添加敏感词（可一次导入多个）', body: AddWords, response: responses({ 200: Added }) },
  }, async (req) => words.addWords(ctx, requireActor(req), req.body.words, req.body.note));

  app.delete('/api/safety/words/:id', {
    config: { policy: 'security.write' },
    schema: { tags, summary: '删除敏感词', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await words.removeWord(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/safety/words/test', {
    config: { policy: 'security.read' },
    schema: { tags, summary: '用敏感词库检测一段文字（不保存）', body: Type.Object({ text: MultilineText({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }), response: responses({ 200: Screened }) },
  }, async (req) => words.screenText(ctx, req.body.text));

  app.get('/api/moderation', {
    config: { policy: 'moderation.review' },
    schema: { tags, summary: '内容审核：待审核及已审核内容（本辖区）', querystring: ModerationQuery, response: responses({ 200: ModerationList }) },
  }, async (req) => moderation.listModeration(ctx, requireActor(req), req.query));

  app.post('/api/moderation/:id/approve', {
    config: { policy: 'moderation.review' },
    schema: { tags, summary: '审核通过', params: IdParams, body: Decision, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await moderation.decideModeration(ctx, requireActor(req), req.params.id, 'approved', req.body.reason);
    return reply.status(204).send(null);
  });

  app.post('/api/moderation/:id/reject', {
    config: { policy: 'moderation.review' },
    schema: { tags, summary: '审核不予通过（须填写理由）', params: IdParams, body: Decision, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await moderation.decideModeration(ctx, requireActor(req), req.params.id, 'rejected', req.body.reason);
    return reply.status(204).send(null);
  });

  app.post('/api/public/captcha', {
    config: { policy: 'public', rateLimit: perMinute },
    schema: { tags, summary: '获取图形验证码（一次有效）', response: responses({ 200: Captcha }) },
  }, async (req) => {
    const c = await newCaptcha(ctx, req.ip);
    return { id: c.id, svg: c.svg, expiresInSeconds: c.expiresInSeconds };
  });

  app.post('/api/public/phone-code', {
    // Texts cost money and can be aimed at someone else's phone: the public-form rules, a captcha after a few
    // requests from one address (this is also how a module's public form route is declared).
    ...publicForm(ctx, 'safety.phone_code', { perIpPerHour: ctx.config.publicForms.codesPerIpPerHour }),
    schema: { tags, summary: '获取手机验证码（公众提交表单前验证手机号码；同一网络多次获取后须填写图形验证码）', body: PhoneBody, response: responses({ 202: CodeSent }) },
  }, async (req, reply) => reply.status(202).send(await requestPhoneCode(ctx, req.body.phone, req.ip)));

  app.post('/api/public/phone-verify', {
    config: { policy: 'public', rateLimit: perMinute },
    schema: { tags, summary: '校验手机验证码，返回手机号码已验证的凭证', body: VerifyBody, response: responses({ 200: Verified }) },
  }, async (req) => verifyPhoneCode(ctx, req.body.phone, req.body.code, req.ip));
};
