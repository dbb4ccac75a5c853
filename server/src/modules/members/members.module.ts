/** 党员信息: member records, their history and the one reveal rule's users. */
import { defineModule } from '../../platform/module.js';
import { MemberDetail, MemberSummary } from './members.schema.js';
import { membersExcel } from './members.excel.js';
import { memberRoutes } from './members.routes.js';

export const membersModule = defineModule({
  name: 'members',
  routes: memberRoutes,
  schemas: [MemberSummary, MemberDetail],
  excel: membersExcel,
  permissions: {
    'member.read': { zh: '查看党员信息（脱敏）', en: 'View members (masked)', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
    'member.write': { zh: '维护党员信息', en: 'Edit members', roles: ['org_admin', 'branch_secretary'] },
    'member.reveal': { zh: '查看完整身份证号码和手机号码', en: 'See full ID numbers and phone numbers', roles: ['org_admin'] },
  },
  auditActions: {
    'member.create': { zh: '新增党员', en: 'Create member' },
    'member.update': { zh: '修改党员信息', en: 'Update member' },
    'member.reveal': { zh: '查看完整个人信息', en: 'View full personal data' },
    'member.id_number_refused': { zh: '身份证号码登记被拒（已在管辖范围外登记）', en: 'ID number refused (registered outside scope)' },
    'member.import': { zh: '导入党员信息', en: 'Import members' },
    'member.import.upload': { zh: '上传党员导入文件', en: 'Upload member import' },
    'member.import.batch': { zh: '导入党员信息（分批写入）', en: 'Import members (one batch written)' },
    'member.export': { zh: '导出党员信息', en: 'Export members' },
  },
  entityTypes: {
    member: { zh: '党员', en: 'Member' },
  },
  pathCopies: {
    rewritten: [{ table: 'members', column: 'org_path', why: 'subtree filters over millions of members without a join' }],
  },
  problems: {
    'member.departed': 'This member has transferred out of the province; the record can no longer be changed',
    'member.no_value': 'This member has no such information recorded',
    'member.duplicate_id_number': 'A member with this ID number is already registered in your jurisdiction',
    'member.id_number_unavailable': 'This ID number cannot be registered; please check it or contact the organization department',
  },
});
