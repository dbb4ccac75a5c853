// The Chinese strings (t('disclosurePublic.…')) of the public disclosure pages (/disclosure, /disclosure/:id, /tv/disclosures/:orgId). en is in disclosurePublic.en.ts.
import { strings } from '../strings';
export const disclosurePublicZh = {
    title: '党务公开', intro: '党务、村务、财务公开，随时查询。内容由各村（社区）党组织发布，发布后的每次修改都保留历史版本。',
    kinds: { all: '全部', party: '党务公开', village: '村务公开', finance: '财务公开' },
    search: '搜索公开内容', searchPlaceholder: '输入关键词，如：道路硬化', searchButton: '搜索', clear: '清除',
    region: '按地区浏览', allRegions: '全省', up: '返回上一级', items: '{{count}}项',
    period: '期间', allPeriods: '全部期间',
    results: '公开事项', none: '没有找到符合条件的公开事项。', more: '加载更多', loadFailed: '公开内容暂时无法打开，请检查网络后重试。',
    publishedAt: '发布时间', version: '第{{version}}版', back: '返回公开列表',
    finance: '收支明细', opening: '期初余额', income: '收入', expense: '支出', incomeTotal: '收入合计', expenseTotal: '支出合计', closing: '期末余额',
    category: '项目', amount: '金额（元）', note: '说明',
    attachments: '附件', fingerprint: '内容指纹（SHA-256）', fingerprintHint: '指纹由公开的标题、正文和收支表计算，内容有任何改动指纹都会变化。',
    versions: '历史版本', current: '当前版本', view: '查看', oldNotice: '您正在查看历史版本（第{{version}}版，{{at}}发布），当前为第{{latest}}版。', toCurrent: '查看当前版本',
    notFound: '该公开事项不存在或已撤回。', tv: '电视屏展示', tvEmpty: '暂无公开内容', tvPage: '第{{page}}/{{pages}}页', tvItem: '第{{item}}/{{items}}项',
    q: {
        title: '群众提问', intro: '对本事项有疑问，可以在这里提问。提问经审核后公开，由{{org}}答复。', none: '暂无公开的提问。',
        anonymous: '群众', askedAt: '提问于{{at}}', answeredBy: '{{org}}答复', answeredAt: '{{at}}', waiting: '等待答复',
        correctedAt: '{{at}}更正', previous: '查看原答复（{{count}}）', previousAt: '原答复，{{at}}公开',
        more: '加载更多提问', loadFailed: '提问暂时无法加载，请稍后重试。',
        form: '我要提问', body: '提问内容', bodyHint: '请围绕本公开事项提问，不超过500字。', count: '{{count}}/500',
        name: '称呼（可不填）', nameHint: '公开时只显示首字，如“王**”；手机号码不会公开。', namePlaceholder: '如：王建国',
        submit: '提交提问', submitting: '正在提交…', needPhone: '请先验证手机号码', needBody: '请填写提问内容', tooLong: '提问内容不能超过500字',
        done: '提问已提交，经审核后公开。答复后将以短信通知您。',
    },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const disclosurePublicStrings = strings('disclosurePublic', disclosurePublicZh, () => import('./disclosurePublic.en').then((m) => m.disclosurePublicEn));
