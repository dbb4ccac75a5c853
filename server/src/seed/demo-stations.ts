/**
 * About 200 distance-education receiving stations (远程教育终端站点, F-07): one per township of the
 * detailed counties, a sample of real townships elsewhere, village and community sites, enterprise
 * sites and household terminals.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { randomPersonName } from './chinese-names.js';
import type { DemoTree, OrgNode } from './demo-orgs.js';
import { ROADS } from './demo-profiles.js';
import { weights, type Random } from './random.js';

type StationType = 'township' | 'village' | 'enterprise' | 'community' | 'household';

const EQUIPMENT: Record<StationType, string[]> = {
  township: ['电视机、机顶盒、电脑、投影仪、卫星接收天线', '电视机、机顶盒、电脑、投影仪', '液晶电视、机顶盒、电脑、音响设备、卫星接收天线'],
  village: ['电视机、机顶盒、电脑', '电视机、机顶盒、卫星接收天线、DVD机', '液晶电视、机顶盒、电脑、打印机'],
  community: ['液晶电视、机顶盒、电脑、投影仪', '电视机、机顶盒、电脑'],
  enterprise: ['液晶电视、电脑、投影仪', '电视机、机顶盒、电脑、视频会议终端'],
  household: ['电视机、机顶盒', '智能电视（IPTV）'],
};
const STATUS = weights({ active: 92, suspended: 5, fault: 3 });
const OTHER_TOWNSHIP_STATIONS = 50;
const VILLAGE_STATIONS = 70;
const COMMUNITY_STATIONS = 20;
const HOUSEHOLD_STATIONS = 17;

interface StationPlan {
  org: OrgNode;
  type: StationType;
  name: string;
  address: string;
}

const countyShort = (county: OrgNode) => county.name.replace(/委$/, '');
const townName = (town: OrgNode) => town.name.replace(/(党工委|党委)$/, '');
const unitName = (branch: OrgNode) => branch.name.replace(/(党总支|党支部)$/, '');

export function planStations(tree: DemoTree, rng: Random): StationPlan[] {
  const plans: StationPlan[] = [];
  for (const town of tree.townships.values()) {
    const county = town.parent!;
    plans.push({ org: town, type: 'township', name: `${countyShort(county)}${townName(town)}远程教育站点`, address: `${town.place}党群服务中心` });
  }
  for (const { county, name } of rng.shuffle([...tree.otherTownships]).slice(0, OTHER_TOWNSHIP_STATIONS)) {
    plans.push({ org: county, type: 'township', name: `${countyShort(county)}${name}远程教育站点`, address: `${county.place}${name}党群服务中心` });
  }
  // Village-level units hang directly under a township: a branch or a general branch.
  const units = [...tree.townships.values()].flatMap((t) => t.children.filter((c) => c.sector === 'rural' || c.sector === 'community'));
  const label = (u: OrgNode) => `${countyShort(u.parent!.parent!)}${townName(u.parent!)}${unitName(u)}`;
  const villages = rng.shuffle(units.filter((u) => u.sector === 'rural'));
  const communities = rng.shuffle(units.filter((u) => u.sector === 'community'));
  for (const v of villages.slice(0, VILLAGE_STATIONS)) {
    plans.push({ org: v, type: 'village', name: `${label(v)}远程教育站点`, address: `${v.place}村委会办公楼` });
  }
  for (const c of communities.slice(0, COMMUNITY_STATIONS)) {
    plans.push({ org: c, type: 'community', name: `${label(c)}远程教育站点`, address: `${c.place}党群服务站` });
  }
  for (const e of tree.leaves.filter((b) => b.profile === 'enterprise')) {
    plans.push({ org: e, type: 'enterprise', name: `${unitName(e)}远程教育站点`, address: `${e.place}${rng.pick(ROADS)}${rng.int(1, 500)}号` });
  }
  for (const v of villages.slice(VILLAGE_STATIONS, VILLAGE_STATIONS + HOUSEHOLD_STATIONS)) {
    const person = randomPersonName(rng, rng.chance(0.7) ? 'male' : 'female', rng.int(1950, 1980));
    plans.push({ org: v, type: 'household', name: `${label(v)}${person}家庭远程教育终端`, address: `${v.place}${rng.int(1, 200)}号` });
  }
  return plans;
}

export async function insertDemoStations(db: Kysely<DB>, tree: DemoTree, rng: Random): Promise<number> {
  const rows = planStations(tree, rng).map((p) => ({
    org_id: p.org.id,
    org_path: p.org.path,
    name: p.name,
    type: p.type,
    address: p.address,
    equipment: rng.pick(EQUIPMENT[p.type]),
    status: STATUS.draw(rng),
    manager_name: randomPersonName(rng, rng.chance(0.7) ? 'male' : 'female', rng.int(1960, 1995)),
  }));
  await db.insertInto('stations').values(rows).execute();
  return rows.length;
}
