// The 审批 screen's Chinese strings (t('approvals.…')). Owned by web/src/pages/admin/ApprovalsPage; en is in approvals.en.ts.
import { strings } from '../strings';
export const approvalsZh = {
  title: '管理员变更审批',
  intro: '授予或撤销安全管理员、审计管理员角色，重置其密码或停用其账户，以及授予省级角色或可查看完整身份证号、手机号的角色，须由申请人以外的另一名管理员（安全管理员）批准后方能生效；申请提交后{{hours}}小时内未批准即失效。任何人不能审批本人提交或涉及本人账户的申请。',
  submitted: '已提交审批申请，待安全管理员批准后生效',
  show: '显示范围', showPending: '待审批', showAll: '全部申请',
  fields: {
    action: '申请事项', account: '涉及账户', role: '角色', org: '授权组织', requestedBy: '申请人', requestedAt: '申请时间',
    expiresAt: '失效时间', status: '状态', decidedBy: '审批人', decidedAt: '处理时间',
  },
  action: {
    'role.grant': '授予角色', 'role.revoke': '撤销角色', 'account.reset_password': '重置密码', 'account.disable': '停用账户',
  },
  status: { pending: '待审批', approved: '已批准', rejected: '已驳回', cancelled: '已撤回', expired: '已失效' },
  approve: '批准', reject: '驳回', cancel: '撤回',
  approveConfirm: '确定批准该申请吗？批准后立即生效。', rejectConfirm: '确定驳回该申请吗？', cancelConfirm: '确定撤回该申请吗？',
  approved: '已批准，变更已生效', rejected: '已驳回该申请', cancelled: '已撤回该申请',
  ownRequest: '本人提交，须由他人审批',
  lapsesAt: '{{time}} 失效',
  emptyPending: '当前没有待审批的申请',
  emptyAll: '暂无审批申请',
  emptyHint: '系统管理员在“账户与角色”中授予或撤销安全管理员、审计管理员角色，重置其密码、停用其账户，或授予省级、可查看完整个人信息的角色时，会在此生成审批申请。',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const approvalsStrings = strings('approvals', approvalsZh, () => import('./approvals.en').then((m) => m.approvalsEn));
