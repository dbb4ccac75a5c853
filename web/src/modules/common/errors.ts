// Turning API failures into words. The server's problem `title` is written for the user in the language the
// console asked for (Accept-Language, api/client.ts), e.g. the lockout message, so it is shown as is.
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '@/api/client';

export function errorText(t: TFunction, e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 0) return t('common.networkError');
    // A stale version gets the generic "refresh and retry"; other conflicts (e.g. 介绍信已过期) say their own reason.
    if (e.code === 'conflict.version') return t('common.conflict');
    if (e.title) return e.title;
    if (e.status === 409) return t('common.conflict');
  }
  return t('common.unknownError');
}

/**
 * Puts the server's per-field `errors[]` under the matching form fields.
 * Returns true when at least one field took a message (so no toast is needed).
 */
export function applyFieldErrors(form: FormInstance, e: unknown): boolean {
  if (!isApiError(e) || e.errors.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = e.errors
    .filter((err) => known.has(err.field))
    .map((err) => ({ name: err.field, errors: [err.message] }));
  form.setFields(fields);
  if (fields.length > 0) form.scrollToField(fields[0].name, { block: 'center' });
  return fields.length > 0;
}
