// The Chinese strings (t('mailboxPublic.…')) of the public mailbox pages (/mailbox, /mailbox/:orgId/write, /mailbox/track). en is in mailboxPublic.en.ts.
import { strings } from '../strings';
export const mailboxPublicZh = {
  title: '部长信箱', intro: '您可以向省委组织部和各市委组织部部长写信，反映意见建议、咨询问题、投诉举报或请求帮助。写信后您将获得查询码，凭查询码可随时查看办理进度和答复。',
  province: '省委组织部', cities: '各市委组织部', write: '写信', writeTo: '给{{name}}写信', track: '查询办理情况',
  trackIntro: '已经写过信？输入查询码查看办理进度和答复。', loadFailed: '信箱列表暂时无法获取，请检查网络后刷新。', notFound: '该信箱不存在。',
  back: '返回部长信箱',
  form: {
    intro: '请如实填写。带 * 的为必填项。来信内容仅由组织部门工作人员办理，您的手机号码和姓名不会公开。',
    category: '来信类别', categoryRequired: '请选择来信类别',
    title: '标题', titlePlaceholder: '用一句话概括您的来信，不超过100个字', titleRequired: '请填写标题', titleTooLong: '标题不能超过100个字（现有{{count}}个字）',
    body: '来信内容', bodyPlaceholder: '请写明事情的经过、涉及的地点和单位，以及您的意见或诉求', bodyRequired: '请填写来信内容',
    bodyTooLong: '来信内容不能超过5000个字（现有{{count}}个字）', counter: '{{count}}/{{max}}字',
    name: '姓名（选填）', nameHint: '可不填写。填写后仅办理人员可见，且以脱敏方式显示。', nameTooLong: '姓名不能超过30个字',
    consent: '是否同意公开', consentRequired: '请选择是否同意公开您的来信',
    consentYes: '同意公开：来信和答复可以在本网站公开，公开前会删去我的姓名、手机号码等个人信息。',
    consentNo: '不同意公开：来信和答复只有我本人凭查询码可以查看。',
    phone: '手机号码验证', phoneHint: '为防止冒用，写信前须以短信验证码验证手机号码。受理、答复等进展将以短信告知。',
    phoneRequired: '请先验证手机号码', phoneExpired: '手机号码验证已过期，请重新验证后再提交（已填写的内容不会丢失）',
    captchaRequired: '请输入图形验证码',
    submit: '提交来信', submitting: '正在提交…', fixErrors: '有{{count}}处需要修改，请查看标红的项目。', failed: '提交未成功：{{reason}}',
    draftKept: '已填写的内容已保存在本页面，修改后可再次提交。',
  },
  categories: { suggestion: '意见建议', consultation: '咨询', complaint: '投诉举报', help: '求助', other: '其他' },
  done: {
    title: '来信已提交', lead: '您的来信已送达{{mailbox}}。请记下查询码，凭它查询办理情况和答复：', code: '查询码',
    copy: '复制查询码', copied: '已复制', copyFailed: '复制未成功，请手工抄写查询码', smsNote: '查询码也已通过短信发送到您验证的手机。',
    nextTitle: '接下来会怎样', next1: '工作人员审阅来信，决定受理或不予受理；不予受理的会说明理由。',
    next2: '受理后，来信交由有关单位办理，每一级都有办理期限（一般不超过15个工作日）。',
    next3: '答复经审核后，您会收到短信通知，凭查询码即可查看答复内容。', trackNow: '查询办理情况', writeAnother: '再写一封',
  },
  lookup: {
    title: '查询办理情况', intro: '查询码为12位字母和数字，可在提交来信后的页面或短信中找到；字母不区分大小写，空格可不输入。',
    code: '查询码', codePlaceholder: '例如 ABCD EFGH JKLM', codeRequired: '请输入查询码', codeInvalid: '查询码应为12位字母和数字，请核对',
    submit: '查询', notFound: '没有找到该查询码对应的来信，请核对后重新输入。', failed: '查询未成功：{{reason}}',
    state: '办理状态', mailbox: '信箱', category: '类别', createdAt: '来信时间', answeredAt: '答复时间', yourLetter: '您的来信',
    declineReason: '不予受理的原因', answer: '答复', noAnswer: '尚未答复。答复经审核后会以短信通知您。',
    published: '经您同意，这封来信和答复已删去个人信息后公开。', publishedOpen: '查看公开页面',
  },
  published: {
    title: '来信选登', lead: '经来信人同意公开的来信及答复，已删去来信人姓名、手机号码等个人信息。', open: '查看来信选登',
    intro: '以下来信及答复经来信人同意后公开，公开前已删去来信人的姓名、手机号码等个人信息。',
    search: '搜索公开的来信', searchPlaceholder: '输入标题或内容中的字词', searchButton: '搜索',
    mailbox: '信箱', allMailboxes: '全部信箱', category: '类别', allCategories: '全部类别',
    results: '公开的来信', none: '目前还没有公开的来信。', noneFiltered: '没有符合条件的来信，请更换搜索字词或筛选条件。',
    loadFailed: '内容暂时无法获取，请检查网络后刷新。', more: '加载更多', writtenOn: '来信', answeredAt: '答复',
    back: '返回来信选登', notFound: '该来信不存在或已撤回公开。', question: '来信内容', publishedAt: '公开时间',
    fingerprint: '内容指纹（SHA-256）',
    fingerprintHint: '指纹由公开的标题、来信内容、答复等按规范格式计算得出。内容如有改动，指纹随之改变，可据此核验公开内容未被篡改。',
    privacy: '本页内容已删去来信人的个人信息。',
  },
  states: { received: '已收到，待受理', handling: '已受理，正在办理', declined: '不予受理', answered: '已答复' },
  declineKinds: { duplicate: '重复来信', not_ours: '不属于本信箱受理范围', invalid: '内容无效' },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const mailboxPublicStrings = strings('mailboxPublic', mailboxPublicZh, () => import('./mailboxPublic.en').then((m) => m.mailboxPublicEn));
