// The Chinese strings (t('publicSafety.…')) of the public forms' phone verification and image captcha
// (web/src/modules/safety/public/). A public page that uses them adds publicSafetyStrings to its chunk's strings.
import { strings } from '../strings';
export const publicSafetyZh = {
  phone: '手机号码', phonePlaceholder: '请输入11位手机号码', phoneInvalid: '请输入正确的11位手机号码',
  getCode: '获取验证码', resendIn: '{{seconds}}秒后可重新获取', sent: '验证码已发送至 {{phone}}，{{minutes}}分钟内有效',
  code: '短信验证码', codePlaceholder: '6位数字', codeInvalid: '请输入短信中的6位数字验证码', verify: '验证',
  verified: '手机号码 {{phone}} 已验证', change: '更换号码',
  demoHint: '演示环境：验证码可在管理后台“虚拟手机”页面查看。',
  captcha: '图形验证码', captchaAlt: '图形验证码（4位数字），看不清请点击“换一张”', captchaPlaceholder: '4位数字',
  captchaRefresh: '换一张', captchaNeeded: '操作次数较多，请先输入图形验证码', captchaLoadFailed: '图形验证码加载失败，请点击“换一张”',
  captchaInvalid: '请输入图中的4位数字',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const publicSafetyStrings = strings('publicSafety', publicSafetyZh, () => import('./publicSafety.en').then((m) => m.publicSafetyEn));
