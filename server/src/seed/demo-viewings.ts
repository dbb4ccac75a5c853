/**
 * Demo 集中收看 (F-72): at the township station over demo-member's branch, two past sessions with attendance taken by
 * roll call and confirmed (credits given through the learning ledger's awardCredit, by the viewings module's own
 * commands on a clock set back to each session), and one session open now, so demo-member can check in by QR.
 * Deterministic: the first members of the station's subtree by id are present; no randomness.
 */
import type { AppContext } from '../platform/context.js';
import { loadGrants } from '../platform/sessions.js';
import type { Actor } from '../platform/actor.js';
import { confirmSession, createSession, setAttendance } from '../modules/viewings/viewings.service.js';

const DAY = 86_400_000;
const PAST = [
  { daysAgo: 9, title: '学习贯彻党的二十届四中全会精神专题辅导', minutes: 90, present: 12 },
  { daysAgo: 3, title: '“千万工程”经验专题党课', minutes: 60, present: 9 },
];

export async function insertDemoViewings(ctx: AppContext): Promise<{ sessions: number; credited: number } | null> {
  const account = await ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', 'demo-hangzhou').executeTakeFirst();
  const member = await ctx.db.selectFrom('accounts as a').innerJoin('members as m', 'm.id', 'a.member_id').select(['m.id', 'm.org_path']).where('a.username', '=', 'demo-member').executeTakeFirst();
  if (!account || !member) return null;
  const stations = await ctx.db.selectFrom('stations as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(['s.id', 's.manager_name', 'o.path'])
    .where('s.status', '=', 'active').orderBy('s.id').execute();
  const station = stations.filter((s) => member.org_path.startsWith(s.path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!station) return null;
  const actor: Actor = {
    accountId: account.id, username: account.username, displayName: account.display_name, kind: 'staff', demo: true, memberId: null,
    sessionId: '', mfaPassed: true, mustChangePassword: false, ip: '', grants: await loadGrants(ctx.db, account.id),
  };
  const at = (t: number): AppContext => ({ ...ctx, now: () => new Date(t) });
  const roll = await ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${station.path}%`).where('departed_on', 'is', null).orderBy('id').limit(20).execute();
  const now = ctx.now().getTime();
  // 09:00 China time, `daysAgo` days ago.
  const nineOf = (daysAgo: number) => new Date(`${new Date(now - daysAgo * DAY + 8 * 3600_000).toISOString().slice(0, 10)}T09:00:00+08:00`).getTime();
  let credited = 0;
  for (const p of PAST) {
    const start = nineOf(p.daysAgo);
    const id = await createSession(at(start - 2 * DAY), actor, {
      stationId: station.id, title: p.title, startsAt: new Date(start).toISOString(), durationMinutes: p.minutes, organizerName: station.manager_name ?? '站点管理员',
    });
    for (const m of roll.slice(0, p.present)) await setAttendance(at(start + 5 * 60_000), actor, id, m.id, true);
    credited += (await confirmSession(at(start + p.minutes * 60_000), actor, id)).credited;
  }
  // Open now: started ten to twenty minutes ago at a whole ten minutes (or at midnight, whichever is later), two hours long.
  const midnight = new Date(`${new Date(now + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00+08:00`).getTime();
  const start = Math.max(midnight, Math.floor((now - 10 * 60_000) / 600_000) * 600_000);
  const open = await createSession(at(start), actor, {
    stationId: station.id, title: '党员冬训：新时代党员先锋作用', liveTitle: '浙江党建远程教育直播课堂', startsAt: new Date(start).toISOString(), durationMinutes: 120,
    organizerName: station.manager_name ?? '站点管理员', notes: '请党员扫码签到',
  });
  // demo-member is left to check in by QR.
  for (const m of roll.filter((r) => r.id !== member.id).slice(0, 4)) await setAttendance(at(start + 60_000), actor, open, m.id, true);
  return { sessions: PAST.length + 1, credited };
}
