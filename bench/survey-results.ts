/**
 * Survey results and re-categorization at size (issue 10, item 7), on PostgreSQL: `npm run bench -- survey-results`.
 *
 *   surveys.results.100k      the results of a survey with 100,000 replies (shares, response rate, the lines of a level,
 *                             examples per category) as GET /api/surveys/{id}/results computes them: p50 / p95 of 60 calls
 *                             at the province level and 60 a city down (target p95 ≤ 200 ms)
 *   surveys.timeline.100k     replies per day, same survey (p95): computed, and kept (served until a reply arrives)
 *   surveys.words.100k        the word counts, same survey (p95): computed, and kept (served until a reply arrives)
 *   surveys.recategorize.10k  10,000 replies moved to another category by hand at once, with a change row each and
 *                             one audit row (target ≤ 5 s); three runs
 *   surveys.rerun.100k        the re-run job after a rule change: 100,000 replies through the rules again (printed)
 *
 * The database (BENCH_SURVEYS_URL, default postgres://root@127.0.0.1:5432/dj_bench_surveys) is made anew: migrations,
 * the demo organization tree and accounts, then 100,000 invitees spread over the tree's grassroots organizations, each
 * with one reply from the seeded corpus of server/test/reply-corpus.ts, categorized by five rules as the platform does.
 */
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config.js';
import { startContext } from '../server/src/platform/bootstrap.js';
import type { Actor } from '../server/src/platform/actor.js';
import { loadDemoData } from '../server/src/seed/demo-data.js';
import { generateReplyCorpus } from '../server/test/reply-corpus.js';
import { recreateBenchDatabase } from './database.js';

type Line = (o: Record<string, unknown>) => void;
const URL_ = process.env.BENCH_SURVEYS_URL ?? 'postgres://root@127.0.0.1:5432/dj_bench_surveys';
const N = Number(process.env.BENCH_SURVEY_RESULTS_REPLIES ?? 100_000);
const KEY = Buffer.alloc(32, 7).toString('base64');

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10; };
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> { const t0 = performance.now(); const r = await f(); return [r, performance.now() - t0]; }

