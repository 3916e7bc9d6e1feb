/**
 * Opening an .xlsx as a zip, defensively: what is not a zip (a legacy .xls, an encrypted
 * workbook, a CSV renamed) is recognised from its first bytes before any parsing, and no entry
 * is inflated past a size limit (a zip bomb is refused from the central directory, and yauzl
 * checks the bytes actually inflated against it).
 */
import { open as openFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { InputError } from '../core/problems.js';

export interface ZipLimits {
  /** Largest inflated size of one part. */
  maxEntryBytes: number;
  /** Largest inflated size of all parts together. */
  maxTotalBytes: number;
  /** Above this inflated size, a part compressed more than maxRatio times is a bomb. */
  ratioFloorBytes: number;
  maxRatio: number;
}

export const DEFAULT_LIMITS: ZipLimits = {
  maxEntryBytes: 1536 * 1024 * 1024,
  maxTotalBytes: 3 * 1024 * 1024 * 1024,
  ratioFloorBytes: 64 * 1024 * 1024,
  maxRatio: 150,
};

const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

export interface ZipArchive {
  entries: Map<string, yauzl.Entry>;
  stream(name: string): Promise<Readable>;
  /** The entry's bytes as stored (still compressed), to copy it untouched. */
  raw(name: string): Promise<Readable>;
  text(name: string): Promise<string>;
  close(): void;
}

/** Why the system would not let us read a file, in words a clerk can act on. */
function unreadable(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const reason =
    ({ EACCES: '没有读取权限', EPERM: '没有读取权限', EBUSY: '文件正被其他程序占用', EISDIR: '这是一个文件夹，不是文件', ENOENT: '文件不存在', EIO: '磁盘读取出错' } as Record<string, string>)[code] ??
    `系统错误 ${code || String(e)}`;
  return new InputError('FILE_UNREADABLE', { file, reason });
}

async function readHead(path: string, file: string, bytes: number): Promise<Buffer> {
  try {
    const handle = await openFile(path, 'r');
    try {
      const head = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(head, 0, bytes, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw unreadable(file, e);
  }
}

async function sniff(path: string, file: string): Promise<void> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = s.size;
  } catch (e) {
    throw unreadable(file, e);
  }
  if (size === 0) throw new InputError('FILE_EMPTY', { file });
  const head = await readHead(path, file, Math.min(size, 512 * 1024));
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return;
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    // An OLE2 compound file: a legacy .xls, or an .xlsx encrypted with an open password,
    // which Office stores as OLE2 with an EncryptionInfo stream.
    let encrypted = head.includes(Buffer.from('EncryptionInfo', 'utf16le'));
    if (!encrypted && size > head.length) {
      encrypted = (await readHead(path, file, Math.min(size, 8 * 1024 * 1024))).includes(Buffer.from('EncryptionInfo', 'utf16le'));
    }
    throw new InputError(encrypted ? 'ENCRYPTED' : 'LEGACY_XLS', { file });
  }
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]))) throw new InputError('NOT_XLSX', { file, what: '空的 zip 压缩包' });
  const sample = head.subarray(0, 4096).toString('utf8');
  const trimmed = sample.replace(/^\ufeff/, '').trimStart().toLowerCase();
  let what = '无法识别的文件内容';
  if (trimmed.startsWith('<html') || trimmed.startsWith('<!doctype') || trimmed.startsWith('<table')) what = '是网页（HTML）文件改了扩展名';
  else if (trimmed.startsWith('<?xml')) what = '是 XML 文件（可能是 Excel 2003 XML 表格）';
  else if (!/[\u0000-\u0008\u000e-\u001f]/.test(sample) && /[,\t]/.test(sample)) what = '看起来是 CSV 或文本文件改了扩展名';
  throw new InputError('NOT_XLSX', { file, what });
}

export async function openZip(path: string, file: string, limits: ZipLimits = DEFAULT_LIMITS): Promise<ZipArchive> {
  await sniff(path, file);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, z) => (err ? reject(err) : resolve(z!))),
  ).catch(() => {
    throw new InputError('TRUNCATED', { file });
  });
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch {
    zip.close();
    throw new InputError('TRUNCATED', { file });
  }
  let total = 0;
  for (const entry of entries.values()) {
    const size = entry.uncompressedSize;
    total += size;
    const ratio = size / Math.max(1, entry.compressedSize);
    if (size > limits.maxEntryBytes || (size > limits.ratioFloorBytes && ratio > limits.maxRatio) || total > limits.maxTotalBytes) {
      zip.close();
      throw new InputError('ZIP_BOMB', { file, part: entry.fileName, size: MiB(size), limit: MiB(limits.maxEntryBytes) });
    }
  }
  const stream = (name: string) =>
    new Promise<Readable>((resolve, reject) => {
      const entry = entries.get(name);
      if (!entry) return reject(new InputError('BAD_XML', { file, part: name }));
      zip.openReadStream(entry, (err, s) => (err ? reject(new InputError('TRUNCATED', { file })) : resolve(s!)));
    });
  const raw = (name: string) =>
    new Promise<Readable>((resolve, reject) => {
      const entry = entries.get(name);
      if (!entry) return reject(new InputError('BAD_XML', { file, part: name }));
      zip.openReadStream(entry, { decompress: false }, (err, s) => (err ? reject(new InputError('TRUNCATED', { file })) : resolve(s!)));
    });
  return {
    entries,
    stream,
    raw,
    async text(name: string) {
      const s = await stream(name);
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of s) chunks.push(chunk as Buffer);
      } catch {
        throw new InputError('TRUNCATED', { file });
      }
      return Buffer.concat(chunks).toString('utf8');
    },
    close: () => zip.close(),
  };
}
