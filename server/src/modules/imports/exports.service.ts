/** Import templates and Excel exports (F-06). Exports reuse the members list's filter and scope logic, page by page. */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';
import { revealer, revealScope } from '../../platform/reveal.js';
import { maskIdNumber, maskMobile } from '../../platform/identity/mask.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import { normalizeMobile } from '../../platform/identity/phone.js';
import { findOrg } from '../orgs/orgs.repository.js';
import * as membersRepo from '../members/members.repository.js';
import type { MemberListQueryInput } from '../members/members.schema.js';
import {
  CATEGORY_WORDS, EDUCATION_WORDS, GENDER_WORDS, ID_TYPE_WORDS, MEMBER_COLUMNS, MEMBER_EXAMPLE, ORG_COLUMNS, ORG_EXAMPLE,
  ORG_LEVEL_WORDS, ORG_SECTOR_WORDS, ORG_TYPE_WORDS, STANDING_WORDS, STATION_COLUMNS, STATION_EXAMPLE, STATION_STATUS_WORDS, STATION_TYPE_WORDS,
  wordOf, type ColumnSpec,
} from './imports.columns.js';
import * as stationsRepo from '../stations/stations.repository.js';
import type { StationListQueryInput } from '../stations/stations.schema.js';
import * as flowsRepo from '../flows/flows.repository.js';
import type { FlowListQueryInput } from '../flows/flows.schema.js';
import { inactiveMembers } from '../flows/flows.service.js';
import * as transfersRepo from '../transfers/transfers.repository.js';
import { STATE_NAMES } from '../transfers/transfers.rules.js';
import type { TransferListQueryInput, TransferState } from '../transfers/transfers.schema.js';

const TEMPLATE_ROWS = 5000;
const SHEET_NAME = { members: '党员信息', organizations: '党组织信息', stations: '远程教育站点' } as const;
const CHECKS = {
  members: '身份证号校验码、与出生日期和性别是否一致、日期、取值、所属党组织是否在您的管辖范围内、文件内及与系统中已有党员是否重复。',
  organizations: '必填项、组织类别/层级/领域的取值、行政区划代码、成立日期、上级党组织是否在您的管辖范围内、文件内组织简称是否重复。',
  stations: '必填项、类型和状态的取值、联系电话格式、所属党组织是否在您的管辖范围内且未撤销；同一党组织下站点名称相同视为重复（文件内或与系统中已登记的站点）。',
} as const;

