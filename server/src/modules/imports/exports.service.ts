/** Import templates and Excel exports (F-06). Exports reuse the members list's filter and scope logic, page by page. */
import ExcelJS from 'exceljs';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import { normalizeMobile } from '../../platform/identity/phone.js';
import { findOrg } from '../orgs/orgs.repository.js';
import * as membersRepo from '../members/members.repository.js';
import type { MemberListQueryInput } from '../members/members.schema.js';
import {
  CATEGORY_WORDS, EDUCATION_WORDS, GENDER_WORDS, ID_TYPE_WORDS, MEMBER_COLUMNS, MEMBER_EXAMPLE, ORG_COLUMNS, ORG_EXAMPLE,
  ORG_LEVEL_WORDS, ORG_SECTOR_WORDS, ORG_TYPE_WORDS, STANDING_WORDS, wordOf, type ColumnSpec,
} from './imports.columns.js';

const TEMPLATE_ROWS = 5000;

/** A template: Chinese headers (required ones marked *), an example row, drop-down lists for enums, and a 填写说明 sheet. */
export async function templateWorkbook(kind: 'members' | 'organizations'): Promise<Buffer> {
  const columns = kind === 'members' ? MEMBER_COLUMNS : ORG_COLUMNS;
  const example = kind === 'members' ? MEMBER_EXAMPLE : ORG_EXAMPLE;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind === 'members' ? '党员信息' : '党组织信息', { views: [{ state: 'frozen', ySplit: 1 }] });
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
    '2. 日期请填写为 1985-03-12 的格式或设为日期格式；身份证号、手机号请以文本格式填写，避免Excel把长数字改写。',
    '3. 上传后系统逐行校验：身份证号校验码、与出生日期和性别是否一致、日期、取值、所属党组织是否在您的管辖范围内、文件内及与系统中已有党员是否重复。',
    '4. 导入方式“全部正确才导入”：只要有一行有误，整个文件都不导入；“仅导入正确行”：导入校验通过的行，其余行列入错误报告。',
    '5. 导入结果和错误报告可在导入记录中查看和下载。',
  ]) help.addRow({ h: line });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PAGE = 1000;

export interface MemberExportQuery extends MemberListQueryInput { reveal?: boolean }

