/**
 * 远程教育 (issue 12, F-70–F-72): courses and lessons, the credit ledger and its rules, reports by organization.
 * The ledger (learning_credits, learning_member_years) is written only through learning.commands.ts (awardCredit).
 */
import { defineModule } from '../../platform/module.js';
import { LearningRulesView, MyCredits } from './learning.schema.js';
import { Course, CourseList, Lesson, MemberCourse, MemberLesson, Topic } from './learning.courses.schema.js';
import { learningRoutes } from './learning.routes.js';
import { learningExcel } from './learning.excel.js';
import { OrgMembers, OrgReport, Transcript } from './learning.reports.schema.js';
import { STATS_QUEUE, statsJob } from './learning.reports.js';
import { LiveEvent, LiveList, LiveSettings, MemberLive, MemberLiveList, MemberLivePage } from './learning.live.schema.js';

export const learningModule = defineModule({
  name: 'learning',
  routes: learningRoutes,
  schemas: [LearningRulesView, MyCredits, Topic, CourseList, Lesson, Course, MemberLesson, MemberCourse, OrgReport, OrgMembers, Transcript, LiveEvent, LiveList, LiveSettings, MemberLive, MemberLiveList, MemberLivePage],
  excel: learningExcel,
  permissions: {
    'learning.rules': { zh: '设置学分规则（全省统一）', en: 'Set the credit rules (province-wide)', roles: ['org_admin'] },
    'learning.manage': { zh: '编辑、发布和撤回本辖区的远程教育课程', en: 'Write, publish and withdraw distance-education courses of the subtree', roles: ['org_admin'] },
    'learning.read': { zh: '查看本辖区的远程教育课程、学习统计和党员学习档案', en: 'View distance-education courses, learning statistics and members’ transcripts of the subtree', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
  },
  auditActions: {
    'learning.rules.update': { zh: '修改学分规则', en: 'Change the credit rules' },
    'learning.topic.create': { zh: '新增课程分类', en: 'Create course topic' },
    'learning.topic.update': { zh: '修改课程分类', en: 'Edit course topic' },
    'learning.course.create': { zh: '新建课程', en: 'Create course' },
    'learning.course.update': { zh: '修改课程', en: 'Edit course' },
    'learning.course.publish': { zh: '发布课程', en: 'Publish course' },
    'learning.course.withdraw': { zh: '撤回课程', en: 'Withdraw course' },
    'learning.lesson.create': { zh: '添加课时', en: 'Add lesson' },
    'learning.lesson.update': { zh: '修改课时', en: 'Edit lesson' },
    'learning.lesson.remove': { zh: '删除课时', en: 'Remove lesson' },
    'learning.lesson.order': { zh: '调整课时顺序', en: 'Reorder lessons' },
    'learning.file.upload': { zh: '上传课程文件', en: 'Upload course file' },
    'learning.study.start': { zh: '开始学习视频课时', en: 'Start watching a lesson' },
    'learning.lesson.complete': { zh: '完成视频课时', en: 'Lesson completed' },
    'learning.quiz.submit': { zh: '提交测验', en: 'Quiz submitted' },
    'learning.article.read': { zh: '阅读文章达到时长', en: 'Article read for the minimum time' },
    'learning.live.create': { zh: '安排直播', en: 'Schedule live lesson' },
    'learning.live.update': { zh: '修改直播', en: 'Edit live lesson' },
    'learning.live.start': { zh: '开始直播', en: 'Start live lesson' },
    'learning.live.end': { zh: '结束直播', en: 'End live lesson' },
    'learning.live.cancel': { zh: '取消直播', en: 'Cancel live lesson' },
    'learning.live.recording': { zh: '关联直播回放', en: 'Attach live lesson recording' },
    'learning.live.chat': { zh: '直播间发言', en: 'Live chat message' },
    'learning.live.chat_approve': { zh: '直播发言审核通过', en: 'Live chat message approved' },
    'learning.live.chat_hide': { zh: '屏蔽直播发言', en: 'Live chat message hidden' },
    'learning.live.attend': { zh: '参加直播达到时长', en: 'Live lesson attended' },
    'learning.export': { zh: '导出学习统计或学习档案', en: 'Export learning statistics or a transcript' },
  },
  entityTypes: {
    learning_rules: { zh: '学分规则', en: 'Credit rules' },
    learning_topic: { zh: '课程分类', en: 'Course topic' },
    learning_course: { zh: '远程教育课程', en: 'Course' },
    learning_lesson: { zh: '课时', en: 'Lesson' },
    learning_reading: { zh: '文章阅读', en: 'Reading' },
    learning_live_event: { zh: '直播', en: 'Live lesson' },
  },
  problems: {
    'learning.not_member': 'Only an account linked to a member record has a learning record',
    'learning.same_status': 'The course already has this status',
    'learning.not_published': 'Only a published course can be withdrawn',
    'learning.no_lessons': 'A course needs a lesson before it is published',
    'learning.not_video': 'Only a video lesson is watched with a stream',
    'learning.not_quiz': 'The lesson is not a quiz',
    'learning.not_reading': 'Only article and document lessons count by reading time',
    'learning.bad_token': 'The study token was not signed by this server',
    'learning.token_used': 'The study token was used already (a replay, or a stale page)',
    'learning.live_not_scheduled': 'Only a scheduled live lesson can be edited, started or cancelled',
    'learning.live_too_early': 'A live lesson starts at the earliest 30 minutes before its planned start',
    'learning.live_not_live': 'Only a live lesson that is on can be ended',
    'learning.live_not_ended': 'The recording is attached after the live lesson ended',
    'learning.live_has_recording': 'The live lesson has its recording already',
    'learning.chat_closed': 'Chat is open from 30 minutes before the start until the end',
    'learning.chat_rate_limited': 'Too many chat messages in a short time',
    'learning.chat_not_held': 'The message is not waiting for moderation',
    'learning.chat_hidden': 'The message is hidden already',
    'learning.stream_ended': 'Another page or device started studying on this account; this stream is ended',
  },
  // 学习统计: the schedule ticks every minute; the job refreshes when the figures are older than LEARNING_STATS_REFRESH_MINUTES.
  queues: [{ name: STATS_QUEUE, handler: (ctx) => async (job) => statsJob(ctx, job.payload as { year?: number } | null) }],
  schedules: [{ name: 'learning.stats-tick', when: { everyMs: 60_000 }, queue: STATS_QUEUE }],
});
