/**
 * The contacts module's spreadsheets: party posts (党内职务) and the village officials' roster (村干部名册), imported and
 * exported through the platform's Excel engine (platform/excel). The checks of a row beyond its cells are in
 * positions.excel-check.ts and officials.excel-check.ts (the worker thread loads them); what needs the database and the
 * writes are here, with the API's own rules (one current 书记 per organization, the member belongs to the organization,
 * officials only in village organizations). Exports show phones masked unless `reveal` is asked, and then in full only
 * for rows whose home organization the reveal rule (platform/reveal.ts) lets through.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Type } from 'typebox';
import { scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { wordOf } from '../../platform/excel/columns.js';
import { checkRevealAsked, defineExporter, EXPORT_PAGE, exportRows, RevealOption } from '../../platform/excel/exporter.js';
import { defineImporter, type RowError } from '../../platform/excel/importer.js';
import { defineRows, Words, type CheckedRow } from '../../platform/excel/rows.js';
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { revealer, revealScope } from '../../platform/reveal.js';
import { siblingModule } from '../../platform/workers.js';
import { pickOrg, resolveOrgRefs, type OrgRef } from '../orgs/orgs.refs.js';
import { authorizedSubtree } from '../orgs/orgs.service.js';
import * as repo from './contacts.repository.js';
import { OfficialListQuery, PositionListQuery } from './contacts.schema.js';
import { OFFICIAL_ROLE_LABELS, phoneColumns, POSITION_LABELS, secretaryTakenMessage, today, VILLAGE_ORG_MESSAGE, isVillageOrg } from './contacts.service.js';
import { isCurrent } from './contacts.rules.js';
import type { PositionImportRow } from './positions.excel-check.js';
import type { OfficialImportRow } from './officials.excel-check.js';

const invert = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([code, word]) => [word, code]));
export const POSITION_WORDS = invert(POSITION_LABELS);
export const OFFICIAL_ROLE_WORDS = invert(OFFICIAL_ROLE_LABELS);
const GENDER_WORDS: Record<string, string> = { 男: 'male', 女: 'female' };
const DATE_NOTE = '日期，如 2021-10-15';

/** Organizations named in a file, cut to the importer's contact.write scope and to active ones. */
async function orgsOf<T extends { row: number; value: { orgRef: string } }>(ctx: AppContext, actor: Actor, rows: T[], column: string, errors: RowError[]) {
  const scope = scopePaths(actor, 'contact.write');
  const refs = await resolveOrgRefs(ctx.db, new Set(rows.map((r) => r.value.orgRef)));
  const out: (T & { org: OrgRef })[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i % 1000 === 999) await yieldToLoop();
    const r = rows[i];
    const picked = pickOrg(refs.get(r.value.orgRef), (p) => scope.some((s) => p.startsWith(s)));
    const message = picked.message ?? (picked.org!.status !== 'active' ? '该党组织已撤销，不能登记' : null);
    if (message) errors.push({ row: r.row, column, message });
    else out.push({ ...r, org: picked.org! });
  }
  return out;
}

// ——— party posts ———

export const PositionCells = Type.Object({
  org: Type.String(),
  memberNo: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
  idNumber: Type.Optional(Type.String({ maxLength: 18 })),
  name: Type.String({ maxLength: 30 }),
  position: Words(POSITION_WORDS),
  startedOn: Type.String(),
  endedOn: Type.Optional(Type.String()),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});

