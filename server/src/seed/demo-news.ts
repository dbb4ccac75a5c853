/**
 * Demo 新闻宣传 (issue 12, F-73), made through the news module's own commands so that the portal's 党建要闻, /news, the
 * TV schedule and the console show something right after start: three published articles in each category written by
 * 杭州市委's and 宁波市委's demo editors and approved by 省委组织部's demo account (no one approves their own), one of
 * them corrected (更正), one article waiting for review and one draft; and this week's and next week's TV programme.
 * People and figures are fictional. Fast: about twenty small inserts, no screening (the texts hold no listed word).
 */
// The commands check permissions: the manifests must be installed (the test templates load the demo without the app).
import '../modules/index.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../platform/actor.js';
import { addDays } from '../platform/china-time.js';
import { approveArticle, correctArticle, createArticle, submitScreened } from '../modules/news/news.service.js';
import { saveEpisode } from '../modules/news/news.tv.js';
import type { DemoTree } from './demo-orgs.js';

const p = (...xs: string[]) => xs.map((x) => `<p>${x}</p>`).join('');
const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);

interface Spec { by: 'hz' | 'nb'; cat: string; title: string; summary: string; body: string; source: string; tags: string[]; daysAgo: number }

const ARTICLES: Spec[] = [
  // 政策解读
  { by: 'hz', cat: '政策解读', title: '一图读懂：基层党组织“三会一课”规范化操作要点', summary: '围绕会议频次、议题安排、记录归档等环节，逐项说明“三会一课”的规范做法。', source: '杭州市委组织部', tags: ['三会一课', '组织生活'], daysAgo: 1,
    body: `<h2>一、会议频次</h2>${p('支部党员大会一般每季度召开1次，支部委员会一般每月召开1次，党小组会一般每月召开1次，党课每季度至少1次。')}<h2>二、议题安排</h2>${p('会前应广泛征求党员意见，确定议题并提前通知；涉及党员切身利益的事项，应当充分讨论后再表决。')}<h2>三、记录归档</h2>${p('会议记录应当如实反映讨论情况和表决结果，由记录人和主持人签字，按年度整理归档。')}` },
  { by: 'nb', cat: '政策解读', title: '流动党员管理服务新规解读：找得到、管得住、用得好', summary: '宁波市委组织部就流动党员教育管理的主要环节作出解读。', source: '宁波市委组织部', tags: ['流动党员'], daysAgo: 4,
    body: p('流动党员外出前，应当向所在党支部报告外出地点、联系方式和返回时间；外出6个月以上且地点相对固定的，原则上应当持《流动党员活动证》到流入地党组织参加组织生活。', '流入地党组织要把流动党员纳入日常教育管理，及时了解思想、工作和生活情况，定期向流出地党组织通报。') },
  { by: 'hz', cat: '政策解读', title: '党费收缴、使用和管理常见问题答疑', summary: '针对基层反映较多的党费计算基数、补交和使用范围等问题作出解答。', source: '杭州市委组织部', tags: ['党费'], daysAgo: 9,
    body: `<h2>问：党费计算基数如何确定？</h2>${p('答：在职党员以每月工资收入中相对固定、经常性的部分为计算基数，按规定比例交纳。')}<h2>问：党费可以用于哪些方面？</h2>${p('答：党费主要用于培训党员、订阅或购买用于开展党员教育的报刊资料、表彰先进基层党组织和优秀党员、补助生活困难党员等。')}` },
  // 热点关注
  { by: 'hz', cat: '热点关注', title: '“红色网格”守护万家灯火：杭州推进党建引领社区治理', summary: '全市各社区以网格党支部为单元，整合力量下沉一线。', source: '杭州市委组织部', tags: ['基层治理', '网格'], daysAgo: 1,
    body: p('今年以来，杭州市深化“党建+网格”工作机制，推动机关党员干部常态化下沉社区，参与矛盾纠纷化解、独居老人走访等工作。', '西湖区某社区网格党支部书记周红梅介绍，社区将辖区划分为12个网格，每个网格由1名党员担任网格长，居民诉求“小事不出网格、大事不出社区”。') },
  { by: 'nb', cat: '热点关注', title: '乡村振兴一线的“领头雁”：宁波村党组织书记专题培训开班', summary: '来自全市各区（县、市）的村党组织书记参加为期5天的集中培训。', source: '宁波市委组织部', tags: ['乡村振兴', '培训'], daysAgo: 3,
    body: p('培训围绕村级集体经济发展、共同富裕基本单元建设、基层治理等内容，采取专题授课、现场教学、案例研讨相结合的方式进行。', '参训学员表示，将把学到的经验带回村里，结合实际谋划好明年重点工作。') },
  { by: 'hz', cat: '热点关注', title: '让党员教育“触手可及”：远程教育站点覆盖全部行政村', summary: '各地依托远程教育终端站点，组织党员就近集中学习。', source: '杭州市委组织部', tags: ['远程教育'], daysAgo: 7,
    body: p('目前，全市已实现党员远程教育终端站点行政村全覆盖。各站点每月至少组织1次集中收看，并做好考勤登记和学习记录。', '针对老年党员和流动党员，各地还推出了送学上门、线上点播等服务方式。') },
  // 重大活动
  { by: 'hz', cat: '重大活动', title: '全省组织工作会议召开 部署明年重点任务', summary: '会议总结今年组织工作，对明年工作作出部署。', source: '杭州市委组织部', tags: ['组织工作会议'], daysAgo: 2,
    body: p('会议指出，要坚持以党建引领高质量发展，持续加强各领域基层党组织建设，着力建设忠诚干净担当的高素质干部队伍。', '会议以视频形式开到县（市、区），各地组织部门负责同志在分会场参加。') },
  { by: 'nb', cat: '重大活动', title: '宁波举办“红色领航·共富同行”党建联建成果展', summary: '展览集中展示近年来村企结对、城乡联建的典型做法。', source: '宁波市委组织部', tags: ['党建联建', '共同富裕'], daysAgo: 6,
    body: p('成果展分“组织联建”“产业联兴”“治理联动”三个板块，通过图片、实物和视频展示各地党建联建成效。', '展览期间，各地党组织还将组织党员群众分批参观学习。') },
  { by: 'hz', cat: '重大活动', title: '西湖区召开基层党建工作述职评议会', summary: '各乡镇（街道）党（工）委书记现场述职，接受评议。', source: '西湖区委组织部', tags: ['述职评议'], daysAgo: 11,
    body: p('会上，各乡镇（街道）党（工）委书记围绕年度基层党建重点任务落实情况进行述职，区委主要负责同志逐一点评。', '会议要求，要对照点评意见建立问题清单，明确整改时限，确保问题整改到位。') },
  // 先进典型
  { by: 'hz', cat: '先进典型', title: '扎根山村二十年的“百姓书记”吴建平', summary: '从带领村民修路到发展民宿产业，他把群众的事当作自己的事。', source: '杭州市委组织部', tags: ['优秀党组织书记'], daysAgo: 1,
    body: p('吴建平（化名）担任村党组织书记二十年，先后带领村民修通进村公路、改造危旧房屋，发展茶叶和民宿产业。', '如今，村集体经营性收入突破百万元，村民人均收入较十年前翻了一番。“群众的事没有小事”，是他常挂在嘴边的一句话。') },
  { by: 'nb', cat: '先进典型', title: '海岛上的“流动党课”：退休教师沈志强的十年坚守', summary: '他带着自制教具走遍海岛村落，为党员群众讲党课。', source: '宁波市委组织部', tags: ['党员志愿者'], daysAgo: 5,
    body: p('退休教师沈志强（化名）十年来坚持为海岛村落的党员群众讲党课，累计开讲三百余场。', '他把党史故事编成渔民听得懂的小段子，深受欢迎。') },
  { by: 'hz', cat: '先进典型', title: '“红马甲”志愿服务队：社区里的温暖力量', summary: '由党员骨干组成的志愿服务队，常年为独居老人提供上门服务。', source: '杭州市委组织部', tags: ['志愿服务'], daysAgo: 8,
    body: p('服务队现有队员45名，其中党员32名，每周两次为辖区独居老人提供助餐、助医、助洁服务。', '服务队负责人表示，将继续扩大服务覆盖面，让更多老人感受到身边的温暖。') },
];

