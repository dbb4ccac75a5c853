/**
 * The import worker thread: reads the uploaded file (imports.parse.ts) and, for members, checks every row
 * (imports.check.ts), posting results to the main thread in chunks so that no single message takes long to receive.
 * It touches neither the database nor the keys; the main thread resolves organizations, checks for members already
 * registered, encrypts and writes (imports.service.ts).
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { MEMBER_COLUMNS, ORG_COLUMNS, STATION_COLUMNS } from './imports.columns.js';
import { memberChecker, type CheckedMember } from './imports.check.js';
import { FileRefused, readRows, type FileFormat, type ParseLimits, type RowError, type SheetRow } from './imports.parse.js';

export interface WorkerInput { file: Uint8Array; format: FileFormat; kind: 'members' | 'organizations' | 'stations'; limits: ParseLimits; today: string }
export type WorkerMessage =
  | { type: 'rows'; rows: SheetRow[] }
  | { type: 'members'; members: CheckedMember[]; errors: RowError[]; processed: number }
  | { type: 'done'; headerErrors: RowError[]; total: number; threadId: number; parseMs: number }
  | { type: 'refused'; message: string; threadId: number };

const CHUNK = 2000;
const input = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

async function main() {
  const started = Date.now();
  const columns = input.kind === 'members' ? MEMBER_COLUMNS : input.kind === 'stations' ? STATION_COLUMNS : ORG_COLUMNS;
  const file = Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength);
  let rows: SheetRow[] = [];
  let members: CheckedMember[] = [];
  let errors: RowError[] = [];
  let index = 0;
  const check = input.kind === 'members' ? memberChecker(input.today) : null;
  const flush = () => {
    if (check) {
      if (members.length || errors.length) post({ type: 'members', members, errors, processed: index });
      members = [];
      errors = [];
    } else if (rows.length) {
      post({ type: 'rows', rows });
      rows = [];
    }
  };
  try {
    const { headerErrors, total } = await readRows(file, input.format, columns, input.limits, (row) => {
      if (check) {
        const r = check(row, index++);
        if (r.member) members.push(r.member);
        else errors.push(...r.errors);
        if (members.length + errors.length >= CHUNK) flush();
      } else {
        rows.push(row);
        if (rows.length >= CHUNK) flush();
      }
    });
    flush();
    post({ type: 'done', headerErrors, total, threadId, parseMs: Date.now() - started });
  } catch (err) {
    if (err instanceof FileRefused) post({ type: 'refused', message: err.message, threadId });
    else throw err;
  }
}

await main();
