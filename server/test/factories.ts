/** Builders for request bodies that pass validation, unique per call (Outline's factories habit). */
import { idNumberCheckChar } from '../src/platform/identity/id-number.js';

let seq = 0;

/** A valid resident ID number for the given birth date and gender, unique within a test run. */
export function validIdNumber(birthDate = '1985-03-12', gender: 'male' | 'female' = 'male', region = '330106'): string {
  seq++;
  const order = (seq * 2 + (gender === 'male' ? 1 : 0)) % 1000;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(order).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function uniqueMobile(): string {
  seq++;
  return `1376${String(1000000 + seq * 7919).slice(-7)}`;
}

export function memberInput(orgId: string, overrides: Record<string, unknown> = {}) {
  const gender = (overrides.gender as 'male' | 'female') ?? 'female';
  const birthDate = (overrides.birthDate as string) ?? '1988-09-21';
  return {
    orgId,
    name: '沈雨婷',
    gender,
    ethnicity: '汉族',
    birthDate,
    idType: 'resident_id',
    idNumber: validIdNumber(birthDate, gender),
    education: 'bachelor',
    category: 'full',
    joinedOn: '2012-06-30',
    fullOn: '2013-06-30',
    standing: 'normal',
    job: '社区网格员',
    mobile: uniqueMobile(),
    address: '杭州市西湖区转塘街道',
    ...overrides,
  };
}

export function branchInput(parentId: string, overrides: Record<string, unknown> = {}) {
  seq++;
  return { parentId, name: `试点第${seq}党支部`, fullName: `中共试点第${seq}支部委员会`, type: 'branch', level: 'grassroots', sector: 'community', foundedOn: '2020-07-01', ...overrides };
}
