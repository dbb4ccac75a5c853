/**
 * 学习统计 exports on the platform's Excel engine (platform/excel): the ranking of an organization's children
 * (学习完成情况), a branch's members' hours (学时统计) and one member's transcript (学习档案). Each checks scope
 * before any byte (learning.read over the organization, or over the member's home organization) and writes one
 * `learning.export` audit row with what was exported. No ID numbers or phones are in any of them.
 */
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { Type } from 'typebox';
import { chinaDateTime, chinaYear } from '../../platform/china-time.js';
import { defineExporter, EXPORT_PAGE, exportRows } from '../../platform/excel/exporter.js';
import { IdString, StringEnum } from '../../platform/schemas.js';
import { authorize } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { loadRules } from './learning.rules.js';
import { figuresOf, memberIn, memberProgressPage, progressOf, rankedChildren, transcript } from './learning.reports.js';
import { SORTS } from './learning.reports.schema.js';

const Year = Type.Optional(Type.Integer({ minimum: 2000, maximum: 2099, description: 'default: this year in China' }));
const KIND_WORDS: Record<string, string> = { lesson: '课程学习', article: '文章阅读', quiz: '在线测试', group_viewing: '站点集中收看', live: '直播课堂' };

const stamp = (at: Date | undefined) => `统计时间：${at ? chinaDateTime(at) : '尚未统计'}（组织数据定时统计，党员个人学时以学分记录为准）`;

export const orgRankingExporter = defineExporter({
  name: 'learning-orgs',
  permission: 'learning.read',
  summary: '导出下级组织学习完成情况（排名、完成率、人均学时、参学率；记入审计日志）',
  fileName: '学习完成情况.xlsx',
  sheetName: '学习完成情况',
  columns: [
    { header: '排名', key: 'rank', width: 6 },
    { header: '组织编号', key: 'id', width: 10 },
    { header: '党组织', key: 'name', width: 30 },
    { header: '党员数', key: 'members', width: 10 },
    { header: '完成人数', key: 'met', width: 10 },
    { header: '完成率(%)', key: 'rate', width: 10 },
    { header: '人均学时', key: 'avgHours', width: 10 },
    { header: '参学人数', key: 'active', width: 10 },
    { header: '参学率(%)', key: 'participation', width: 10 },
    { header: '班子成员数', key: 'cadres', width: 10 },
    { header: '班子成员完成人数', key: 'cadresMet', width: 14 },
    { header: '班子成员完成率(%)', key: 'cadreRate', width: 14 },
  ],
  filter: Type.Object({
    orgId: IdString,
    year: Year,
    sort: Type.Optional(StringEnum(SORTS)),
    order: Type.Optional(StringEnum(['desc', 'asc'] as const)),
  }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const org = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'learning.read', org.path);
    const year = q.year ?? chinaYear(ctx.now());
    const sort = q.sort ?? 'rate', order = q.order ?? 'desc';
    const first = await rankedChildren(ctx.db, org.id, year, sort, order, 0, EXPORT_PAGE);
    const at = await ctx.db.selectFrom('learning_stats_refreshes').select('refreshed_at').where('year', '=', year).executeTakeFirst();
    let offset = first.rows.length;
    return exportRows({
      count: first.total,
      audit: [{ action: 'learning.export', entityType: 'org', orgPath: org.path, after: { report: 'orgs', orgId: org.id, year, sort, order, count: first.total } }],
      first: first.rows,
      next: async () => {
        const page = await rankedChildren(ctx.db, org.id, year, sort, order, offset, EXPORT_PAGE);
        offset += page.rows.length;
        return page.rows;
      },
      cells: (r) => ({ rank: r.rank, id: r.id, name: r.name, ...figuresOf(r) }),
      footer: [`${org.name}下级组织 ${year}年度学习完成情况`, stamp(at?.refreshed_at)],
    });
  },
});