export const positionRows = defineRows({
  columns: [
    { key: 'org', header: '任职党组织', text: true, width: 28, note: '填写党组织编号（数字）或系统中的党组织名称/全称；须在您的管辖范围内且未撤销' },
    { key: 'memberNo', header: '党员编号', text: true, width: 10, invalid: '党员编号应为数字（可从党员信息或本表导出文件中获得）', note: '党员编号与身份证号填写其一；导出文件中已有党员编号' },
    { key: 'idNumber', header: '身份证号', text: true, digits: true, width: 20, note: '18位居民身份证号；已填党员编号的可不填' },
    { key: 'name', header: '姓名', width: 10, note: '须与党员信息中的姓名一致' },
    { key: 'position', header: '职务', words: POSITION_WORDS, width: 10, note: Object.keys(POSITION_WORDS).join(' / ') },
    { key: 'startedOn', header: '任职时间', date: true, width: 12, note: `${DATE_NOTE}；不能晚于今天` },
    { key: 'endedOn', header: '离任时间', date: true, width: 12, note: '已离任的填写；不能早于任职时间；现任的不填' },
    { key: 'note', header: '备注', width: 24, note: '不超过200字' },
  ],
  cells: PositionCells,
  example: { org: '示例：龙井村党支部', memberNo: '', idNumber: '330106198503120017', name: '张晓明', position: '书记', startedOn: '2021-10-15', endedOn: '', note: '换届选举产生' },
});

type ReadyPosition = CheckedRow<PositionImportRow> & { org: OrgRef; memberId: string };
const postKey = (orgId: string, memberId: string, position: string) => `${orgId}\u0000${memberId}\u0000${position}`;

