// The Chinese strings (t('members.…')) of the member screens (web/src/modules/members); its field names also label the member centre. en is in members.en.ts.
import { strings } from '../strings';
export const membersZh = {
    exportFile: '党员信息.xlsx', import: '批量导入',
    rolls: '党员名册', departedRolls: '已转出党员', departedTag: '已转出', departedNotice: '该党员已于{{date}}将组织关系转出本省，档案仅供查阅，不能修改。',
    title: '党员信息管理', create: '新增党员', orgTree: '组织机构', orgSearch: '搜索组织', allScope: '全部（本级及下级）',
    filters: '筛选条件', searchName: '姓名', searchPhone: '手机号', searchIdNumber: '身份证号', any: '全部',
    namePlaceholder: '姓名中包含的字', phonePlaceholder: '完整的11位手机号', idPlaceholder: '完整的18位身份证号',
    emptyTitle: '没有符合条件的党员', emptyHint: '请调整组织范围或筛选条件后再查询；如需登记新党员，请点击“新增党员”。',
    scope: '当前范围：{{org}}',
    fields: {
      name: '姓名', gender: '性别', ethnicity: '民族', birthDate: '出生日期', idType: '证件类型', idNumber: '身份证号',
      education: '学历', category: '党员类别', joinedOn: '入党时间', fullOn: '转正时间', standing: '党籍状态', job: '工作岗位',
      mobile: '手机号', landline: '固定电话', address: '家庭住址', lostContact: '失联党员', lostContactOn: '失联时间',
      migrant: '流动党员', migrantProvince: '流入省份', migrantCity: '流入城市', migrantCounty: '流入县（市、区）',
      idNumberOther: '证件号码', flags: '标记', orgId: '所在党组织', orgName: '所在党组织', migrantTo: '流入地', createdAt: '建档时间', updatedAt: '最近修改', version: '版本',
    },
    tabs: { basic: '基本信息', history: '变更记录' },
    detailTitle: '党员详情', revealIdNumber: '查看完整身份证号', revealMobile: '查看完整手机号',
    revealNote: '查看完整个人信息的操作已记入审计日志。', revealFailed: '未能获取完整信息',
    historyEmpty: '暂无变更记录', historyBy: '{{actor}} {{action}}', historyChange: '{{field}}：{{from}} → {{to}}',
    historyActions: { create: '建立档案', update: '修改信息', move: '转移组织关系', reveal: '查看完整信息' },
    formCreate: '新增党员', formEdit: '编辑党员信息', keepMasked: '不修改请留空（当前：{{value}}）',
    sections: { identity: '身份信息', party: '党籍信息', contact: '联系方式', mobility: '流动与失联' },
    validation: {
      idLength: '身份证号应为18位，请核对', idFormat: '身份证号前17位应为数字，第18位为数字或X，请核对',
      idChecksum: '身份证号第18位校验码不正确，请核对', idBirth: '身份证号中的出生日期与所填出生日期不一致，请核对',
      mobile: '手机号应为11位数字，以13至19开头，请核对', landline: '固定电话格式不正确，示例：0571-87654321',
      fullAfterJoin: '转正时间应晚于入党时间', joinAfterBirth: '入党时间应晚于出生日期', future: '日期不能晚于今天',
      fullRequired: '正式党员请填写转正时间',
    },
    saved: '党员信息已保存', created: '已新增党员 {{name}}',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const membersStrings = strings('members', membersZh, () => import('./members.en').then((m) => m.membersEn));
