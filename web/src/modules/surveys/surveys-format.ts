// What the survey screens show the same way: the tone of each state, a rule in words, and the server's field paths
// (rules.0.pattern, questions.1.options) turned into the form's names.
import type { TFunction } from 'i18next';
import { currentLang } from '@/i18n';
import { chinaDateTime } from '@/modules/common/format';
import type { Tone } from '@/modules/common/StatusTag';
import type { ReplyDetail, RuleInput, SurveyState } from './surveys-api';

export const STATE_TONE: Record<SurveyState, Tone> = { draft: 'grey', open: 'blue', closed: 'green' };
/** A follow-up item's state as the follow-up screens colour it. */
export const FOLLOWUP_TONE: Record<ReplyDetail['followups'][number]['state'], Tone> = { open: 'blue', resolved: 'green', explained: 'gold' };

/** A rule in one line: 任一词：阵地、活动场所（也匹配词内的词）. */
export function ruleText(t: TFunction, r: RuleInput): string {
  const kind = t(`surveys.rules.kinds.${r.kind}`);
  switch (r.kind) {
    case 'any':
    case 'all':
      return `${kind}：${r.words.join('、')}${r.inside ? t('surveys.rules.insideNote') : ''}`;
    case 'phrase':
      return `${kind}：“${r.text}”`;
    case 'regex':
      return `${kind}：/${r.pattern}/`;
    case 'number':
      return `${kind}：${r.min} ~ ${r.max}`;
  }
}

/** A server field path as a form name path: 'rules.0.pattern' → ['rules', 0, 'pattern']. */
export function namePath(field: string): (string | number)[] {
  return field.split(/[./]/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The share as a percentage with one decimal (share is 0…1). */
export function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A test id on an antd component whose props do not declare data-* attributes (a dialog's buttons). */
export const testId = (id: string) => ({ 'data-testid': id }) as Record<`data-${string}`, string>;

/**
 * A day (and time) in China time as a formal report writes it: 2026年11月30日 (14:05); in English 2026-11-30 (14:05).
 * '—' when empty.
 */
export function reportDate(value: string | Date | null | undefined, withTime = false): string {
  if (!value) return '—';
  const iso = typeof value === 'string' ? value : value.toISOString();
  const s = chinaDateTime(iso, false);
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(s);
  if (!m) return s;
  const day = currentLang() === 'en' ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return withTime ? `${day} ${m[4]}` : day;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (headings of a report: 一、 二、 …; up to 99). */
export function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}
