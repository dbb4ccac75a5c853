// Conversions between the API's MemberInput and the form's values (dates as dayjs,
// identity fields blank when editing because the API only ever sends them masked).
import dayjs, { type Dayjs } from 'dayjs';
import type { MemberDetail, MemberInput } from '@/api/types';

type DateKeys = 'birthDate' | 'joinedOn' | 'fullOn' | 'lostContactOn';
export type MemberFormValues = Omit<MemberInput, DateKeys> & { [K in DateKeys]?: Dayjs | null };

const DATE_KEYS: DateKeys[] = ['birthDate', 'joinedOn', 'fullOn', 'lostContactOn'];
const d = (v: string | null | undefined) => (v ? dayjs(v) : null);

export const EMPTY_MEMBER: Partial<MemberFormValues> = {
  gender: 'male', ethnicity: '汉族', idType: 'resident_id', category: 'probationary', standing: 'normal',
  lostContact: false, migrant: false,
};

export function toFormValues(m: MemberDetail): MemberFormValues {
  return {
    orgId: m.orgId, name: m.name, gender: m.gender, ethnicity: m.ethnicity, birthDate: d(m.birthDate), idType: m.idType,
    idNumber: '', education: m.education, category: m.category, joinedOn: d(m.joinedOn), fullOn: d(m.fullOn),
    standing: m.standing, job: m.job ?? '', mobile: '', landline: m.landline ?? '', address: m.address ?? '',
    lostContact: m.lostContact, lostContactOn: d(m.lostContactOn), migrant: m.migrant,
    migrantProvince: m.migrantProvince ?? '', migrantCity: m.migrantCity ?? '', migrantCounty: m.migrantCounty ?? '',
  };
}

/** Form values → API input: dates as YYYY-MM-DD, empty optional text left out. */
export function toInput(v: MemberFormValues): MemberInput {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (DATE_KEYS.includes(k as DateKeys)) {
      if (val) out[k] = (val as Dayjs).format('YYYY-MM-DD');
    } else if (typeof val === 'string') {
      const s = val.trim();
      if (s) out[k] = k === 'idNumber' ? s.toUpperCase() : s;
    } else if (val !== undefined && val !== null) out[k] = val;
  }
  // Details that no longer apply are not sent.
  if (!out.lostContact) delete out.lostContactOn;
  if (!out.migrant) for (const k of ['migrantProvince', 'migrantCity', 'migrantCounty']) delete out[k];
  if (out.category !== 'full') delete out.fullOn;
  return out as unknown as MemberInput;
}

/** The fields that differ from the record being edited (PATCH sends only those). */
export function changedFields(next: MemberInput, before: MemberInput): Partial<MemberInput> {
  const patch: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(next), ...Object.keys(before)]);
  for (const k of keys) {
    const a = (next as unknown as Record<string, unknown>)[k];
    const b = (before as unknown as Record<string, unknown>)[k];
    // Identity fields are blank unless retyped: blank means "keep".
    if ((k === 'idNumber' || k === 'mobile') && !a) continue;
    if (a === b) continue;
    // A value emptied in the form is cleared with null (the server's PATCH accepts null).
    patch[k] = a !== undefined ? a : null;
  }
  return patch as Partial<MemberInput>;
}
