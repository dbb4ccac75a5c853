/** 学习统计 (issue 12, item 2): organization figures and rankings, a branch's members, one member's transcript. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { OrgIdParams, OrgMembers, OrgMembersQuery, OrgReport, OrgReportQuery, Transcript, TranscriptQuery } from './learning.reports.schema.js';
import { orgMembers, orgReport, transcript } from './learning.reports.js';

export const learningReportsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['learning'];

  app.get('/api/learning/reports/orgs/:id', {
    config: { policy: 'learning.read' },
    schema: {
      tags, params: OrgIdParams, querystring: OrgReportQuery, response: responses({ 200: OrgReport }),
      summary: '学习统计：组织的完成率、人均学时、参学率，及其下级组织按完成率（或人均学时、参学率）排名（分页）；数据为定时统计，附统计时间',
    },
  }, async (req) => orgReport(ctx, requireActor(req), req.params.id, req.query));

  app.get('/api/learning/reports/orgs/:id/members', {
    config: { policy: 'learning.read' },
    schema: {
      tags, params: OrgIdParams, querystring: OrgMembersQuery, response: responses({ 200: OrgMembers }),
      summary: '组织（或其全部下级）党员的本年度学时、年度任务和完成进度（按组织顺序分页，不对个人排名；学时实时）',
    },
  }, async (req) => orgMembers(ctx, requireActor(req), req.params.id, req.query));

  app.get('/api/learning/reports/members/:id/transcript', {
    config: { policy: 'learning.read' },
    schema: {
      tags, params: OrgIdParams, querystring: TranscriptQuery, response: responses({ 200: Transcript }),
      summary: '党员学习档案：年度学时、任务进度、各类学分合计和学分记录（须管辖该党员所在组织）',
    },
  }, async (req) => transcript(ctx, requireActor(req), req.params.id, req.query));
};
