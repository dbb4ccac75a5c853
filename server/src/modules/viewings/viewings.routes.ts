/** 集中收看 (F-72): sessions at stations, the roll call, QR check-in and the confirmation that credits members. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import {
  AttendanceBody, AttendanceParams, CancelBody, CheckinView, CodeParams, ConfirmResult, GuestBody, GuestCandidates, GuestSearchQuery, IdParams,
  LessonChoices, LiveEventChoices, PickerQuery, RollList, RollQuery, ViewingCreateBody, ViewingList, ViewingListQuery, ViewingSession, ViewingUpdateBody,
} from './viewings.schema.js';
import { lessonChoices, liveEventChoices } from './viewings.sources.js';
import * as svc from './viewings.service.js';
import { checkIn, checkinView } from './viewings.checkin.js';

export const viewingRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['viewings'];

  app.get('/api/viewings', {
    config: { policy: 'viewing.read' },
    schema: { tags, summary: '集中收看（管辖范围内的站点；按开始时间倒序，键集分页）', querystring: ViewingListQuery, response: responses({ 200: ViewingList }) },
  }, async (req) => svc.listSessions(ctx, requireActor(req), req.query));

  app.post('/api/viewings', {
    config: { policy: 'viewing.manage' },
    schema: { tags, summary: '安排集中收看', body: ViewingCreateBody, response: responses({ 201: ViewingSession }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await svc.createSession(ctx, actor, req.body);
    return reply.status(201).send(await svc.getSession(ctx, actor, id));
  });

  app.get('/api/viewings/live-events', {
    config: { policy: 'viewing.manage' },
    schema: {
      tags, summary: '可安排集中收看的直播：站点所属党组织的党员可见的（本组织及上级组织安排的）即将开始和正在进行的直播，先开始的在前',
      querystring: PickerQuery, response: responses({ 200: LiveEventChoices }),
    },
  }, async (req) => liveEventChoices(ctx, requireActor(req), req.query));

  app.get('/api/viewings/lessons', {
    config: { policy: 'viewing.manage' },
    schema: {
      tags, summary: '可安排集中收看的课时：站点所属党组织的党员可见的已发布课程中的视频课时，新添加的在前',
      querystring: PickerQuery, response: responses({ 200: LessonChoices }),
    },
  }, async (req) => lessonChoices(ctx, requireActor(req), req.query));

  app.get('/api/viewings/:id', {
    config: { policy: 'viewing.read' },
    schema: { tags, summary: '集中收看详情（含实时签到人数）', params: IdParams, response: responses({ 200: ViewingSession }) },
  }, async (req) => svc.getSession(ctx, requireActor(req), req.params.id));

  app.patch('/api/viewings/:id', {
    config: { policy: 'viewing.manage' },
    schema: {
      tags, summary: '调整集中收看安排（开始前：标题、时间、时长、组织者、备注；直播的集中收看须在直播计划开始时间前后30分钟内）',
      params: IdParams, body: ViewingUpdateBody, response: responses({ 200: ViewingSession }),
    },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.updateSession(ctx, actor, req.params.id, req.body);
    return svc.getSession(ctx, actor, req.params.id);
  });

  app.post('/api/viewings/:id/cancel', {
    config: { policy: 'viewing.manage' },
    schema: { tags, summary: '取消集中收看（须说明原因）', params: IdParams, body: CancelBody, response: responses({ 200: ViewingSession }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.cancelSession(ctx, actor, req.params.id, req.body.reason);
    return svc.getSession(ctx, actor, req.params.id);
  });

  app.get('/api/viewings/:id/roll', {
    config: { policy: 'viewing.read' },
    schema: { tags, summary: '点名名单：站点所属党组织（含下级）的党员和添加的党员，及签到情况', params: IdParams, querystring: RollQuery, response: responses({ 200: RollList }) },
  }, async (req) => svc.roll(ctx, requireActor(req), req.params.id, req.query));

  app.put('/api/viewings/:id/attendance/:memberId', {
    config: { policy: 'viewing.manage' },
    schema: { tags, summary: '点名：标记到场或取消', params: AttendanceParams, body: AttendanceBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.setAttendance(ctx, requireActor(req), req.params.id, req.params.memberId, req.body.present);
    return reply.status(204).send(null);
  });

  app.get('/api/viewings/:id/guest-candidates', {
    config: { policy: 'viewing.manage' },
    schema: { tags, summary: '按姓名查找可添加的党员（您管辖范围内，至多20人）', params: IdParams, querystring: GuestSearchQuery, response: responses({ 200: GuestCandidates }) },
  }, async (req) => svc.guestSearch(ctx, requireActor(req), req.params.id, req.query.q));

  app.post('/api/viewings/:id/guests', {
    config: { policy: 'viewing.manage' },
    schema: { tags, summary: '添加本站点范围以外的党员到点名名单（之后可点名或扫码签到）', params: IdParams, body: GuestBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.addGuest(ctx, requireActor(req), req.params.id, req.body.memberId);
    return reply.status(204).send(null);
  });

  app.post('/api/viewings/:id/confirm', {
    config: { policy: 'viewing.manage' },
    schema: { tags, summary: '确认考勤：结束集中收看并为每位到场党员记入学时（重复确认不再变化）', params: IdParams, response: responses({ 200: ConfirmResult }) },
  }, async (req) => {
    const actor = requireActor(req);
    const outcome = await svc.confirmSession(ctx, actor, req.params.id);
    return { session: await svc.getSession(ctx, actor, req.params.id), ...outcome };
  });

  app.get('/api/viewing-checkin/:code', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '扫码签到页：集中收看信息和本人签到状态', params: CodeParams, response: responses({ 200: CheckinView }) },
  }, async (req) => checkinView(ctx, requireActor(req), req.params.code));

  app.post('/api/viewing-checkin/:code', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '扫码签到（签到时间内、本站点范围内、每人一次）', params: CodeParams, response: responses({ 200: CheckinView }) },
  }, async (req) => checkIn(ctx, requireActor(req), req.params.code));
};
