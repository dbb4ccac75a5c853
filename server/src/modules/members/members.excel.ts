/**
 * The members module's spreadsheets: the member importer and the member export on the platform's Excel engine
 * (platform/excel). The checks of a row beyond its cells are in members.excel-check.ts (the worker thread loads
 * them); here the columns, the organization column, ID numbers already registered (members.duplicates.ts) and the write, through
 * members.commands.ts like every other writer of the members table.
 */
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import type { NewMember } from '../../db/schema.js';
import { authorize, scopePaths } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { wordOf } from '../../platform/excel/columns.js';
import { auditedFilter, checkRevealAsked, defineExporter, EXPORT_PAGE, exportRows, RevealOption } from '../../platform/excel/exporter.js';
import { defineImporter, type RowError } from '../../platform/excel/importer.js';
import { defineRows, Words, type CheckedRow } from '../../platform/excel/rows.js';
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import { maskIdNumber, maskMobile } from '../../platform/identity/mask.js';
import { normalizeMobile } from '../../platform/identity/phone.js';
import { notFound } from '../../platform/errors.js';
import { revealer, revealScope } from '../../platform/reveal.js';
import { siblingModule } from '../../platform/workers.js';
import { isBranchType } from '../orgs/orgs.schema.js';
import { findOrg } from '../orgs/orgs.repository.js';
import { pickOrg, resolveOrgRefs, type OrgRef } from '../orgs/orgs.refs.js';
import { insertImportedMembers } from './members.commands.js';
import { duplicateInScopeMessage, ID_NUMBER_UNAVAILABLE, ID_REFUSED_ACTION, registeredIdNumbers } from './members.duplicates.js';
import * as repo from './members.repository.js';
import { MemberSearchBody } from './members.schema.js';
import type { MemberImportRow } from './members.excel-check.js';

export const GENDER_WORDS: Record<string, string> = { 男: 'male', 女: 'female' };
export const CATEGORY_WORDS: Record<string, string> = { 正式党员: 'full', 预备党员: 'probationary' };
export const STANDING_WORDS: Record<string, string> = { 正常: 'normal', 停止党籍: 'suspended' };
export const EDUCATION_WORDS: Record<string, string> = {
  研究生: 'postgraduate', 大学本科: 'bachelor', 大学专科: 'college', 中专: 'secondary_vocational', 高中: 'high_school', 初中: 'middle_school', 小学: 'primary',
};
export const ID_TYPE_WORDS: Record<string, string> = { 居民身份证: 'resident_id', 护照: 'passport', 其他: 'other' };
const YES_NO_WORDS: Record<string, string> = { 是: 'true', 否: 'false' };

export const MemberCells = Type.Object({
  org: Type.String({ maxLength: 200 }),
  name: Type.String({ maxLength: 30 }),
  gender: Words(GENDER_WORDS),
  ethnicity: Type.String({ maxLength: 20 }),
  birthDate: Type.String(),
  idType: Type.Optional(Words(ID_TYPE_WORDS)),
  idNumber: Type.String(),
  education: Words(EDUCATION_WORDS),
  category: Words(CATEGORY_WORDS),
  joinedOn: Type.String(),
  fullOn: Type.Optional(Type.String()),
  standing: Type.Optional(Words(STANDING_WORDS)),
  job: Type.Optional(Type.String({ maxLength: 60 })),
  mobile: Type.Optional(Type.String()),
  landline: Type.Optional(Type.String({ maxLength: 30 })),
  address: Type.Optional(Type.String({ maxLength: 120 })),
  lostContact: Type.Optional(Words(YES_NO_WORDS)),
  lostContactOn: Type.Optional(Type.String()),
  migrant: Type.Optional(Words(YES_NO_WORDS)),
  migrantProvince: Type.Optional(Type.String({ maxLength: 20 })),
  migrantCity: Type.Optional(Type.String({ maxLength: 20 })),
  migrantCounty: Type.Optional(Type.String({ maxLength: 20 })),
});

