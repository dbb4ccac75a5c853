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
    yesNo: { true: '是', false: '否' },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const enumsStrings = strings('enums', enumsZh, () => import('./enums.en').then((m) => m.enumsEn));
