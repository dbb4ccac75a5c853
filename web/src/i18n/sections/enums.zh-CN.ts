// The Chinese strings (t('enums.…')) of the API's enumeration codes as words (enumLabel in ../enums.ts); console and member centre. en is in enums.en.ts.
import { strings } from '../strings';
export const enumsZh = {
    orgType: { committee: '党委', working_committee: '党工委', general_branch: '党总支', branch: '党支部', joint_branch: '联合党支部', temporary_branch: '临时党支部' },
    orgLevel: { province: '省级', city: '市级', county: '县级', township: '乡镇（街道）级', grassroots: '基层' },
    orgSector: { organ: '机关', rural: '农村', community: '社区', enterprise: '企业', institution: '事业单位', online: '网络', other: '其他' },
    orgStatus: { active: '正常', inactive: '已撤销' },
    gender: { male: '男', female: '女' },
    category: { probationary: '预备党员', full: '正式党员' },
    standing: { normal: '正常', suspended: '停止党籍' },
    education: { postgraduate: '研究生', bachelor: '大学本科', college: '大学专科', secondary_vocational: '中专', high_school: '高中', middle_school: '初中', primary: '小学及以下' },
    idType: { resident_id: '居民身份证', passport: '护照', other: '其他证件' },
    stationType: { township: '乡镇', village: '村', enterprise: '企业', community: '社区', household: '家庭' },
    stationStatus: { active: '正常', suspended: '停用', fault: '故障' },
    role: { org_admin: '组织部门管理员', org_viewer: '组织部门查阅员', branch_secretary: '支部书记', member: '党员', sysadmin: '系统管理员', secadmin: '安全管理员', auditor: '审计管理员' },
    accountKind: { staff: '工作人员', member: '党员', public: '群众' },
    accountStatus: { active: '正常', disabled: '停用' },
    partyAge: { '<5': '不满5年', '5-10': '5～10年', '10-20': '10～20年', '20-30': '20～30年', '30-50': '30～50年', '>=50': '50年及以上' },
    ageBand: { '<=30': '30岁及以下', '31-40': '31～40岁', '41-50': '41～50岁', '51-60': '51～60岁', '61-70': '61～70岁', '>70': '70岁以上' },
    auditAction: {
      'transfer.export': '导出转接记录', 
      'flow.export': '导出流动党员名单', 'alert.export': '导出自行脱党预警名单', 
      'transfer.create': '新建组织关系转接', 'transfer.submit': '提交转接申请', 'transfer.approve': '审核通过转接', 'transfer.return': '退回转接申请', 'transfer.withdraw': '撤回转接申请', 'transfer.cancel': '撤销转接', 'member.transfer': '转入组织关系', 'member.transfer_out': '转出组织关系（省外）', 'member.flow_out': '登记外出流动', 'member.flow_return': '登记流动返回', 'member.online_branch.attach': '编入网络党支部', 'member.online_branch.detach': '移出网络党支部', 'member.activity.life': '登记组织生活', 'member.activity.dues': '登记党费缴纳', 'member.export': '导出党员信息', 'org.export': '导出组织信息', 'member.import': '导入党员信息', 'org.import': '导入组织信息', 'member.import.upload': '上传党员导入文件', 'org.import.upload': '上传组织导入文件', 'station.create': '新增站点', 'station.update': '修改站点', 'station.status': '变更站点状态', 'station.import': '导入站点信息', 'station.import.upload': '上传站点导入文件', 'station.export': '导出站点信息',
      'auth.login': '登录', 'auth.login_failed': '登录失败', 'auth.logout': '退出登录', 'auth.locked': '账户锁定',
      'org.create': '新增组织', 'org.update': '修改组织', 'org.move': '移动组织', 'org.deactivate': '撤销组织',
      'member.id_number_refused': '身份证号码登记被拒（已在管辖范围外登记）', 'member.create': '新增党员', 'member.update': '修改党员信息', 'member.reveal': '查看完整个人信息',
      'account.create': '新增账户', 'account.update': '修改账户', 'account.reset_password': '重置密码', 'account.unlock': '解除锁定',
      'role.grant': '授予角色', 'role.revoke': '撤销角色', 'approval.request': '提交审批申请', 'approval.approve': '批准申请', 'approval.reject': '驳回申请',
      'approval.cancel': '撤回申请', 'approval.expire': '申请失效', 'member.account_reset': '重置党员账户密码', 'security.update': '修改安全策略', 'totp.enable': '启用动态验证码',
      'totp.setup': '开始绑定动态验证码', 'totp.confirm_failed': '动态验证码绑定失败', 'totp.replace': '更换动态验证码',
      'account.change_password_failed': '修改密码时当前密码错误', 'account.remove_demo': '停用演示账户',
      'account.change_password': '修改本人密码', 'auth.mfa': '二次验证', 'auth.revoke_all': '退出所有会话', 'system.seed_demo': '生成演示数据',
    },
    entityType: { transfer: '组织关系转接', member_flow: '流动登记', import: '导入任务', station: '远程教育站点', account: '账户', org: '组织', member: '党员', role: '角色', security: '安全策略', security_policy: '安全策略', session: '会话', system: '系统', admin_request: '审批申请' },
    yesNo: { true: '是', false: '否' },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const enumsStrings = strings('enums', enumsZh, () => import('./enums.en').then((m) => m.enumsEn));