/** A template: Chinese headers (required ones marked *), an example row, drop-down lists for enums, and a 填写说明 sheet. */
export async function templateWorkbook(kind: 'members' | 'organizations' | 'stations'): Promise<Buffer> {
  const columns = kind === 'members' ? MEMBER_COLUMNS : kind === 'stations' ? STATION_COLUMNS : ORG_COLUMNS;
  const example = kind === 'members' ? MEMBER_EXAMPLE : kind === 'stations' ? STATION_EXAMPLE : ORG_EXAMPLE;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 14, style: c.text ? { numFmt: '@' } : c.date ? { numFmt: 'yyyy-mm-dd' } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, i) => {
    const c = columns[i - 1];
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE2E2' : 'FFEFEFEF' } };
    cell.note = c.note || c.header;
  });
  const ex = ws.addRow(columns.map((c) => example[c.key] ?? ''));
  ex.font = { italic: true, color: { argb: 'FF888888' } };
  columns.forEach((c, i) => {
    if (!c.words) return;
    const letter = ws.getColumn(i + 1).letter;
    const validation: ExcelJS.DataValidation = {
      type: 'list', allowBlank: !c.required, formulae: [`"${Object.keys(c.words).join(',')}"`],
      showErrorMessage: true, errorTitle: '取值无效', error: `请从下拉列表中选择${c.header}`,
    };
    // exceljs keeps data validations per cell (not in its type declarations); it merges equal neighbours into one range on write.
    const dv = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) dv.add(`${letter}${r}`, validation);
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列名', key: 'h', width: 18 }, { header: '是否必填', key: 'r', width: 10 }, { header: '填写说明', key: 'n', width: 90 }];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ h: c.header, r: c.required ? '必填' : '选填', n: c.note });
  help.addRow({});
  for (const line of [
    '1. 请在第一个工作表中填写，第一行为列名，请勿修改；第二行为示例（“示例”开头的行不会导入），可删除。',
    '2. 日期请填写为 1985-03-12 的格式或设为日期格式；身份证号、电话号码请以文本格式填写，避免Excel把长数字改写。',
    `3. 上传后系统逐行校验：${CHECKS[kind]}`,
    '4. 导入方式“全部校验通过后导入”：只要有一行有误，整个文件都不导入；“仅导入校验通过的行”：导入校验通过的行，其余行列入错误报告。',
    '5. 导入结果和错误报告可在“数据导入”页面的导入记录中查看和下载。',
  ]) help.addRow({ h: line });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PAGE = 1000;
/** The producer waits while more than this much of the file is waiting for a slow client. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export interface XlsxExport { stream: Readable; count: number }

/**
 * Text that a spreadsheet could take for a formula (=, +, -, @, and tab or carriage return before them) gets a
 * leading apostrophe, so a name like `=HYPERLINK(...)` typed into a record stays text when the file is opened
 * or saved as CSV (CWE-1236). Every export writes its cells through this.
 */
export function inertCell(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
function inert(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = inertCell(v);
  return out;
}
type Columns = Partial<ExcelJS.Column>[];

/**
 * Streams one worksheet as an .xlsx file (exceljs WorkbookWriter): `produce` adds rows page by page, each
 * row committed at once, so only the current page and the compressor's buffers are held, not the workbook.
 * Between pages the producer waits while the client lags behind. A failure after the first byte can only
 * abort the response (the client gets a truncated, unreadable file, never a wrong one).
 */
function xlsxStream(sheetName: string, columns: Columns, produce: (add: (row: Record<string, unknown>) => void, pause: () => Promise<void>) => Promise<void>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const zip = (wb as unknown as { zip: { readableLength: number } }).zip;
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  const pause = async () => {
    while (out.readableLength + zip.readableLength > MAX_BUFFERED && !out.destroyed) await new Promise((r) => setTimeout(r, 10));
  };
  void (async () => {
    try {
      await produce((row) => ws.addRow(inert(row)).commit(), pause);
      ws.commit();
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

export interface MemberExportQuery extends MemberListQueryInput { reveal?: boolean }

/**
 * What an audit row keeps of a list filter: exact-search values (ID number, mobile) only in masked form, so
 * that the audit log never holds a full number that the export's reader typed.
 */
export function auditedFilter<T extends { idNumber?: string; phone?: string }>(q: T): T {
  return {
    ...q,
    ...(q.idNumber !== undefined && { idNumber: maskIdNumber(q.idNumber) }),
    ...(q.phone !== undefined && { phone: maskMobile(q.phone) }),
  };
}

/**
 * Whether an export asked to reveal; 403 when the actor may reveal nowhere inside what the export covers (the
 * requested subtree, else the read scope). Rows are still revealed one by one (platform/reveal.ts).
 */
function checkRevealAsked(actor: Actor, asked: boolean | undefined, covered: string[], what: string): boolean {
  if (asked !== true) return false;
  const overlaps = revealScope(actor).some((r) => covered.some((c) => r.startsWith(c) || c.startsWith(r)));
  if (!overlaps) throw forbidden('forbidden.reveal', `您无权查看完整的${what}，请导出脱敏数据`);
  return true;
}

/**
 * Members in the actor's read scope with the list's filters. ID number and mobile are masked, except with
 * `reveal`, where each row passes the one reveal rule (platform/reveal.ts) by its home organization: a
 * member read through an online-branch attachment stays masked. Audited before the first byte.
 */
export async function exportMembers(ctx: AppContext, actor: Actor, q: MemberExportQuery): Promise<XlsxExport> {
  let subtree: string | undefined;
  if (q.orgId) {
    const org = await findOrg(ctx.db, q.orgId);
    if (!org) throw notFound('组织');
    authorize(actor, 'member.read', org.path);
    subtree = org.path;
  }
  const readScope = scopePaths(actor, 'member.read');
  const revealAsked = checkRevealAsked(actor, q.reveal, subtree ? [subtree] : readScope, '身份证号和手机号');
  const show = revealer(actor, revealAsked);
  const filter: membersRepo.MemberFilter = {
    scope: readScope, subtree,
    nameContains: q.q?.trim() || undefined,
    mobileBidx: q.phone?.trim() ? ctx.crypto.blindIndex('mobile', normalizeMobile(q.phone)) : undefined,
    idNumberBidx: q.idNumber?.trim() ? ctx.crypto.blindIndex('id_number', normalizeIdNumber(q.idNumber)) : undefined,
    category: q.category, standing: q.standing, gender: q.gender, migrant: q.migrant, lostContact: q.lostContact, departedOnly: q.departed === true,
  };
  const columns: ColumnSpec[] = [{ key: 'orgId', header: '组织编号', note: '' }, ...MEMBER_COLUMNS];
  // The first page also counts the rows (x-row-count and the audit); later pages skip the count.
  const first = await membersRepo.listMembers(ctx.db, filter, undefined, PAGE);
  const count = first.total;
  const { reveal: _r, cursor: _c, limit: _l, ...rest } = q;
  const filterShown = auditedFilter(rest);
  await auditExport(ctx, actor, [
    { action: 'member.export', entityType: 'member', orgPath: subtree ?? null, after: { filter: filterShown, count, revealed: revealAsked } },
    // Which rows were revealed follows from the filter and the subtrees where the rule let them through.
    ...(revealAsked ? [{ action: 'member.reveal', entityType: 'member', orgPath: subtree ?? null, after: { via: 'export', fields: ['idNumber', 'mobile'], count, filter: filterShown, revealedUnder: revealScope(actor) } }] : []),
  ]);
  const stream = xlsxStream('党员信息', columns.map((c) => ({ header: c.key === 'org' ? '所属党组织' : c.header, key: c.key, width: c.width ?? 12 })), async (add, pause) => {
    let rows = first.rows;
    for (;;) {
      for (const m of rows) {
        add({
          orgId: m.org_id, org: m.org_name, name: m.name, gender: wordOf(GENDER_WORDS, m.gender), ethnicity: m.ethnicity, birthDate: m.birth_date,
          idType: wordOf(ID_TYPE_WORDS, m.id_type), idNumber: show(m.org_path, () => ctx.crypto.decrypt(m.id_number_enc), m.id_number_masked),
          education: wordOf(EDUCATION_WORDS, m.education), category: wordOf(CATEGORY_WORDS, m.category), joinedOn: m.joined_on, fullOn: m.full_on ?? '',
          standing: wordOf(STANDING_WORDS, m.standing), job: m.job ?? '',
          mobile: m.mobile_enc ? show(m.org_path, () => ctx.crypto.decrypt(m.mobile_enc!), m.mobile_masked ?? '') : '',
          landline: m.landline ?? '', address: m.address ?? '', lostContact: m.lost_contact ? '是' : '否', lostContactOn: m.lost_contact_on ?? '',
          migrant: m.migrant ? '是' : '否', migrantProvince: m.migrant_province ?? '', migrantCity: m.migrant_city ?? '', migrantCounty: m.migrant_county ?? '',
        });
      }
      if (rows.length < PAGE) break;
      await pause();
      rows = (await membersRepo.listMembers(ctx.db, filter, rows[rows.length - 1].id, PAGE, { total: false })).rows;
    }
  });
  return { stream, count };
}

/** Organizations in the actor's org.read scope (optionally one subtree), in tree order. */
export async function exportOrgs(ctx: AppContext, actor: Actor, q: { orgId?: string }): Promise<XlsxExport> {
  const subtree = await authorizedSubtree(ctx, actor, 'org.read', q.orgId);
  const scope = scopePaths(actor, 'org.read');
  const base = () => {
    let query = ctx.db.selectFrom('orgs as o').where((eb) => scopeFilter(eb, 'o.path', scope));
    if (subtree) query = query.where('o.path', 'like', `${subtree}%`);
    return query;
  };
  const { n: count } = await base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  await auditExport(ctx, actor, [{ action: 'org.export', entityType: 'org', orgPath: subtree ?? null, after: { orgId: q.orgId ?? null, count } }]);
  const columns = [{ header: '组织编号', key: 'id', width: 10 }, { header: '上级组织编号', key: 'parent', width: 12 }, ...ORG_COLUMNS.slice(1).map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 })), { header: '状态', key: 'status', width: 8 }];
  const stream = xlsxStream('党组织信息', columns, async (add, pause) => {
    let afterPath = '';
    for (;;) {
      const rows = await base().selectAll('o').where('o.path', '>', afterPath).orderBy('o.path').limit(PAGE).execute();
      for (const o of rows) {
        add({
          id: o.id, parent: o.parent_id ?? '', name: o.name, fullName: o.full_name, type: wordOf(ORG_TYPE_WORDS, o.type), level: wordOf(ORG_LEVEL_WORDS, o.level),
          sector: wordOf(ORG_SECTOR_WORDS, o.sector), regionCode: o.region_code ?? '', secretaryName: o.secretary_name ?? '', contactPhone: o.contact_phone ?? '',
          foundedOn: o.founded_on ?? '', status: o.status === 'active' ? '正常' : '已撤销',
        });
      }
      if (rows.length < PAGE) break;
      afterPath = rows[rows.length - 1].path;
      await pause();
    }
  });
  return { stream, count };
}

const TRANSFER_EXPORT_COLUMNS = [
  { header: '介绍信编号', key: 'letterNo', width: 22 }, { header: '状态', key: 'state', width: 12 }, { header: '党员姓名', key: 'name', width: 10 },
  { header: '身份证号', key: 'idNumber', width: 22 }, { header: '党员类别', key: 'category', width: 10 }, { header: '党费交至', key: 'duesPaidTo', width: 10 },
  { header: '转出党组织', key: 'from', width: 28 }, { header: '转入党组织', key: 'to', width: 36 }, { header: '转接类型', key: 'destination', width: 14 },
  { header: '有效期（天）', key: 'validity', width: 12 }, { header: '开具日期', key: 'issuedOn', width: 12 }, { header: '有效期至', key: 'expiresOn', width: 12 },
  { header: '转接原因', key: 'reason', width: 28 }, { header: '申请时间', key: 'createdAt', width: 20 }, { header: '办结时间', key: 'completedAt', width: 20 },
];

/**
 * Transfers with the filters of GET /api/transfers (each side's rows in SQL; the receiving side's only
 * once forwarded), newest first. The ID number is the masked one the transfer kept; there is no reveal.
 */
export async function exportTransfers(ctx: AppContext, actor: Actor, q: Omit<TransferListQueryInput, 'cursor' | 'limit'>): Promise<XlsxExport> {
  const filter: transfersRepo.TransferFilter = {
    scope: scopePaths(actor, 'transfer.read'), direction: q.direction, state: q.state, nameContains: q.q?.trim() || undefined,
    pendingScope: q.pending ? scopePaths(actor, 'transfer.write') : undefined,
  };
  const count = await transfersRepo.countTransfers(ctx.db, filter);
  await auditExport(ctx, actor, [{ action: 'transfer.export', entityType: 'transfer', orgPath: null, after: { filter: q, count } }]);
  const stream = xlsxStream('组织关系转接', TRANSFER_EXPORT_COLUMNS, async (add, pause) => {
    let rows = await transfersRepo.listTransfers(ctx.db, filter, undefined, PAGE);
    for (;;) {
      for (const r of rows) {
        add({
          letterNo: r.letter_no, state: STATE_NAMES[r.state as TransferState] ?? r.state, name: r.member_name, idNumber: r.member_id_masked,
          category: wordOf(CATEGORY_WORDS, r.member_category), duesPaidTo: r.dues_paid_to, from: r.from_org_name,
          to: r.destination === 'outside' ? `${r.to_province ?? ''}${r.to_city ?? ''} ${r.to_org_name}` : r.to_org_name,
          destination: r.destination === 'outside' ? '转出本省（平台外）' : '本平台内', validity: r.validity_days,
          issuedOn: r.issued_on ?? '', expiresOn: r.expires_on ?? '', reason: r.reason, createdAt: localTime(r.created_at), completedAt: r.completed_at ? localTime(r.completed_at) : '',
        });
      }
      if (rows.length < PAGE) break;
      await pause();
      rows = await transfersRepo.listTransfers(ctx.db, filter, rows[rows.length - 1].id, PAGE);
    }
  });
  return { stream, count };
}

async function auditExport(ctx: AppContext, actor: Actor, entries: { action: string; entityType: string; orgPath: string | null; after: Record<string, unknown> }[]) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const e of entries) await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, ip: actor.ip, ...e }, now);
  });
}

