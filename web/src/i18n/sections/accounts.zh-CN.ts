// The Chinese strings (t('accounts.…')) of the accounts and roles screen (web/src/modules/accounts). en is in accounts.en.ts.
import { strings } from '../strings';
export const accountsZh = {
    title: '账户与角色', emptyHint: '没有符合条件的账户，请更换关键字；如需开设新账户，请点击“新增账户”。', create: '新增账户', searchPlaceholder: '用户名或姓名', search: '搜索账户',
    fields: {
      username: '用户名', displayName: '姓名', kind: '账户类型', status: '状态', locked: '锁定', mfaEnabled: '二次验证',
      lastLoginAt: '最近登录', createdAt: '创建时间', roles: '角色', password: '初始密码', newPassword: '新密码',
    },
    lockedUntil: '锁定至 {{time}}', enabled: '已启用', notEnabled: '未启用', demo: '演示账户', never: '从未登录',
    enable: '启用', disable: '停用', unlock: '解除锁定', resetPassword: '重置密码', manageRoles: '角色',
    disableConfirm: '确定停用账户“{{name}}”吗？停用后该账户无法登录。', enableConfirm: '确定启用账户“{{name}}”吗？',
    unlockConfirm: '确定解除账户“{{name}}”的锁定吗？',
    resetTitle: '重置密码：{{name}}', resetHint: '重置后，该账户下次登录时须修改密码。', resetDone: '密码已重置',
    initialPasswordHint: '请按安全策略设置初始密码，并通过安全渠道告知本人。', createTitle: '新增账户', created: '已新增账户 {{name}}', updated: '账户已更新', usernameFormat: '用户名须以字母开头，由3～32位字母、数字、点、下划线或连字符组成',
    rolesTitle: '角色管理：{{name}}', currentRoles: '已授予的角色', noRoles: '尚未授予任何角色', grant: '授予角色',
    role: '角色', org: '授权组织', revoke: '撤销', revokeConfirm: '确定撤销“{{role}}（{{org}}）”吗？',
    granted: '角色已授予', revoked: '角色已撤销', separationNote: '系统管理员、安全管理员、审计管理员三员分立，同一人只能担任其中一种。',
    adminRole: '管理员角色',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const accountsStrings = strings('accounts', accountsZh, () => import('./accounts.en').then((m) => m.accountsEn));
