/** 干部工作: the rules that need no database — required text, candidates, and the notice's canonical form and fingerprint (docs/cadres.md). */
import { canonicalJson } from '../../platform/audit.js';
import type { FieldError } from '../../platform/errors.js';
import { sha256Hex } from '../../platform/fingerprint.js';

export const len = (s: string) => [...s].length;

/** The trimmed text, with a message pushed when it is empty or longer than `max` characters. */
export function required(errors: FieldError[], field: string, raw: string | null | undefined, label: string, max: number): string {
  const v = (raw ?? '').trim();
  if (!v) errors.push({ field, message: `请填写${label}` });
  else if (len(v) > max) errors.push({ field, message: `${label}不能超过${max}个字` });
  return v;
}

export const SEX_ZH = { male: '男', female: '女' } as const;
export type Sex = keyof typeof SEX_ZH;

export interface CandidateT { name: string; sex: Sex; birthYm: string; education: string; currentPost: string; proposedPost: string; bio: string }
export interface CandidateInput { name: string; sex: string; birthYm: string; education: string; currentPost: string; proposedPost: string; bio: string }

/** Checks one candidate of a notice; `today` bounds the birth month (an appointee is at least 18). */
export function checkCandidate(errors: FieldError[], c: CandidateInput, i: number, today: string): CandidateT {
  const n = `第${i + 1}位人选`;
  const f = (k: string) => `candidates.${i}.${k}`;
  const name = required(errors, f('name'), c.name, `${n}的姓名`, 30);
  if (c.sex !== 'male' && c.sex !== 'female') errors.push({ field: f('sex'), message: `请选择${n}的性别` });
  const m = /^(\d{4})-(\d{2})$/.exec(c.birthYm?.trim() ?? '');
  const maxYear = Number(today.slice(0, 4)) - 18;
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 1940 || c.birthYm.trim() > `${maxYear}-${today.slice(5, 7)}`) {
    errors.push({ field: f('birthYm'), message: `${n}的出生年月应为年满18周岁的年月，格式如1978-05` });
  }
  const education = required(errors, f('education'), c.education, `${n}的学历学位`, 30);
  const currentPost = required(errors, f('currentPost'), c.currentPost, `${n}的现任职务`, 100);
  const proposedPost = required(errors, f('proposedPost'), c.proposedPost, `${n}的拟任职务`, 100);
  const bio = required(errors, f('bio'), c.bio, `${n}的简要情况`, 500);
  return { name, sex: c.sex as Sex, birthYm: (c.birthYm ?? '').trim(), education, currentPost, proposedPost, bio };
}

export interface PublishedNotice {
  orgId: string; title: string; candidates: CandidateT[]; contact: string; publishedOn: string; workingDays: number; objectionEndsOn: string;
}
/** The canonical form of what a notice publishes: keys sorted at every depth (the audit chain's canonical JSON). */
export const noticeCanonical = (p: PublishedNotice) => canonicalJson({
  v: 1, orgId: p.orgId, title: p.title, candidates: p.candidates, contact: p.contact, publishedOn: p.publishedOn, workingDays: p.workingDays, objectionEndsOn: p.objectionEndsOn,
});
/** SHA-256 of the canonical form, hex: anyone holding the published notice can recompute it. */
export const noticeFingerprint = (p: PublishedNotice) => sha256Hex(noticeCanonical(p));
