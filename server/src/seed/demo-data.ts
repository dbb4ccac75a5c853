/**
 * Demo data that looks real: the true Zhejiang hierarchy, plausible members, receiving stations
 * and one account per role. Loaded into an empty, migrated database by the CLI or at start-up when
 * demo data is enabled. Deterministic for a given seed, and all-or-nothing (one transaction).
 */
import { chinaToday } from '../platform/china-time.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FieldCrypto } from '../platform/crypto.js';
import { insertDemoAccounts } from './demo-accounts.js';
import { insertDemoActivities } from './demo-activities.js';
import { insertDemoContacts } from './demo-contacts.js';
import { insertDemoFlows } from './demo-flows.js';
import { insertDemoMembers } from './demo-members.js';
import { assignOrgIds, buildDemoTree, insertOrgs } from './demo-orgs.js';
import { insertDemoSmsTemplates } from './demo-sms.js';
import { insertDemoCalendar } from './demo-calendar.js';
import { insertDemoFollowups } from './demo-followups.js';
import { insertDemoDisclosures } from './demo-disclosures.js';
import { insertDemoNews } from './demo-news.js';
import { insertDemoLearning } from './demo-learning.js';
import { insertDemoStations } from './demo-stations.js';
import { insertDemoSurveys } from './demo-surveys.js';
import { createRandom, DEFAULT_SEED } from './random.js';

export interface DemoOptions {
  /** about how many members; 5000 is the usual demo */
  members: number;
  /** PRNG seed; the same seed gives the same names and numbers */
  seed?: number;
  /** 'YYYY-MM-DD' that joining dates are relative to (probationary members joined within the year before it); default today */
  today?: string;
}

export interface DemoSummary {
  orgs: number;
  members: number;
  stations: number;
  /** usernames of the demo accounts; their password is DEMO_PASSWORD */
  accounts: string[];
  root: string;
  hangzhou: string;
  ningbo: string;
  /** the 西湖区 village branch of demo-secretary and demo-member */
  secretaryBranch: string;
}

export const DEFAULT_DEMO_MEMBERS = 5000;
export { DEMO_PASSWORD } from './demo-accounts.js';

export async function loadDemoData(db: Kysely<DB>, fieldCrypto: FieldCrypto, opts: DemoOptions): Promise<DemoSummary> {
  const members = Number.isInteger(opts.members) && opts.members >= 0 ? opts.members : DEFAULT_DEMO_MEMBERS;
  const today = opts.today ?? localToday();
  // Separate streams, so that changing how stations are drawn does not reshuffle every member.
  const treeRng = createRandom(opts.seed ?? DEFAULT_SEED);
  const memberRng = createRandom(((opts.seed ?? DEFAULT_SEED) ^ 0x5eed) >>> 0);
  const stationRng = createRandom(((opts.seed ?? DEFAULT_SEED) ^ 0x57a7) >>> 0);
  const contactRng = createRandom(((opts.seed ?? DEFAULT_SEED) ^ 0xc047) >>> 0);
  const surveyRng = createRandom(((opts.seed ?? DEFAULT_SEED) ^ 0x5e7e) >>> 0);
  const tree = buildDemoTree(treeRng);

  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('orgs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) throw new Error('demo data can only be loaded into an empty database (orgs is not empty)');

    await assignOrgIds(trx, tree);
    await insertOrgs(trx, tree);
    const memberCount = await insertDemoMembers(trx, fieldCrypto, tree, memberRng, { members, today });
    await insertDemoActivities(trx, today);
    await insertDemoFlows(trx, today);
    const stations = await insertDemoStations(trx, tree, stationRng);
    const accounts = await insertDemoAccounts(trx, tree);
    await insertDemoContacts(trx, fieldCrypto, tree, contactRng, today);
    await insertDemoSmsTemplates(trx, tree, today);
    await insertDemoCalendar(trx, today);
    await insertDemoFollowups(trx, tree, today);
    await insertDemoSurveys(trx, tree, surveyRng, today);
    await insertDemoDisclosures(trx, tree, today);
    await insertDemoNews(trx, tree, today);
    await insertDemoLearning(trx, tree, today);
    return {
      orgs: tree.all.length,
      members: memberCount,
      stations,
      accounts,
      root: tree.root.id,
      hangzhou: tree.cities.get('330100')!.id,
      ningbo: tree.cities.get('330200')!.id,
      secretaryBranch: tree.secretaryBranch.id,
    };
  });
}

/** Today's date in the server's time zone (China), as 'YYYY-MM-DD'. */
function localToday(): string {
  return chinaToday(new Date());
}