function staffActor(a: { id: string; username: string; display_name: string }, org: { id: string; path: string; name: string }): Actor {
  return {
    accountId: a.id, username: a.username, displayName: a.display_name, kind: 'staff', demo: true, memberId: null, sessionId: 'seed', mfaPassed: true,
    mustChangePassword: false, ip: '127.0.0.1', grants: [{ grantId: 'seed', role: 'org_admin', orgId: org.id, orgPath: org.path, orgName: org.name }],
  };
}

export async function insertDemoNews(db: Kysely<DB>, tree: DemoTree, today: string): Promise<number> {
  const accounts = await db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', 'in', ['demo-province', 'demo-hangzhou', 'demo-ningbo']).execute();
  const acc = (u: string) => accounts.find((a) => a.username === u);
  const hzOrg = tree.cities.get('330100');
  const nbOrg = tree.cities.get('330200');
  if (!acc('demo-province') || !acc('demo-hangzhou') || !acc('demo-ningbo') || !hzOrg || !nbOrg) return 0;
  const province = staffActor(acc('demo-province')!, tree.root);
  const editors = { hz: { actor: staffActor(acc('demo-hangzhou')!, hzOrg), org: hzOrg }, nb: { actor: staffActor(acc('demo-ningbo')!, nbOrg), org: nbOrg } };
  const cats = new Map((await db.selectFrom('news_categories').select(['id', 'name']).execute()).map((c) => [c.name, c.id]));
  let n = 0;
  // Oldest first, so ids follow publication.
  for (const s of [...ARTICLES].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const e = editors[s.by];
    const day = addDays(today, -s.daysAgo);
    const written = at(day, '08:30');
    const { id } = await createArticle(db, e.actor, { orgId: e.org.id, categoryId: cats.get(s.cat)!, title: s.title, summary: s.summary, bodyHtml: s.body, source: s.source, tags: s.tags }, written);
    await submitScreened(db, e.actor, id, [], at(day, '08:45'));
    await approveArticle(db, province, id, {}, at(day, '09:30'));
    if (s.title.startsWith('全省组织工作会议')) {
      await correctArticle(db, province, id, { title: s.title, summary: s.summary, bodyHtml: s.body.replace('开到县（市、区）', '开到县（市、区）和乡镇（街道）'), note: '原文“会议以视频形式开到县（市、区）”应为“开到县（市、区）和乡镇（街道）”，特此更正。' }, at(day, '16:00'));
    }
    n++;
  }
  // One waiting for the province's review, one draft: written yesterday afternoon, so that no demo row is dated after
  // the moment the demo is loaded (the audit log's time filters, and a reader, would see the future).
  const yesterday = addDays(today, -1);
  const waiting = await createArticle(db, editors.hz.actor, {
    orgId: hzOrg.id, categoryId: cats.get('热点关注')!, title: '杭州启动年度党员冬训 聚焦学习宣传贯彻全会精神', summary: '冬训时间从12月持续到次年2月，采取集中轮训和分散自学相结合的方式。',
    bodyHtml: p('全市各级党组织将围绕学习宣传贯彻全会精神，分层分类开展党员冬训。', '冬训期间，各地将组织优秀党员宣讲、主题党日等活动，确保每名党员参训不少于3天。'), source: '杭州市委组织部', tags: ['党员冬训'],
  }, at(yesterday, '16:00'));
  await submitScreened(db, editors.hz.actor, waiting.id, [], at(yesterday, '16:10'));
  await createArticle(db, editors.hz.actor, {
    orgId: hzOrg.id, categoryId: cats.get('先进典型')!, title: '（草稿）社区“老党员议事会”的故事', summary: '',
    bodyHtml: p('稿件撰写中。'), source: '', tags: [],
  }, at(yesterday, '16:20'));
  // The TV programme: two episodes a day, this week and next (Monday to Sunday, China time).
  const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(today, -dow);
  const topics = ['基层党建', '乡村振兴', '先锋风采', '党史故事', '政策解读', '共富路上', '党员冬训'];
  for (let d = 0; d < 14; d++) {
    const day = addDays(monday, d);
    const topic = topics[d % topics.length]!;
    await saveEpisode(db, province, null, {
      orgId: tree.root.id, airAt: `${day}T19:35:00+08:00`, durationMinutes: 25, channel: '浙江电视台公共·新农村频道', title: `《先锋在线》第${101 + d}期：${topic}`,
      description: `聚焦${topic}，走进基层一线，讲述党员身边的故事。`, videoUrl: null, mediaAssetId: null,
    }, at(addDays(monday, -7), '10:00'));
    await saveEpisode(db, province, null, {
      orgId: tree.root.id, airAt: `${day}T06:30:00+08:00`, durationMinutes: 25, channel: '浙江电视台公共·新农村频道', title: `《先锋在线》（重播）：${topics[(d + 6) % topics.length]}`,
      description: '前一日节目重播。', videoUrl: null, mediaAssetId: null,
    }, at(addDays(monday, -7), '10:00'));
  }
  return n;
}
