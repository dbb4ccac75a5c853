// The Chinese strings (t('orgs.…')) of the organization screens (web/src/modules/orgs). en is in orgs.en.ts.
import { strings } from '../strings';
export const orgsZh = {
    exportFile: '党组织信息.xlsx', import: '批量导入',
    title: '组织管理', createChild: '新增下级组织', edit: '编辑', move: '移动', deactivate: '撤销',
    selectHint: '请在组织树中选择一个党组织查看详情。',
    fields: {
      name: '组织简称', fullName: '组织全称', type: '组织类别', level: '组织层级', sector: '所属领域', status: '状态',
      regionCode: '行政区划代码', secretaryName: '书记', contactPhone: '联系电话', foundedOn: '成立日期', isOnline: '网络党支部',
      parent: '上级党组织', childCount: '下级组织数', memberCount: '党员数', createdAt: '创建时间', updatedAt: '最近修改', path: '隶属关系',
    },
    createTitle: '新增下级组织（上级：{{parent}}）', editTitle: '编辑组织：{{name}}', moveTitle: '移动组织：{{name}}',
    moveTarget: '新的上级党组织', moveConfirm: '确定将“{{name}}”及其全部下级组织和党员移至“{{target}}”之下吗？',
    moveHint: '移动后，该组织的下级组织和党员一并转移。',
    deactivateConfirm: '确定撤销“{{name}}”吗？撤销前须先转出全部党员并撤销下级组织。',
    created: '已新增组织 {{name}}', updated: '组织信息已保存', moved: '组织已移动', deactivated: '组织已撤销',
    regionCodeFormat: '行政区划代码应为6位、9位或12位数字', phoneFormat: '联系电话格式不正确',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const orgsStrings = strings('orgs', orgsZh, () => import('./orgs.en').then((m) => m.orgsEn));
