/** 流动党员: out-flows and returns, online branches, organizational life and dues, the six-month alert. */
import { defineModule } from '../../platform/module.js';
import { Flow } from './flows.schema.js';
import { flowsExcel } from './flows.excel.js';
import { flowRoutes } from './flows.routes.js';

export const flowsModule = defineModule({
  name: 'flows',
  routes: flowRoutes,
  schemas: [Flow],
  excel: flowsExcel,
  auditActions: {
    'flow.create': { zh: '登记外出流动', en: 'Record out-flow' },
    'flow.return': { zh: '登记流动返回', en: 'Record return' },
    'member.flow_out': { zh: '党员外出流动（标记变更）', en: 'Member flagged as away' },
    'member.flow_return': { zh: '党员流动返回（标记变更）', en: 'Member flagged as returned' },
    'flow.export': { zh: '导出流动党员名单', en: 'Export migrant members' },
    'alert.export': { zh: '导出自行脱党预警名单', en: 'Export the six-month alert list' },
    'member.online_branch.attach': { zh: '编入网络党支部', en: 'Attach to online branch' },
    'member.online_branch.detach': { zh: '移出网络党支部', en: 'Detach from online branch' },
    'member.activity.life': { zh: '登记组织生活', en: 'Record organizational life' },
    'member.activity.dues': { zh: '登记党费缴纳', en: 'Record dues payment' },
  },
  entityTypes: {
    member_flow: { zh: '流动登记', en: 'Migration record' },
    member: { zh: '党员', en: 'Member' },
  },
  problems: {
    'flow.already_returned': 'The return from this out-flow is already recorded',
    'flow.no_online_branch': 'This member is not in an online branch',
    'flow.not_migrant': 'Only migrant members can join an online branch; record the out-flow first',
    'flow.already_open': 'This member already has an open out-flow; record the return first',
  },
});
