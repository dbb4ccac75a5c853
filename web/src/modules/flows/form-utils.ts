// Small helpers shared by the flows forms: dates to and from the API, the rule that a date
// is not after today, and putting the server's field errors under this form's own fields.
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError } from '@/api/client';

export const isoDate = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

export const notFuture = (message: string): Rule => ({
  validator: (_, v?: Dayjs | null) => (v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error(message)) : Promise.resolve()),
});

/** Sets the server's `errors[]` on the named fields of `form`; true when at least one landed. */
export function applyErrorsTo(form: FormInstance, e: unknown, fields: readonly string[]): boolean {
  if (!isApiError(e) || e.errors.length === 0) return false;
  const known = new Set(fields);
  const hits = e.errors.filter((x) => known.has(x.field)).map((x) => ({ name: x.field, errors: [x.message] }));
  if (hits.length === 0) return false;
  form.setFields(hits);
  form.scrollToField(hits[0].name, { block: 'center' });
  return true;
}

/** 浙江省 杭州市 西湖区 from the destination parts that are set. */
export function destination(f: { destProvince: string; destCity: string | null; destCounty: string | null }): string {
  return [f.destProvince, f.destCity && f.destCity !== f.destProvince ? f.destCity : null, f.destCounty].filter(Boolean).join(' ');
}
