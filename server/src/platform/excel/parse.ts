/**
 * Reading an uploaded file into rows, within limits (issue 7, item 6). Pure: no database, no AppContext, so that it
 * runs in the import worker thread (worker.ts). An .xlsx is read as a stream (exceljs WorkbookReader), never
 * loaded whole, after its ZIP structure has been checked: the sizes its entries declare, then the bytes they really
 * inflate to, counted while inflating. A .csv may be UTF-8 (with or without BOM), UTF-16 with a BOM, or GBK/GB18030.
 * Past a limit the whole file is refused with a Chinese message (FileRefused); an over-long cell is a row error.
 */
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CellIssue, cellText, type ColumnSpec } from './columns.js';

export interface ParseLimits {
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  maxUnzippedBytes: number;
}

export type Cell = string | number | Date | null;
export interface RowError { row: number; column: string; message: string }
export interface SheetRow { row: number; values: Record<string, Cell>; cellErrors?: RowError[] }
export type FileFormat = 'xlsx' | 'csv';

/** The whole file is refused; `message` is shown to the user as it is. */
export class FileRefused extends Error {}

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
/** An .xlsx from Excel or WPS has a few dozen entries. */
const MAX_ZIP_ENTRIES = 2000;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const unzippedMessage = (limits: ParseLimits) =>
  `文件解压后超过 ${mb(limits.maxUnzippedBytes)} MB 的上限，可能不是正常的 Excel 文件；请删除多余的工作表、格式和图片，或拆分为多个文件后分别导入`;
export const NOT_A_TABLE = '请上传 .xlsx 格式的 Excel 文件或 .csv 文件（可先下载导入模板）';

/** What the bytes are: an .xlsx (a ZIP archive), a text file taken as CSV, or neither. */
export function detectFormat(buf: Uint8Array): FileFormat | null {
  if (buf.length >= 4 && Buffer.from(buf.buffer, buf.byteOffset, 4).readUInt32LE(0) === ZIP_LOCAL) return 'xlsx';
  if (buf.length === 0) return null;
  // The old binary .xls (OLE2) and other binary files: a NUL byte early on (UTF-16 text has them too, after its BOM).
  const utf16 = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  if (!utf16 && buf.subarray(0, 8192).includes(0)) return null;
  return 'csv';
}

interface ZipEntry { name: string; method: number; compressedSize: number; uncompressedSize: number; localOffset: number }

/** The central directory of a ZIP archive, with the sizes its entries declare. Throws FileRefused on anything unusual. */
export function zipEntries(buf: Buffer, limits: ParseLimits): ZipEntry[] {
  const broken = () => new FileRefused('无法读取该文件，请确认是 .xlsx 格式的 Excel 文件（可在 Excel 中另存为 .xlsx 后重新上传）');
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === ZIP_END) { end = i; break; }
  }
  if (end < 0) throw broken();
  const count = buf.readUInt16LE(end + 10);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new FileRefused(unzippedMessage(limits)); // ZIP64: far beyond any limit here
  if (count > MAX_ZIP_ENTRIES) throw new FileRefused(`文件包含的内部条目过多（${count} 个），不是正常的 Excel 文件`);
  const entries: ZipEntry[] = [];
  let declared = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== ZIP_CENTRAL) throw broken();
    const nameLen = buf.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) throw new FileRefused(unzippedMessage(limits));
    declared += entry.uncompressedSize;
    if (declared > limits.maxUnzippedBytes) throw new FileRefused(unzippedMessage(limits));
    entries.push(entry);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** Inflates `data` only to count its bytes; stops as soon as the count passes `limit`. */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw();
    let n = 0;
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (n > limit) {
        z.destroy();
        resolve(n);
      }
    });
    z.on('end', () => resolve(n));
    z.on('error', reject);
    z.end(data);
  });
}

/**
 * Checks an .xlsx before it is read: declared sizes within the limit, and the bytes every entry really inflates to
 * (a ZIP may declare small sizes and inflate to gigabytes) counted against the same limit.
 */
export async function verifyZip(buf: Buffer, limits: ParseLimits): Promise<void> {
  const entries = zipEntries(buf, limits);
  let total = 0;
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== ZIP_LOCAL) throw new FileRefused('无法读取该文件，请确认是 .xlsx 格式的 Excel 文件');
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = await inflatedSize(data, limits.maxUnzippedBytes - total);
      } catch {
        throw new FileRefused('文件已损坏，无法解压；请在 Excel 中重新保存后上传');
      }
    } else throw new FileRefused('文件使用了不支持的压缩方式，请在 Excel 中另存为 .xlsx 后重新上传');
    total += size;
    if (total > limits.maxUnzippedBytes) throw new FileRefused(unzippedMessage(limits));
  }
}

// ---------------------------------------------------------------- CSV

