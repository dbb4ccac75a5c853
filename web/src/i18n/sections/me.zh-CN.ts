// The Chinese strings (t('me.…')) of the member centre (/me). en is in me.en.ts.
import { strings } from '../strings';
export const meZh = {
    title: '党员之家', greeting: '您好，{{name}}', myRecord: '我的党员信息', myBranch: '所在党组织',
    maskedNote: '为保护个人信息，身份证号和手机号已部分隐藏。', noRecord: '本账户尚未关联党员档案。',
    staffHint: '您使用的是工作人员账户，请进入管理后台办理业务。', toConsole: '进入管理后台',
    mustChangePassword: '您的密码需要修改后才能继续使用，请在下方设置新密码。',
    mySms: '我收到的短信', mySmsNote: '组织部门通过短信平台发给您的短信（登录验证码不在此列）。', mySmsEmpty: '暂未收到组织发来的短信。',
    learning: '远程教育', learningNote: '学习课程、阅读文章、参加测验，完成年度学习任务。', myLearning: '我的学习', courses: '课程',
    smsState: { delivered: '已送达', sending: '发送中', failed: '未送达' },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const meStrings = strings('me', meZh, () => import('./me.en').then((m) => m.meEn));
