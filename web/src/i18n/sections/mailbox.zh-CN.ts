// The Chinese strings (t('mailbox.…')) of the console's 部长信箱 screens (/admin/mailbox). en is in mailbox.en.ts.
import { strings } from '../strings';
export const mailboxZh = {
  states: { held: '待审核', received: '待受理', handling: '办理中', declined: '不予受理', answered: '已答复' },
  categories: { suggestion: '意见建议', consultation: '咨询', complaint: '投诉举报', help: '求助', other: '其他' },
  declineKinds: { duplicate: '重复来信', not_ours: '不属于本信箱受理范围', invalid: '内容无效' },
  outcomes: { resolved: '已解决', explained: '已说明' },
  list: {
    title: '部长信箱', state: '状态', anyState: '全部状态', category: '类别', anyCategory: '全部类别', mailbox: '信箱', anyMailbox: '全部信箱',
    q: '关键词', qPlaceholder: '标题中的字词或查询码', reset: '重置', publicPage: '公众写信页面',
    fields: { title: '标题', mailbox: '信箱', category: '类别', writer: '来信人', state: '状态', handling: '承办组织 / 期限', createdAt: '来信时间' },
    emptyTitle: '没有符合条件的来信', emptyHint: '群众在门户“部长信箱”栏目写信后会列在这里；可调整上方筛选条件。',
  },
  letter: {
    back: '返回来信列表', letter: '来信内容', code: '查询码', mailbox: '信箱', category: '类别', writer: '来信人', anonymous: '未留姓名', phone: '手机号码',
    createdAt: '来信时间', consent: '是否同意公开', consentYes: '同意公开（公开时删去个人信息）', consentNo: '不同意公开',
    held: '该来信含有敏感词，正在“内容审核”中等待审核，审核通过后方可受理。',
    declined: '不予受理：{{kind}}', duplicateOf: '与来信 {{id}} 重复', followup: '督办事项', followupOpen: '查看督办事项', owner: '当前承办组织', due: '办理期限',
    followupState: '督办状态', followupHint: '受理后的转办、期限、备注和附件在督办事项中办理；转办时可为下一级设定办理期限。',
    answer: '答复', draft: '答复草稿', draftedBy: '起草：{{name}}，{{at}}', approvedBy: '审核：{{name}}，{{at}}', noDraft: '尚未起草答复',
    waitingApproval: '答复草稿待审核（须由起草人以外的工作人员审核）。',
    actions: { accept: '受理', decline: '不予受理', draft: '起草答复', editDraft: '修改答复', approve: '审核通过' },
    accepted: '已受理，已转为督办事项', declinedDone: '已作不予受理处理，理由已短信告知来信人', drafted: '答复草稿已保存', approved: '答复已审核通过，来信人已收到短信通知',
  },
  forms: {
    acceptTitle: '受理来信', acceptHelp: '受理后来信转为督办事项，由本信箱所属组织承办，可逐级转办。', due: '办理期限', workingDays: '个工作日',
    dueHelp: '按工作日计算（节假日除外），默认15个工作日', dueRange: '请填写1至250之间的整数', category: '来信类别', categoryHelp: '可更正来信人选择的类别',
    declineTitle: '不予受理', kind: '不予受理类型', kindRequired: '请选择不予受理的类型', note: '理由', noteRequired: '请填写不予受理的理由，将以短信告知来信人',
    noteHelp: '理由将以短信发送给来信人，请使用规范、礼貌的用语', duplicateOf: '重复的来信编号', duplicateOfRequired: '请填写与之重复的来信编号',
    duplicateOfHelp: '本信箱另一封来信的编号（来信页面地址中的数字）', duplicateOfInvalid: '来信编号为数字',
    draftTitle: '起草答复', text: '答复内容', textRequired: '请填写答复内容', textHelp: '答复经另一名工作人员审核通过后发布，来信人凭查询码查看',
    approveTitle: '审核答复', outcome: '办理结果', outcomeRequired: '请选择办理结果', outcomeHelp: '通过后来信办结，督办事项同时关闭，来信人收到短信通知。',
    tooLong: '不能超过{{max}}个字', ok: '确定', cancel: '取消',
  },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const mailboxStrings = strings('mailbox', mailboxZh, () => import('./mailbox.en').then((m) => m.mailboxEn));
