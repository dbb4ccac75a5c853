import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { checkUpload, sniffUpload } from './upload-check.js';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]);
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const GIF = Buffer.from('GIF89a\x01\x00', 'latin1');
const WEBP = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1');
const zip = (...names: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(names.join('\0'), 'latin1')]);
const DOCX = zip('[Content_Types].xml', 'word/document.xml');
const XLSX = zip('[Content_Types].xml', 'xl/workbook.xml');
const PPTX = zip('[Content_Types].xml', 'ppt/presentation.xml');

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).errors![0]!.message;
  }
  throw new Error('no problem raised');
};

describe('upload checks', () => {
  it('tell the type by content', () => {
    expect([PDF, PNG, JPG, GIF, WEBP, DOCX, XLSX, PPTX].map(sniffUpload)).toEqual(['pdf', 'png', 'jpg', 'gif', 'webp', 'docx', 'xlsx', 'pptx']);
    expect(sniffUpload(zip('readme.txt'))).toBeNull();
    expect(sniffUpload(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull();
  });

  it('accept an allowed file whose name agrees, in any case of extension or none', () => {
    expect(checkUpload(PNG, '照片.PNG', { allow: ['png', 'jpg'], maxBytes: 1024 })).toEqual({ kind: 'png', mime: 'image/png', size: PNG.length });
    expect(checkUpload(JPG, '照片.jpeg', { allow: ['jpg'], maxBytes: 1024 }).kind).toBe('jpg');
    expect(checkUpload(PDF, '无扩展名', { allow: ['pdf'], maxBytes: 1024 }).kind).toBe('pdf');
  });

  it('refuse a mismatched extension, a type not allowed, an unknown content, an empty or oversized file', () => {
    const rules = { allow: ['jpg', 'png', 'pdf'] as const, maxBytes: 1024 * 1024 };
    expect(problem(() => checkUpload(PNG, '发票.pdf', rules))).toBe('文件扩展名为 .pdf（PDF 文件），但文件内容是PNG 图片，请确认文件后重新上传');
    expect(problem(() => checkUpload(PDF, '脚本.exe', rules))).toBe('文件扩展名为 .exe，但文件内容是PDF 文件，请确认文件后重新上传');
    expect(problem(() => checkUpload(DOCX, '说明.docx', rules))).toBe('只能上传JPG 图片、PNG 图片、PDF 文件；所选文件是Word 文档（.docx）');
    expect(problem(() => checkUpload(Buffer.from('<script>alert(1)</script>'), 'a.png', rules))).toBe('只能上传JPG 图片、PNG 图片、PDF 文件；所选文件的内容不是这些格式');
    expect(problem(() => checkUpload(Buffer.alloc(0), 'a.png', rules))).toBe('请选择要上传的文件（文件不能为空）');
    expect(problem(() => checkUpload(Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]), 'a.pdf', rules))).toBe('文件不能超过1 MB（所选文件为1.1 MB）');
  });
});
