/**
 * What an importer declares about its rows: the columns (Chinese headers, notes, words) and a TypeBox schema of one
 * row's cells, which says which cells are required, their lengths and patterns, and the codes the words stand for.
 * The engine reads every cell against them (cells.ts, in the worker thread); a module's own checks across the cells
 * of a row and across rows are a `RowChecker` in a file of its own, which the worker loads (no TypeBox there, so that
 * a worker starts fast).
 */
import { Type, type Static, type TObject } from 'typebox';
import type { Column, ColumnSpec } from './columns.js';

/** The cell of a column with `words`: one of the stored codes the words stand for. */
export const Words = (words: Record<string, string>) =>
  Type.Unsafe<string>(Type.Union([...new Set(Object.values(words))].map((code) => Type.Literal(code))));

/** One row as the module's checker sees it: the row number in the file, and where to add an error (by column header). */
export interface RowContext {
  row: number;
  /** 0-based position among the file's data rows (imports.next_row counts these). */
  index: number;
  add(column: string, message: string): void;
}

/** A row that passed every check that needs no database, as the worker hands it to the importer. */
export interface CheckedRow<Row> { index: number; row: number; value: Row }

/**
 * A module's checks of the rows of one file, in file order, for rows whose cells passed the schema (so it may remember
 * rows, e.g. duplicates within the file): returns the row to hand on, or nothing after `add`. The default export of a
 * pure module that the worker thread loads (Importer.checkModule).
 */
export type RowChecker<Cells, Row> = (today: string) => (cells: Cells, rc: RowContext) => Row | undefined;

export interface RowSpec<Cells extends TObject = TObject> {
  columns: ColumnSpec[];
  cells: Cells;
  /** The template's example row (its first cell starts with 示例, so an unchanged template imports nothing). */
  example: Record<string, string>;
}

/** The cells of a row as a checker receives them. */
export type CellsOf<S extends RowSpec> = Static<S['cells']>;

/**
 * Rows of an importer: `required`, `maxLength` and `pattern` of each column are read from the cells schema, so they
 * are said once. Every column needs a property and every property a column.
 */
export function defineRows<Cells extends TObject>(def: { columns: Column[]; cells: Cells; example: Record<string, string> }): RowSpec<Cells> {
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
  return { columns, cells: def.cells, example: def.example };
}
