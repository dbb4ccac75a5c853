/** 远程教育 — credit rules and a member's own ledger (the courses, lessons and reports add their routes beside these). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { LearningRulesBody, LearningRulesView, MyCredits, MyCreditsQuery } from './learning.schema.js';
import { readRules, updateRules } from './learning.rules.js';
import { myCredits } from './learning.ledger.js';
import { learningCourseRoutes } from './learning.courses.routes.js';
import { learningReportsRoutes } from './learning.reports.routes.js';
import { learningLiveRoutes } from './learning.live.routes.js';

export const learningRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['learning'];

  app.get('/api/learning/rules', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '学分规则：视频完成比例、文章阅读时长、每类每日上限、年度学习任务（学时）', response: responses({ 200: LearningRulesView }) },
  }, async () => readRules(ctx));

  app.put('/api/learning/rules', {
    config: { policy: 'learning.rules' },
    schema: { tags, summary: '修改学分规则（省级管理员；version 须为读取时的版本）', body: LearningRulesBody, response: responses({ 200: LearningRulesView }) },
  }, async (req) => updateRules(ctx, requireActor(req), req.body));

  app.get('/api/me/learning', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '我的学习：本年度已获学时、年度任务进度、今日各类上限使用情况和学分记录（按时间倒序分页）', querystring: MyCreditsQuery, response: responses({ 200: MyCredits }) },
  }, async (req) => myCredits(ctx, requireActor(req), req.query));

  await app.register(learningCourseRoutes, { ctx });
  await app.register(learningReportsRoutes, { ctx });
  await app.register(learningLiveRoutes, { ctx });
};
