/** 新闻宣传 (F-73; issue 12): 党建网/时代先锋网 articles through an editorial workflow, and the party-building TV programme (docs/news.md). */
import { defineModule } from '../../platform/module.js';
import { Article, Category, PublicArticle, PublicArticleList, PublicWeek } from './news.schema.js';
import { newsRoutes } from './news.routes.js';
import { publishDue } from './news.service.js';

export const PUBLISH_QUEUE = 'news.publish-due';

export const newsModule = defineModule({
  name: 'news',
  routes: newsRoutes,
  schemas: [Category, Article, PublicArticle, PublicArticleList, PublicWeek],
  permissions: {
    'news.edit': { zh: '撰写新闻稿件、安排党建电视节目', en: 'Write news articles and schedule the TV programme', roles: ['org_admin'] },
    'news.review': { zh: '审核、撤稿和更正新闻稿件', en: 'Review, withdraw and correct news articles', roles: ['org_admin'] },
    'news.admin': { zh: '设置新闻栏目（省级）', en: 'Set up news categories (province)', roles: ['org_admin'] },
  },
  auditActions: {
    'news.create': { zh: '新建新闻稿件', en: 'Create news article' },
    'news.update': { zh: '修改新闻稿件', en: 'Edit news article' },
    'news.submit': { zh: '提交新闻稿件审核', en: 'Submit news article for review' },
    'news.approve': { zh: '审核通过新闻稿件', en: 'Approve news article' },
    'news.return': { zh: '退回新闻稿件', en: 'Return news article' },
    'news.publish': { zh: '定时发布新闻稿件', en: 'Publish scheduled news article' },
    'news.withdraw': { zh: '新闻稿件撤稿', en: 'Withdraw news article' },
    'news.correct': { zh: '发布新闻更正', en: 'Correct news article' },
    'news.image.upload': { zh: '上传新闻图片', en: 'Upload news image' },
    'news.category.create': { zh: '新增新闻栏目', en: 'Create news category' },
    'news.category.update': { zh: '修改新闻栏目', en: 'Edit news category' },
    'news.tv.create': { zh: '安排党建电视节目', en: 'Schedule TV programme episode' },
    'news.tv.update': { zh: '修改党建电视节目', en: 'Edit TV programme episode' },
    'news.tv.delete': { zh: '删除党建电视节目', en: 'Delete TV programme episode' },
  },
  entityTypes: {
    news_article: { zh: '新闻稿件', en: 'News article' },
    news_category: { zh: '新闻栏目', en: 'News category' },
    news_image: { zh: '新闻图片', en: 'News image' },
    news_tv_episode: { zh: '党建电视节目', en: 'TV programme episode' },
  },
  problems: {
    'news.state': 'The article is not in a state that allows this',
    'news.own_article': 'An article is reviewed by someone other than its editor',
    'news.flagged': 'The article holds sensitive words: confirm them before approving',
    'news.province_only': 'News categories are set by the province',
  },
  queues: [{ name: PUBLISH_QUEUE, handler: (ctx) => async () => { await publishDue(ctx); } }],
  schedules: [{ name: 'news.publish-due', when: { everyMs: 60_000 }, queue: PUBLISH_QUEUE }],
});
