/** Sign-in, second factor, sessions and the account's own password. */
import { defineModule } from '../../platform/module.js';
import { authRoutes } from './auth.routes.js';

export const authModule = defineModule({
  name: 'auth',
  routes: authRoutes,
  auditActions: {
    'auth.login': { zh: '登录', en: 'Sign-in' },
    'auth.login_failed': { zh: '登录失败', en: 'Failed sign-in' },
    'auth.logout': { zh: '退出登录', en: 'Sign-out' },
    'auth.locked': { zh: '账户锁定', en: 'Account locked' },
    'auth.mfa': { zh: '二次验证', en: 'Two-factor verification' },
    'auth.revoke_all': { zh: '退出所有会话', en: 'Sign out everywhere' },
    'totp.setup': { zh: '开始绑定动态验证码', en: 'Start authenticator enrolment' },
    'totp.enable': { zh: '启用动态验证码', en: 'Enable authenticator' },
    'totp.replace': { zh: '更换动态验证码', en: 'Replace authenticator' },
    'totp.confirm_failed': { zh: '动态验证码绑定失败', en: 'Failed authenticator enrolment' },
    'account.change_password': { zh: '修改本人密码', en: 'Change own password' },
    'account.change_password_failed': { zh: '修改密码时当前密码错误', en: 'Wrong current password on password change' },
  },
  entityTypes: {
    account: { zh: '账户', en: 'Account' },
    session: { zh: '会话', en: 'Session' },
  },
});
