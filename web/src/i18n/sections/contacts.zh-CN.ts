// The contacts screens' Chinese strings (t('contacts.…')): 党内职务, 村干部名册, 联系人分组, 短信退订. en is in contacts.en.ts.
import { strings } from '../strings';
export const contactsZh = {
  title: '通讯录',
  tabs: { positions: '党内职务', officials: '村干部名册', groups: '联系人分组' },
  position: {
    secretary: '书记', deputy_secretary: '副书记', organization_member: '组织委员', publicity_member: '宣传委员', discipline_member: '纪检委员',
    youth_member: '青年委员', united_front_member: '统战委员', secrecy_member: '保密委员', committee_member: '委员',
  },
  role: { two_committees: '村两委成员', college_graduate: '大学生村官', first_secretary: '驻村第一书记', reserve_cadre: '村级后备干部', grid_worker: '网格员', other: '其他' },
  status: { current: '现任', ended: '已离任', all: '全部' },
  gender: { male: '男', female: '女' },
  fields: {
    name: '姓名', member: '党员', org: '任职党组织', memberOrg: '所在党组织', village: '所在村党组织', position: '职务', role: '身份类别', title: '职务名称',
    phone: '手机号码', mobile: '手机号码', gender: '性别', startedOn: '任职时间', endedOn: '离任时间', note: '备注', status: '任职状态',
    optedOut: '短信退订', keyword: '姓名', groupName: '分组名称', description: '说明', owner: '所属组织', entries: '人数', kind: '类别',
  },
  any: '全部', scopeAll: '本人管辖范围', keywordPlaceholder: '输入姓名关键字',
  optedOut: '已退订', notOptedOut: '未退订', ended: '已离任', departed: '已转出', inactive: '已离任/转出',
  kind: { member: '党员', official: '村干部', contact: '名册外人员' },
  create: { position: '登记职务', official: '登记村干部', group: '新建分组' },
  edit: '编辑', remove: '删除', entries: '成员', import: '导入', reveal: '查看完整号码',
  formPosition: '登记党内职务', formPositionEdit: '编辑任职信息', formOfficial: '登记村干部', formOfficialEdit: '编辑村干部信息', formGroup: '新建联系人分组', formGroupEdit: '编辑分组',
  memberHint: '输入姓名查找本人管辖范围内的党员；党员须属于任职党组织或其下级党组织。',
  orgHint: '职务所在的党组织，如村党支部、党总支。一个党组织只能有一名现任书记。',
  villageHint: '须为村级党组织（农村基层党组织）。',
  endedHint: '现任的不填；离任后填写离任时间。',
  phoneHint: '11位手机号码，用于短信联系；保存后脱敏显示。',
  memberOptional: '如是党员，可关联党员档案（选填）',
  saved: '已保存', created: '已登记', noChange: '未修改任何信息', deleted: '已删除',
  confirmDelete: '确定删除“{{name}}”的这条记录吗？误登记的可以删除；已离任的请填写离任时间。',
  confirmDeleteGroup: '确定删除分组“{{name}}”吗？分组中的成员记录一并删除，人员档案不受影响。',
  confirmRemoveEntry: '确定将“{{name}}”移出该分组吗？',
  emptyTitle: '暂无符合条件的记录',
  emptyHint: '可调整筛选条件后重新查询，或点击右上角按钮登记。',
  emptyHintReadOnly: '可调整筛选条件后重新查询。',
  optOut: { set: '设为退订', clear: '取消退订', title: '短信退订', setTitle: '设为短信退订：{{name}}', clearTitle: '取消短信退订：{{name}}', reason: '原因',
    reasonPlaceholder: '如：本人来电要求不再接收短信', reasonRequired: '请填写原因', done: '已设为退订', cleared: '已取消退订', unchanged: '状态未变化',
    note: '退订按手机号码生效：同一号码在党员、村干部和分组中都视为已退订；紧急通知除外。' },
  group: { add: '添加成员', addTitle: '添加成员到“{{name}}”', byPerson: '党员或村干部', byPhone: '名册外人员', person: '选择人员',
    personPlaceholder: '输入姓名查找', personRequired: '请选择人员', added: '已添加', removed: '已移出', entriesTitle: '分组成员：{{name}}' },
  validation: { maxLength: '{{label}}不能超过{{max}}个字', mobile: '请输入11位手机号码' },
  exportPositions: '党内职务.xlsx', exportOfficials: '村干部名册.xlsx',
  revealed: '已查看完整号码（已记入审计日志）',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const contactsStrings = strings('contacts', contactsZh, () => import('./contacts.en').then((m) => m.contactsEn));
