// The stations screens' Chinese strings (t('stations.…')). Owned by web/src/modules/stations; en is in stations.en.ts.
import { strings } from '../strings';
export const stationsZh = {
  contactPhoneHint: '手机号码或固定电话，固定电话请带区号',
  title: '远程教育站点',
  create: '新增站点',
  import: '导入',
  fields: {
    name: '站点名称', type: '站点类型', org: '所属组织', address: '地址', managerName: '管理员', contactPhone: '联系电话', equipment: '设备',
    status: '状态', keyword: '站点名称', reason: '变更原因', updatedAt: '最近修改',
  },
  filters: '站点筛选', any: '全部', scopeAll: '本人管辖范围', keywordPlaceholder: '输入站点名称关键字',
  emptyTitle: '暂无符合条件的远程教育站点',
  emptyHint: '可点击右上角“新增站点”登记，或通过“导入”批量登记；也可调整筛选条件后重新查询。',
  emptyHintReadOnly: '可调整筛选条件后重新查询。',
  actions: { edit: '编辑', status: '变更状态' },
  formCreate: '新增远程教育站点',
  formEdit: '编辑站点',
  orgHint: '站点所属的党组织，须为本人管辖范围内的正常状态组织。',
  namePlaceholder: '如：龙井村远程教育终端站点',
  addressPlaceholder: '如：杭州市西湖区西湖街道龙井村村委会二楼',
  equipmentPlaceholder: '如：电视机1台、机顶盒1台、计算机1台',
  managerPlaceholder: '站点管理员姓名',
  created: '已新增站点：{{name}}',
  saved: '站点信息已保存',
  noChange: '未修改任何信息',
  validation: { maxLength: '{{label}}不能超过{{max}}个字' },
  statusTitle: '变更站点状态',
  statusCurrent: '当前状态',
  statusNew: '变更为',
  statusSame: '请选择与当前状态不同的状态',
  reasonPlaceholder: '如：设备故障待维修、村委会搬迁暂停使用',
  statusDone: '站点“{{name}}”状态已变更为{{status}}',
  exportFile: '远程教育站点.xlsx',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const stationsStrings = strings('stations', stationsZh, () => import('./stations.en').then((m) => m.stationsEn));
