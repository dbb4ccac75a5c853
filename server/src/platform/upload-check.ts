/**
 * Upload checks (上传文件检查): the real type of an uploaded file by its content (magic numbers, never its name or
 * the Content-Type the browser sent), against an allow list, with a size limit, refusing a file whose extension
 * says another type. Messages are Chinese, for the person who chose the file (problem+json `validation_failed`).
 *
 *   const { kind, mime } = checkUpload(buf, fileName, { allow: ['jpg', 'png', 'pdf'], maxBytes: 10 * 1024 * 1024 });
 *
 * Kinds: images (jpg, png, gif, webp), PDF, and Office Open XML documents (docx, xlsx, pptx: ZIPs told apart by the
 * names of their parts). Legacy binary Office files (.doc, .xls) and anything else are refused: they cannot be told
 * apart reliably by content and carry macros more often.
 */
import { validationFailed } from './errors.js';

export type UploadKind = 'jpg' | 'png' | 'gif' | 'webp' | 'pdf' | 'docx' | 'xlsx' | 'pptx';

export const UPLOAD_KINDS: Readonly<Record<UploadKind, { mime: string; extensions: readonly string[]; zh: string }>> = {
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], zh: 'JPG 图片' },
  png: { mime: 'image/png', extensions: ['png'], zh: 'PNG 图片' },
  gif: { mime: 'image/gif', extensions: ['gif'], zh: 'GIF 图片' },
  webp: { mime: 'image/webp', extensions: ['webp'], zh: 'WebP 图片' },
  pdf: { mime: 'application/pdf', extensions: ['pdf'], zh: 'PDF 文件' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], zh: 'Word 文档（.docx）' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], zh: 'Excel 表格（.xlsx）' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], zh: 'PowerPoint 演示文稿（.pptx）' },
};

export const IMAGE_KINDS: readonly UploadKind[] = ['jpg', 'png', 'gif', 'webp'];
export const DOCUMENT_KINDS: readonly UploadKind[] = ['pdf', 'docx', 'xlsx', 'pptx'];

/** The kind of a file by its first bytes, or null when it is none of the known kinds. */
export function sniffUpload(buf: Uint8Array): UploadKind | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (b.length >= 4 && b.readUInt32LE(0) === 0x04034b50) {
    // The names of a ZIP's entries are stored uncompressed (local headers and central directory).
    if (!b.includes('[Content_Types].xml', 0, 'latin1')) return null;
    if (b.includes('word/document.xml', 0, 'latin1')) return 'docx';
    if (b.includes('xl/workbook.xml', 0, 'latin1')) return 'xlsx';
    if (b.includes('ppt/presentation.xml', 0, 'latin1')) return 'pptx';
  }
  return null;
}

// Rounded up, so a file just over the limit does not read as the limit itself.
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`);

export interface UploadRules {
  allow: readonly UploadKind[];
  maxBytes: number;
  /** The field named in the problem (default 'file'). */
  field?: string;
}

/**
 * Checks an upload; returns its kind and the MIME type to serve it with, or throws a validation problem: empty, too
 * large, not an allowed kind by content, or named with the extension of another kind.
 */
export function checkUpload(body: unknown, fileName: string, rules: UploadRules): { kind: UploadKind; mime: string; size: number } {
  const field = rules.field ?? 'file';
  const buf = Buffer.isBuffer(body) ? body : body instanceof Uint8Array ? Buffer.from(body) : Buffer.alloc(0);
  const allowed = rules.allow.map((k) => UPLOAD_KINDS[k].zh).join('、');
  if (!buf.length) throw validationFailed([{ field, message: '请选择要上传的文件（文件不能为空）' }]);
  if (buf.length > rules.maxBytes) throw validationFailed([{ field, message: `文件不能超过${sizeText(rules.maxBytes)}（所选文件为${sizeText(buf.length)}）` }]);
  const kind = sniffUpload(buf);
  if (!kind || !rules.allow.includes(kind)) {
    throw validationFailed([{ field, message: `只能上传${allowed}；${kind ? `所选文件是${UPLOAD_KINDS[kind].zh}` : '所选文件的内容不是这些格式'}` }]);
  }
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext && !UPLOAD_KINDS[kind].extensions.includes(ext)) {
    const claimed = (Object.keys(UPLOAD_KINDS) as UploadKind[]).find((k) => UPLOAD_KINDS[k].extensions.includes(ext));
    throw validationFailed([{ field, message: `文件扩展名为 .${ext}${claimed ? `（${UPLOAD_KINDS[claimed].zh}）` : ''}，但文件内容是${UPLOAD_KINDS[kind].zh}，请确认文件后重新上传` }]);
  }
  return { kind, mime: UPLOAD_KINDS[kind].mime, size: buf.length };
}
