import type { profileZh } from './profile.zh-CN';

export const profileEn: typeof profileZh = {
    title: 'My settings', password: 'Change password', currentPassword: 'Current password', newPassword: 'New password', confirmPassword: 'Confirm new password',
    passwordMismatch: 'The two new passwords differ', passwordChanged: 'Password changed', mustChange: 'Your password was reset or has expired. Set a new password first.',
    totp: 'Two-factor verification (authenticator)', totpEnabled: 'Two-factor verification is on.', totpDisabled: 'Two-factor verification is off.', totpStart: 'Set up authenticator',
    totpDone: 'Two-factor verification turned on', sessions: 'My sessions', sessionCreated: 'Signed in', sessionLastSeen: 'Last active',
    sessionIp: 'IP address', sessionAgent: 'Browser', sessionCurrent: 'This session', revokeAll: 'Sign out everywhere',
    revokeAllConfirm: 'Sign out all sessions of this account, including this one? You will need to sign in again.', account: 'Account', roles: 'My roles',
};