const STATION_EXPORT_COLUMNS = [
  { header: '站点编号', key: 'id', width: 10 },
  ...STATION_COLUMNS.flatMap((c) => (c.key === 'org'
    ? [{ header: '组织编号', key: 'orgId', width: 10 }, { header: c.header, key: c.key, width: c.width ?? 12 }]
    : [{ header: c.header, key: c.key, width: c.width ?? 12 }])),
  { header: '登记时间', key: 'createdAt', width: 20 },
];

/** Stations with the filters of GET /api/stations, in the actor's station.read scope (in SQL), in pages by id. Nothing personal but the manager's name and work phone (shown as is, like an organization's contact phone). */
export async function exportStations(ctx: AppContext, actor: Actor, q: Omit<StationListQueryInput, 'cursor' | 'limit'>): Promise<XlsxExport> {
  const subtree = await authorizedSubtree(ctx, actor, 'station.read', q.orgId);
  const filter: stationsRepo.StationFilter = { scope: scopePaths(actor, 'station.read'), subtree, type: q.type, status: q.status, nameContains: q.q?.trim() || undefined };
  const first = await stationsRepo.listStations(ctx.db, filter, undefined, PAGE);
  const count = first.total;
  await auditExport(ctx, actor, [{ action: 'station.export', entityType: 'station', orgPath: subtree ?? null, after: { filter: q, count } }]);
  const stream = xlsxStream('远程教育站点', STATION_EXPORT_COLUMNS, async (add, pause) => {
    let rows = first.rows;
    for (;;) {
      for (const r of rows) {
        add({
          id: r.id, name: r.name, type: wordOf(STATION_TYPE_WORDS, r.type), orgId: r.org_id, org: r.org_name, address: r.address ?? '', equipment: r.equipment ?? '',
          status: wordOf(STATION_STATUS_WORDS, r.status), managerName: r.manager_name ?? '', contactPhone: r.contact_phone ?? '', createdAt: localTime(r.created_at),
        });
      }
      if (rows.length < PAGE) break;
      await pause();
      rows = (await stationsRepo.listStations(ctx.db, filter, rows[rows.length - 1].id, PAGE)).rows;
    }
  });
  return { stream, count };
}

