/**
 * Rules of the contacts module that need no database: term dates and SMS mobiles. Pure, so that the import worker
 * thread loads them too (contacts.excel-check.ts) and the API and the importers say the same.
 */
import { normalizeMobile, validateMobile } from '../../platform/identity/phone.js';

export interface FieldProblem { field: string; message: string }

/** Start not after today; end not before start. */
export function termErrors(startedOn: string, endedOn: string | null, day: string, labels = { start: '任职时间', end: '离任时间' }): FieldProblem[] {
  const errors: FieldProblem[] = [];
  if (startedOn > day) errors.push({ field: 'startedOn', message: `${labels.start}不能晚于今天` });
  if (endedOn && endedOn < startedOn) errors.push({ field: 'endedOn', message: `${labels.end}不能早于${labels.start}` });
  return errors;
}

/** A mobile that can receive SMS, normalized (spaces, dashes, +86 removed), or a field error; empty gives null. */
export function parseSmsMobile(raw: string, field = 'phone'): { value: string | null; error: FieldProblem | null } {
  const v = normalizeMobile(raw);
  if (!v) return { value: null, error: null };
  const error = validateMobile(v);
  return error ? { value: null, error: { field, message: error } } : { value: v, error: null };
}

/** A post or an official's term is current on `day`: started on or before it and not ended on or before it. */
export const isCurrent = (r: { started_on: string; ended_on: string | null }, day: string) => r.started_on <= day && (r.ended_on === null || r.ended_on > day);
