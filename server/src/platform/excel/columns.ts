/**
 * Spreadsheet columns: a Chinese header and note, enums written as Chinese words (正式党员, 男 …) mapped to the stored
 * codes, dates; and reading a cell as the user sees it. Pure, so that it runs in the import worker thread.
 */
import { isRealDate } from '../china-time.js';
import type ExcelJS from 'exceljs';

export const wordOf = (words: Record<string, string>, code: string | null | undefined): string =>
  code == null ? '' : Object.entries(words).find(([, c]) => c === code)?.[0] ?? code;

/** One column as a module declares it; whether it is required, its length and pattern come from the row schema. */
export interface Column {
  key: string;
  /** The Chinese header of the template and of error reports. */
  header: string;
  /** The note on the template's header cell and the line of its 填写说明 sheet. */
  note: string;
  /** Chinese word → stored code; the template gets a drop-down list of the words. */
  words?: Record<string, string>;
  /** Further words accepted for the same codes (older names), not offered in the drop-down. */
  aliases?: Record<string, string>;
  /** A date: a date cell or text like 1985-03-12, 1985/3/12, 19850312, read as 'YYYY-MM-DD'. */
  date?: boolean;
  /** Kept as text in the template (long digit strings would lose digits as numbers). */
  text?: boolean;
  /** Digits that Excel turns into a number, losing the last ones (ID numbers): a number cell is refused. */
  digits?: boolean;
  /** The message when the value breaks the schema's pattern, or a date column holds no date. */
  invalid?: string;
  width?: number;
}

/** A column with what the row schema says of it (engine-derived). */
export interface ColumnSpec extends Column {
  required?: boolean;
  maxLength?: number;
  pattern?: RegExp;
}

/**
 * A cell the importer cannot take a value from: a formula whose result was never calculated and saved
 * (files written by programs rather than Excel), or an error value such as #REF!. The row gets this message.
 */
export class CellIssue {
  constructor(readonly message: string) {}
}

export const FORMULA_WITHOUT_VALUE = '该单元格是公式，但文件中没有保存计算结果；请在 Excel 中打开、重新计算并保存后再导入，或将公式改为数值';
export const CELL_ERROR_VALUE = (e: string) => `该单元格的值是错误值（${e}），请更正后再导入`;

/**
 * The text of a cell as the user sees it; dates as Date. Numbers that are not dates stay numbers so callers can
 * refuse them. A formula gives its cached result; without one (or with an error value) a CellIssue.
 */
export function cellText(v: ExcelJS.CellValue): string | number | Date | null | CellIssue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      return result === undefined || result === null ? new CellIssue(FORMULA_WITHOUT_VALUE) : cellText(result);
    }
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return new CellIssue(CELL_ERROR_VALUE(String(v.error)));
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
  }
  return String(v);
}

/** Accepts a date cell or text like 1985-03-12, 1985/3/12, 1985.03.12, 19850312; returns 'YYYY-MM-DD' or null. */
export function parseDate(v: string | number | Date): string | null {
  if (v instanceof Date) {
    // exceljs reads Excel dates as UTC midnight.
    return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  }
  const s = String(v).trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}
