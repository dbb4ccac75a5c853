/**
 * Demo 学习统计 (issue 12): credits for the demo members, so the console's learning statistics are not empty, awarded
 * through the ledger's one writer (awardCredit) with a fixed seed, then one refresh of the organization figures.
 * Each county gets its own level of diligence (so rankings differ). One member in ten takes part, so the loader stays
 * at a few hundred awards (each award is the ledger's full transaction logic); of them about half meet the 32-hour
 * duty (committee members, 56 h, stay part of the way), the rest have one sitting. The credits are group viewings (up
 * to 480 minutes, the daily cap) on distinct days of this year before today.
 */
import '../modules/index.js';
import type { AppContext } from '../platform/context.js';
import { chinaYear } from '../platform/china-time.js';
import { awardCredit } from '../modules/learning/learning.commands.js';
import { refreshOrgStats } from '../modules/learning/learning.reports.js';
import { createRandom, DEFAULT_SEED } from './random.js';

const TITLES = ['学习贯彻党的二十届四中全会精神专题辅导', '习近平新时代中国特色社会主义思想学习纲要导读', '基层党组织建设工作条例解读', '“千万工程”经验案例学习',
  '党章党规党纪专题学习', '共同富裕示范区建设专题讲座', '乡村振兴与集体经济发展', '党员教育管理工作条例解读'];
const DAY = 86_400_000;

export async function insertDemoCredits(ctx: AppContext, seed = DEFAULT_SEED): Promise<{ credits: number; members: number; orgs: number }> {
  const rng = createRandom((seed ^ 0x1ea7) >>> 0);
  const now = ctx.now();
  const year = chinaYear(now);
  const start = Date.parse(`${year}-01-02T02:00:00Z`); // 10:00 in China
  const days = Math.max(1, Math.floor((now.getTime() - start) / DAY));
  const members = await ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'o.path', (eb) => eb.exists(eb.selectFrom('party_positions as p').select('p.id').whereRef('p.member_id', '=', 'm.id').where('p.ended_on', 'is', null)).as('cadre')])
    .where('m.departed_on', 'is', null).orderBy('m.id').execute();
  const diligence = new Map<string, number>();
  let credits = 0, credited = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const m of members) {
      const county = m.path.split('/').slice(0, 4).join('/');
      if (!diligence.has(county)) diligence.set(county, rng.next() * 0.3 - 0.15);
      const p = rng.next() + diligence.get(county)!;
      // One member in ten takes part (keeps the loader to a few hundred awards: `npm start` stays quick): of them, about half meet the
      // duty — 32 h in four group viewings; committee members (56 h) stop there, part of the way — the rest one sitting.
      if (!rng.chance(1 / 10)) continue;
      const target = p < 0.15 ? 0 : p < 0.6 ? 32 * 60 : rng.int(60, 480);
      if (target === 0) continue;
      credited++;
      const first = rng.int(0, Math.max(0, days - 40));
      for (let i = 0, left = target; left > 0; i++) {
        const viewing = i % 4 !== 3 || left > 240;
        const minutes = Math.min(left, viewing ? 480 : 240);
        const at = new Date(start + Math.min(days - 1, first + i * 3) * DAY);
        const out = await awardCredit(trx, {
          memberId: m.id, kind: viewing ? 'group_viewing' : 'lesson', sourceType: viewing ? 'viewing.session' : 'learning.lesson',
          sourceId: String(1 + ((i * 7 + Number(m.id)) % 97)), minutes, title: TITLES[(i + Number(m.id)) % TITLES.length],
        }, at);
        if (!out.awarded) break; // a year too young for the days this needs: the member stays part of the way
        credits++;
        left -= out.minutes;
      }
    }
  });
  const refreshed = await refreshOrgStats(ctx.db, year, now);
  return { credits, members: credited, orgs: refreshed.orgs };
}