const FLOW_TYPE_WORDS: Record<string, string> = { 市内流动: 'within_city', 省内跨市流动: 'within_province', 跨省流动: 'out_of_province' };
const FLOW_REASON_WORDS: Record<string, string> = { 务工经商: 'work_business', 学习: 'study', 随迁: 'follow_family', 其他: 'other' };

/** Out-flow registrations with the filters of GET /api/flows (home-branch or online-branch scope, in SQL); the destination contact phone masked unless revealed. */
export async function exportFlows(ctx: AppContext, actor: Actor, q: Omit<FlowListQueryInput, 'cursor' | 'limit'> & { reveal?: boolean }): Promise<XlsxExport> {
  const subtree = await authorizedSubtree(ctx, actor, 'member.read', q.orgId);
  const revealAsked = checkRevealAsked(actor, q.reveal, subtree ? [subtree] : scopePaths(actor, 'member.read'), '联系电话');
  const show = revealer(actor, revealAsked);
  const filter: flowsRepo.FlowFilter = { scope: scopePaths(actor, 'member.read'), subtree, type: q.type, open: q.open };
  const first = await flowsRepo.listFlows(ctx.db, filter, undefined, PAGE);
  const count = first.total;
  const { reveal: _r, ...filterShown } = q;
  await auditExport(ctx, actor, [
    { action: 'flow.export', entityType: 'member_flow', orgPath: subtree ?? null, after: { filter: filterShown, count, revealed: revealAsked } },
    ...(revealAsked ? [{ action: 'member.reveal', entityType: 'member_flow', orgPath: subtree ?? null, after: { via: 'export', fields: ['contactPhone'], count, filter: filterShown, revealedUnder: revealScope(actor) } }] : []),
  ]);
  const columns = [
    { header: '登记编号', key: 'id', width: 10 }, { header: '姓名', key: 'name', width: 10 }, { header: '组织编号', key: 'orgId', width: 10 }, { header: '所在党支部', key: 'org', width: 28 },
    { header: '流动类型', key: 'type', width: 14 }, { header: '外出原因', key: 'reason', width: 10 }, { header: '流入地（省）', key: 'province', width: 12 },
    { header: '流入地（市）', key: 'city', width: 12 }, { header: '流入地（县）', key: 'county', width: 12 }, { header: '工作单位', key: 'workplace', width: 24 },
    { header: '流入地联系人', key: 'contactName', width: 12 }, { header: '联系电话', key: 'contactPhone', width: 16 }, { header: '外出日期', key: 'leftOn', width: 12 },
    { header: '预计返回日期', key: 'expected', width: 12 }, { header: '返回日期', key: 'returnedOn', width: 12 }, { header: '状态', key: 'state', width: 8 },
    { header: '网络党支部', key: 'onlineBranch', width: 24 },
  ];
  const stream = xlsxStream('流动党员', columns, async (add, pause) => {
    let rows = first.rows;
    for (;;) {
      for (const r of rows) {
        add({
          id: r.id, name: r.member_name, orgId: r.org_id, org: r.org_name, type: wordOf(FLOW_TYPE_WORDS, r.flow_type), reason: wordOf(FLOW_REASON_WORDS, r.reason),
          province: r.dest_province, city: r.dest_city ?? '', county: r.dest_county ?? '', workplace: r.workplace ?? '', contactName: r.contact_name ?? '',
          // By the member's home branch: an online branch that lists the member does not reveal them.
          contactPhone: r.contact_phone_enc ? show(r.org_path, () => ctx.crypto.decrypt(r.contact_phone_enc!), r.contact_phone_masked ?? '') : '',
          leftOn: r.left_on, expected: r.expected_return_on ?? '', returnedOn: r.returned_on ?? '', state: r.returned_on ? '已返回' : '外出中',
          onlineBranch: r.online_org_name ?? '',
        });
      }
      if (rows.length < PAGE) break;
      await pause();
      rows = (await flowsRepo.listFlows(ctx.db, filter, rows[rows.length - 1].id, PAGE)).rows;
    }
  });
  return { stream, count };
}

