/** 账户与角色: accounts, role grants, member accounts and the two-person approvals. */
import { defineModule } from '../../platform/module.js';
import { Account, ApprovalRequest, PendingApproval } from './accounts.schema.js';
import { accountRoutes } from './accounts.routes.js';

export const accountsModule = defineModule({
  name: 'accounts',
  routes: accountRoutes,
  schemas: [Account, ApprovalRequest, PendingApproval],
  permissions: {
    'account.read': { zh: '查看账户与角色', en: 'View accounts and roles', roles: ['sysadmin'] },
    'account.write': { zh: '管理账户与角色', en: 'Manage accounts and roles', roles: ['sysadmin'] },
    // The security administrator is the second pair of eyes on the system administrator's sensitive changes.
    'account.approve': { zh: '审批账户与角色变更', en: 'Approve account and role changes', roles: ['secadmin'] },
  },
  auditActions: {
    'account.create': { zh: '新增账户', en: 'Create account' },
    'account.update': { zh: '修改账户', en: 'Update account' },
    'account.reset_password': { zh: '重置密码', en: 'Reset password' },
    'account.unlock': { zh: '解除锁定', en: 'Unlock account' },
    'account.remove_demo': { zh: '停用演示账户', en: 'Disable demo account' },
    'role.grant': { zh: '授予角色', en: 'Grant role' },
    'role.revoke': { zh: '撤销角色', en: 'Revoke role' },
    'member.account_reset': { zh: '重置党员账户密码', en: 'Reset member account password' },
    'approval.request': { zh: '提交审批申请', en: 'Request approval' },
    'approval.approve': { zh: '批准申请', en: 'Approve request' },
    'approval.reject': { zh: '驳回申请', en: 'Reject request' },
    'approval.cancel': { zh: '撤回申请', en: 'Withdraw request' },
    'approval.expire': { zh: '申请失效', en: 'Request lapsed' },
  },
  entityTypes: {
    account: { zh: '账户', en: 'Account' },
    role: { zh: '角色', en: 'Role' },
    member: { zh: '党员', en: 'Member' },
    admin_request: { zh: '审批申请', en: 'Approval request' },
  },
  problems: {
    'account.disable_self': 'You cannot disable your own account',
    'role.admin_staff_only': 'Administrator roles can be granted to staff accounts only',
    'role.member_only': 'The member role can be granted to member accounts only',
    'role.separation': 'The system, security and audit administrators must be different people; one account cannot hold two of these roles',
    'account.username_taken': 'This username is taken; please choose another',
    'approval.expired': 'This request was not approved in time and has lapsed; please submit it again',
    'approval.not_pending': 'This request has already been handled or withdrawn; please refresh',
    'approval.requester_lost': 'The requester no longer manages accounts in this organization; the request cannot take effect',
    'approval.stale': 'What this request concerns has changed; it cannot take effect, please submit it again',
    'member.account_exists': 'This member already has an account; reset its password if it is forgotten',
    'role.exists': 'The account already holds this role in this organization',
    'approval.not_requester': 'Only the requester can withdraw a request',
    'approval.own_account': 'You cannot approve a request that concerns your own account',
    'approval.own_request': 'You cannot approve your own request; another administrator must',
    'role.self_grant': 'You cannot grant roles to your own account',
    'role.self_revoke': 'You cannot revoke your own system administrator role',
  },
});
