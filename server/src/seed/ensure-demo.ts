/** Loads demo data into an empty database (never in production: loadConfig refuses DEMO_DATA there). */
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { appendAudit } from '../platform/audit.js';
import { loadDemoData } from './demo-data.js';
import { insertDemoEmergency } from './demo-emergency.js';
import { insertDemoMailbox } from './demo-mailbox.js';
import { insertDemoCadres } from './demo-cadres.js';
import { insertDemoDisclosureQuestions } from './demo-disclosure-questions.js';
import { insertDemoCredits } from './demo-learning-credits.js';
import { insertDemoViewings } from './demo-viewings.js';

export async function ensureDemoData(ctx: AppContext, log: (msg: string) => void = () => {}, members = ctx.config.demoMembers): Promise<boolean> {
  if (ctx.config.env === 'production') throw new Error('demo data is never loaded in production');
  const r = await sql<{ n: number }>`select count(*)::int as n from orgs`.execute(ctx.db);
  if (r.rows[0].n > 0) return false;
  const started = Date.now();
  log(`loading demo data (${members} members)…`);
  const summary = await loadDemoData(ctx.db, ctx.crypto, { members });
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, { actorId: null, actorName: 'system', action: 'system.seed_demo', entityType: 'system', after: { orgs: summary.orgs, members: summary.members, stations: summary.stations } }, ctx.now()),
  );
  // Scenarios played through the modules' own commands (they need the application, not just the tables).
  const emergency = await insertDemoEmergency(ctx);
  if (emergency) log(`demo emergency alert: ${emergency.confirmed} of ${emergency.recipients} secretaries confirmed`);
  const mailbox = await insertDemoMailbox(ctx);
  if (mailbox) log(`demo mailbox: ${mailbox.letters} letters`);
  const cadres = await insertDemoCadres(ctx);
  if (cadres) log(`demo cadres: ${cadres.recommendations} recommendations, ${cadres.objections} objection`);
  const questions = await insertDemoDisclosureQuestions(ctx);
  if (questions) log(`demo questions on disclosures: ${questions.questions} (${questions.answered} answered, ${questions.held} waiting for moderation)`);
  const learningStarted = Date.now();
  const learning = await insertDemoCredits(ctx);
  log(`demo learning: ${learning.credits} credits for ${learning.members} members, figures of ${learning.orgs} organizations computed, in ${((Date.now() - learningStarted) / 1000).toFixed(1)} s`);
  const viewings = await insertDemoViewings(ctx);
  if (viewings) log(`demo group viewings: ${viewings.sessions} sessions, ${viewings.credited} members credited`);
  log(`demo data loaded: ${summary.orgs} organizations, ${summary.members} members, ${summary.stations} stations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
