/**
 * Reading the cells of a row against the columns an importer declared (rows.ts), then the module's checker. Pure and
 * without TypeBox: it runs in the import worker thread (worker.ts).
 */
import { parseDate, type ColumnSpec } from './columns.js';
import type { RowError, SheetRow } from './parse.js';
import type { CheckedRow, RowChecker } from './rows.js';

/**
 * The cells of one row: required, the words of enums (their codes), dates ('YYYY-MM-DD'), digits Excel turned into
 * numbers, lengths and patterns. Absent cells stay absent. Errors go under the column's header, in Chinese; a cell the
 * reader already refused (a formula without a value, an over-long cell) is not named twice.
 */
export function readCells(columns: ColumnSpec[], { row, values: v, cellErrors }: SheetRow): { errors: RowError[]; cells: Record<string, string> } {
  const errors: RowError[] = [...(cellErrors ?? [])];
  const add = (column: string, message: string) => errors.push({ row, column, message });
  const troubled = new Set(errors.map((e) => e.column));
  const cells: Record<string, string> = {};
  for (const c of columns) {
    const x = v[c.key];
    if (x === null || x === undefined) {
      if (c.required && !troubled.has(c.header)) add(c.header, `${c.header}为必填项`);
      continue;
    }
    if (c.words) {
      const word = String(x).trim();
      const code = c.words[word] ?? c.aliases?.[word];
      if (code === undefined) add(c.header, `“${String(x)}”不是有效的${c.header}，应填写：${Object.keys(c.words).join(' / ')}`);
      else cells[c.key] = code;
      continue;
    }
    if (c.date) {
      const d = parseDate(x);
      if (d) cells[c.key] = d;
      else add(c.header, c.invalid ?? `${c.header}“${x instanceof Date ? '' : String(x)}”不是有效日期，应填写如 1985-03-12`);
      continue;
    }
    // A CSV saved from Excel writes such a number as 3.30106E+17.
    if (c.digits && (typeof x === 'number' || /^\d(\.\d+)?E\+\d+$/i.test(String(x).trim()))) {
      add(c.header, `${c.header}被Excel存成了数字，后几位可能已丢失；请将该列设为文本格式后重新填写`);
      continue;
    }
    const s = x instanceof Date ? (parseDate(x) ?? '') : String(x).trim();
    if (c.maxLength !== undefined && s.length > c.maxLength) add(c.header, `${c.header}不能超过${c.maxLength}个字`);
    else if (c.pattern && !c.pattern.test(s)) add(c.header, c.invalid ?? `${c.header}格式不正确`);
    cells[c.key] = s;
  }
  return { errors, cells };
}

/** The check of the rows of one file, in order: the cells first, then the module's checker (if any) on clean cells. */
export function fileChecker(columns: ColumnSpec[], checker: RowChecker<Record<string, string>, unknown> | null, today: string) {
  const check = checker ? checker(today) : (cells: Record<string, string>) => cells;
  let index = 0;
  return (sheetRow: SheetRow): { errors: RowError[]; checked?: CheckedRow<unknown> } => {
    const i = index++;
    const { errors, cells } = readCells(columns, sheetRow);
    if (errors.length) return { errors };
    const value = check(cells, { row: sheetRow.row, index: i, add: (column, message) => errors.push({ row: sheetRow.row, column, message }) });
    return errors.length || value === undefined ? { errors } : { errors, checked: { index: i, row: sheetRow.row, value } };
  };
}
