import type { memberAccountZh } from './memberAccount.zh-CN';

export const memberAccountEn: typeof memberAccountZh = {
  tab: 'Login account',
  hint: 'A member\'s login account is opened, and its password reset, by the staff of the member\'s organization, not by the system administrator. Give the initial password to the member through a safe channel; it must be changed at first login.',
  none: 'This member has no login account yet.',
  username: 'Username', password: 'Initial password', open: 'Open account', opened: 'Login account {{name}} opened',
  mustChange: 'Password change pending',
  notHere: 'This member\'s login account is managed by their own organization.',
};
