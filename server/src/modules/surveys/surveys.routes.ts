/** 问卷调查: surveys, their categories and results, re-categorization, and the public web form (docs/surveys.md). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { IdParams } from '../../platform/schemas.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import {
  CategoryBody, CategoryList, CategoryOrderBody, CategoryParams, CategoryView, DispatchBody, DispatchResult, FormBody, FormView, RecategorizeBody,
  RecategorizeResult, ReplyDetail, ReplyHistory, ReplyIdParams, ReplyList, ReplyListQuery, ResultsQuery, ResultsView, SurveyBody, SurveyList, SurveyListQuery, SurveyUpdateBody,
  SurveyView, ThemeRunView, TimelineView, PublicResultsView, PublicSurveyList, TokenParams, WordsBody, WordsView,
} from './surveys.schema.js';
import { closeSurvey, createSurvey, deleteDraft, getSurvey, listSurveys, openSurvey, updateSurvey } from './surveys.service.js';
import { createCategory, deleteCategory, listCategories, listReplies, recategorize, reorderCategories, replyDetail, replyHistory, setWords, updateCategory } from './surveys.categories.js';
import { results, timeline, words } from './surveys.results.js';
import { formOf, submitForm } from './surveys.form.js';
import { publicResults, publicSurveys } from './surveys.public.js';
import { dispatchReplies } from './surveys.dispatch.js';
import { latestThemes, startThemes } from './surveys.themes.js';

const ReplyParams = Type.Object({ id: IdParams.properties.id, replyId: IdParams.properties.id });

export const surveysRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['surveys'];

  app.get('/api/surveys', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '问卷列表：本级及下级组织发起的问卷，以及上级发起、涉及本辖区的问卷（只见本辖区部分），新的在前', querystring: SurveyListQuery, response: responses({ 200: SurveyList }) },
  }, async (req) => listSurveys(ctx, requireActor(req), req.query));

  app.post('/api/surveys', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '新建问卷（草稿）：题目、对象、作答方式、截止时间和提醒', body: SurveyBody, response: responses({ 201: SurveyView }) },
  }, async (req, reply) => reply.status(201).send(await createSurvey(ctx, requireActor(req), req.body)));

  app.get('/api/surveys/:id', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '问卷详情（下级只见本辖区的邀请和回复数）', params: IdParams, response: responses({ 200: SurveyView }) },
  }, async (req) => getSurvey(ctx, requireActor(req), req.params.id));

  app.put('/api/surveys/:id', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '修改草稿问卷（发出后不能修改）', params: IdParams, body: SurveyUpdateBody, response: responses({ 200: SurveyView }) },
  }, async (req) => updateSurvey(ctx, requireActor(req), req.params.id, req.body));

  app.delete('/api/surveys/:id', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '删除草稿问卷', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await deleteDraft(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/surveys/:id/open', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '发出问卷：生成邀请并按短信发送第一题（后台任务；超过审批阈值的需审批后发送）', params: IdParams, response: responses({ 200: SurveyView }) },
  }, async (req) => openSurvey(ctx, requireActor(req), req.params.id));

  app.post('/api/surveys/:id/close', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '结束问卷：此后的回复不再计入', params: IdParams, response: responses({ 200: SurveyView }) },
  }, async (req) => {
    await closeSurvey(ctx, requireActor(req), req.params.id);
    return getSurvey(ctx, requireActor(req), req.params.id);
  });

  app.get('/api/surveys/:id/categories', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '问卷的分类、标签和自定义词典', params: IdParams, response: responses({ 200: CategoryList }) },
  }, async (req) => listCategories(ctx, requireActor(req), req.params.id));

  app.post('/api/surveys/:id/categories', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '新增分类或标签（规则：任一词、全部词、短语、正则、数字范围）；随后按新规则重新归类', params: IdParams, body: CategoryBody, response: responses({ 201: CategoryView }) },
  }, async (req, reply) => reply.status(201).send(await createCategory(ctx, requireActor(req), req.params.id, req.body)));

  app.put('/api/surveys/:id/categories/:categoryId', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '修改分类或标签的名称和规则；随后重新归类', params: CategoryParams, body: CategoryBody, response: responses({ 200: CategoryView }) },
  }, async (req) => updateCategory(ctx, requireActor(req), req.params.id, req.params.categoryId, req.body));

  app.delete('/api/surveys/:id/categories/:categoryId', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '删除分类或标签；其回复按规则重新归类（人工归入的改为“其他”）', params: CategoryParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await deleteCategory(ctx, requireActor(req), req.params.id, req.params.categoryId);
    return reply.status(204).send(null);
  });

  app.put('/api/surveys/:id/categories-order', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '调整分类（或标签）的顺序：回复归入第一个命中的分类', params: IdParams, body: CategoryOrderBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await reorderCategories(ctx, requireActor(req), req.params.id, req.body.ids);
    return reply.status(204).send(null);
  });

  app.put('/api/surveys/:id/words', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '设置问卷的自定义词典（分词时保持完整的词）；随后重新归类', params: IdParams, body: WordsBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await setWords(ctx, requireActor(req), req.params.id, req.body.words);
    return reply.status(204).send(null);
  });

  app.get('/api/surveys/:id/replies', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '回复列表（本人可查看的范围，手机号已脱敏），按分类、标签、组织、渠道、关键词筛选，新的在前', params: IdParams, querystring: ReplyListQuery, response: responses({ 200: ReplyList }) },
  }, async (req) => listReplies(ctx, requireActor(req), req.params.id, req.query));

  app.get('/api/surveys/replies/:replyId', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '一条回复：所属问卷和题目、回复内容、分类和标签、回复人（手机号已脱敏）、分类变更记录、由此转成的跟踪事项', params: ReplyIdParams, response: responses({ 200: ReplyDetail }) },
  }, async (req) => replyDetail(ctx, requireActor(req), req.params.replyId));

  app.get('/api/surveys/:id/replies/:replyId/history', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '一条回复的分类变更记录（谁、何时、从何到何）', params: ReplyParams, response: responses({ 200: ReplyHistory }) },
  }, async (req) => replyHistory(ctx, requireActor(req), req.params.id, req.params.replyId));

  app.post('/api/surveys/:id/recategorize', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '人工归类：把选中的回复（最多1万条）移到某一分类，增删标签；逐条记录变更', params: IdParams, body: RecategorizeBody, response: responses({ 200: RecategorizeResult }) },
  }, async (req) => recategorize(ctx, requireActor(req), req.params.id, req.body));

  app.get('/api/surveys/:id/results', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '统计结果：各分类（或选项）占答题人数的比例、回复率，按下一级组织分列，可逐级下钻', params: IdParams, querystring: ResultsQuery, response: responses({ 200: ResultsView }) },
  }, async (req) => results(ctx, requireActor(req), req.params.id, req.query));

  app.get('/api/surveys/:id/results/timeline', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '按日统计的回复数（北京时间）及累计', params: IdParams, querystring: ResultsQuery, response: responses({ 200: TimelineView }) },
  }, async (req) => timeline(ctx, requireActor(req), req.params.id, req.query));

  app.get('/api/surveys/:id/results/words', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '词云：回复中出现最多的词', params: IdParams, querystring: ResultsQuery, response: responses({ 200: WordsView }) },
  }, async (req) => words(ctx, requireActor(req), req.params.id, req.query));

  app.post('/api/surveys/:id/dispatch', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '转为跟踪督办事项：所选回复、整个分类或全部回复，交回复人所在的市（后台任务）', params: IdParams, body: DispatchBody, response: responses({ 202: DispatchResult }) },
  }, async (req, reply) => reply.status(202).send(await dispatchReplies(ctx, requireActor(req), req.params.id, req.body)));

  app.post('/api/surveys/:id/themes', {
    config: { policy: 'survey.write' },
    schema: { tags, summary: '为“其他”中的回复推荐主题（后台任务，可查看进度）', params: IdParams, querystring: ResultsQuery, response: responses({ 202: ThemeRunView }) },
  }, async (req, reply) => reply.status(202).send(await startThemes(ctx, requireActor(req), req.params.id, req.query.questionId)));

  app.get('/api/surveys/:id/themes', {
    config: { policy: 'survey.read' },
    schema: { tags, summary: '最近一次主题推荐：每个主题的关键词、示例回复、所含回复的编号和建议的分类规则', params: IdParams, querystring: ResultsQuery, response: responses({ 200: Type.Union([ThemeRunView, Type.Null()]) }) },
  }, async (req) => latestThemes(ctx, requireActor(req), req.params.id, req.query.questionId));

  // Published results: aggregates only, small groups hidden (surveys.public.ts).
  app.get('/api/public/surveys', {
    config: { policy: 'public' },
    schema: { tags, summary: '公开调查结果的问卷（无需登录）', response: responses({ 200: PublicSurveyList }) },
  }, async () => publicSurveys(ctx));

  app.get('/api/public/surveys/:id/results', {
    config: { policy: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: '公开的调查结果：只有汇总数，不含任何回复；某地区答题少于5人的分类不显示', params: IdParams, querystring: ResultsQuery, response: responses({ 200: PublicResultsView }) },
  }, async (req) => publicResults(ctx, req.params.id, req.query));

  // The public web form (no sign-in; the personal link's token is the key).
  app.get('/api/public/survey-forms/:token', {
    // Personal to the token's holder: never kept by a browser, a proxy or the public micro-cache.
    config: { policy: 'public', publicCache: false, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: '问卷网页填写：题目（凭短信中的个人链接，无需登录）', params: TokenParams, response: responses({ 200: FormView }) },
  }, async (req) => formOf(ctx, req.params.token));

  app.post('/api/public/survey-forms/:token', {
    config: { policy: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: '问卷网页填写：提交答案（可重新提交，以最后一次为准）', params: TokenParams, body: FormBody, response: responses({ 200: Type.Object({ ok: Type.Boolean() }) }) },
  }, async (req) => submitForm(ctx, req.params.token, req.body));
};
