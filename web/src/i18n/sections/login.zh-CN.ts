// The Chinese strings (t('login.…')) of the login page, its second-factor step and authenticator enrolment (also the profile screen's). en is in login.en.ts.
import { strings } from '../strings';
export const loginZh = {
    title: '登录', subtitle: '组织部门工作人员和党员账户登录', username: '用户名', password: '密码',
    usernamePlaceholder: '请输入用户名', passwordPlaceholder: '请输入密码', submit: '登录',
    usernameRequired: '请输入用户名', passwordRequired: '请输入密码',
    mfaTitle: '二次验证', mfaHint: '请打开手机上的身份验证器应用，输入显示的6位动态验证码。', code: '动态验证码',
    codePlaceholder: '6位数字', codeRequired: '请输入动态验证码', codeFormat: '动态验证码为6位数字，请核对后重新输入', verify: '验证',
    enrolTitle: '绑定身份验证器', enrolHint: '根据安全策略，您的账户须启用二次验证。请用手机上的身份验证器应用（支持 TOTP 标准的应用均可）扫描下方二维码，然后输入应用显示的6位动态验证码。',
    qrAlt: '身份验证器绑定二维码', secret: '无法扫码时，可手动输入密钥：', enrolConfirm: '完成绑定',
    tabPassword: '密码登录', tabSms: '短信验证码登录',
    smsSubtitle: '党员账户可用党员档案中登记的手机号码接收验证码登录。',
    phone: '手机号码', phonePlaceholder: '请输入11位手机号码', phoneRequired: '请输入手机号码', phoneFormat: '请输入正确的11位手机号码',
    smsCode: '短信验证码', smsCodeRequired: '请输入短信验证码', smsCodeFormat: '验证码为6位数字，请核对短信后重新输入',
    getCode: '获取验证码', resendIn: '{{s}}秒后重新获取', codeSent: '如该号码已开通党员账户，验证码短信将在片刻后送达，{{m}}分钟内有效。',
    demoSmsHint: '演示环境不发送真实短信：请用 demo-province 登录管理后台，在「短信平台 › 虚拟手机」中查看该号码收到的验证码。',
    backToLogin: '返回重新登录', backToPortal: '返回门户首页', loginFailed: '登录未成功，请核对后重试',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const loginStrings = strings('login', loginZh, () => import('./login.en').then((m) => m.loginEn));
