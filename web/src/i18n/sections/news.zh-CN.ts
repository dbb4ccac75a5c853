// The Chinese strings (t('news.…')) of the console's 新闻宣传 screens. en is in news.en.ts.
import { strings } from '../strings';
export const newsZh = {
    title: '新闻宣传', create: '撰写稿件', tvTitle: '党建电视节目',
    tabs: { articles: '稿件', review: '审核', tv: '电视节目', categories: '栏目' },
    states: { draft: '草稿', submitted: '待审核', returned: '退回修改', scheduled: '待定时发布', published: '已发布', withdrawn: '已撤稿' },
    fields: {
        title: '标题', category: '栏目', org: '发布单位', state: '状态', summary: '摘要', body: '正文', source: '来源', tags: '关键词', cover: '封面图片',
        publishAt: '定时发布', publishedAt: '发布时间', updatedAt: '更新时间', version: '版本', reason: '原因', note: '更正说明',
        airAt: '播出时间', duration: '时长（分钟）', channel: '频道', episodeTitle: '节目标题', description: '节目介绍', videoUrl: '外部视频地址', mediaAssetId: '媒体库视频',
        name: '栏目名称', sortOrder: '顺序',
    },
    allStates: '全部状态', allCategories: '全部栏目', allOrgs: '全部组织', searchTitle: '按标题查找', more: '加载更多',
    empty: '暂无稿件', emptyHint: '点击右上角“撰写稿件”开始撰写。', reviewEmpty: '暂无待审核稿件', flagged: '含敏感词',
    bodyHelp: '可使用段落、标题、列表、表格、加粗等格式（HTML）；脚本、样式、外部图片等不安全内容保存时自动清除。',
    tagsHelp: '回车分隔，最多8个', coverUpload: '上传封面', coverHelp: 'JPG、PNG 或 WebP 图片，不超过5 MB',
    save: '保存草稿', saved: '已保存', submit: '提交审核', submitted: '已提交审核', submittedFlagged: '已提交审核。稿件含敏感词：{{words}}，审核人将核实。',
    approve: '审核通过', approveNow: '立即发布', approveAt: '定时发布', approved: '已审核通过', confirmFlagged: '已核实敏感词，确认可以发布',
    returnIt: '退回修改', returned: '已退回', withdraw: '撤稿', withdrawn: '已撤稿', correct: '发布更正', corrected: '更正已发布',
    reasonRequired: '请填写原因', returnReasonLabel: '退回原因', withdrawReasonLabel: '撤稿原因', noteRequired: '请填写更正说明',
    ownArticle: '本人撰写或提交的稿件须由其他审核人员审核。',
    preview: '预览', previewHelp: '预览显示保存后的内容（已按安全规则清理），与公众看到的一致。', versions: '发布版本', noVersions: '尚未发布',
    returnedNotice: '审核退回：{{reason}}', withdrawnNotice: '已撤稿：{{reason}}', scheduledNotice: '将于 {{at}}（北京时间）自动发布',
    flaggedNotice: '提交时检出敏感词：{{words}}。请核实后再审核通过。', viewPublic: '查看公开页面',
    episodes: '节目单', addEpisode: '安排节目', editEpisode: '修改节目', deleteEpisode: '删除', deleteConfirm: '确定删除这期节目？', tvEmpty: '暂无安排的节目', publicGuide: '公开节目单',
    addCategory: '新增栏目', categoryHelp: '栏目由省级管理员统一设置，各级发稿时选用。',
    orgHelp: '省、市、县（市、区）党委', cancel: '取消', ok: '确定',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const newsStrings = strings('news', newsZh, () => import('./news.en').then((m) => m.newsEn));
