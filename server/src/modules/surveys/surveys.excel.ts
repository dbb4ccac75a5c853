/**
 * The surveys' spreadsheets (issue 10, items 1–2), through the platform's Excel engine:
 * - import `survey-replies`: replies collected outside the platform (on paper, by phone), one row each — the survey's
 *   number, the question's number (default 1), the text, and optionally the phone and the organization. A row whose
 *   phone is an invitee's becomes that invitee's reply (and counts them as replied); any other row is a respondent of
 *   its own, counted under the organization given (inside the survey's), else under the survey's organization.
 *   Rows are categorized by the survey's rules as they are stored.
 * - export `survey-replies`: the raw replies in the caller's part (phones masked unless revealed by the reveal rule,
 *   decided by the reply's home organization);
 * - export `survey-results`: the table of a level — each organization's invitees, respondents, response rate and
 *   the count and share of every category (or option), one line per organization and category.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { can, subtreePatterns } from '../../platform/actor.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { checkRevealAsked, defineExporter, EXPORT_PAGE, exportRows, RevealOption } from '../../platform/excel/exporter.js';
import { defineImporter, type RowError } from '../../platform/excel/importer.js';
import { defineRows } from '../../platform/excel/rows.js';
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { revealer, revealScope } from '../../platform/reveal.js';
import { IdString } from '../../platform/schemas.js';
import { siblingModule } from '../../platform/workers.js';
import { resolveOrgRefs, pickOrg, type OrgRef } from '../orgs/orgs.refs.js';
import { recordAnswers } from './surveys.answers.js';
import { loadSurvey, readablePaths } from './surveys.service.js';
import { results } from './surveys.results.js';
import type { ReplyImportRow } from './replies.excel-check.js';

export const ReplyCells = Type.Object({
  survey: Type.String({ pattern: '^[0-9]{1,18}$' }),
  question: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$' })),
  text: Type.String({ maxLength: 2000 }),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  org: Type.Optional(Type.String({ maxLength: 60 })),
});

export const replyRows = defineRows({
  columns: [
    { key: 'survey', header: '问卷编号', text: true, width: 10, note: '问卷详情页显示的编号（数字）；须为您可管理、正在进行的问卷' },
    { key: 'question', header: '题号', text: true, width: 6, note: '第几题（数字），不填为第1题' },
    { key: 'text', header: '回复内容', width: 50, note: '不超过2000字；选择题填选项序号，是非题填“是”或“否”' },
    { key: 'phone', header: '手机号码', text: true, width: 14, note: '选填；与受邀人员的手机号码相同时计为该人员的回复' },
    { key: 'org', header: '所在党组织', text: true, width: 28, note: '选填；党组织编号或名称，须在问卷发起组织之下；不填时计入发起组织' },
  ],
  cells: ReplyCells,
  example: { survey: '12', question: '1', text: '希望加强村级组织活动场所建设', phone: '', org: '' },
});

type Ready = { index: number; row: number; value: ReplyImportRow; surveyId: string; questionId: string; kind: 'text' | 'choice' | 'yesno'; options: number; orgId: string; invitationId: string | null };

export const replyImporter = defineImporter<ReplyImportRow, Ready>({
  kind: 'survey-replies',
  label: { zh: '问卷回复（线下收集）', en: 'Survey replies collected offline' },
  permission: 'survey.write',
  audit: 'survey',
  template: {
    fileName: '问卷回复导入模板.xlsx',
    sheetName: '问卷回复',
    checks: '问卷编号须为您可管理、正在进行的问卷；题号须存在；回复内容必填；选择题和是非题的答案须可识别；手机号码格式；所在党组织须在问卷发起组织之下、您的管辖范围内。',
  },
  rows: replyRows,
  checkModule: siblingModule(import.meta.url, 'replies.excel-check'),
  commit: 'batches',

  async prepare(ctx, actor, rows) {
    const errors: RowError[] = [];
    const surveys = new Map<string, { ok: boolean; message?: string; path: string; orgId: string; questions: { id: string; seq: number; kind: 'text' | 'choice' | 'yesno'; options: string[] }[] }>();
    for (const id of new Set(rows.map((r) => r.value.surveyId))) {
      const s = await loadSurvey(ctx.db, id).catch(() => null);
      if (!s) { surveys.set(id, { ok: false, message: '没有该编号的问卷', path: '', orgId: '', questions: [] }); continue; }
      if (!can(actor, 'survey.write', s.org_path)) { surveys.set(id, { ok: false, message: '该问卷不在您的管理范围内', path: '', orgId: '', questions: [] }); continue; }
      if (s.state !== 'open') { surveys.set(id, { ok: false, message: s.state === 'draft' ? '该问卷尚未发出' : '该问卷已结束', path: '', orgId: '', questions: [] }); continue; }
      const qs = await ctx.db.selectFrom('survey_questions').select(['id', 'seq', 'kind', 'options']).where('survey_id', '=', id).execute();
      surveys.set(id, { ok: true, path: s.org_path, orgId: s.org_id, questions: qs });
    }
    const refs = await resolveOrgRefs(ctx.db, new Set(rows.map((r) => r.value.orgRef).filter((x): x is string => !!x)));
    const invited = new Map<string, string>();
    const bidxOf = new Map(rows.filter((r) => r.value.phone).map((r) => [r.index, ctx.crypto.blindIndex('mobile', r.value.phone!)]));
    const withPhone = rows.filter((r) => bidxOf.has(r.index));
    for (let i = 0; i < withPhone.length; i += 1000) {
      const part = withPhone.slice(i, i + 1000);
      const found = await ctx.db.selectFrom('survey_invitations').select(['id', 'survey_id', 'phone_bidx', 'org_id'])
        .where('phone_bidx', 'in', part.map((r) => bidxOf.get(r.index)!)).where('survey_id', 'in', [...new Set(part.map((r) => r.value.surveyId))]).execute();
      for (const f of found) invited.set(`${f.survey_id}:${f.phone_bidx}`, `${f.id}:${f.org_id}`);
    }
    const valid: Ready[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (i % 1000 === 999) await yieldToLoop();
      const r = rows[i]!;
      const s = surveys.get(r.value.surveyId)!;
      if (!s.ok) { errors.push({ row: r.row, column: '问卷编号', message: s.message! }); continue; }
      const q = s.questions.find((x) => x.seq === r.value.seq);
      if (!q) { errors.push({ row: r.row, column: '题号', message: `该问卷没有第${r.value.seq}题` }); continue; }
      let orgId = s.orgId;
      const bidx = bidxOf.get(r.index);
      const inv = bidx ? invited.get(`${r.value.surveyId}:${bidx}`) : undefined;
      if (inv) orgId = inv.split(':')[1]!;
      else if (r.value.orgRef) {
        const picked = pickOrg(refs.get(r.value.orgRef), (p) => p.startsWith(s.path) && can(actor, 'survey.write', p));
        if (picked.message) { errors.push({ row: r.row, column: '所在党组织', message: picked.message === '该党组织不在您的管辖范围内' ? '该党组织不在问卷发起组织之下或不在您的管辖范围内' : picked.message }); continue; }
        orgId = (picked.org as OrgRef).id;
      }
      valid.push({ index: r.index, row: r.row, value: r.value, surveyId: r.value.surveyId, questionId: q.id, kind: q.kind, options: q.options.length, orgId, invitationId: inv ? inv.split(':')[0]! : null });
    }
    return { valid, errors };
  },

  async write(_ctx, _actor, rows, trx, { importId, now }) {
    await recordAnswers(trx, rows.map((r) => ({
      surveyId: r.surveyId, questionId: r.questionId, kind: r.kind, options: r.options, invitationId: r.invitationId, orgId: r.orgId, channel: 'import' as const,
      text: r.value.text, at: now, replace: true, importId,
    })));
    const invs = [...new Set(rows.map((r) => r.invitationId).filter((x): x is string => !!x))];
    if (invs.length) await trx.updateTable('survey_invitations').set({ replied_at: sql`coalesce(replied_at, ${now})` }).where('id', 'in', invs).execute();
    return rows.length;
  },
});

const CHANNEL_WORDS: Record<string, string> = { sms: '短信', web: '网页', import: '线下导入' };

interface ReplyRow {
  id: string; seq: number; kind: string; options: string[]; org_name: string; org_path: string; name: string | null; phone_enc: Buffer | null; phone_masked: string | null;
  text: string; choice: number | null; category: string | null; categorized_by: string; tags: string[]; channel: string; received_at: Date;
}

export const repliesExporter = defineExporter({
  name: 'survey-replies', // POST /api/exports/survey-replies.xlsx
  permission: 'survey.read',
  summary: '导出问卷的回复原文（本人可查看的范围；手机号码默认脱敏；记入审计日志）',
  fileName: '问卷回复.xlsx',
  sheetName: '回复',
  columns: [
    { header: '回复编号', key: 'id', width: 10 },
    { header: '题号', key: 'seq', width: 6 },
    { header: '所在组织', key: 'org', width: 28 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '手机号码', key: 'phone', width: 14 },
    { header: '回复内容', key: 'text', width: 60 },
    { header: '分类（选项）', key: 'category', width: 16 },
    { header: '标签', key: 'tags', width: 16 },
    { header: '归类方式', key: 'by', width: 10 },
    { header: '渠道', key: 'channel', width: 8 },
    { header: '回复时间', key: 'at', width: 18 },
  ],
  footer: ['时间为北京时间。归类方式“规则”为按分类规则自动归类，“人工”为工作人员归类。'],
  filter: Type.Object({ surveyId: IdString, questionId: Type.Optional(IdString), orgId: Type.Optional(IdString), reveal: RevealOption('mobiles') }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const s = await loadSurvey(ctx.db, q.surveyId);
    let paths = readablePaths(actor, s);
    if (q.orgId) {
      const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
      if (!org || !paths.some((p) => org.path.startsWith(p))) paths = [];
      else paths = [org.path];
    }
    const revealAsked = checkRevealAsked(actor, q.reveal, paths, '手机号码');
    const show = revealer(actor, revealAsked);
    const likes = subtreePatterns(paths);
    const tagNames = new Map((await ctx.db.selectFrom('survey_categories').select(['id', 'name']).where('survey_id', '=', s.id).execute()).map((c) => [c.id, c.name]));
    const page = (after: string | null) => sql<ReplyRow>`
      select r.id, qq.seq, qq.kind, qq.options, o.name as org_name, o.path as org_path, i.name, i.phone_enc, i.phone_masked, r.text, r.choice,
             c.name as category, r.categorized_by, r.tags, r.channel, r.received_at
      from survey_replies r join orgs o on o.id = r.org_id join survey_questions qq on qq.id = r.question_id
      left join survey_invitations i on i.id = r.invitation_id left join survey_categories c on c.id = r.category_id
      where r.survey_id = ${s.id} and o.path like any(${likes}::text[]) ${q.questionId ? sql`and r.question_id = ${q.questionId}` : sql``} and r.id > ${after ?? '0'}
      order by r.id limit ${EXPORT_PAGE}`.execute(ctx.db).then((r) => r.rows);
    const { rows: [n] } = await sql<{ n: string }>`
      select count(*) as n from survey_replies r join orgs o on o.id = r.org_id
      where r.survey_id = ${s.id} and o.path like any(${likes}::text[]) ${q.questionId ? sql`and r.question_id = ${q.questionId}` : sql``}`.execute(ctx.db);
    const count = Number(n!.n);
    const filter = { surveyId: s.id, questionId: q.questionId ?? null, orgId: q.orgId ?? null };
    const categoryOf = (r: ReplyRow) => (r.kind === 'text' ? r.category ?? '其他'
      : r.choice ? (r.kind === 'yesno' ? ['是', '否'][r.choice - 1]! : r.options[r.choice - 1] ?? '') : '无法识别');
    return exportRows({
      count,
      audit: [
        { action: 'survey.export', entityType: 'survey', orgPath: s.org_path, after: { ...filter, count, revealed: revealAsked } },
        ...(revealAsked ? [{ action: 'survey.reveal', entityType: 'survey', orgPath: s.org_path, after: { via: 'export', fields: ['mobile'], count, ...filter, revealedUnder: revealScope(actor) } }] : []),
      ],
      first: await page(null),
      next: (last: ReplyRow) => page(last.id),
      cells: (r: ReplyRow) => ({
        id: r.id, seq: r.seq, org: r.org_name, name: r.name ?? '', phone: r.phone_enc ? show(r.org_path, () => ctx.crypto.decrypt(r.phone_enc!), r.phone_masked ?? '') : '',
        text: r.text, category: categoryOf(r), tags: r.tags.map((t) => tagNames.get(t) ?? '').filter(Boolean).join('、'), by: r.categorized_by === 'staff' ? '人工' : '规则',
        channel: CHANNEL_WORDS[r.channel] ?? r.channel, at: chinaDateTime(r.received_at),
      }),
    });
  },
});

type ResultLine = { org: string; asked: number | string; replied: number | string; rate: string; category: string; count: number; share: string };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const resultsExporter = defineExporter({
  name: 'survey-results', // POST /api/exports/survey-results.xlsx
  permission: 'survey.read',
  summary: '导出问卷统计表（某一级各组织的邀请人数、回复率和各分类人数及占比）',
  fileName: '问卷统计表.xlsx',
  sheetName: '统计表',
  columns: [
    { header: '组织', key: 'org', width: 28 },
    { header: '邀请人数', key: 'asked', width: 10 },
    { header: '回复人数', key: 'replied', width: 10 },
    { header: '回复率', key: 'rate', width: 8 },
    { header: '分类（选项）', key: 'category', width: 16 },
    { header: '人数', key: 'count', width: 8 },
    { header: '占答题人数比例', key: 'share', width: 14 },
  ],
  footer: ['回复率 = 回复人数 ÷ 邀请人数；占比 = 该分类人数 ÷ 本题答题人数（含线下导入）。统计截至导出时。'],
  filter: Type.Object({ surveyId: IdString, questionId: Type.Optional(IdString), parentId: Type.Optional(IdString) }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const r = await results(ctx, actor, q.surveyId, { questionId: q.questionId, parentId: q.parentId });
    const s = await loadSurvey(ctx.db, q.surveyId);
    const lines: ResultLine[] = [];
    const all = [{ orgName: `${r.parent.name}（合计）`, asked: r.asked, replied: r.replied, responseRate: r.responseRate, respondents: r.respondents, counts: Object.fromEntries(r.shares.map((x) => [x.id, x.count])) }, ...r.byOrg.map((o) => ({ ...o, orgName: o.own ? `${o.orgName}（本级）` : o.orgName }))];
    for (const o of all) {
      r.shares.forEach((sh, i) => {
        const n = o.counts[sh.id] ?? 0;
        lines.push({ org: i === 0 ? o.orgName : '', asked: i === 0 ? o.asked : '', replied: i === 0 ? o.replied : '', rate: i === 0 ? pct(o.responseRate) : '', category: sh.name, count: n, share: pct(o.respondents ? n / o.respondents : 0) });
      });
    }
    return exportRows({
      count: lines.length,
      audit: [{ action: 'survey.export', entityType: 'survey', orgPath: s.org_path, after: { surveyId: s.id, table: 'results', parentId: r.parent.id, questionId: r.question.id } }],
      first: lines,
      next: async () => [],
      cells: (l: ResultLine) => l,
    });
  },
});

export const surveysExcel: ExcelRegistry = { importers: [replyImporter], exporters: [repliesExporter, resultsExporter] };
