/**
 * A folder on disk as a source of workbooks: files read in place with random access (a big log is
 * streamed, never read whole), old .xls/.et files read through a temporary .xlsx that LibreOffice
 * makes. Node only.
 */
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { Duplex } from 'node:stream';
import { createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { configure, Reader } from '@zip.js/zip.js';
import { InputError } from '../core/problems.js';
import type { WorkbookSource } from '../run/source.js';
import type { ZipSource } from '../xlsx/zip.js';
import type { MergeRange, RawRow } from '../core/table.js';
import type { SheetPatchElsewhere, SheetPatchJob } from '../xlsx/patch.js';
import type { SheetEntry, XlsxReader } from '../xlsx/reader.js';
import { readablePath } from './legacy.js';
import { patchOnThread, readRowsOnThread, restOnThread, returnThread, startSheetThread } from './sheetThreads.js';

/** Why the system would not let us read a file, in words a clerk can act on. */
export function unreadable(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const reason =
    ({ EACCES: '没有读取权限', EPERM: '没有读取权限', EBUSY: '文件正被其他程序占用', EISDIR: '这是一个文件夹，不是文件', ENOENT: '文件不存在', EIO: '磁盘读取出错' } as Record<string, string>)[code] ??
    `系统错误 ${code || String(e)}`;
  return new InputError('FILE_UNREADABLE', { file, reason });
}

/**
 * zlib as zip.js's DecompressionStream, handing its output over in 1 MB pieces. Node's own
 * DecompressionStream hands it over in 16 KB pieces, each a round trip through the main thread, so
 * the inflate (on libuv's pool) stalled whenever the parser held the thread, and the two took turns
 * instead of overlapping: inflating and parsing the bench log's 32 MB sheet took 0.9 s that way and
 * 0.5 s this way. The bytes are the same; only Node reads files, so only Node needs it.
 */
class ZlibDecompressionStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;

  constructor(format: string) {
    const options = { chunkSize: 1 << 20 };
    // zip.js asks for gzip to have zlib check the CRC, wrapping the raw deflate data in a gzip header
    const zlib = format === 'gzip' ? createGunzip(options) : format === 'deflate' ? createInflate(options) : createInflateRaw(options);
    const { readable, writable } = Duplex.toWeb(zlib);
    this.readable = readable as ReadableStream<Uint8Array>;
    this.writable = writable as WritableStream<Uint8Array>;
  }
}
configure({ DecompressionStream: ZlibDecompressionStream as never });

/** A file read with random access by zip.js; the handle is closed when zip.js is done or the run ends. */
export class FileSource extends Reader<string> {
  private handle: FileHandle | undefined;

  constructor(
    private readonly path: string,
    private readonly file: string,
  ) {
    super(path);
  }

  /** Opens the file once; a second call (a signature check before zip.js's own) does nothing. */
  override async init(): Promise<void> {
    if (this.handle) return;
    try {
      const s = await stat(this.path);
      if (s.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      this.handle = await open(this.path, 'r');
      this.size = s.size;
    } catch (e) {
      throw unreadable(this.file, e);
    }
    await super.init?.();
  }

  override async readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const buffer = new Uint8Array(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await this.handle!.read(buffer, read, length - read, index + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return read === length ? buffer : buffer.subarray(0, read);
  }

  async close(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }
}

/**
 * Which work on a big sheet goes to a thread of its own. Measured on two cores (npm run bench,
 * 100,000-row log): reading on a thread saved no wall time (the inflate already runs on libuv's
 * pool beside the main thread) and cost 0.3 s of CPU, so it waits for a third core; patching on a
 * thread (beside the main thread's deflate) saved wall time on two, and so did the patch thread
 * reading the second half of the rows during refresh's read (it has the text inflated already).
 * TAIZHANG_THREADS=1 or 0 puts both on threads or neither; `patch` is the two-core choice (the
 * tests use them).
 */
export function sheetThreadsPay(): { read: boolean; patch: boolean } {
  const asked = process.env.TAIZHANG_THREADS;
  if (asked === '1' || asked === '0') return { read: asked === '1', patch: asked === '1' };
  if (asked === 'patch') return { read: false, patch: true };
  const cores = availableParallelism();
  return { read: cores > 2, patch: cores > 1 };
}

/** A workbook file this big (compressed) likely holds a sheet of BIG_PART_BYTES (inflated). */
export const BIG_FILE_BYTES = 1 << 20;

export class FolderSource implements WorkbookSource {
  private readonly opened: FileSource[] = [];
  /** A sheet thread started while the first workbooks are read, when a big one is there. */
  private startedAhead: Worker | undefined;
  /**
   * Reads a big sheet on a thread of its own where threads pay for that (see sheetThreadsPay);
   * else, when a thread has the sheet's text already (inflated for refresh's patch), reads the
   * first half here while that thread reads the rest.
   */
  readonly readSheetRows?: (reader: XlsxReader, sheet: SheetEntry, onRow: (row: RawRow) => void, progress?: (done: number) => void) => Promise<MergeRange[]>;
  /** Patches a big sheet on a thread of its own (likewise). */
  readonly patchSheet?: (name: string, job: SheetPatchJob) => ReturnType<SheetPatchElsewhere>;

  constructor(readonly where: string, private readonly threads = sheetThreadsPay()) {
    if (threads.read) {
      this.readSheetRows = (reader, sheet, onRow, progress) => {
        const thread = this.startedAhead;
        this.startedAhead = undefined;
        return readRowsOnThread(join(this.where, reader.file), reader.file, sheet, onRow, progress, thread);
      };
    } else if (threads.patch) {
      this.readSheetRows = (reader, sheet, onRow, progress) => reader.readRows(sheet, onRow, progress, restOnThread(join(this.where, reader.file), reader.file, sheet));
    }
    if (threads.patch) this.patchSheet = (name, job) => patchOnThread(join(this.where, name), name, job);
  }

  async list(): Promise<string[]> {
    let names: string[];
    try {
      if (!(await stat(this.where)).isDirectory()) throw new Error();
      names = await readdir(this.where);
    } catch {
      throw new InputError('DIR_MISSING', { dir: this.where });
    }
    return names;
  }

  /** Starts a sheet thread while the first workbooks are read, when one of `names` is big. */
  async expect(names: string[]): Promise<void> {
    const sizes = await Promise.all(names.map((n) => stat(join(this.where, n)).then((s) => s.size, () => 0)));
    if (this.threads.read && sizes.some((size) => size >= BIG_FILE_BYTES)) this.startedAhead ??= startSheetThread();
  }

  async open(name: string): Promise<ZipSource> {
    const source = new FileSource(join(this.where, name), name);
    this.opened.push(source);
    return source;
  }

  async legacy(name: string): Promise<{ source: ZipSource; done: () => Promise<void> }> {
    const made = await readablePath(join(this.where, name), name);
    const source = new FileSource(made.path, name);
    return { source, done: async () => {
      await source.close();
      await made.done();
    } };
  }

  /** Closes every file this source opened, and a sheet thread it did not need. */
  async close(): Promise<void> {
    for (const s of this.opened.splice(0)) await s.close();
    if (this.startedAhead) returnThread(this.startedAhead);
    this.startedAhead = undefined;
  }
}