/** UTF-8 (BOM or not), UTF-16 with a BOM, otherwise GB18030 (a superset of GBK and GB2312, as Excel saves CSV on Chinese Windows). */
export function decodeText(buf: Uint8Array): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gb18030' };
  }
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF or LF). Every line counts, empty ones too, so numbers match what Excel shows. */
export function* csvRecords(text: string): Generator<{ rowNo: number; cells: string[] }> {
  let rowNo = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const cells: string[] = [];
    let field = '';
    let quoted = false;
    for (;;) {
      if (i >= n) { cells.push(field); break; }
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          quoted = false;
          i++;
          continue;
        }
        field += ch;
        i++;
        continue;
      }
      if (ch === '"' && field === '') { quoted = true; i++; continue; }
      if (ch === ',') { cells.push(field); field = ''; i++; continue; }
      if (ch === '\r' || ch === '\n') {
        cells.push(field);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        break;
      }
      field += ch;
      i++;
    }
    rowNo++;
    yield { rowNo, cells };
  }
}

// ---------------------------------------------------------------- rows

export interface ReadResult { headerErrors: RowError[]; total: number }

/**
 * Reads the first worksheet (or the CSV): header row mapped to the column specs by header text (a trailing * allowed),
 * example rows (first cell “示例…”) and empty rows skipped. Rows are handed to `emit` as they are read.
 * Throws FileRefused past a limit.
 */
export async function readRows(
  buf: Buffer, format: FileFormat, columns: ColumnSpec[], limits: ParseLimits, emit: (row: SheetRow) => void | Promise<void>,
): Promise<ReadResult> {
  let header: Map<string, number> | null = null;
  let total = 0;
  const headerErrors: RowError[] = [];
  const missingAll = () => columns.filter((c) => c.required).map((c) => ({ row: 1, column: c.header, message: `缺少必填列“${c.header}”，请使用导入模板` }));
  const tooWide = () => new FileRefused(`文件超过 ${limits.maxColumns} 列的上限，请使用导入模板，删除多余的列后重新上传`);

  /** cells: 1-based (index 0 unused), raw values. */
  const take = async (rowNo: number, cells: unknown[], convert: (raw: unknown) => Cell | CellIssue): Promise<boolean> => {
    if (cells.length - 1 > limits.maxColumns) throw tooWide();
    if (!header) {
      const map = new Map<string, number>();
      for (let c = 1; c < cells.length; c++) {
        const t = convert(cells[c]);
        if (typeof t === 'string' && t.trim() !== '') map.set(t.trim().replace(/[*＊]$/, ''), c);
      }
      if (map.size === 0) return true; // leading empty rows
      header = map;
      for (const c of columns) if (c.required && !map.has(c.header)) headerErrors.push({ row: rowNo, column: c.header, message: `缺少必填列“${c.header}”，请使用导入模板` });
      return headerErrors.length === 0;
    }
    const values: SheetRow['values'] = {};
    const cellErrors: RowError[] = [];
    let any = false;
    for (const c of columns) {
      const col = header.get(c.header);
      let v = col === undefined ? null : convert(cells[col]);
      if (v instanceof CellIssue) {
        cellErrors.push({ row: rowNo, column: c.header, message: v.message });
        v = null;
        any = true;
      }
      if (typeof v === 'string') {
        v = v.trim();
        if (v === '') v = null;
        else if (v.length > limits.maxCellChars) {
          cellErrors.push({ row: rowNo, column: c.header, message: `${c.header}内容超过 ${limits.maxCellChars} 个字的上限` });
          v = null;
        }
      }
      if (v !== null) any = true;
      values[c.key] = v;
    }
    const first = values[columns[0].key];
    if (!any || (typeof first === 'string' && first.startsWith('示例'))) return true;
    total++;
    if (total > limits.maxRows) throw new FileRefused(`文件超过 ${limits.maxRows} 行的上限（不含表头），请拆分为多个文件后分别导入`);
    await emit(cellErrors.length ? { row: rowNo, values, cellErrors } : { row: rowNo, values });
    return true;
  };

  if (format === 'csv') {
    const { text } = decodeText(buf);
    const asCell = (raw: unknown): Cell => (raw === undefined ? null : (raw as string));
    for (const { rowNo, cells } of csvRecords(text)) {
      if (!(await take(rowNo, [undefined, ...cells], asCell))) break;
    }
    return header ? { headerErrors, total } : { headerErrors: missingAll(), total: 0 };
  }

  await verifyZip(buf, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  const asCell = (raw: unknown) => cellText(raw as ExcelJS.CellValue);
  let sheets = 0;
  try {
    for await (const ws of reader) {
      sheets++;
      for await (const r of ws) {
        if (!(await take(r.number, r.values as unknown[], asCell))) break;
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof FileRefused) throw err;
    throw new FileRefused('无法读取该文件，请确认是 .xlsx 格式的 Excel 文件（可在 Excel 中另存为 .xlsx 后重新上传）');
  }
  if (sheets === 0) return { headerErrors: [{ row: 1, column: '文件', message: '文件中没有工作表' }], total: 0 };
  if (!header) return { headerErrors: missingAll(), total: 0 };
  return { headerErrors, total };
}