export const memberRows = defineRows({
  columns: [
    { key: 'org', header: '所属党组织', width: 28, text: true, note: '填写党组织编号（数字）或系统中的党组织名称/全称；须为您管辖范围内的党支部（党总支）' },
    { key: 'name', header: '姓名', width: 10, note: '汉字、字母或间隔号“·”，不超过30字' },
    { key: 'gender', header: '性别', words: GENDER_WORDS, width: 6, note: '男 / 女' },
    { key: 'ethnicity', header: '民族', width: 8, note: '如：汉族' },
    { key: 'birthDate', header: '出生日期', date: true, width: 12, note: '日期，如 1985-03-12；须与身份证号一致' },
    { key: 'idType', header: '证件类型', words: ID_TYPE_WORDS, width: 12, note: '居民身份证 / 护照 / 其他；不填为居民身份证' },
    { key: 'idNumber', header: '身份证号', text: true, digits: true, width: 22, note: '18位居民身份证号码（末位可为X），请以文本格式填写；系统校验校验码、出生日期和性别' },
    { key: 'education', header: '学历', words: EDUCATION_WORDS, width: 10, note: Object.keys(EDUCATION_WORDS).join(' / ') },
    { key: 'category', header: '党员类别', words: CATEGORY_WORDS, width: 10, note: '正式党员 / 预备党员' },
    { key: 'joinedOn', header: '入党时间', date: true, width: 12, note: '日期；入党时须年满18周岁' },
    { key: 'fullOn', header: '转正时间', date: true, width: 12, note: '正式党员必填，预备党员不填' },
    { key: 'standing', header: '党籍状态', words: STANDING_WORDS, width: 10, note: '正常 / 停止党籍；不填为正常' },
    { key: 'job', header: '工作岗位', width: 16, note: '不超过60字' },
    { key: 'mobile', header: '手机号码', text: true, width: 14, note: '11位手机号码' },
    { key: 'landline', header: '固定电话', text: true, width: 16, note: '如 0571-87654321' },
    { key: 'address', header: '家庭住址', width: 30, note: '不超过120字' },
    { key: 'lostContact', header: '是否失联', words: YES_NO_WORDS, width: 10, note: '是 / 否；不填为否' },
    { key: 'lostContactOn', header: '失联日期', date: true, width: 12, note: '失联党员必填' },
    { key: 'migrant', header: '是否流动党员', words: YES_NO_WORDS, width: 12, note: '是 / 否；不填为否' },
    { key: 'migrantProvince', header: '流入地（省）', width: 12, note: '流动党员必填' },
    { key: 'migrantCity', header: '流入地（市）', width: 12, note: '' },
    { key: 'migrantCounty', header: '流入地（县）', width: 12, note: '' },
  ],
  cells: MemberCells,
  example: {
    org: '示例：西湖区转塘街道社区党支部', name: '张晓明', gender: '男', ethnicity: '汉族', birthDate: '1985-03-12', idType: '居民身份证',
    idNumber: '33010619850312001X', education: '大学本科', category: '正式党员', joinedOn: '2010-07-01', fullOn: '2011-07-01', standing: '正常',
    job: '社区网格员', mobile: '13957100000', landline: '', address: '杭州市西湖区转塘街道', lostContact: '否', lostContactOn: '', migrant: '否',
    migrantProvince: '', migrantCity: '', migrantCounty: '',
  },
});

/**
 * At most this many rows of one file are refused one by one for an ID number registered outside the importer's
 * scope (neutral message, no place). A file with more is refused whole, naming no row: otherwise one upload
 * (all-or-nothing, with one deliberately bad row so that nothing is written) would test thousands of numbers.
 */
export const MAX_UNAVAILABLE_ID_ROWS = 5;

type ReadyMember = CheckedRow<MemberImportRow> & { org: OrgRef; bidx: string };

/** The row as stored (encrypted, indexed, masked) and its change-history entry; built batch by batch when writing. */
function memberValues(ctx: AppContext, { value: c, org, bidx }: ReadyMember) {
  const values: NewMember = {
    org_id: org.id, org_path: org.path, name: c.name, gender: c.gender, ethnicity: c.ethnicity, birth_date: c.birthDate, id_type: c.idType,
    id_number_enc: ctx.crypto.encrypt(c.idNumber), id_number_bidx: bidx, id_number_masked: maskIdNumber(c.idNumber),
    education: c.education, category: c.category, joined_on: c.joinedOn, full_on: c.fullOn, standing: c.standing, job: c.job, landline: c.landline, address: c.address,
    mobile_enc: c.mobile ? ctx.crypto.encrypt(c.mobile) : null, mobile_bidx: c.mobile ? ctx.crypto.blindIndex('mobile', c.mobile) : null, mobile_masked: c.mobile ? maskMobile(c.mobile) : null,
    lost_contact: c.lostContact, lost_contact_on: c.lostContactOn, migrant: c.migrant,
    migrant_province: c.migrantProvince, migrant_city: c.migrantCity, migrant_county: c.migrantCounty,
  };
  const shown: Record<string, string | boolean | null | undefined> = {
    name: values.name, gender: values.gender, ethnicity: values.ethnicity, birthDate: values.birth_date, idType: c.idType, idNumber: values.id_number_masked, education: values.education,
    category: values.category, joinedOn: values.joined_on, fullOn: values.full_on, standing: c.standing, job: c.job, mobile: values.mobile_masked, landline: c.landline, address: c.address, orgId: org.id,
  };
  const changes = Object.entries(shown).filter(([, x]) => x !== null && x !== undefined).map(([field, x]) => ({ field, from: null, to: String(x) }));
  return { values, changes };
}

