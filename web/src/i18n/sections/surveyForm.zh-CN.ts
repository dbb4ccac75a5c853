// The Chinese strings (t('surveyForm.…')) of the public web form of a survey (/s/:token). en is in surveyForm.en.ts.
import { strings } from '../strings';
export const surveyFormZh = {
    count: '共{{count}}题，均为必答。',
    textPlaceholder: '请在此填写您的意见和建议',
    yes: '是', no: '否',
    answerRequired: '请回答第{{no}}题', chooseRequired: '第{{no}}题请选择一个选项',
    fixErrors: '还有{{count}}题未作答，请补充后提交。',
    submit: '提交', submitting: '正在提交…',
    privacy: '您的回答仅供组织部门汇总分析使用，不会公开。',
    answered: '您已提交过本问卷，可修改后重新提交，以最后一次为准。',
    thanksTitle: '提交成功', thanks: '感谢您的参与！您的意见将由组织部门认真研究。', changeAnswers: '修改我的回答',
    closedTitle: '本次调查已结束', closed: '本次调查已结束，感谢您的关注。',
    notFoundTitle: '链接无效或已过期', notFoundHint: '请核对短信中的链接是否完整；如有疑问，请联系发起调查的组织部门。',
    loadFailed: '问卷暂时无法打开，请检查网络后重试。', tooMany: '提交过于频繁，请稍后再试。',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const surveyFormStrings = strings('surveyForm', surveyFormZh, () => import('./surveyForm.en').then((m) => m.surveyFormEn));
