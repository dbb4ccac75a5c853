// Checks of a mainland resident ID number (GB 11643-1999): 17 digits and a check
// character computed with ISO 7064 MOD 11-2. The server checks again; checking here
// tells the user at once, in the words of the form.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdProblem = 'length' | 'format' | 'checksum' | 'birth';

/** The check character the first 17 digits call for. */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** The date of birth encoded in positions 7–14, as YYYY-MM-DD, or null if it is no date. */
export function birthDateOf(id: string): string | null {
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** null when the number is valid; otherwise what is wrong with it. */
export function idNumberProblem(raw: string, birthDate?: string | null): IdProblem | null {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (checkChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  const born = birthDateOf(id);
  if (!born || (birthDate && born !== birthDate)) return 'birth';
  return null;
}

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