export const positionImporter = defineImporter<PositionImportRow, ReadyPosition>({
  kind: 'party-positions',
  label: { zh: '党内职务', en: 'Party posts' },
  permission: 'contact.write',
  audit: 'party_position',
  template: {
    fileName: '党内职务导入模板.xlsx',
    sheetName: '党内职务',
    checks: '必填项、职务的取值、日期；党员须属于任职党组织（或其下级党组织）、姓名与党员信息一致且未转出；一个党组织只能有一名现任书记（文件内或与系统中已登记的）；同一党员在同一党组织的同一现任职务不能重复登记。',
  },
  rows: positionRows,
  checkModule: siblingModule(import.meta.url, 'positions.excel-check'),
  commit: 'file',

  async prepare(ctx, actor, rows) {
    const errors: RowError[] = [];
    const day = today(ctx);
    const withOrg = await orgsOf(ctx, actor, rows, '任职党组织', errors);
    // The members: by 党员编号, or by the blind index of the ID number.
    const byNo = [...new Set(withOrg.map((r) => r.value.memberNo).filter((x): x is string => !!x))];
    const bidxOf = (id: string) => ctx.crypto.blindIndex('id_number', id);
    const byBidx = [...new Set(withOrg.filter((r) => !r.value.memberNo && r.value.idNumber).map((r) => bidxOf(r.value.idNumber!)))];
    const found = [];
    for (let i = 0; i < Math.max(byNo.length, byBidx.length); i += 1000) {
      const nos = byNo.slice(i, i + 1000);
      const bidxs = byBidx.slice(i, i + 1000);
      found.push(...await ctx.db.selectFrom('members').select(['id', 'name', 'org_path', 'id_number_bidx', 'departed_on'])
        .where((eb) => eb.or([...(nos.length ? [eb('id', 'in', nos)] : []), ...(bidxs.length ? [eb('id_number_bidx', 'in', bidxs)] : [])])).execute());
    }
    const memberById = new Map(found.map((m) => [m.id, m]));
    const memberByBidx = new Map(found.map((m) => [m.id_number_bidx, m]));
    const prepared: ReadyPosition[] = [];
    const seen = new Map<string, number>();
    const fileSecretary = new Map<string, { row: number; name: string }>();
    for (const r of withOrg) {
      const v = r.value;
      const m = v.memberNo ? memberById.get(v.memberNo) : memberByBidx.get(bidxOf(v.idNumber!));
      const column = v.memberNo ? '党员编号' : '身份证号';
      const message = !m ? '系统中没有该党员，请核对'
        : m.name !== v.name ? `姓名与党员信息不一致（系统中为${m.name}）`
        : m.departed_on ? `该党员已于${m.departed_on}转出本省，不能登记任职`
        : !m.org_path.startsWith(r.org.path) ? `该党员不是“${r.org.name}”或其下级党组织的党员，不能在此任职` : null;
      if (message) { errors.push({ row: r.row, column: message.startsWith('姓名') ? '姓名' : column, message }); continue; }
      const current = isCurrent({ started_on: v.startedOn, ended_on: v.endedOn }, day);
      if (current) {
        const key = postKey(r.org.id, m!.id, v.position);
        const first = seen.get(key);
        if (first !== undefined) { errors.push({ row: r.row, column: '职务', message: `与第${first}行重复（同一党员在同一党组织的同一现任职务）` }); continue; }
        seen.set(key, r.row);
        if (v.position === 'secretary') {
          const other = fileSecretary.get(r.org.id);
          if (other) { errors.push({ row: r.row, column: '职务', message: `第${other.row}行已登记“${r.org.name}”的现任书记${other.name}，一个党组织只能有一名现任书记` }); continue; }
          fileSecretary.set(r.org.id, { row: r.row, name: v.name });
        }
      }
      prepared.push({ ...r, memberId: m!.id });
    }
    // Against the database, per organization: its current secretary and the posts already recorded.
    const valid: ReadyPosition[] = [];
    const orgIds = [...new Set(prepared.map((p) => p.org.id))];
    const taken = new Map<string, string>();
    const held = new Set<string>();
    for (let i = 0; i < orgIds.length; i += 1000) {
      const part = orgIds.slice(i, i + 1000);
      const rowsNow = await ctx.db.selectFrom('party_positions as pp').innerJoin('members as m', 'm.id', 'pp.member_id')
        .select(['pp.org_id', 'pp.member_id', 'pp.position', 'pp.started_on', 'pp.ended_on', 'm.name']).where('pp.org_id', 'in', part).execute();
      for (const p of rowsNow.filter((x) => isCurrent(x, day))) {
        if (p.position === 'secretary') taken.set(p.org_id, p.name);
        held.add(postKey(p.org_id, p.member_id, p.position));
      }
    }
    for (const p of prepared) {
      if (isCurrent({ started_on: p.value.startedOn, ended_on: p.value.endedOn }, day)) {
        if (held.has(postKey(p.org.id, p.memberId, p.value.position))) { errors.push({ row: p.row, column: '职务', message: `该党员已在“${p.org.name}”担任${POSITION_LABELS[p.value.position]}，请勿重复登记` }); continue; }
        if (p.value.position === 'secretary' && taken.has(p.org.id)) { errors.push({ row: p.row, column: '职务', message: secretaryTakenMessage(p.org.name, taken.get(p.org.id)!) }); continue; }
      }
      valid.push(p);
    }
    return { valid, errors };
  },

  async write(_ctx, actor, rows, trx, { importId, now }) {
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      const inserted = await trx.insertInto('party_positions').values(batch.map(({ org, memberId, value: v }) => ({
        member_id: memberId, org_id: org.id, position: v.position, started_on: v.startedOn, ended_on: v.endedOn, note: v.note, created_at: now, updated_at: now,
      }))).returning('id').execute();
      for (let k = 0; k < batch.length; k++) {
        const { org, memberId, value: v, row } = batch[k];
        await appendAudit(trx, {
          actorId: actor.accountId, actorName: actor.username, action: 'contact.position.create', entityType: 'party_position', entityId: inserted[k].id, orgPath: org.path, ip: actor.ip,
          after: { memberId, memberName: v.name, orgId: org.id, position: v.position, startedOn: v.startedOn, endedOn: v.endedOn, note: v.note, importId, row },
        }, now);
      }
    }
    return rows.length;
  },
});