/** The six-month alert list of GET /api/alerts/inactive-members (same service, same scope and limit of 1,000). No personal numbers in it. */
export async function exportInactiveMembers(ctx: AppContext, actor: Actor, q: { orgId?: string }): Promise<{ buffer: Buffer; count: number }> {
  const { items } = await inactiveMembers(ctx, actor, q.orgId);
  const subtree = q.orgId ? (await findOrg(ctx.db, q.orgId))?.path ?? null : null;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自行脱党预警');
  ws.columns = [
    { header: '党员编号', key: 'memberId', width: 10 }, { header: '姓名', key: 'name', width: 10 }, { header: '组织编号', key: 'orgId', width: 10 }, { header: '所在党支部', key: 'orgName', width: 28 },
    { header: '最近参加组织生活', key: 'lastLifeOn', width: 16 }, { header: '最近交纳党费', key: 'lastDuesOn', width: 14 },
    { header: '未参加组织生活（月）', key: 'monthsWithoutLife', width: 18 }, { header: '未交纳党费（月）', key: 'monthsWithoutDues', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const m of items) ws.addRow(inert({ ...m, lastLifeOn: m.lastLifeOn ?? '无记录', lastDuesOn: m.lastDuesOn ?? '无记录' }));
  ws.addRow([]);
  ws.addRow(['说明：最近一次参加组织生活或交纳党费距今满六个月的党员；无记录的按入党时间计算。名单最多1000人。']);
  await auditExport(ctx, actor, [{ action: 'alert.export', entityType: 'member', orgPath: subtree, after: { orgId: q.orgId ?? null, count: items.length } }]);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), count: items.length };
}

/** 2026-11-27 08:05 in China Standard Time (the platform serves one province). */
const localTime = chinaDateTime;
