/**
 * 党务、村务、财务公开: the rules that need no database — period labels, yuan and fen, the finance table's check, the
 * fingerprint and the search terms (docs/disclosures.md).
 */
import { sha256Hex } from '../../platform/crypto.js';
import { canonicalJson } from '../../platform/audit.js';
import { defaultSegmenter, normalizeText } from '../../platform/text/segmenter.js';
import { richTextToPlain, sanitizeRichText } from '../../platform/text/sanitize.js';
import type { FieldError } from '../../platform/errors.js';
import type { DisclosureKind } from '../../db/tables/disclosures.js';
import type { FinanceInput, FinanceT } from './disclosures.schema.js';

export const KIND_LABELS: Record<DisclosureKind, string> = { party: '党务公开', village: '村务公开', finance: '财务公开' };
const QUARTERS = ['一', '二', '三', '四'];

/** 2026 → 2026年度; 2026-Q4 → 2026年第四季度; 2026-11 → 2026年11月. */
export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${QUARTERS[Number(q[2]) - 1]}季度`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  return `${period}年度`;
}

/** The image addresses a body may show: the item's own attachments, as the public reads them. */
export const OWN_IMAGE = /^\/api\/public\/disclosures\/[0-9]{1,18}\/attachments\/[0-9]{1,18}$/;
export const sanitizeBody = (html: string) => sanitizeRichText(html, { imageSrc: OWN_IMAGE });

/** "12800.5" → 1280050 (fen); exact, no floating point. */
export function yuanToFen(yuan: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new Error(`not an amount: ${yuan}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** 1280050 → "12,800.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * Checks the finance table: the income and expenditure totals are the sums of their lines, and the closing balance is
 * the opening balance plus income minus expenditure. Each number that is off gets a message saying what it should be.
 */
export function checkFinance(input: FinanceInput): { finance: FinanceT } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const lines = input.lines.map((l, i) => {
    const category = l.category.trim();
    if (!category) errors.push({ field: `finance.lines.${i}.category`, message: `第${i + 1}行请填写收支项目` });
    return { direction: l.direction, category, amountFen: yuanToFen(l.amount), note: (l.note ?? '').trim() };
  });
  const openingFen = yuanToFen(input.opening);
  const incomeTotalFen = yuanToFen(input.incomeTotal);
  const expenseTotalFen = yuanToFen(input.expenseTotal);
  const closingFen = yuanToFen(input.closing);
  const incomeSum = lines.filter((l) => l.direction === 'income').reduce((s, l) => s + l.amountFen, 0);
  const expenseSum = lines.filter((l) => l.direction === 'expense').reduce((s, l) => s + l.amountFen, 0);
  if (incomeTotalFen !== incomeSum) {
    errors.push({ field: 'finance.incomeTotal', message: `收入合计填写为${fenToYuan(incomeTotalFen)}元，但各收入项目之和为${fenToYuan(incomeSum)}元，请核对` });
  }
  if (expenseTotalFen !== expenseSum) {
    errors.push({ field: 'finance.expenseTotal', message: `支出合计填写为${fenToYuan(expenseTotalFen)}元，但各支出项目之和为${fenToYuan(expenseSum)}元，请核对` });
  }
  const expected = openingFen + incomeSum - expenseSum;
  if (closingFen !== expected) {
    errors.push({ field: 'finance.closing', message: `期末余额填写为${fenToYuan(closingFen)}元，按期初余额${fenToYuan(openingFen)}元 + 收入${fenToYuan(incomeSum)}元 − 支出${fenToYuan(expenseSum)}元 应为${fenToYuan(expected)}元，请核对` });
  }
  if (errors.length) return { errors };
  return { finance: { openingFen, incomeTotalFen, expenseTotalFen, closingFen, lines } };
}

export interface Publishable { orgId: string; kind: DisclosureKind; period: string; title: string; bodyHtml: string; finance: FinanceT | null }

/** The canonical form of what is published: keys sorted at every depth (the audit chain's canonical JSON). */
export const canonicalForm = (p: Publishable) => canonicalJson({ v: 1, orgId: p.orgId, kind: p.kind, period: p.period, title: p.title, bodyHtml: p.bodyHtml, finance: p.finance });
/** SHA-256 of the canonical form, hex: anyone holding the published text and table can recompute it. */
export const fingerprintOf = (p: Publishable) => sha256Hex(canonicalForm(p));

/** The distinct jieba search-mode terms of an item (title, text, finance categories, place). */
export function searchTerms(parts: { title: string; bodyHtml: string; finance: FinanceT | null; place: string }): string[] {
  const text = normalizeText([parts.title, richTextToPlain(parts.bodyHtml), ...(parts.finance?.lines.map((l) => `${l.category} ${l.note}`) ?? []), parts.place].join('\n'));
  const seg = defaultSegmenter();
  return [...new Set(seg.cutForSearch(text).map((w) => w.trim()).filter((w) => w.length > 0 && w.length <= 40))].slice(0, 5000);
}

/** The words a search asks for (precise mode: each must be a term of the item). */
export function queryTerms(q: string): string[] {
  const seg = defaultSegmenter();
  return [...new Set(seg.cut(normalizeText(q.trim())).map((w) => w.trim()).filter(Boolean))].slice(0, 10);
}

/** "西湖区委" → "西湖区", "龙井村党支部" → "龙井村": the place an organization stands for. */
export const placeOf = (name: string) => name.replace(/(党工委|党委|党总支|党支部|委)$/, '');
