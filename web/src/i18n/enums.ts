// Enumeration codes from the API → words from the catalogue. Unknown codes (a newer
// server) fall back to the code itself rather than to a raw i18n key.
import type { TFunction } from 'i18next';
import { enumsZh } from './sections/enums.zh-CN';

export type EnumGroup = keyof typeof enumsZh;

export function enumLabel(t: TFunction, group: EnumGroup, code: string | boolean | null | undefined): string {
  if (code === null || code === undefined || code === '') return t('common.notSet');
  // Checked at runtime because the codes come from the server.
  return dynLabel(t, `enums.${group}.${String(code)}`, String(code));
}

/** Options for a Select over one enumeration, in catalogue order. */
export function enumOptions(t: TFunction, group: EnumGroup): { value: string; label: string }[] {
  // Both catalogues share their keys (the Catalogue type enforces it), so the codes come from zh-CN.
  return Object.keys(enumsZh[group]).map((code) => ({ value: code, label: enumLabel(t, group, code) }));
}

/** A catalogue lookup with a key built at runtime (e.g. a field name from the server). */
export function dynLabel(t: TFunction, key: string, fallback: string): string {
  return (t as unknown as (k: string, o: { defaultValue: string }) => string)(key, { defaultValue: fallback });
}