/** Members in the actor's read scope with the list's filters; ID and mobile masked unless revealed (and audited). */
export async function exportMembers(ctx: AppContext, actor: Actor, q: MemberExportQuery): Promise<{ buffer: Buffer; count: number }> {
  let subtree: string | undefined;
  let subtreeOrgPath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(ctx.db, q.orgId);
    if (!org) throw notFound('组织');
    authorize(actor, 'member.read', org.path);
    subtree = org.path;
    subtreeOrgPath = org.path;
  }
  const readScope = scopePaths(actor, 'member.read');
  const reveal = q.reveal === true;
  if (reveal) {
    // Reveal only where the actor may reveal everything the export can contain.
    const covered = subtreeOrgPath ? [subtreeOrgPath] : readScope;
    if (covered.length === 0 || !covered.every((p) => can(actor, 'member.reveal', p))) throw forbidden('forbidden.reveal', '您无权查看完整的身份证号和手机号，请导出脱敏数据');
  }
  const filter: membersRepo.MemberFilter = {
    scope: readScope, subtree,
    nameContains: q.q?.trim() || undefined,
    mobileBidx: q.phone?.trim() ? ctx.crypto.blindIndex('mobile', normalizeMobile(q.phone)) : undefined,
    idNumberBidx: q.idNumber?.trim() ? ctx.crypto.blindIndex('id_number', normalizeIdNumber(q.idNumber)) : undefined,
    category: q.category, standing: q.standing, gender: q.gender, migrant: q.migrant, lostContact: q.lostContact,
  };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  const columns: ColumnSpec[] = [{ key: 'orgId', header: '组织编号', note: '' }, ...MEMBER_COLUMNS];
  ws.columns = columns.map((c) => ({ header: c.key === 'org' ? '所属党组织' : c.header, key: c.key, width: c.width ?? 12 }));
  ws.getRow(1).font = { bold: true };
  let cursor: string | undefined;
  let count = 0;
  for (;;) {
    const { rows } = await membersRepo.listMembers(ctx.db, filter, cursor, PAGE);
    for (const m of rows) {
      ws.addRow({
        orgId: m.org_id, org: m.org_name, name: m.name, gender: wordOf(GENDER_WORDS, m.gender), ethnicity: m.ethnicity, birthDate: m.birth_date,
        idType: wordOf(ID_TYPE_WORDS, m.id_type), idNumber: reveal ? ctx.crypto.decrypt(m.id_number_enc) : m.id_number_masked,
        education: wordOf(EDUCATION_WORDS, m.education), category: wordOf(CATEGORY_WORDS, m.category), joinedOn: m.joined_on, fullOn: m.full_on ?? '',
        standing: wordOf(STANDING_WORDS, m.standing), job: m.job ?? '', mobile: reveal ? (m.mobile_enc ? ctx.crypto.decrypt(m.mobile_enc) : '') : m.mobile_masked ?? '',
        landline: m.landline ?? '', address: m.address ?? '', lostContact: m.lost_contact ? '是' : '否', lostContactOn: m.lost_contact_on ?? '',
        migrant: m.migrant ? '是' : '否', migrantProvince: m.migrant_province ?? '', migrantCity: m.migrant_city ?? '', migrantCounty: m.migrant_county ?? '',
      });
    }
    count += rows.length;
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1].id;
  }
  const { reveal: _r, cursor: _c, limit: _l, ...filterShown } = q;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'member.export', entityType: 'member', orgPath: subtreeOrgPath ?? null, ip: actor.ip, after: { filter: filterShown, count, revealed: reveal } }, now);
    if (reveal) {
      await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'member.reveal', entityType: 'member', orgPath: subtreeOrgPath ?? null, ip: actor.ip, after: { via: 'export', fields: ['idNumber', 'mobile'], count, filter: filterShown } }, now);
    }
  });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), count };
}

/** Organizations in the actor's org.read scope (optionally one subtree), in tree order. */
export async function exportOrgs(ctx: AppContext, actor: Actor, q: { orgId?: string }): Promise<{ buffer: Buffer; count: number }> {
  const subtree = await authorizedSubtree(ctx, actor, 'org.read', q.orgId);
  const scope = scopePaths(actor, 'org.read');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党组织信息');
  ws.columns = [{ header: '组织编号', key: 'id', width: 10 }, { header: '上级组织编号', key: 'parent', width: 12 }, ...ORG_COLUMNS.slice(1).map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 })), { header: '状态', key: 'status', width: 8 }];
  ws.getRow(1).font = { bold: true };
  let afterPath = '';
  let count = 0;
  for (;;) {
    let query = ctx.db.selectFrom('orgs as o').selectAll('o').where((eb) => scopeFilter(eb, 'o.path', scope)).where('o.path', '>', afterPath);
    if (subtree) query = query.where('o.path', 'like', `${subtree}%`);
    const rows = await query.orderBy('o.path').limit(PAGE).execute();
    for (const o of rows) {
      ws.addRow({
        id: o.id, parent: o.parent_id ?? '', name: o.name, fullName: o.full_name, type: wordOf(ORG_TYPE_WORDS, o.type), level: wordOf(ORG_LEVEL_WORDS, o.level),
        sector: wordOf(ORG_SECTOR_WORDS, o.sector), regionCode: o.region_code ?? '', secretaryName: o.secretary_name ?? '', contactPhone: o.contact_phone ?? '',
        foundedOn: o.founded_on ?? '', status: o.status === 'active' ? '正常' : '已撤销',
      });
    }
    count += rows.length;
    if (rows.length < PAGE) break;
    afterPath = rows[rows.length - 1].path;
  }
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'org.export', entityType: 'org', orgPath: subtree ?? null, ip: actor.ip, after: { orgId: q.orgId ?? null, count } }, ctx.now()),
  );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), count };
}