/**
 * 党员信息. Large files are the norm (a county's members), so rows are written in batches of 500, each in its own
 * transaction with one `member.import.batch` audit row, and a retried job resumes after the last committed batch.
 */
export const memberImporter = defineImporter<MemberImportRow, ReadyMember>({
  kind: 'members',
  label: { zh: '党员', en: 'Members' },
  permission: 'member.write',
  audit: 'member',
  template: {
    fileName: '党员信息导入模板.xlsx',
    sheetName: '党员信息',
    checks: '身份证号校验码、与出生日期和性别是否一致、日期、取值、所属党组织是否在您的管辖范围内、文件内及与系统中已有党员是否重复。',
  },
  rows: memberRows,
  checkModule: siblingModule(import.meta.url, 'members.excel-check'),
  commit: 'batches',

  /**
   * The organization column, then ID numbers already registered (members.duplicates.ts). Yields to the event loop
   * every thousand rows so that requests are served while a large file is checked; encryption waits for the write.
   * Rows before `resumeFrom` were written by an earlier attempt.
   */
  async prepare(ctx, actor, rows, { importId, resumeFrom }) {
    const scope = scopePaths(actor, 'member.write');
    const inScope = (p: string) => scope.some((s) => p.startsWith(s));
    const orgs = await resolveOrgRefs(ctx.db, new Set(rows.map((r) => r.value.orgRef)));
    const errors: RowError[] = [];
    const prepared: ReadyMember[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (i % 1000 === 999) await yieldToLoop();
      const r = rows[i];
      const picked = pickOrg(orgs.get(r.value.orgRef), inScope);
      let message = picked.message;
      if (!message && !isBranchType(picked.org!.type)) message = '党员应编入党支部（或党总支），该组织不是基层党支部';
      else if (!message && picked.org!.status !== 'active') message = '该党组织已撤销，不能编入党员';
      if (message) errors.push({ row: r.row, column: '所属党组织', message });
      else prepared.push({ ...r, org: picked.org!, bidx: ctx.crypto.blindIndex('id_number', r.value.idNumber) });
    }

    // Against the database, by blind index: named when the caller can read the existing record, neutral otherwise.
    const toCheck = prepared.filter((p) => p.index >= resumeFrom);
    const registered = await registeredIdNumbers(ctx.db, actor, toCheck.map((p) => p.bidx));
    const unavailable = toCheck.filter((p) => registered.get(p.bidx)?.visible === false);
    let fileError: RowError | null = null;
    if (unavailable.length) {
      await ctx.db.transaction().execute((trx) => appendAudit(trx, {
        actorId: actor.accountId, actorName: actor.username, action: ID_REFUSED_ACTION, entityType: 'import', entityId: importId, ip: actor.ip,
        after: { via: 'import', count: unavailable.length, items: unavailable.slice(0, 1000).map((p) => ({ row: p.row, idNumber: maskIdNumber(p.value.idNumber), orgId: p.org.id })) },
      }, ctx.now()));
      if (unavailable.length > MAX_UNAVAILABLE_ID_ROWS) {
        fileError = { row: 1, column: '身份证号', message: `文件中有多行的身份证号码无法在本组织登记，为保护个人信息不逐行列出，整个文件未导入；请联系上级党组织核实后再导入` };
      }
    }
    const valid = prepared.filter((p) => {
      const hit = p.index >= resumeFrom ? registered.get(p.bidx) : undefined;
      if (!hit) return true;
      if (hit.visible) errors.push({ row: p.row, column: '身份证号', message: duplicateInScopeMessage(hit.memberId) });
      else if (!fileError) errors.push({ row: p.row, column: '身份证号', message: ID_NUMBER_UNAVAILABLE });
      return false;
    });
    return { valid, errors, fileError };
  },

  async write(ctx, actor, rows, trx, { importId, now }) {
    const batch = rows.map((p) => ({ ...p, ...memberValues(ctx, p) }));
    const idOf = await insertImportedMembers(trx, batch, actor, now);
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'member.import.batch', entityType: 'import', entityId: importId, ip: actor.ip,
      after: { rows: batch.map((b) => b.row), memberIds: batch.map((b) => idOf.get(b.bidx)!) },
    }, now);
    return batch.length;
  },
});

