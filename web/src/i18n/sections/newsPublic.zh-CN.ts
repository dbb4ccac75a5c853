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
    reading: '学习计时中，阅读满规定时间计入学习积分。',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const newsPublicStrings = strings('newsPublic', newsPublicZh, () => import('./newsPublic.en').then((m) => m.newsPublicEn));
