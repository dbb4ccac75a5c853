/** 通讯录 (issue 9, item 1): who the province talks to — party posts, village officials, contact groups, SMS opt-outs. */
import { defineModule } from '../../platform/module.js';
import { contactsExcel } from './contacts.excel.js';
import { contactRoutes } from './contacts.routes.js';
import { ContactGroupView, GroupEntryView, PartyPositionView, VillageOfficialView } from './contacts.schema.js';

export const contactsModule = defineModule({
  name: 'contacts',
  routes: contactRoutes,
  schemas: [PartyPositionView, VillageOfficialView, ContactGroupView, GroupEntryView],
  excel: contactsExcel,
  permissions: {
    'contact.read': { zh: '查看通讯录（党内职务、村干部、联系人分组）', en: 'View contacts (party posts, village officials, contact groups)', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
    'contact.write': { zh: '维护通讯录和短信退订', en: 'Maintain contacts and SMS opt-outs', roles: ['org_admin'] },
  },
  auditActions: {
    'contact.position.create': { zh: '登记党内职务', en: 'Record party post' },
    'contact.position.update': { zh: '修改党内职务', en: 'Edit party post' },
    'contact.position.delete': { zh: '删除党内职务记录', en: 'Delete party post' },
    'party_position.import': { zh: '导入党内职务', en: 'Import party posts' },
    'party_position.import.upload': { zh: '上传党内职务导入文件', en: 'Upload party post import' },
    'contact.position.export': { zh: '导出党内职务', en: 'Export party posts' },
    'contact.official.create': { zh: '登记村干部', en: 'Record village official' },
    'contact.official.update': { zh: '修改村干部信息', en: 'Edit village official' },
    'contact.official.delete': { zh: '删除村干部记录', en: 'Delete village official' },
    'village_official.import': { zh: '导入村干部名册', en: 'Import village officials' },
    'village_official.import.upload': { zh: '上传村干部导入文件', en: 'Upload village official import' },
    'contact.official.export': { zh: '导出村干部名册', en: 'Export village officials' },
    'contact.reveal': { zh: '查看联系人完整手机号码', en: 'View full phone number of a contact' },
    'contact.group.create': { zh: '新建联系人分组', en: 'Create contact group' },
    'contact.group.update': { zh: '修改联系人分组', en: 'Edit contact group' },
    'contact.group.delete': { zh: '删除联系人分组', en: 'Delete contact group' },
    'contact.group.entry_add': { zh: '加入联系人分组', en: 'Add to contact group' },
    'contact.group.entry_remove': { zh: '移出联系人分组', en: 'Remove from contact group' },
    'contact.optout': { zh: '短信退订', en: 'SMS opt-out' },
    'contact.optin': { zh: '取消短信退订', en: 'SMS opt-in' },
  },
  entityTypes: {
    party_position: { zh: '党内职务', en: 'Party post' },
    village_official: { zh: '村干部', en: 'Village official' },
    contact_group: { zh: '联系人分组', en: 'Contact group' },
    contact_optout: { zh: '短信退订', en: 'SMS opt-out' },
  },
  problems: {
    'contact.secretary_taken': 'This organization already has a current secretary; give the end date of the current one first',
    'contact.position_duplicate': 'This member already holds this post in this organization',
    'contact.group_duplicate_name': 'A group of this name already exists in this organization',
    'contact.entry_duplicate': 'This person is already in the group',
    'contact.no_phone': 'No mobile number is recorded for this contact',
  },
});
