/**
 * The import worker thread: reads the uploaded file (parse.ts) and checks every row (cells.ts: the columns as the
 * importer's cells schema made them, then the module's checker, loaded from `checkModule`), posting results to the
 * main thread in chunks so that no single message takes long to receive. It touches neither the database nor the
 * keys; the main thread checks what needs the database and writes through the module (importer.ts).
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { ColumnSpec } from './columns.js';
import { fileChecker } from './cells.js';
import { FileRefused, readRows, type FileFormat, type ParseLimits, type RowError } from './parse.js';
import type { CheckedRow, RowChecker } from './rows.js';

export interface WorkerInput { file: Uint8Array; format: FileFormat; columns: ColumnSpec[]; checkModule: string | null; limits: ParseLimits; today: string }
export type WorkerMessage =
  | { type: 'rows'; rows: CheckedRow<unknown>[]; errors: RowError[]; processed: number }
  | { type: 'done'; headerErrors: RowError[]; total: number; threadId: number; parseMs: number }
  | { type: 'refused'; message: string; threadId: number };

const CHUNK = 2000;
const input = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

async function main() {
  const started = Date.now();
  const checker = input.checkModule ? (await import(input.checkModule) as { default: RowChecker<Record<string, string>, unknown> }).default : null;
  const file = Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength);
  let rows: CheckedRow<unknown>[] = [];
  let errors: RowError[] = [];
  let processed = 0;
  const check = fileChecker(input.columns, checker, input.today);
  const flush = () => {
    if (rows.length || errors.length) post({ type: 'rows', rows, errors, processed });
    rows = [];
    errors = [];
  };
  try {
    const { headerErrors, total } = await readRows(file, input.format, input.columns, input.limits, (row) => {
      const r = check(row);
      processed++;
      if (r.checked) rows.push(r.checked);
      else errors.push(...r.errors);
      if (rows.length + errors.length >= CHUNK) flush();
    });
    flush();
    post({ type: 'done', headerErrors, total, threadId, parseMs: Date.now() - started });
  } catch (err) {
    if (err instanceof FileRefused) post({ type: 'refused', message: err.message, threadId });
    else throw err;
  }
}

await main();
