/** 工作日历: the administrator's holidays and adjusted working days (calendar.service.ts). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { CalendarDateParams, CalendarDayBody, CalendarDayView, CalendarYear, CalendarYearQuery, DueDateQuery, DueDateView } from './calendar.schema.js';
import { deleteDay, dueDate, listYear, setDay } from './calendar.service.js';

export const calendarRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['calendar'];

  app.get('/api/calendar/days', {
    config: { policy: 'calendar.read' },
    schema: {
      tags,
      summary: '工作日历：某年的节假日（休息日）和调休上班日，按日期排列；未列出的日子周一至周五上班、周六周日休息',
      querystring: CalendarYearQuery,
      response: responses({ 200: CalendarYear }),
    },
  }, async (req) => listYear(ctx, req.query.year));

  app.get('/api/calendar/due', {
    config: { policy: 'calendar.read' },
    schema: {
      tags,
      summary: '按工作日计算办结期限：from 当日不计，自下一个工作日起算第 workingDays 个工作日（0：from 为工作日则当日，否则下一个工作日）',
      querystring: DueDateQuery,
      response: responses({ 200: DueDateView }),
    },
  }, async (req) => ({ from: req.query.from, workingDays: req.query.workingDays, ...(await dueDate(ctx, req.query.from, req.query.workingDays)) }));

  app.put('/api/calendar/days/:date', {
    config: { policy: 'calendar.write' },
    schema: {
      tags,
      summary: '设置某日为节假日（holiday，休息日）或调休上班日（workday，只能是周六或周日），或修改其名称',
      params: CalendarDateParams,
      body: CalendarDayBody,
      response: responses({ 200: CalendarDayView }),
    },
  }, async (req) => setDay(ctx, requireActor(req), req.params.date, req.body));

  app.delete('/api/calendar/days/:date', {
    config: { policy: 'calendar.write' },
    schema: { tags, summary: '删除某日的节假日或调休设置，恢复为平常的周一至周五上班', params: CalendarDateParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await deleteDay(ctx, requireActor(req), req.params.date);
    return reply.status(204).send(null);
  });
};
