// The 登录账户 tab of the member drawer (t('memberAccount.…')). Owned by web/src/modules/accounts/MemberAccountPanel; en is in memberAccount.en.ts.
import { strings } from '../strings';
export const memberAccountZh = {
  tab: '登录账户',
  hint: '党员登录账户由其所在党组织的工作人员开设和重置密码，系统管理员无权办理。初始密码请通过安全渠道告知本人，首次登录须修改。',
  none: '该党员尚未开设登录账户。',
  username: '用户名', password: '初始密码', open: '开设账户', opened: '已开设登录账户 {{name}}',
  mustChange: '待本人修改密码',
  notHere: '该党员的登录账户由其所在党组织管理，您无权办理。',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const memberAccountStrings = strings('memberAccount', memberAccountZh, () => import('./memberAccount.en').then((m) => m.memberAccountEn));
