/** Sign-in, second factor, sessions and the account's own password. */
import { defineModule } from '../../platform/module.js';
import { GrantView, Me } from './auth.schema.js';
import { authRoutes } from './auth.routes.js';
import { purgeOldCodes } from './auth.sms.js';

export const authModule = defineModule({
  name: 'auth',
  routes: authRoutes,
  schemas: [GrantView, Me],
  auditActions: {
    'auth.login': { zh: '登录', en: 'Sign-in' },
    'auth.login_failed': { zh: '登录失败', en: 'Failed sign-in' },
    'auth.logout': { zh: '退出登录', en: 'Sign-out' },
    'auth.locked': { zh: '账户锁定', en: 'Account locked' },
    'auth.mfa': { zh: '二次验证', en: 'Two-factor verification' },
    'auth.revoke_all': { zh: '退出所有会话', en: 'Sign out everywhere' },
    'auth.sms_code': { zh: '获取短信登录验证码', en: 'Request an SMS sign-in code' },
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
  problems: {
    'auth.invalid_totp': 'The verification code is wrong or already used; please enter a new one',
    'auth.mfa_not_enrolled': 'No authenticator is enrolled yet; please enrol one first',
    'auth.totp_not_started': 'Please get the enrolment QR code first',
    'auth.password_policy': 'The new password does not meet the password policy',
    'auth.password_reused': 'The new password was used recently; please choose another',
    'auth.wrong_password': 'The current password is wrong',
    'auth.disabled': 'The account is disabled; please contact the system administrator',
    'auth.invalid_credentials': 'Wrong username or password',
    'auth.sms_code_invalid': 'The SMS code is wrong or no longer valid; please request a new one',
    'auth.sms_code_expired': 'The SMS code has expired; please request a new one',
    'auth.sms_code_rate_limited': 'Codes were requested too often; please wait and try again',
  },
  maintenance: [{ name: 'auth.sms-codes', everyMs: 60 * 60_000, run: (ctx) => purgeOldCodes(ctx) }],
});
