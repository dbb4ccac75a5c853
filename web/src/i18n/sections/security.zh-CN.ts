// The Chinese strings (t('security.…')) of the security policy screen. en is in security.en.ts.
import { strings } from '../strings';
export const securityZh = {
    title: '安全策略', readOnly: '您可以查看安全策略；如需修改，请由安全管理员操作。',
    groups: { password: '密码策略', lockout: '登录锁定', session: '会话', mfa: '二次验证' },
    fields: {
      passwordMinLength: '密码最小长度', passwordMinClasses: '至少包含的字符种类', passwordHistory: '不得与近几次密码相同',
      lockoutThreshold: '连续失败锁定次数', lockoutMinutes: '锁定时长', idleMinutes: '空闲超时', absoluteHours: '会话最长有效期',
      mfaRequiredForStaff: '工作人员须启用二次验证',
    },
    units: { chars: '位', classes: '种', times: '次', minutes: '分钟', hours: '小时' },
    classesHelp: '字符种类指大写字母、小写字母、数字和特殊符号。', saved: '安全策略已保存',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const securityStrings = strings('security', securityZh, () => import('./security.en').then((m) => m.securityEn));
