/** 远程教育 — courses and lessons (console), the members' catalogue, watching, quizzes and reading. docs/learning.md. */
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { IdParams } from '../../platform/schemas.js';
import {
  Course, CourseCreateBody, CourseList, CourseListQuery, CourseUpdateBody, Created, FileCreated, FileUploadQuery, HeartbeatBody, HeartbeatResult,
  LessonBody, LessonOrderBody, MemberCourse, MemberCourseQuery, MemberLesson, QuizBody, QuizResult, ReadingHeartbeatBody, ReadingResult, ReadingStarted,
  StreamStarted, Topic, TopicBody, TopicList, VersionView,
} from './learning.courses.schema.js';
import * as courses from './learning.courses.js';
import { myCourse, myCourses, myLesson } from './learning.catalogue.js';
import { heartbeat, startStudy } from './learning.study.js';
import { submitQuiz } from './learning.quiz.js';
import { readingHeartbeat, startLessonReading } from './learning.reading.js';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const UPLOAD_BODY_LIMIT = courses.MAX_FILE_BYTES + 1024 * 1024;

export const learningCourseRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['learning'];

  // ——— topics ———
  app.get('/api/learning/topics', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '课程分类（理论学习、党章党规、政策解读、先进典型、实用技术等）', response: responses({ 200: TopicList }) },
  }, async () => courses.listTopics(ctx.db));
  app.post('/api/learning/topics', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '新增课程分类（省级管理员）', body: TopicBody, response: responses({ 201: Topic }) },
  }, async (req, reply) => reply.status(201).send(await courses.saveTopic(ctx.db, requireActor(req), null, req.body, ctx.now())));
  app.put('/api/learning/topics/:id', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '修改或停用课程分类（省级管理员）', params: IdParams, body: TopicBody, response: responses({ 200: Topic }) },
  }, async (req) => courses.saveTopic(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));

  // ——— courses (console) ———
  app.get('/api/learning/courses', {
    config: { policy: 'learning.read' },
    schema: { tags, summary: '课程列表（管辖范围内各组织发布的课程，新建的在前）', querystring: CourseListQuery, response: responses({ 200: CourseList }) },
  }, async (req) => courses.listCourses(ctx.db, requireActor(req), req.query));
  app.post('/api/learning/courses', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '新建课程（草稿）：由所选组织面向本辖区发布', body: CourseCreateBody, response: responses({ 201: Created }) },
  }, async (req, reply) => reply.status(201).send(await courses.createCourse(ctx.db, requireActor(req), req.body, ctx.now())));
  app.get('/api/learning/courses/:id', {
    config: { policy: 'learning.read' },
    schema: { tags, summary: '课程详情及课时（含测验答案）', params: IdParams, response: responses({ 200: Course }) },
  }, async (req) => courses.getCourse(ctx.db, requireActor(req), req.params.id));
  app.put('/api/learning/courses/:id', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '修改课程信息（version 须为读取时的版本）', params: IdParams, body: CourseUpdateBody, response: responses({ 200: VersionView }) },
  }, async (req) => courses.updateCourse(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));
  app.post('/api/learning/courses/:id/publish', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '发布课程（至少有一个课时）', params: IdParams, response: responses({ 200: VersionView }) },
  }, async (req) => courses.setCourseStatus(ctx.db, requireActor(req), req.params.id, 'published', ctx.now()));
  app.post('/api/learning/courses/:id/withdraw', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '撤回已发布的课程（党员不再可见，学习记录和学时保留）', params: IdParams, response: responses({ 200: VersionView }) },
  }, async (req) => courses.setCourseStatus(ctx.db, requireActor(req), req.params.id, 'withdrawn', ctx.now()));
  app.post('/api/learning/courses/:id/lessons', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '添加课时：视频、文档、文章或测验（排在最后）', params: IdParams, body: LessonBody, response: responses({ 201: Created }) },
  }, async (req, reply) => reply.status(201).send(await courses.addLesson(ctx.db, requireActor(req), req.params.id, req.body, ctx.now())));
  app.put('/api/learning/courses/:id/lessons/order', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '调整课时顺序（须列出课程的全部课时）', params: IdParams, body: LessonOrderBody, response: responses({ 200: Created }) },
  }, async (req) => courses.orderLessons(ctx.db, requireActor(req), req.params.id, req.body.lessonIds, ctx.now()));
  app.put('/api/learning/lessons/:id', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '修改课时（类型不可改；测验的题目整体替换）', params: IdParams, body: LessonBody, response: responses({ 200: Created }) },
  }, async (req) => courses.updateLesson(ctx.db, requireActor(req), req.params.id, req.body, ctx.now()));
  app.delete('/api/learning/lessons/:id', {
    config: { policy: 'learning.manage' },
    schema: { tags, summary: '删除课时（学习记录和已获学时保留）', params: IdParams, response: responses({ 200: Created }) },
  }, async (req) => courses.removeLesson(ctx.db, requireActor(req), req.params.id, ctx.now()));

  await app.register(async (plain) => {
    const up = plain.withTypeProvider<TypeBoxTypeProvider>();
    up.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, (_req, body, done) => done(null, body));
    up.post('/api/learning/courses/:id/files', {
      config: { policy: 'learning.manage' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags, summary: '上传课程文件（封面图片或文档课时的文件；请求体为文件本身，文件名在 fileName 中）',
        description: '不超过20 MB；只接受 PDF、JPG、PNG、Word（.docx）、Excel（.xlsx），按文件内容判断。',
        params: IdParams, querystring: FileUploadQuery, response: responses({ 201: FileCreated }),
      },
    }, async (req, reply) => reply.status(201).send(await courses.uploadFile(ctx.db, requireActor(req), req.params.id, req.query.fileName, req.body, ctx.now())));
  });
  app.get('/api/learning/files/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '课程文件（封面、文档）：管辖范围内的工作人员，或能看到该已发布课程的党员', params: IdParams, response: responses({ 200: Binary }) },
  }, async (req, reply) => {
    const f = await courses.readFile(ctx.db, requireActor(req), req.params.id);
    return reply.type(f.contentType).header('content-disposition', f.inline ? `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}` : attachment(f.fileName)).send(f.data);
  });

  // ——— members ———
  app.get('/api/me/courses', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '党员可学的课程：本组织及各上级组织发布的课程（按分类、对象筛选）', querystring: MemberCourseQuery, response: responses({ 200: CourseList }) },
  }, async (req) => myCourses(ctx.db, requireActor(req), req.query));
  app.get('/api/me/courses/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '课程及各课时的本人学习进度（测验不含答案）', params: IdParams, response: responses({ 200: MemberCourse }) },
  }, async (req) => myCourse(ctx.db, requireActor(req), req.params.id));
  app.get('/api/me/lessons/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '一个课时及本人进度（测验不含答案）', params: IdParams, response: responses({ 200: MemberLesson }) },
  }, async (req) => myLesson(ctx.db, requireActor(req), req.params.id));
  app.post('/api/learning/lessons/:id/start', {
    config: { policy: 'authenticated' },
    schema: {
      tags, summary: '开始学习视频课时：结束本账号其他正在进行的学习，返回签名凭证和心跳间隔（15秒）',
      description: '仅限与党员档案关联的账号。每个账号同一时间只能学习一个课时；旧页面的心跳将得到 409。',
      params: IdParams, response: responses({ 200: StreamStarted }),
    },
  }, async (req) => startStudy(ctx, requireActor(req), req.params.id));
  app.post('/api/learning/heartbeats', {
    config: { policy: 'authenticated' },
    schema: {
      tags, summary: '学习心跳：上报播放位置；服务器按真实经过的时间计入覆盖秒数，达到完成比例即记学时',
      description: '每次须带上一次回答中的凭证；凭证只能用一次。快进、快于真实时间的进度和相隔超过45秒的心跳都不计入。',
      body: HeartbeatBody, response: responses({ 200: HeartbeatResult }),
    },
  }, async (req) => heartbeat(ctx, requireActor(req), req.body));
  app.post('/api/learning/lessons/:id/quiz', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '提交测验答案：服务器评分，及格即记学时；返回各题正确答案', params: IdParams, body: QuizBody, response: responses({ 200: QuizResult }) },
  }, async (req) => submitQuiz(ctx, requireActor(req), req.params.id, req.body));
  app.post('/api/learning/lessons/:id/read', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '开始阅读文章或文档课时：返回签名凭证和最短阅读时长', params: IdParams, response: responses({ 200: ReadingStarted }) },
  }, async (req) => startLessonReading(ctx, requireActor(req), req.params.id));
  app.post('/api/learning/reading/heartbeat', {
    config: { policy: 'authenticated' },
    schema: {
      tags, summary: '阅读心跳（至少每30秒一次）：服务器累计阅读时间，达到最短时长即记学时',
      description: '文章（新闻）和文章、文档课时共用；相隔超过45秒的时间不计入。',
      body: ReadingHeartbeatBody, response: responses({ 200: ReadingResult }),
    },
  }, async (req) => readingHeartbeat(ctx, requireActor(req), req.body.token));
};