export const positionExporter = defineExporter({
  name: 'party-positions', // POST /api/exports/party-positions.xlsx
  permission: 'contact.read',
  summary: '导出党内职务（筛选条件同党内职务查询；手机号码默认脱敏；记入审计日志）',
  fileName: '党内职务.xlsx',
  sheetName: '党内职务',
  columns: [
    { header: '记录编号', key: 'id', width: 10 },
    { header: '任职党组织', key: 'org', width: 28 },
    { header: '组织编号', key: 'orgId', width: 10 },
    { header: '党员编号', key: 'memberNo', width: 10 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '所在党组织', key: 'memberOrg', width: 28 },
    { header: '职务', key: 'position', width: 10 },
    { header: '任职时间', key: 'startedOn', width: 12 },
    { header: '离任时间', key: 'endedOn', width: 12 },
    { header: '手机号码', key: 'mobile', width: 14 },
    { header: '短信退订', key: 'optedOut', width: 10 },
    { header: '备注', key: 'note', width: 24 },
  ],
  filter: Type.Object({ ...Type.Omit(PositionListQuery, ['cursor', 'limit']).properties, reveal: RevealOption('mobiles') }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const subtree = await authorizedSubtree(ctx, actor, 'contact.read', q.orgId);
    const scope = scopePaths(actor, 'contact.read');
    const revealAsked = checkRevealAsked(actor, q.reveal, subtree ? [subtree] : scope, '手机号码');
    const show = revealer(actor, revealAsked);
    const filter: repo.PositionFilter = {
      scope, subtree, position: q.position, status: q.status ?? 'current', today: today(ctx), optedOut: q.optedOut === undefined ? undefined : q.optedOut === 'true', nameContains: q.q?.trim() || undefined,
    };
    const first = await repo.listPositions(ctx.db, filter, undefined, EXPORT_PAGE);
    const { reveal: _r, ...rest } = q;
    return exportRows({
      count: first.total,
      audit: [
        { action: 'contact.position.export', entityType: 'party_position', orgPath: subtree ?? null, after: { filter: rest, count: first.total, revealed: revealAsked } },
        ...(revealAsked ? [{ action: 'contact.reveal', entityType: 'party_position', orgPath: subtree ?? null, after: { via: 'export', fields: ['mobile'], count: first.total, filter: rest, revealedUnder: revealScope(actor) } }] : []),
      ],
      first: first.rows,
      next: async (last) => (await repo.listPositions(ctx.db, filter, last.id, EXPORT_PAGE)).rows,
      cells: (r) => ({
        id: r.id, org: r.org_name, orgId: r.org_id, memberNo: r.member_id, name: r.member_name, memberOrg: r.member_org_name, position: wordOf(POSITION_WORDS, r.position),
        startedOn: r.started_on, endedOn: r.ended_on ?? '', optedOut: r.opted_out ? '已退订' : '',
        mobile: r.mobile_enc ? show(r.member_org_path, () => ctx.crypto.decrypt(r.mobile_enc!), r.mobile_masked ?? '') : '', note: r.note ?? '',
      }),
    });
  },
});

// ——— village officials ———

export const OfficialCells = Type.Object({
  org: Type.String(),
  name: Type.String({ maxLength: 30 }),
  role: Words(OFFICIAL_ROLE_WORDS),
  title: Type.Optional(Type.String({ maxLength: 30 })),
  gender: Type.Optional(Words(GENDER_WORDS)),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  startedOn: Type.String(),
  endedOn: Type.Optional(Type.String()),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});

