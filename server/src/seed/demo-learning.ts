/**
 * Demo 远程教育 courses (issue 12), made through the learning module's own commands as 省委组织部's demo account: two
 * published courses of the province (every member sees them) and one of 杭州市委 (Hangzhou's members only), with
 * article lessons, a quiz and a draft, so that 课程, a lesson and 课程管理 show something right after start. No video
 * lessons: a video needs the media module's upload (or an MP4 address), which the demo does not ship.
 */
// The commands check permissions: the manifests must be installed (the test templates load the demo without the app).
import '../modules/index.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../platform/actor.js';
import { addLesson, createCourse, setCourseStatus } from '../modules/learning/learning.courses.js';
import { attachRecording, createLive, endLive, startLive } from '../modules/learning/learning.live.js';
import type { LiveCreateInput } from '../modules/learning/learning.live.schema.js';
import { addDays } from '../platform/china-time.js';
import type { CourseCreateInput, LessonInput } from '../modules/learning/learning.courses.schema.js';
import type { DemoTree } from './demo-orgs.js';

// The request shapes' literal unions (TypeBox `lit`) are checked at run time by the commands' callers; typed here as the
// plain objects the routes would pass on.
const courseInput = (c: Omit<CourseCreateInput, 'audiences'> & { audiences: string[] }) => c as unknown as CourseCreateInput;
const lessonInput = (l: Omit<LessonInput, 'kind'> & { kind: string }) => l as unknown as LessonInput;

const p = (...xs: string[]) => xs.map((x) => `<p>${x}</p>`).join('');

export async function insertDemoLearning(db: Kysely<DB>, tree: DemoTree, today: string): Promise<number> {
  const account = await db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', 'demo-province').executeTakeFirst();
  const hangzhou = tree.cities.get('330100');
  if (!account || !hangzhou) return 0;
  const actor: Actor = {
    accountId: account.id, username: account.username, displayName: account.display_name, kind: 'staff', demo: true, memberId: null, sessionId: 'seed', mfaPassed: true,
    mustChangePassword: false, ip: '127.0.0.1', grants: [{ grantId: 'seed', role: 'org_admin', orgId: tree.root.id, orgPath: tree.root.path, orgName: tree.root.name }],
  };
  const topics = new Map((await db.selectFrom('learning_topics').select(['id', 'name']).execute()).map((t) => [t.name, t.id]));
  // Yesterday 16:00 China: no demo row is dated after the moment the demo is loaded.
  const now = new Date(Date.parse(`${today}T16:00:00+08:00`) - 86_400_000);
  const topic = (name: string) => topics.get(name) ?? [...topics.values()][0]!;

  const theory = await createCourse(db, actor, courseInput({
    orgId: tree.root.id, topicId: topic('理论学习'), title: '深入学习贯彻党的二十届三中全会精神', audiences: ['member', 'secretary', 'village_official'],
    description: '围绕进一步全面深化改革、推进中国式现代化，系统学习全会精神的主要内容和基本要求。',
  }), now);
  await addLesson(db, actor, theory.id, lessonInput({
    kind: 'article', title: '全会精神要点解读',
    bodyHtml: p('党的二十届三中全会是在以中国式现代化全面推进强国建设、民族复兴伟业的关键时期召开的一次十分重要的会议。',
      '全会审议通过的决定，紧紧围绕推进中国式现代化这个主题擘画进一步全面深化改革战略举措。', '基层党组织要把学习贯彻全会精神作为当前和今后一个时期的重要政治任务。'),
  }), now);
  await addLesson(db, actor, theory.id, lessonInput({
    kind: 'quiz', title: '全会精神学习测验', passPercent: 60, questions: [
      { text: '进一步全面深化改革的总目标是继续完善和发展中国特色社会主义制度，推进国家治理体系和治理能力（ ）。', multiple: false, options: ['现代化', '法治化', '信息化'], answer: [0] },
      { text: '下列属于基层党组织学习贯彻全会精神的做法有（ ）。', multiple: true, options: ['开展专题学习', '组织宣讲进村入户', '只发文件不学习'], answer: [0, 1] },
    ],
  }), now);
  await setCourseStatus(db, actor, theory.id, 'published', now);

  const tech = await createCourse(db, actor, courseInput({
    orgId: tree.root.id, topicId: topic('实用技术'), title: '乡村振兴实用技术：茶园绿色管理', audiences: ['village_official', 'member'],
    description: '面向农村党员和村干部的实用技术课程，介绍茶园绿色防控和生态种植。',
  }), now);
  await addLesson(db, actor, tech.id, lessonInput({
    kind: 'article', title: '茶园病虫害绿色防控', bodyHtml: p('推广杀虫灯、色板诱杀等物理防治措施，减少化学农药使用。', '合理修剪、适时采摘，保持茶园通风透光，降低病虫害发生。'),
  }), now);
  await setCourseStatus(db, actor, tech.id, 'published', now);

  const rules = await createCourse(db, actor, courseInput({
    orgId: hangzhou.id, topicId: topic('党章党规'), title: '党章党规应知应会（杭州市）', audiences: ['member'],
    description: '杭州市委组织部面向全市党员的党章党规学习课程。',
  }), now);
  await addLesson(db, actor, rules.id, lessonInput({
    kind: 'article', title: '党员的八项义务', bodyHtml: p('认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想。', '贯彻执行党的基本路线和各项方针、政策，带头参加改革开放和社会主义现代化建设。'),
  }), now);
  await addLesson(db, actor, rules.id, lessonInput({
    kind: 'quiz', title: '党章知识测验', passPercent: 60, questions: [
      { text: '党员如果没有正当理由，连续（ ）个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。', multiple: false, options: ['三', '六', '十二'], answer: [1] },
    ],
  }), now);
  await setCourseStatus(db, actor, rules.id, 'published', now);

  await createCourse(db, actor, courseInput({
    orgId: hangzhou.id, topicId: topic('先进典型'), title: '身边的优秀共产党员（草稿）', audiences: ['member'], description: '待补充课时后发布。',
  }), now);
  await insertDemoLive(db, actor, tree, hangzhou, today, theory.id);
  return 4;
}

