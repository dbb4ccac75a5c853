import type { approvalsZh } from './approvals.zh-CN';

export const approvalsEn: typeof approvalsZh = {
  title: 'Administrator change approvals',
  intro: 'Granting or revoking the security or audit administrator role, resetting such an administrator\'s password or disabling their account, and granting a role at the province or one that reveals full ID numbers and phones takes effect only once another administrator (the security administrator) approves it; a request not approved within {{hours}} hours lapses. Nobody approves a request they made or one about their own account.',
  submitted: 'Request submitted; it takes effect once the security administrator approves it',
  show: 'Show', showPending: 'Awaiting approval', showAll: 'All requests',
  fields: {
    action: 'Change', account: 'Account', role: 'Role', org: 'Organization', requestedBy: 'Requested by', requestedAt: 'Requested at',
    expiresAt: 'Lapses at', status: 'Status', decidedBy: 'Decided by', decidedAt: 'Decided at',
  },
  action: {
    'role.grant': 'Grant role', 'role.revoke': 'Revoke role', 'account.reset_password': 'Reset password', 'account.disable': 'Disable account',
  },
  status: { pending: 'Awaiting approval', approved: 'Approved', rejected: 'Rejected', cancelled: 'Withdrawn', expired: 'Lapsed' },
  approve: 'Approve', reject: 'Reject', cancel: 'Withdraw',
  approveConfirm: 'Approve this request? It takes effect at once.', rejectConfirm: 'Reject this request?', cancelConfirm: 'Withdraw this request?',
  approved: 'Approved; the change is in effect', rejected: 'Request rejected', cancelled: 'Request withdrawn',
  ownRequest: 'Yours: another administrator decides',
  lapsesAt: 'Lapses {{time}}',
  emptyPending: 'No requests await approval',
  emptyAll: 'No requests yet',
  emptyHint: 'A request appears here when the system administrator grants or revokes the security or audit administrator role, resets the password of or disables such an account, or grants a province-wide role or one that reveals personal data, under Accounts & roles.',
};
