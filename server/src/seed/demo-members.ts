/**
 * Demo members: plausible people spread over the branches of the demo tree, with valid ID numbers
 * of their county, unique valid mobiles, and the statuses the warnings look at (probationary,
 * suspended, lost contact, migrant). ID numbers and phones are stored encrypted with a blind index
 * and a mask, exactly as the members module stores them.
 */
import type { Kysely } from 'kysely';
import type { DB, NewMember } from '../db/schema.js';
import type { FieldCrypto } from '../platform/crypto.js';
import { generateIdNumber, type Gender } from '../platform/identity/id-number.js';
import { maskIdNumber, maskMobile } from '../platform/identity/mask.js';
import { ETHNICITY_DEFAULT, ETHNICITY_SHE_COUNTY, randomPersonName } from './chinese-names.js';
import type { DemoTree, OrgNode } from './demo-orgs.js';
import {
  AREA_CODES, BIRTH_DECADE, EDUCATION, MIGRANT_DESTINATIONS, MOBILE_PREFIXES, RETIRED_JOB, ROADS, idRegionCode, jobTable,
  type BranchProfile,
} from './demo-profiles.js';
import type { Random } from './random.js';

const MALE_SHARE: Record<BranchProfile, number> = { village: 0.76, community: 0.6, organ: 0.68, enterprise: 0.68, institution: 0.5, online: 0.82 };
const MIGRANT_FACTOR: Record<BranchProfile, number> = { village: 1.6, community: 0.9, enterprise: 0.3, institution: 0.1, organ: 0.05, online: 0 };
const BATCH = 500;

/**
 * Member count per leaf branch (aligned with tree.leaves). Every branch gets a floor of up to 5
 * when the total allows it, the rest follows each branch's natural size. With 100 or more members
 * three branches are pinned: the online branch over 50 (the "split this branch" warning), one
 * enterprise branch with 3 members of whom 2 are full (the "fewer than 3 full members" warning),
 * and the demo secretary's branch, which must not look empty.
 */
export function allocateMembers(tree: DemoTree, total: number, rng: Random): Map<OrgNode, number> {
  const fixed = new Map<OrgNode, number>();
  if (total >= 100) {
    fixed.set(tree.onlineBranch, 52 + rng.int(0, 8));
    fixed.set(tree.smallBranch, 3);
    fixed.set(tree.secretaryBranch, rng.int(12, 20));
  } else {
    fixed.set(tree.secretaryBranch, Math.min(total, 5));
  }
  const others = tree.leaves.filter((b) => !fixed.has(b));
  const remaining = total - [...fixed.values()].reduce((a, b) => a + b, 0);
  const floor = Math.min(5, Math.floor((0.95 * remaining) / others.length));
  const extra = remaining - floor * others.length;
  const w = others.map((b) => Math.max(b.natural - floor, 1));
  const sumW = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (extra * x) / sumW);
  const sizes = exact.map(Math.floor);
  let left = extra - sizes.reduce((a, b) => a + b, 0);
  // Largest remainder; ties go to the earlier branch so the result is deterministic.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) sizes[order[k % order.length][1]]++;
  const result = new Map<OrgNode, number>();
  for (const leaf of tree.leaves) result.set(leaf, fixed.get(leaf) ?? 0);
  others.forEach((b, i) => result.set(b, floor + sizes[i]));
  return result;
}

export interface MemberOptions {
  members: number;
  /** 'YYYY-MM-DD'; joining dates are relative to it */
  today: string;
}

export async function insertDemoMembers(
  db: Kysely<DB>, fieldCrypto: FieldCrypto, tree: DemoTree, rng: Random, opts: MemberOptions,
): Promise<number> {
  const sizes = allocateMembers(tree, opts.members, rng);
  const onlineCount = sizes.get(tree.onlineBranch) ?? 0;
  let factorSum = 0;
  for (const [b, n] of sizes) factorSum += MIGRANT_FACTOR[b.profile!] * n;
  const migrantTarget = Math.max(0, Math.round(opts.members * 0.08) - onlineCount);
  // Only people born 1958 or later migrate (about 70% of members), so the per-person chance is scaled up.
  const migrantBase = factorSum > 0 ? migrantTarget / (factorSum * 0.7) : 0;

  const ids = new Set<string>();
  const mobiles = new Set<string>();
  let batch: NewMember[] = [];
  let count = 0;
  for (const branch of tree.leaves) {
    const n = sizes.get(branch) ?? 0;
    for (let i = 0; i < n; i++) {
      // The pinned small branch: two full members and one probationary.
      const forced = branch === tree.smallBranch ? (i < 2 ? 'full' : 'probationary') : undefined;
      const p = Math.min(0.6, migrantBase * MIGRANT_FACTOR[branch.profile!]);
      batch.push(makeMember(rng, fieldCrypto, branch, { today: opts.today, forced, migrantChance: p, ids, mobiles }));
      if (batch.length === BATCH) {
        await db.insertInto('members').values(batch).execute();
        count += batch.length;
        batch = [];
      }
    }
  }
  if (batch.length > 0) await db.insertInto('members').values(batch).execute();
  return count + batch.length;
}

interface MakeContext {
  today: string;
  forced?: 'full' | 'probationary';
  migrantChance: number;
  ids: Set<string>;
  mobiles: Set<string>;
}