/**
 * 直播课堂: one of the province's, held yesterday evening and ended, with its recording attached to the theory course;
 * one of the province's scheduled for tomorrow evening, and one of Hangzhou's for its branch secretaries the day after
 * (so Hangzhou's staff, who manage their own city's events, see one in 直播管理). Every write is dated yesterday or at today 00:30; the upcoming one's start is a
 * planned time. The demo ships no video: the encoder's playlist and the recording's MP4 are example addresses.
 */
async function insertDemoLive(db: Kysely<DB>, actor: Actor, tree: DemoTree, hangzhou: DemoTree['root'], today: string, courseId: string): Promise<void> {
  const yesterday = addDays(today, -1);
  const tomorrow = addDays(today, 1);
  const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);
  const liveInput = (l: Omit<LiveCreateInput, 'audiences'> & { audiences: string[] }) => l as unknown as LiveCreateInput;
  const past = await createLive(db, actor, liveInput({
    orgId: tree.root.id, title: '全省党员干部学习贯彻全会精神专题直播', audiences: ['member', 'secretary', 'village_official'], courseId,
    description: '省委宣讲团成员解读全会精神，直播期间可在线提问交流。', sourceUrl: 'https://live.example.cn/hls/zj-plenum/index.m3u8',
    startsAt: at(yesterday, '19:30').toISOString(), endsAt: at(yesterday, '21:00').toISOString(),
  }), at(yesterday, '09:00'));
  await startLive(db, actor, past.id, at(yesterday, '19:25'));
  await endLive(db, actor, past.id, at(yesterday, '21:02'));
  await attachRecording(db, actor, past.id, { videoUrl: 'https://live.example.cn/vod/zj-plenum.mp4', durationSeconds: 5400 }, at(yesterday, '21:30'));
  await createLive(db, actor, liveInput({
    orgId: tree.root.id, title: '乡村振兴实用技术直播课：冬季茶园管护', audiences: ['member', 'village_official'],
    description: '省农业农村厅专家在线讲解冬季茶园管护要点，欢迎农村党员和村干部收看。', sourceUrl: 'https://live.example.cn/hls/tea-winter/index.m3u8',
    startsAt: at(tomorrow, '19:30').toISOString(), endsAt: at(tomorrow, '20:30').toISOString(),
  }), at(today, '00:30'));
  await createLive(db, actor, liveInput({
    orgId: hangzhou.id, title: '杭州市基层党组织书记冬训专题直播', audiences: ['secretary'],
    description: '市委组织部解读年度基层党建重点任务，各党支部书记请按时收看。', sourceUrl: 'https://live.example.cn/hls/hz-secretaries/index.m3u8',
    startsAt: at(addDays(today, 2), '14:30').toISOString(), endsAt: at(addDays(today, 2), '16:00').toISOString(),
  }), at(today, '00:30'));
}
