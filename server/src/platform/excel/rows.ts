/**
 * What an importer declares about its rows, and the checks the engine makes of every row from that declaration:
 * the columns (Chinese headers, notes, words), a TypeBox schema of one row's cells (which are required, their
 * lengths and patterns, the codes the words stand for) and the module's own checks across cells and rows. Pure: it
 * runs in the import worker thread (worker.ts), which finds a module's rows by the URL the importer gives.
 */
import { Type, type Static, type TObject } from 'typebox';
import { parseDate, type Column, type ColumnSpec } from './columns.js';
import type { RowError, SheetRow } from './parse.js';

/** The cell of a column with `words`: one of the stored codes the words stand for. */
export const Words = (words: Record<string, string>) => Type.Union([...new Set(Object.values(words))].map((code) => Type.Literal(code)));

/** One row as the module's checker sees it: the row number in the file, and where to add an error (by column header). */
export interface RowContext {
  row: number;
  /** 0-based position among the file's data rows (imports.next_row counts these). */
  index: number;
  add(column: string, message: string): void;
}

/** A row that passed every check that needs no database, as the worker hands it to the importer. */
export interface CheckedRow<Row> { index: number; row: number; value: Row }

export interface RowSpec<Cells extends TObject = TObject, Row = Static<Cells>> {
  columns: ColumnSpec[];
  cells: Cells;
  /** The template's example row (its first cell starts with 示例, so an unchanged template imports nothing). */
  example: Record<string, string>;
  /**
   * A checker for the rows of one file, called in file order for rows whose cells passed the schema (so it may
   * remember rows, e.g. duplicates within the file). Returns the row to hand on, or nothing after `add`.
   */
  checker: (today: string) => (cells: Static<Cells>, rc: RowContext) => Row | undefined;
}

/**
 * Rows of an importer: `required`, `maxLength` and `pattern` of each column are read from the cells schema, so they
 * are said once. Every column needs a property and every property a column.
 */
export function defineRows<Cells extends TObject, Row = Static<Cells>>(def: {
  columns: Column[];
  cells: Cells;
  example: Record<string, string>;
  checker?: (today: string) => (cells: Static<Cells>, rc: RowContext) => Row | undefined;
}): RowSpec<Cells, Row> {
  const props = def.cells.properties as Record<string, { maxLength?: number; pattern?: string } | undefined>;
  const required = new Set<string>((def.cells as { required?: string[] }).required ?? []);
  const keys = new Set(def.columns.map((c) => c.key));
  const unmatched = [...keys].filter((k) => !props[k]).concat(Object.keys(props).filter((k) => !keys.has(k)));
  if (unmatched.length) throw new Error(`import columns and row schema differ: ${unmatched.join(', ')}`);
  const columns: ColumnSpec[] = def.columns.map((c) => ({
    ...c,
    required: required.has(c.key),
    maxLength: props[c.key]!.maxLength,
    pattern: props[c.key]!.pattern === undefined ? undefined : new RegExp(props[c.key]!.pattern!),
  }));
  return { columns, cells: def.cells, example: def.example, checker: def.checker ?? (() => (cells) => cells as unknown as Row) };
}

/**
 * The cells of one row read against the columns: required, the words of enums (their codes), dates ('YYYY-MM-DD'),
 * digits Excel turned into numbers, lengths and patterns. Absent cells stay absent. Errors go under the column's
 * header, in Chinese; a cell the reader already refused (a formula without a value, an over-long cell) is not named twice.
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

/** Returns the check of the rows of one file, in order: the cells first, then the module's checker on clean cells. */
export function fileChecker<Row>(spec: RowSpec<TObject, Row>, today: string) {
  const check = spec.checker(today);
  let index = 0;
  return (sheetRow: SheetRow): { errors: RowError[]; checked?: CheckedRow<Row> } => {
    const i = index++;
    const { errors, cells } = readCells(spec.columns, sheetRow);
    if (errors.length) return { errors };
    const value = check(cells as Static<TObject>, { row: sheetRow.row, index: i, add: (column, message) => errors.push({ row: sheetRow.row, column, message }) });
    return errors.length || value === undefined ? { errors } : { errors, checked: { index: i, row: sheetRow.row, value } };
  };
}