/**
 * Members in the actor's read scope with the list's filters. ID number and mobile are masked, except with `reveal`,
 * where each row passes the one reveal rule (platform/reveal.ts) by its home organization: a member read through an
 * online-branch attachment stays masked. Audited before the first byte.
 */
export const memberExporter = defineExporter({
  name: 'members',
  permission: 'member.read',
  summary: '导出党员（筛选条件同党员查询；默认脱敏，记入审计日志）',
  fileName: '党员信息.xlsx',
  sheetName: '党员信息',
  columns: [{ key: 'orgId', header: '组织编号' }, ...memberRows.columns].map((c) => ({ header: c.key === 'org' ? '所属党组织' : c.header, key: c.key, width: 'width' in c ? c.width : undefined })),
  filter: Type.Object({
    ...Type.Omit(MemberSearchBody, ['cursor', 'limit']).properties,
    reveal: RevealOption('ID numbers and mobiles'),
  }, { additionalProperties: false }),
  async query(ctx, actor, q) {
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
    const filter: repo.MemberFilter = {
      scope: readScope, subtree,
      nameContains: q.q?.trim() || undefined,
      mobileBidx: q.phone?.trim() ? ctx.crypto.blindIndex('mobile', normalizeMobile(q.phone)) : undefined,
      idNumberBidx: q.idNumber?.trim() ? ctx.crypto.blindIndex('id_number', normalizeIdNumber(q.idNumber)) : undefined,
      category: q.category, standing: q.standing, gender: q.gender, migrant: q.migrant, lostContact: q.lostContact, departedOnly: q.departed === true,
    };
    // The first page also counts the rows (x-row-count and the audit); later pages skip the count.
    const first = await repo.listMembers(ctx.db, filter, undefined, EXPORT_PAGE);
    const count = first.total;
    const { reveal: _r, ...rest } = q;
    const filterShown = auditedFilter(rest);
    return exportRows({
      count,
      audit: [
        { action: 'member.export', entityType: 'member', orgPath: subtree ?? null, after: { filter: filterShown, count, revealed: revealAsked } },
        // Which rows were revealed follows from the filter and the subtrees where the rule let them through.
        ...(revealAsked ? [{ action: 'member.reveal', entityType: 'member', orgPath: subtree ?? null, after: { via: 'export', fields: ['idNumber', 'mobile'], count, filter: filterShown, revealedUnder: revealScope(actor) } }] : []),
      ],
      first: first.rows,
      next: async (last) => (await repo.listMembers(ctx.db, filter, last.id, EXPORT_PAGE, { total: false })).rows,
      cells: (m) => ({
        orgId: m.org_id, org: m.org_name, name: m.name, gender: wordOf(GENDER_WORDS, m.gender), ethnicity: m.ethnicity, birthDate: m.birth_date,
        idType: wordOf(ID_TYPE_WORDS, m.id_type), idNumber: show(m.org_path, () => ctx.crypto.decrypt(m.id_number_enc), m.id_number_masked),
        education: wordOf(EDUCATION_WORDS, m.education), category: wordOf(CATEGORY_WORDS, m.category), joinedOn: m.joined_on, fullOn: m.full_on ?? '',
        standing: wordOf(STANDING_WORDS, m.standing), job: m.job ?? '',
        mobile: m.mobile_enc ? show(m.org_path, () => ctx.crypto.decrypt(m.mobile_enc!), m.mobile_masked ?? '') : '',
        landline: m.landline ?? '', address: m.address ?? '', lostContact: m.lost_contact ? '是' : '否', lostContactOn: m.lost_contact_on ?? '',
        migrant: m.migrant ? '是' : '否', migrantProvince: m.migrant_province ?? '', migrantCity: m.migrant_city ?? '', migrantCounty: m.migrant_county ?? '',
      }),
    });
  },
});

export const membersExcel: ExcelRegistry = { importers: [memberImporter], exporters: [memberExporter] };
