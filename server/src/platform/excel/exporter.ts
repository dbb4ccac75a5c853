/**
 * The Excel export engine (F-06). A module registers an `Exporter`: its name (`POST /api/exports/<name>.xlsx`), the
 * permission, the columns, a TypeBox schema of the filter (the list's filters as a JSON body), and a query that checks
 * the filter (403/404 before any byte), counts, says what to audit and reads the rows page by page. The engine owns the
 * rest: the audit rows in one transaction before the first byte, the worksheet streamed row by row with formula-like
 * text made inert, the file name and `x-row-count`. Reveal follows the one rule of platform/reveal.ts, row by row, in
 * the module's query (`checkRevealAsked` here, `revealer` there).
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Type, type Static, type TSchema } from 'typebox';
import type { AppContext } from '../context.js';
import type { Actor } from '../actor.js';
import type { Permission } from '../roles.js';
import { revealScope } from '../reveal.js';
import { maskIdNumber, maskMobile } from '../identity/mask.js';
import { appendAudit } from '../audit.js';
import { forbidden } from '../errors.js';

/** Rows are read this many at a time; a page shorter than this is the last. */
export const EXPORT_PAGE = 1000;
/** The producer waits while more than this much of the file is waiting for a slow client. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export interface ExportColumn { header: string; key: string; width?: number }

/** One audit row of an export (written before the first byte, in one transaction with the export's others). */
export interface ExportAudit { action: string; entityType: string; orgPath: string | null; after: Record<string, unknown> }

/** What an exporter's query answers, once the filter is checked. */
export interface ExportQuery<R> {
  count: number;
  /** The export's audit rows: its own action first (e.g. station.export), then any reveal. */
  audit: ExportAudit[];
  /** The first page (often read with the count). */
  first: R[];
  /** The page after the last row of the previous one. */
  next: (last: R) => Promise<R[]>;
  /** A row as the worksheet shows it, by column key. */
  cells: (r: R) => Record<string, unknown>;
  /** Lines below the rows that depend on the query (e.g. when the figures were computed), after the exporter's own. */
  footer?: string[];
}

/** Types a query's rows: `first` gives R to `next` and `cells`. */
export function exportRows<R>(q: ExportQuery<R>): ExportQuery<R> {
  return q;
}

export interface Exporter<F extends TSchema = TSchema> {
  /** `POST /api/exports/<name>.xlsx` */
  name: string;
  permission: Permission;
  /** The OpenAPI summary. */
  summary: string;
  fileName: string;
  sheetName: string;
  columns: ExportColumn[];
  /** Lines below the rows (what the list is, its limits). */
  footer?: string[];
  filter: F;
  /** Checks the filter (refusing before anything is written) and answers the rows; build the answer with exportRows(). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the row type is the module's; the engine only passes rows to its columns
  query: (ctx: AppContext, actor: Actor, filter: Static<F>) => Promise<ExportQuery<any>>;
}

/** An exporter as a registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds exporters of every filter type
export type AnyExporter = Exporter<any>;

/** Declares an exporter with its filter type inferred. */
export function defineExporter<F extends TSchema>(e: Exporter<F>): Exporter<F> {
  return e;
}

/** The `reveal` option of an export's filter: `what` in full where the rule of platform/reveal.ts lets each row through. */
export const RevealOption = (what: string) => Type.Optional(Type.Boolean({
  default: false,
  description: `${what} in full for rows whose home organization lies where the caller holds member.reveal (other rows stay masked); audited`,
}));

/**
 * Text that a spreadsheet could take for a formula (=, +, -, @, and tab or carriage return before them) gets a
 * leading apostrophe, so a name like `=HYPERLINK(...)` typed into a record stays text when the file is opened
 * or saved as CSV (CWE-1236). Every export writes its cells through this.
 */
export function inertCell(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
function inert(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = inertCell(v);
  return out;
}

/**
 * What an audit row keeps of a list filter: exact-search values (ID number, mobile) only in masked form, so
 * that the audit log never holds a full number that the export's reader typed.
 */
export function auditedFilter<T extends { idNumber?: string; phone?: string }>(q: T): T {
  return {
    ...q,
    ...(q.idNumber !== undefined && { idNumber: maskIdNumber(q.idNumber) }),
    ...(q.phone !== undefined && { phone: maskMobile(q.phone) }),
  };
}

/**
 * Whether an export asked to reveal; 403 when the actor may reveal nowhere inside what the export covers (the
 * requested subtree, else the read scope). Rows are still revealed one by one (platform/reveal.ts).
 */
export function checkRevealAsked(actor: Actor, asked: boolean | undefined, covered: string[], what: string): boolean {
  if (asked !== true) return false;
  const overlaps = revealScope(actor).some((r) => covered.some((c) => r.startsWith(c) || c.startsWith(r)));
  if (!overlaps) throw forbidden('forbidden.reveal', `您无权查看完整的${what}，请导出脱敏数据`);
  return true;
}

/**
 * Runs an export: the query (which refuses before anything is written), the audit rows, then the file as a stream.
 * exceljs's WorkbookWriter commits each row at once, so only the current page and the compressor's buffers are held,
 * not the workbook; between pages the producer waits while the client lags behind. A failure after the first byte
 * can only abort the response (the client gets a truncated, unreadable file, never a wrong one).
 */
export async function runExport<F extends TSchema>(ctx: AppContext, actor: Actor, e: Exporter<F>, filter: Static<F>): Promise<{ stream: Readable; count: number }> {
  const q = await e.query(ctx, actor, filter);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const a of q.audit) await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, ip: actor.ip, ...a }, now);
  });
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const zip = (wb as unknown as { zip: { readableLength: number } }).zip;
  const ws = wb.addWorksheet(e.sheetName);
  ws.columns = e.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 }));
  ws.getRow(1).font = { bold: true };
  const pause = async () => {
    while (out.readableLength + zip.readableLength > MAX_BUFFERED && !out.destroyed) await new Promise((r) => setTimeout(r, 10));
  };
  void (async () => {
    try {
      let rows = q.first;
      for (;;) {
        for (const r of rows) ws.addRow(inert(q.cells(r))).commit();
        if (rows.length < EXPORT_PAGE) break;
        await pause();
        rows = await q.next(rows[rows.length - 1]);
      }
      const footer = [...(e.footer ?? []), ...(q.footer ?? [])];
      if (footer.length) {
        ws.addRow([]).commit();
        for (const line of footer) ws.addRow([inertCell(line)]).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return { stream: out, count: q.count };
}
