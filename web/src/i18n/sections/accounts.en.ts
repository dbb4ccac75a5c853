import type { accountsZh } from './accounts.zh-CN';

export const accountsEn: typeof accountsZh = {
    title: 'Accounts & roles', emptyHint: 'No account matches. Try another keyword, or click "New account" to open one.', create: 'New account', searchPlaceholder: 'Username or name', search: 'Search accounts',
    fields: {
      username: 'Username', displayName: 'Name', kind: 'Kind', status: 'Status', locked: 'Locked', mfaEnabled: 'Two-factor',
      lastLoginAt: 'Last sign-in', createdAt: 'Created', roles: 'Roles', password: 'Initial password', newPassword: 'New password',
    },
    lockedUntil: 'Locked until {{time}}', enabled: 'On', notEnabled: 'Off', demo: 'Demo account', never: 'Never',
    enable: 'Enable', disable: 'Disable', unlock: 'Unlock', resetPassword: 'Reset password', manageRoles: 'Roles',
    disableConfirm: 'Disable the account "{{name}}"? It will no longer be able to sign in.', enableConfirm: 'Enable the account "{{name}}"?',
    unlockConfirm: 'Unlock the account "{{name}}"?',
    resetTitle: 'Reset password: {{name}}', resetHint: 'The account must change this password at its next sign-in.', resetDone: 'Password reset',
    initialPasswordHint: 'Choose an initial password that meets the security policy and pass it on through a secure channel.', createTitle: 'New account', created: 'Account {{name}} created', updated: 'Account updated', usernameFormat: '3–32 letters, digits, dots, underscores or hyphens, starting with a letter',
    rolesTitle: 'Roles of {{name}}', currentRoles: 'Granted roles', noRoles: 'No roles granted yet', grant: 'Grant role',
    role: 'Role', org: 'At organization', revoke: 'Revoke', revokeConfirm: 'Revoke "{{role}} ({{org}})"?',
    granted: 'Role granted', revoked: 'Role revoked', separationNote: 'System, security and audit administrators are separate duties: one person may hold only one of them.',
    adminRole: 'Administrator role',
};