export const officialRows = defineRows({
  columns: [
    { key: 'org', header: '所在村党组织', text: true, width: 28, note: '填写村党组织编号（数字）或名称/全称；须为村级党组织，在您的管辖范围内且未撤销' },
    { key: 'name', header: '姓名', width: 10, note: '不超过30字；同一村不能重复登记同名在任村干部' },
    { key: 'role', header: '身份类别', words: OFFICIAL_ROLE_WORDS, width: 14, note: Object.keys(OFFICIAL_ROLE_WORDS).join(' / ') },
    { key: 'title', header: '职务', width: 18, note: '如：村委会主任、村委委员、村妇联主席；不超过30字' },
    { key: 'gender', header: '性别', words: GENDER_WORDS, width: 6, note: '男 / 女' },
    { key: 'phone', header: '手机号码', text: true, width: 14, note: '11位手机号码（用于短信联系）' },
    { key: 'startedOn', header: '任职时间', date: true, width: 12, note: `${DATE_NOTE}；不能晚于今天` },
    { key: 'endedOn', header: '离任时间', date: true, width: 12, note: '已离任的填写；不能早于任职时间' },
    { key: 'note', header: '备注', width: 24, note: '不超过200字' },
  ],
  cells: OfficialCells,
  example: { org: '示例：龙井村党支部', name: '周美华', role: '村两委成员', title: '村委会副主任', gender: '女', phone: '13957108866', startedOn: '2021-01-05', endedOn: '', note: '' },
});

type ReadyOfficial = CheckedRow<OfficialImportRow> & { org: OrgRef };
const officialKey = (orgId: string, name: string) => `${orgId}\u0000${name}`;

export const officialImporter = defineImporter<OfficialImportRow, ReadyOfficial>({
  kind: 'village-officials',
  label: { zh: '村干部名册', en: 'Village officials' },
  permission: 'contact.write',
  audit: 'village_official',
  template: {
    fileName: '村干部名册导入模板.xlsx',
    sheetName: '村干部名册',
    checks: '必填项、身份类别和性别的取值、手机号码格式、日期；所在党组织须为村级党组织、在您的管辖范围内且未撤销；同一村同名的在任村干部视为重复（文件内或与系统中已登记的）。',
  },
  rows: officialRows,
  checkModule: siblingModule(import.meta.url, 'officials.excel-check'),
  commit: 'file',

  async prepare(ctx, actor, rows) {
    const errors: RowError[] = [];
    const inScope = await orgsOf(ctx, actor, rows, '所在村党组织', errors);
    const ids = [...new Set(inScope.map((r) => r.org.id))];
    const villages = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      for (const o of await ctx.db.selectFrom('orgs').select(['id', 'level', 'sector']).where('id', 'in', ids.slice(i, i + 1000)).execute()) if (isVillageOrg(o)) villages.add(o.id);
    }
    const withOrg = inScope.filter((r) => villages.has(r.org.id) || void errors.push({ row: r.row, column: '所在村党组织', message: VILLAGE_ORG_MESSAGE }));
    const seen = new Map<string, number>();
    const prepared: ReadyOfficial[] = [];
    for (const r of withOrg) {
      if (r.value.endedOn) { prepared.push(r); continue; }
      const key = officialKey(r.org.id, r.value.name);
      const first = seen.get(key);
      if (first !== undefined) { errors.push({ row: r.row, column: '姓名', message: `与第${first}行重复（同一村同名的在任村干部）` }); continue; }
      seen.set(key, r.row);
      prepared.push(r);
    }
    const taken = new Set<string>();
    const orgIds = [...new Set(prepared.map((p) => p.org.id))];
    for (let i = 0; i < orgIds.length; i += 1000) {
      const part = orgIds.slice(i, i + 1000);
      const names = [...new Set(prepared.filter((p) => part.includes(p.org.id)).map((p) => p.value.name))];
      for (const t of await repo.officialsNamed(ctx.db, part, names)) taken.add(officialKey(t.org_id, t.name));
    }
    const valid = prepared.filter((p) => {
      if (p.value.endedOn || !taken.has(officialKey(p.org.id, p.value.name))) return true;
      errors.push({ row: p.row, column: '姓名', message: `“${p.org.name}”已登记同名的在任村干部，请勿重复登记；如需修改请在村干部名册中编辑` });
      return false;
    });
    return { valid, errors };
  },

  async write(ctx, actor, rows, trx, { importId, now }) {
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      const inserted = await trx.insertInto('village_officials').values(batch.map(({ org, value: v }) => ({
        org_id: org.id, name: v.name, role: v.role, title: v.title, gender: v.gender, ...phoneColumns(ctx, v.phone),
        started_on: v.startedOn, ended_on: v.endedOn, note: v.note, created_at: now, updated_at: now,
      }))).returning(['id', 'phone_masked']).execute();
      for (let k = 0; k < batch.length; k++) {
        const { org, value: v, row } = batch[k];
        await appendAudit(trx, {
          actorId: actor.accountId, actorName: actor.username, action: 'contact.official.create', entityType: 'village_official', entityId: inserted[k].id, orgPath: org.path, ip: actor.ip,
          after: { orgId: org.id, name: v.name, role: v.role, title: v.title, gender: v.gender, phone: inserted[k].phone_masked, startedOn: v.startedOn, endedOn: v.endedOn, note: v.note, importId, row },
        }, now);
      }
    }
    return rows.length;
  },
});

