/** 直播课堂 — console (scheduling, start/end, cancel, chat moderation, recording) and members (list, page, presence, chat). docs/learning.md. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { IdParams } from '../../platform/schemas.js';
import { Created, VersionView } from './learning.courses.schema.js';
import {
  ChatBody, ChatList, ChatPosted, ChatQuery, HeldList, HeldQuery, HideBody, LiveCancelBody, LiveCreateBody, LiveEvent, LiveList, LiveListQuery,
  LiveRecordingBody, LiveSettings, LiveUpdateBody, MemberLiveList, MemberLivePage, MemberLiveQuery, PresenceResult,
} from './learning.live.schema.js';
import * as live from './learning.live.js';
import { listChat, myLiveEvent, myLiveEvents, postChat, presence } from './learning.live.member.js';

const Moderated = Type.Object({ id: Type.String(), state: Type.String() });

export const learningLiveRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['learning'];

  // ——— console ———
  app.get('/api/learning/live/settings', {
    config: { policy: 'learning.read' },
    schema: {
      tags, summary: '直播设置：本平台登记的直播源站或CDN（LIVE_MEDIA_ORIGINS）',
      description: '为空时，浏览器的内容安全策略只允许本站地址，外部推流地址保存后党员无法播放；控制台据此提示。',
      response: responses({ 200: LiveSettings }),
    },
  }, async () => ({ liveOrigins: [...ctx.config.media.liveOrigins] }));
  app.get('/api/learning/live', {
    config: { policy: 'learning.read' },
    schema: { tags, summary: '直播列表（管辖范围内各组织的直播，新建的在前）', querystring: LiveListQuery, response: responses({ 200: LiveList }) },
  }, async (req) => live.listLive(ctx.db, requireActor(req), req.query));
  app.post('/api/learning/live', {
    config: { policy: 'learning.manage' },
    schema: {
      tags, summary: '安排直播：由所选组织面向本辖区；直播源为编码器输出的 HLS 播放地址（.m3u8）或视频资源',
      description: '开始时间须晚于当前时间，结束时间须晚于开始时间，一场不超过12小时。学时默认为计划时长（分钟）。',
      body: LiveCreateBody, response: responses({ 201: Created }),
    },
  }, async (req, reply) => reply.status(201).send(await live.createLive(ctx.db, requireActor(req), req.body, ctx.now(), ctx.config.media.liveOrigins)));
  app.get('/api/learning/live/:id', {
    config: { policy: 'learning.read' },
    schema: { tags, summary: '直播详情', params: IdParams, response: responses({ 200: LiveEvent }) },
  }, async (req) => live.getLive(ctx.db, requireActor(req), req.params.id));
  app.put('/api/learning/live/:id', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '修改尚未开始的直播（version 须为读取时的版本）', params: IdParams, body: LiveUpdateBody, response: responses({ 200: VersionView }) },
  }, async (req) => live.updateLive(ctx.db, requireActor(req), req.params.id, req.body, ctx.now(), ctx.config.media.liveOrigins));
  app.post('/api/learning/live/:id/start', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '开始直播（最早在计划开始前30分钟；开始后党员页面才拿到直播源）', params: IdParams, response: responses({ 200: VersionView }) },
  }, async (req) => live.startLive(ctx.db, requireActor(req), req.params.id, ctx.now()));
  app.post('/api/learning/live/:id/end', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '结束直播', params: IdParams, response: responses({ 200: VersionView }) },
  }, async (req) => live.endLive(ctx.db, requireActor(req), req.params.id, ctx.now()));
  app.post('/api/learning/live/:id/cancel', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '取消尚未开始的直播（须填写原因，党员页面显示）', params: IdParams, body: LiveCancelBody, response: responses({ 200: VersionView }) },
  }, async (req) => live.cancelLive(ctx.db, requireActor(req), req.params.id, req.body.reason, ctx.now()));
  app.post('/api/learning/live/:id/recording', {
    config: { policy: 'learning.manage' },
    schema: {
      tags, summary: '关联回放：以视频资源或 MP4 地址在直播所属课程中添加视频课时，党员可点播学习',
      params: IdParams, body: LiveRecordingBody, response: responses({ 201: Created }),
    },
  }, async (req, reply) => reply.status(201).send(await live.attachRecording(ctx.db, requireActor(req), req.params.id, req.body, ctx.now())));
  app.get('/api/learning/live/:id/messages', {
    config: { policy: 'learning.read' },
    schema: { tags, summary: '聊天审核：待审核（默认，先到先审）、已显示或已屏蔽的发言', params: IdParams, querystring: HeldQuery, response: responses({ 200: HeldList }) },
  }, async (req) => live.listMessagesForStaff(ctx.db, requireActor(req), req.params.id, req.query));
  app.post('/api/learning/live/messages/:id/approve', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '审核通过：待审核的发言在直播间显示', params: IdParams, response: responses({ 200: Moderated }) },
  }, async (req) => live.moderateMessage(ctx.db, requireActor(req), req.params.id, 'approve', null, ctx.now()));
  app.post('/api/learning/live/messages/:id/hide', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '屏蔽发言（待审核或已显示的；须填写原因）', params: IdParams, body: HideBody, response: responses({ 200: Moderated }) },
  }, async (req) => live.moderateMessage(ctx.db, requireActor(req), req.params.id, 'hide', req.body.reason, ctx.now()));

  // ——— members ———
  app.get('/api/me/live', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '党员可参加的直播：本组织及各上级组织安排的直播（即将开始和正在进行的；或已结束的）', querystring: MemberLiveQuery, response: responses({ 200: MemberLiveList }) },
  }, async (req) => myLiveEvents(ctx, requireActor(req), req.query));
  app.get('/api/me/live/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '直播间：倒计时（含服务器时间）、状态、直播源（仅直播中）、在线人数、本人今日观看时长', params: IdParams, response: responses({ 200: MemberLivePage }) },
  }, async (req) => myLiveEvent(ctx, requireActor(req), req.params.id));
  app.post('/api/learning/live/:id/presence', {
    config: { policy: 'authenticated' },
    schema: {
      tags, summary: '在线心跳（页面打开期间约每30秒一次）：计入观看时长和在线人数，达到要求即记学时',
      description: '相隔超过45秒的时间不计入；同一党员多个页面只计一份时间。', params: IdParams, response: responses({ 200: PresenceResult }),
    },
  }, async (req) => presence(ctx, requireActor(req), req.params.id));
  app.get('/api/me/live/:id/messages', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '直播间聊天：最新发言，或 after 之后新显示（及被屏蔽）的发言；其他党员姓名脱敏', params: IdParams, querystring: ChatQuery, response: responses({ 200: ChatList }) },
  }, async (req) => listChat(ctx, requireActor(req), req.params.id, req.query));
  app.post('/api/learning/live/:id/chat', {
    config: { policy: 'authenticated' },
    schema: {
      tags, summary: '发言（不超过200字；每5秒最多一条、每分钟最多6条）：含敏感词的发言待审核后显示',
      params: IdParams, body: ChatBody, response: responses({ 201: ChatPosted }),
    },
  }, async (req, reply) => reply.status(201).send(await postChat(ctx, requireActor(req), req.params.id, req.body.text)));
};