export const memberHoursExporter = defineExporter({
  name: 'learning-members',
  permission: 'learning.read',
  summary: '导出党员学时统计（组织或其全部下级的党员本年度学时与完成进度；记入审计日志）',
  fileName: '学时统计.xlsx',
  sheetName: '学时统计',
  columns: [
    { header: '党员编号', key: 'id', width: 10 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '所在党组织', key: 'orgName', width: 30 },
    { header: '班子成员', key: 'cadre', width: 10 },
    { header: '年度学时', key: 'hours', width: 10 },
    { header: '年度任务(学时)', key: 'dutyHours', width: 14 },
    { header: '完成进度(%)', key: 'percent', width: 12 },
    { header: '是否完成', key: 'met', width: 10 },
  ],
  filter: Type.Object({ orgId: IdString, year: Year, subtree: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const org = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'learning.read', org.path);
    const year = q.year ?? chinaYear(ctx.now());
    const subtree = q.subtree ?? false;
    const rules = await loadRules(ctx.db);
    const duty = { member: rules.duty_hours_member, cadre: rules.duty_hours_cadre };
    const countQ = ctx.db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).where('departed_on', 'is', null);
    const { n } = await (subtree ? countQ.where('org_path', 'like', `${org.path}%`) : countQ.where('org_id', '=', org.id)).executeTakeFirstOrThrow();
    const first = await memberProgressPage(ctx.db, org, year, subtree, undefined, EXPORT_PAGE);
    return exportRows({
      count: Number(n),
      audit: [{ action: 'learning.export', entityType: 'org', orgPath: org.path, after: { report: 'members', orgId: org.id, year, subtree, count: Number(n) } }],
      first,
      next: (last) => memberProgressPage(ctx.db, org, year, subtree, last.id, EXPORT_PAGE),
      cells: (r) => {
        const p = progressOf(r, duty);
        return { ...p, cadre: p.cadre ? '是' : '', met: p.met ? '是' : '否' };
      },
      footer: [`${org.name}${subtree ? '（含下级组织）' : ''} ${year}年度党员学时，学时以学分记录为准（导出时）`],
    });
  },
});

export const transcriptExporter = defineExporter({
  name: 'learning-transcript',
  permission: 'learning.read',
  summary: '导出党员学习档案（一名党员一年的学分记录；须管辖其所在组织；记入审计日志）',
  fileName: '学习档案.xlsx',
  sheetName: '学习档案',
  columns: [
    { header: '日期', key: 'day', width: 12 },
    { header: '类别', key: 'kind', width: 12 },
    { header: '内容', key: 'title', width: 40 },
    { header: '学时(分钟)', key: 'minutes', width: 12 },
    { header: '应计(分钟)', key: 'cappedFrom', width: 12 },
  ],
  filter: Type.Object({ memberId: IdString, year: Year }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const m = await memberIn(ctx, actor, q.memberId);
    const year = q.year ?? chinaYear(ctx.now());
    const head = await transcript(ctx, actor, m.id, { year, limit: 1 });
    const page = async (cursor?: string) => (await transcript(ctx, actor, m.id, { year, cursor, limit: 100 })).items;
    // The engine reads pages of EXPORT_PAGE; a member's year has a few hundred credits at most: read them all at once.
    const all: typeof head.items = [];
    for (let items = await page(); ; items = await page(items[items.length - 1].id)) {
      all.push(...items);
      if (items.length < 100) break;
    }
    return exportRows({
      count: all.length,
      audit: [{ action: 'learning.export', entityType: 'member', orgPath: m.org_path, after: { report: 'transcript', memberId: m.id, year, count: all.length } }],
      first: all.slice(0, EXPORT_PAGE),
      next: async (last) => { const i = all.indexOf(last); return all.slice(i + 1, i + 1 + EXPORT_PAGE); },
      cells: (r) => ({ day: r.day, kind: KIND_WORDS[r.kind] ?? r.kind, title: r.title, minutes: r.minutes, cappedFrom: r.cappedFrom ?? '' }),
      footer: [
        `${m.name}（${m.org_name}）${year}年度学习档案`,
        `年度学时 ${Math.round(head.minutes / 6) / 10}，年度任务 ${head.dutyMinutes / 60} 学时${head.cadre ? '（班子成员）' : ''}，完成进度 ${head.percent}%`,
      ],
    });
  },
});

export const learningExcel: ExcelRegistry = { importers: [], exporters: [orgRankingExporter, memberHoursExporter, transcriptExporter] };
