// The Chinese strings (t('newsPublic.…')) of the public news pages (/news, /news/:id, /news/tv). en is in newsPublic.en.ts.
import { strings } from '../strings';
export const newsPublicZh = {
    title: '党建要闻', intro: '全省党建工作政策解读、热点关注、重大活动和先进典型。',
    all: '全部', search: '搜索文章', searchPlaceholder: '输入关键词，如：乡村振兴', searchButton: '搜索', clear: '清除',
    none: '没有找到符合条件的文章。', more: '加载更多', loadFailed: '文章暂时无法打开，请检查网络后重试。', loading: '正在加载…',
    back: '返回党建要闻', publishedAt: '发布时间', source: '来源', org: '发布单位', tags: '关键词', corrected: '已更正',
    corrections: '更正说明', correctedAt: '{{at}}更正', notFound: '该文章不存在或已撤稿。',
    tv: '党建电视节目', tvTitle: '党建电视节目单', tvIntro: '每周播出安排（北京时间）。', prevWeek: '上一周', nextWeek: '下一周', thisWeek: '本周',
    tvNone: '本日暂无节目', watch: '观看视频', minutes: '{{count}}分钟', weekRange: '{{start}} 至 {{end}}',
    weekdays: { 0: '星期一', 1: '星期二', 2: '星期三', 3: '星期四', 4: '星期五', 5: '星期六', 6: '星期日' },
    seconds: '{{count}}秒',
    reading: '学习计时中：阅读满{{span}}可获{{m}}分钟学时，请保持本页面打开。', readingProgress: '已阅读{{s}}秒。',
    readingDone: '已获得{{m}}分钟学时。', readingCapped: '已获得{{m}}分钟学时（今日文章学时已达上限，只计入剩余部分）。',
    readingAlready: '今天已因阅读本文获得过学时，同一篇文章每天只计一次。', readingCapUsed: '今日文章阅读学时已达上限，明天阅读可继续获得学时。',
    readingStopped: '学习计时已中断，请刷新页面后继续。', myLearning: '查看我的学习',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const newsPublicStrings = strings('newsPublic', newsPublicZh, () => import('./newsPublic.en').then((m) => m.newsPublicEn));