export async function benchSurveyResults({ line, only }: { line: Line; only: RegExp | null }) {
  const want = (name: string) => !only || only.test(name);
  await import('../server/src/modules/index.js'); // the permissions the reads check
  const { results, timeline, words, forgetKeptResults } = await import('../server/src/modules/surveys/surveys.results.js');
  const { recategorize, rerunJob } = await import('../server/src/modules/surveys/surveys.categories.js');
  await recreateBenchDatabase(URL_);
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: URL_, DATA_DIR: '/tmp/dj-bench-surveys', DJ_DATA_KEY: KEY, DJ_INDEX_KEY: KEY, DJ_AUDIT_KEY: KEY, LOG_LEVEL: 'silent', DEMO_DATA: 'false' } as NodeJS.ProcessEnv);
  const { ctx, database } = await startContext(config, {});
  try {
    await loadDemoData(ctx.db, ctx.crypto, { members: 300 });
    const root = await ctx.db.selectFrom('orgs').select(['id', 'path', 'name']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const city = await ctx.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', root.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const account = await ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', 'demo-province').executeTakeFirstOrThrow();
    const actor: Actor = {
      accountId: account.id, username: account.username, displayName: account.display_name, kind: 'staff', demo: true, memberId: null, sessionId: '1', mfaPassed: true,
      mustChangePassword: false, ip: '127.0.0.1', grants: [{ grantId: '1', role: 'org_admin', orgId: root.id, orgPath: root.path, orgName: root.name }],
    };
    const leaves = await ctx.db.selectFrom('orgs').select('id').where('level', '=', 'grassroots').orderBy('id').execute();
    const now = new Date();
    const s = await ctx.db.insertInto('surveys').values({
      org_id: root.id, title: '抓基层党建意见征集', state: 'open', audience: JSON.stringify({ orgIds: [root.id], who: ['secretaries'] }), created_by_name: '基准测试',
      created_at: now, updated_at: now, opened_at: now, invited_at: now, invited: N,
    }).returning('id').executeTakeFirstOrThrow();
    const q = await ctx.db.insertInto('survey_questions').values({ survey_id: s.id, seq: 1, kind: 'text', text: '您有什么意见建议？' }).returning('id').executeTakeFirstOrThrow();
    const cats: [string, string[]][] = [['村级组织建设', ['村级组织', '活动场所', '阵地']], ['党员队伍建设', ['发展党员', '年轻党员', '流动党员']], ['村级换届选举', ['换届', '选举', '候选人']], ['集体经济', ['集体经济', '增收']], ['教育培训', ['培训', '学习']]];
    const catIds: string[] = [];
    for (const [i, [name, ps]] of cats.entries()) {
      catIds.push((await ctx.db.insertInto('survey_categories').values({ survey_id: s.id, seq: i + 1, name, rules: JSON.stringify(ps.map((p) => ({ kind: 'phrase', text: p }))), created_at: now }).returning('id').executeTakeFirstOrThrow()).id);
    }
    // The invitees and their replies, categorized by the survey's rules as they would have been on arrival.
    const { rulesOf, termsOf } = await import('../server/src/modules/surveys/surveys.rules.js');
    const rules = await rulesOf(ctx.db, s.id, 0);
    const corpus = generateReplyCorpus(N, 20261204);
    const t0 = performance.now();
    for (let i = 0; i < N; i += 5000) {
      const part = corpus.slice(i, i + 5000);
      const orgs = part.map((_, k) => leaves[(i + k) % leaves.length]!.id);
      const inv = await sql<{ id: string }>`
        insert into survey_invitations (survey_id, person_kind, person_id, org_id, token, replied_at, completed_at)
        select ${s.id}, 'member', g, o, 'b' || g, ${now}, ${now} from unnest(${orgs}::bigint[]) with ordinality x(o, g2), lateral (select ${i} + g2 as g) gg
        returning id`.execute(ctx.db);
      const cs = part.map((c) => rules.categorize(c.text));
      await sql`
        insert into survey_replies (survey_id, question_id, invitation_id, channel, org_id, text, category_id, tags, terms, received_at, updated_at)
        select ${s.id}, ${q.id}, inv, 'sms', o, t, c, '{}', string_to_array(w, chr(1)), ${now}::timestamptz - (n || ' minutes')::interval, ${now}
        from unnest(${inv.rows.map((r) => r.id)}::bigint[], ${orgs}::bigint[], ${part.map((c) => c.text)}::text[],
                    ${cs.map((c) => (c.category.key === 'other' ? null : c.category.key))}::bigint[], ${cs.map((c) => termsOf(c.tokens).join('\u0001'))}::text[],
                    ${part.map((_, k) => String((i + k) % 5760))}::text[]) x(inv, o, t, c, w, n)`.execute(ctx.db);
    }
    await sql`vacuum analyze survey_replies`.execute(ctx.db); // as autovacuum does after inserts (PostgreSQL 13+): the visibility map lets counts come from the index
    await sql`vacuum analyze survey_invitations`.execute(ctx.db);
    line({ name: 'surveys.results.setup', replies: N, organizations: leaves.length, seconds: Math.round((performance.now() - t0) / 100) / 10 });

    const calls = async (name: string, f: () => Promise<unknown>, target: number | null) => {
      for (let i = 0; i < 5; i++) await f(); // warm
      const ms: number[] = [];
      for (let i = 0; i < 60; i++) ms.push((await timed(f))[1]);
      line({ name, replies: N, calls: ms.length, p50_ms: pct(ms, 50), p95_ms: pct(ms, 95), max_ms: pct(ms, 100), ...(target ? { target_p95_ms: target, ok: pct(ms, 95) <= target } : {}) });
    };
    if (want('surveys.results.100k')) {
      await calls('surveys.results.100k', () => results(ctx, actor, s.id, {}), 200);
      await calls('surveys.results.100k.city', () => results(ctx, actor, s.id, { parentId: city.id }), 200);
    }
    if (want('surveys.timeline.100k')) {
      await calls('surveys.timeline.100k.computed', () => { forgetKeptResults(); return timeline(ctx, actor, s.id, {}); }, null);
      await calls('surveys.timeline.100k.kept', () => timeline(ctx, actor, s.id, {}), 200);
    }
    if (want('surveys.words.100k')) {
      // Computed (the first view after a reply arrives or one is re-categorized) and kept (every other view).
      await calls('surveys.words.100k.computed', () => { forgetKeptResults(); return words(ctx, actor, s.id, {}); }, null);
      await calls('surveys.words.100k.kept', () => words(ctx, actor, s.id, {}), 200);
    }
    if (want('surveys.recategorize.10k')) {
      const runs: number[] = [];
      for (let r = 0; r < 3; r++) {
        const ids = (await ctx.db.selectFrom('survey_replies').select('id').where('survey_id', '=', s.id).orderBy('id').offset(r * 10_000).limit(10_000).execute()).map((x) => x.id);
        const [out, ms] = await timed(() => recategorize(ctx, actor, s.id, { replyIds: ids, categoryId: catIds[r % catIds.length]!, reason: '基准测试' }));
        runs.push(ms);
        if (out.changed + out.unchanged !== 10_000) throw new Error('recategorize did not take all 10,000');
      }
      line({ name: 'surveys.recategorize.10k', replies: 10_000, runs_s: runs.map((x) => Math.round(x / 10) / 100), max_s: Math.round(Math.max(...runs) / 10) / 100, target_s: 5, ok: Math.max(...runs) <= 5000 });
    }
    if (want('surveys.rerun.100k')) {
      await ctx.db.updateTable('survey_categories').set({ rules: JSON.stringify([{ kind: 'phrase', text: '阵地' }]) }).where('id', '=', catIds[0]!).execute();
      await ctx.db.updateTable('surveys').set({ rules_version: 1 }).where('id', '=', s.id).execute();
      const [out, ms] = await timed(() => rerunJob(ctx, { surveyId: s.id, byId: actor.accountId, byName: '基准测试' }, { progress: async () => {} }));
      line({ name: 'surveys.rerun.100k', replies: N, seconds: Math.round(ms / 100) / 10, changed: out.changed });
    }
  } finally {
    await ctx.jobs.stop();
    await database.close();
  }
}