/**
 * One member. Every random draw happens whatever the outcome of earlier ones, and no draw depends
 * on today's date, so the same seed gives the same people on any day.
 */
function makeMember(rng: Random, fc: FieldCrypto, branch: OrgNode, ctx: MakeContext): NewMember {
  const profile = branch.profile!;
  const gender: Gender = rng.chance(MALE_SHARE[profile]) ? 'male' : 'female';
  const probationary = ctx.forced ? ctx.forced === 'probationary' : rng.chance(0.06);
  const decade = Number(BIRTH_DECADE[profile].draw(rng));
  const yearInDecade = rng.int(0, 9);
  const youngYear = rng.int(1986, 2004);
  const birthYear = probationary ? youngYear : Math.min(2004, Math.max(1940, decade + yearInDecade));
  const birthDate = addDays(`${birthYear}-01-01`, rng.int(0, isLeap(birthYear) ? 365 : 364));
  const name = randomPersonName(rng, gender, birthYear);
  const ethnicity = (branch.countyCode === '331127' ? ETHNICITY_SHE_COUNTY : ETHNICITY_DEFAULT).draw(rng);

  let idNumber: string;
  do idNumber = generateIdNumber(rng.next, idRegionCode(branch.countyCode, birthYear), birthDate, gender);
  while (ctx.ids.has(idNumber));
  ctx.ids.add(idNumber);

  const education = EDUCATION[profile][birthYear < 1960 ? 0 : 1].draw(rng);

  // Most people join young; the join date is at least a year back for full members.
  const joinAge = 18 + Math.floor(22 * rng.next() ** 1.5);
  const joinOffset = rng.int(0, 364);
  const capBack = 366 + rng.int(0, 700);
  const probationDays = rng.int(10, 360);
  const adult = addYears(birthDate, 18);
  let joinedOn: string;
  let fullOn: string | null = null;
  if (probationary) {
    joinedOn = maxDate(adult, addDays(ctx.today, -probationDays));
  } else {
    joinedOn = maxDate(adult, minDate(addDays(addYears(birthDate, joinAge), joinOffset), addDays(ctx.today, -capBack)));
    fullOn = addYears(joinedOn, 1);
  }

  const suspended = rng.chance(0.01) && !probationary && !ctx.forced;
  const lost = rng.chance(0.01) && !ctx.forced;
  const lostDays = rng.int(200, 1800);
  // People past working age rarely leave to work elsewhere.
  const migrant = profile === 'online' || (rng.chance(ctx.migrantChance) && birthYear >= 1958);
  const destination = MIGRANT_DESTINATIONS.draw(rng);

  const retired = birthYear <= 1961 && profile !== 'village' && !migrant;
  const drawnJob = jobTable(migrant ? 'online' : profile, { coastal: branch.coastal, name: branch.name }).draw(rng);
  const job = retired ? RETIRED_JOB[profile] : drawnJob;

  const noPhone = birthYear < 1950 && rng.chance(0.15);
  let mobile: string;
  do mobile = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
  while (ctx.mobiles.has(mobile));
  ctx.mobiles.add(mobile);

  const area = AREA_CODES[branch.cityCode] ?? '0571';
  const landlineNumber = `${area}-${rng.int(2, 8)}${rng.digits(area === '0580' ? 6 : 7)}`;
  const hasLandline = (profile === 'organ' || profile === 'institution' || profile === 'enterprise') && rng.chance(0.35);
  const road = rng.pick(ROADS);
  const houseNo = rng.int(1, 268);
  const address = profile === 'village' || profile === 'community'
    ? `${branch.place}${houseNo}号`
    : `${branch.place}${road}${houseNo}号`;

  return {
    org_id: branch.id,
    org_path: branch.path,
    name,
    gender,
    ethnicity,
    birth_date: birthDate,
    id_type: 'resident_id',
    id_number_enc: fc.encrypt(idNumber),
    id_number_bidx: fc.blindIndex('id_number', idNumber),
    id_number_masked: maskIdNumber(idNumber),
    education,
    category: probationary ? 'probationary' : 'full',
    joined_on: joinedOn,
    full_on: fullOn,
    standing: suspended ? 'suspended' : 'normal',
    job,
    mobile_enc: noPhone ? null : fc.encrypt(mobile),
    mobile_bidx: noPhone ? null : fc.blindIndex('mobile', mobile),
    mobile_masked: noPhone ? null : maskMobile(mobile),
    landline: hasLandline ? landlineNumber : null,
    address,
    lost_contact: lost,
    lost_contact_on: lost ? addDays(ctx.today, -lostDays) : null,
    migrant,
    migrant_province: migrant ? destination[0] : null,
    migrant_city: migrant ? destination[1] : null,
    migrant_county: migrant ? destination[2] : null,
  };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function addDays(ymd: string, days: number): string {
  const t = Date.parse(`${ymd}T00:00:00Z`) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Same day n years later; 29 February becomes 28 February in common years. */
export function addYears(ymd: string, years: number): string {
  const y = Number(ymd.slice(0, 4)) + years;
  const md = ymd.slice(5);
  return md === '02-29' && !isLeap(y) ? `${y}-02-28` : `${y}-${md}`;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