export const officialExporter = defineExporter({
  name: 'village-officials', // POST /api/exports/village-officials.xlsx
  permission: 'contact.read',
  summary: '导出村干部名册（筛选条件同名册查询；手机号码默认脱敏；记入审计日志）',
  fileName: '村干部名册.xlsx',
  sheetName: '村干部名册',
  columns: [
    { header: '记录编号', key: 'id', width: 10 },
    ...officialRows.columns.flatMap((c) => (c.key === 'org'
      ? [{ header: '组织编号', key: 'orgId', width: 10 }, { header: c.header, key: c.key, width: c.width }]
      : [{ header: c.header, key: c.key, width: c.width }])),
    { header: '短信退订', key: 'optedOut', width: 10 },
  ],
  filter: Type.Object({ ...Type.Omit(OfficialListQuery, ['cursor', 'limit']).properties, reveal: RevealOption('mobiles') }, { additionalProperties: false }),
  async query(ctx, actor, q) {
    const subtree = await authorizedSubtree(ctx, actor, 'contact.read', q.orgId);
    const scope = scopePaths(actor, 'contact.read');
    const revealAsked = checkRevealAsked(actor, q.reveal, subtree ? [subtree] : scope, '手机号码');
    const show = revealer(actor, revealAsked);
    const filter: repo.OfficialFilter = {
      scope, subtree, role: q.role, status: q.status ?? 'current', today: today(ctx), optedOut: q.optedOut === undefined ? undefined : q.optedOut === 'true', nameContains: q.q?.trim() || undefined,
    };
    const first = await repo.listOfficials(ctx.db, filter, undefined, EXPORT_PAGE);
    const { reveal: _r, ...rest } = q;
    return exportRows({
      count: first.total,
      audit: [
        { action: 'contact.official.export', entityType: 'village_official', orgPath: subtree ?? null, after: { filter: rest, count: first.total, revealed: revealAsked } },
        ...(revealAsked ? [{ action: 'contact.reveal', entityType: 'village_official', orgPath: subtree ?? null, after: { via: 'export', fields: ['phone'], count: first.total, filter: rest, revealedUnder: revealScope(actor) } }] : []),
      ],
      first: first.rows,
      next: async (last) => (await repo.listOfficials(ctx.db, filter, last.id, EXPORT_PAGE)).rows,
      cells: (r) => ({
        id: r.id, orgId: r.org_id, org: r.org_name, name: r.name, role: wordOf(OFFICIAL_ROLE_WORDS, r.role), title: r.title ?? '', gender: wordOf(GENDER_WORDS, r.gender),
        phone: r.phone_enc ? show(r.org_path, () => ctx.crypto.decrypt(r.phone_enc!), r.phone_masked ?? '') : '',
        startedOn: r.started_on, endedOn: r.ended_on ?? '', note: r.note ?? '', optedOut: r.opted_out ? '已退订' : '',
      }),
    });
  },
});

export const contactsExcel: ExcelRegistry = { importers: [positionImporter, officialImporter], exporters: [positionExporter, officialExporter] };
