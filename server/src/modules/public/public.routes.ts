/** /api/public/overview: what the public portal shows without login. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';

export const PLATFORM_NAME = '浙江省党建信息化平台';

/** The portal's sections; each turns `available` when its module lands (codes are the feature numbers, README "Features"). */
const SECTIONS = [
  { key: 'disclosure', title: '党务公开', description: '党务、村务、财务公开，随时查询', available: true },
  { key: 'cadres', title: '干部岗位推荐', description: '空缺岗位公开推荐，验证手机号码后推荐人选', available: true },
  { key: 'notices', title: '任前公示', description: '干部任前公示，公示期内可实名或匿名提出异议', available: true },
  { key: 'mailbox', title: '部长信箱', description: '给组织部长写信，凭查询码跟踪办理进度', available: true },
  { key: 'survey', title: '互动调研', description: '参与短信与网上调研，意见逐条办理反馈', available: false },
  { key: 'learning', title: '远程教育', description: '党员在线学习课程、阅读党建要闻获得学时，查看年度学习任务完成情况（请先登录）', available: true },
  { key: 'consultation', title: '网络问政', description: '与领导在线交流，建言献策', available: false },
  { key: 'services', title: '便民服务', description: '法律援助、健康咨询、创业指导等远程服务', available: false },
];

const Overview = Type.Object({
  platformName: Type.String(),
  stats: Type.Object({ members: Type.Integer(), orgs: Type.Integer(), stations: Type.Integer() }),
  sections: Type.Array(Type.Object({ key: Type.String(), title: Type.String(), description: Type.String(), available: Type.Boolean() })),
});

export const publicRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/public/overview', {
    config: { policy: 'public' },
    schema: { tags: ['public'], summary: '门户首页概况（无需登录）', response: responses({ 200: Overview }) },
  }, async () => {
    // The trigger-kept counters (migration 20261127T0530-scale) at the top anchors: a few rows, whatever the
    // province's size, instead of counting members on every anonymous call.
    const r = await sql<{ members: number; orgs: number; stations: number }>`
      select coalesce(sum(n) filter (where dim = 'total'), 0)::int as members,
             coalesce(sum(n) filter (where dim = 'org_type'), 0)::int as orgs,
             coalesce(sum(n) filter (where dim = 'station_type'), 0)::int as stations
      from subtree_counts
      where anchor in (select path from orgs where parent_id is null) and dim in ('total', 'org_type', 'station_type')`.execute(ctx.db);
    return { platformName: PLATFORM_NAME, stats: r.rows[0], sections: SECTIONS };
  });
};
