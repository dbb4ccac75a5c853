// The Chinese strings (t('profile.…')) of 个人设置 (console) and the password form of the member centre. en is in profile.en.ts.
import { strings } from '../strings';
export const profileZh = {
    title: '个人设置', password: '修改密码', currentPassword: '当前密码', newPassword: '新密码', confirmPassword: '确认新密码',
    passwordMismatch: '两次输入的新密码不一致', passwordChanged: '密码已修改', mustChange: '您的密码已被重置或已过期，请先设置新密码。',
    totp: '二次验证（身份验证器）', totpEnabled: '已启用二次验证。', totpDisabled: '尚未启用二次验证。', totpStart: '绑定身份验证器',
    totpDone: '二次验证已启用', sessions: '我的登录会话', sessionCreated: '登录时间', sessionLastSeen: '最近活动',
    sessionIp: 'IP 地址', sessionAgent: '浏览器', sessionCurrent: '当前会话', revokeAll: '退出所有会话',
    revokeAllConfirm: '确定退出本账户的所有登录会话吗？包括当前会话，您需要重新登录。', account: '账户信息', roles: '我的角色',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const profileStrings = strings('profile', profileZh, () => import('./profile.en').then((m) => m.profileEn));
