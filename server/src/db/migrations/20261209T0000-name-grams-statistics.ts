/**
 * The name-search index's statistics back to the usual size (target 100, from 1000 in 20261127T0540-member-search).
 *
 * With target 1000 the statistics row of `members_name_grams_idx` is 83 kB, and the planner reads and decompresses it
 * every time it plans a name search: 0.4 ms of every search's planning, half of PostgreSQL's time for a search once
 * the count and the page became one statement. Under 50 concurrent searches on the province dataset that was the
 * difference between 320 and 520 searches a second (docs/benchmarks.md, "Load over HTTP"). The larger target was
 * there for the planner's row estimate (86,000 guessed for 王芳 under the province's 102 anchors with target 100),
 * whose cost then crossed the JIT threshold and could start parallel workers. Neither can happen now: the app's
 * connections run with JIT off (db/database.ts), dj_name_grams is PARALLEL RESTRICTED, and a name search is one
 * statement whose matches come from this index whatever the estimate (members.repository.ts nameSearchPage).
 * `analyze members` rebuilds the statistics once the new target has committed (`afterCommit`, db/migrate.ts: the
 * backend that changed it analyzes with the old one until then) — a sample of 30,000 rows, about a second on 4.27
 * million members.
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter index members_name_grams_idx alter column 1 set statistics 100`.execute(db);
}

export async function afterCommit(db: Kysely<unknown>): Promise<void> {
  await sql`analyze members`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter index members_name_grams_idx alter column 1 set statistics 1000`.execute(db);
}
