/** 问卷调查 (issue 10, F-20, F-21): surveys by SMS and web form, categorized replies, results, follow-up (docs/surveys.md). */
import { defineModule } from '../../platform/module.js';
import { SurveyView, ResultsView } from './surveys.schema.js';
import { surveysRoutes } from './surveys.routes.js';
import { surveysExcel } from './surveys.excel.js';
import './surveys.followup.js'; // registers the follow-up source surveys.reply
import { INVITE_QUEUE } from './surveys.service.js';
import { inviteJob, invitationSource, SOURCE, surveyRound } from './surveys.asking.js';
import { handleSurveySms } from './surveys.inbound.js';
import { RERUN_QUEUE, rerunJob } from './surveys.categories.js';
import { DISPATCH_QUEUE, dispatchJob } from './surveys.dispatch.js';
import { THEMES_QUEUE, themesJob } from './surveys.themes.js';
import type { Sender } from '../sms/sms.commands.js';
import type { Actor } from '../../platform/actor.js';

const ROUND_QUEUE = 'surveys.round';

export const surveysModule = defineModule({
  name: 'surveys',
  routes: surveysRoutes,
  schemas: [SurveyView, ResultsView],
  excel: surveysExcel,
  permissions: {
    'survey.read': { zh: '查看问卷调查及其回复和统计', en: 'View surveys, their replies and results', roles: ['org_admin', 'org_viewer'] },
    'survey.write': { zh: '发起问卷调查、设置分类、归类和转办回复', en: 'Run surveys, keep categories, categorize and dispatch replies', roles: ['org_admin'] },
  },
  auditActions: {
    'survey.create': { zh: '新建问卷', en: 'Create survey' },
    'survey.update': { zh: '修改问卷', en: 'Change survey' },
    'survey.delete': { zh: '删除问卷草稿', en: 'Delete survey draft' },
    'survey.open': { zh: '发出问卷', en: 'Open survey' },
    'survey.close': { zh: '结束问卷', en: 'Close survey' },
    'survey.category.create': { zh: '新增问卷分类或标签', en: 'Add survey category or tag' },
    'survey.category.update': { zh: '修改问卷分类或标签', en: 'Change survey category or tag' },
    'survey.category.delete': { zh: '删除问卷分类或标签', en: 'Delete survey category or tag' },
    'survey.category.reorder': { zh: '调整问卷分类顺序', en: 'Reorder survey categories' },
    'survey.words.set': { zh: '设置问卷自定义词典', en: 'Set survey dictionary' },
    'survey.recategorize': { zh: '人工归类问卷回复', en: 'Recategorize survey replies' },
    'survey.dispatch': { zh: '问卷回复转为跟踪督办事项', en: 'Dispatch survey replies to follow-up' },
    'survey.export': { zh: '导出问卷回复或统计表', en: 'Export survey replies or results' },
    'survey.reveal': { zh: '导出问卷回复的完整手机号码', en: 'Reveal phones in a survey export' },
    'survey.import.upload': { zh: '上传问卷回复导入文件', en: 'Upload survey replies for import' },
    'survey.import': { zh: '导入线下收集的问卷回复', en: 'Import survey replies collected offline' },
  },
  entityTypes: { survey: { zh: '问卷调查', en: 'Survey' } },
  problems: {
    'survey.state': 'The survey is not in a state that allows this',
    'survey.closed': 'The survey is closed; answers are no longer taken',
    'survey.themes_text_only': 'Themes are suggested for the replies of text questions only',
    'survey.themes_running': 'Theme suggestions are being computed; please wait',
  },
  queues: [
    { name: INVITE_QUEUE, handler: (ctx) => async (job) => inviteJob(ctx, job.payload as { surveyId: string; sender: Sender; scope: string[] }) },
    { name: RERUN_QUEUE, handler: (ctx) => async (job, control) => rerunJob(ctx, job.payload as { surveyId: string; byId: string | null; byName: string }, control) },
    { name: DISPATCH_QUEUE, handler: (ctx) => async (job, control) => dispatchJob(ctx, job.payload as { surveyId: string; replyIds: string[]; dueInWorkingDays: number; actor: Actor }, control) },
    { name: THEMES_QUEUE, handler: (ctx) => async (job, control) => themesJob(ctx, job.payload as { runId: string }, control) },
    { name: ROUND_QUEUE, handler: (ctx) => async () => surveyRound(ctx) },
  ],
  schedules: [{ name: 'surveys.round', when: { everyMs: 5 * 60_000 }, queue: ROUND_QUEUE }],
  smsInbound: handleSurveySms,
  smsAudiences: { [SOURCE]: invitationSource },
});
