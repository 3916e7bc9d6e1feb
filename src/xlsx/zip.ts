/**
 * Opening an .xlsx as a zip, defensively, on bytes, a Blob or any random-access reader (a file in
 * Node, a dropped file in a browser): what is not a zip (a legacy .xls, an encrypted workbook, a
 * CSV renamed) is recognised from its first bytes before any parsing, and no entry is inflated
 * past a size limit (a zip bomb is refused from the central directory, and the bytes actually
 * inflated are counted against what the directory declared). Browser-safe: zip.js and web streams.
 */
import { BlobReader, configure, Reader, Uint8ArrayReader, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js';
import { InputError } from '../core/problems.js';

// Our own code runs in a worker where it needs one. Reading inflates with the platform's
// DecompressionStream where there is one (zlib in Node: fast; the result is the same bytes with any
// codec); every writer (rewrite.ts, repack.ts) deflates with zip.js's embedded codec instead, so Node
// and every browser write the same workbook byte for byte. Without web workers zip.js still lets
// only `maxWorkers` (the core count) codecs run at once and makes the rest wait, up to its 5 s
// starvation timeout: refresh writing three workbooks side by side (each inflating and deflating)
// on two cores stalled for 40 s. Here a "worker" is a codec on this thread, so there is no reason to cap them.
configure({ useWebWorkers: false, maxWorkers: 1024 });

/**
 * A part this big (inflated) is worth another thread where the host has threads (Node): reading
 * or patching it there runs beside the rest of the work; a thread costs about 0.1 s to start.
 */
export const BIG_PART_BYTES = 8 << 20;

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

/** What a workbook is read from: its bytes, a Blob (a file dropped on a page), or a random-access reader. */
export type ZipSource = Uint8Array | Blob | Reader<unknown>;

export interface ZipEntryInfo {
  name: string;
  uncompressedSize: number;
  compressedSize: number;
  crc32: number;
  compressionMethod: number;
  lastModDate: Date;
  directory: boolean;
}

export interface ZipArchive {
  /** The workbook's file name, for messages. */
  file: string;
  entries: Map<string, ZipEntryInfo>;
  /** The part's bytes, inflated, as a stream. */
  stream(name: string): ReadableStream<Uint8Array>;
  /** The part's bytes as stored (still compressed), to copy it untouched. */
  raw(name: string): ReadableStream<Uint8Array>;
  text(name: string): Promise<string>;
  close(): Promise<void>;
}

const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function asReader(source: ZipSource): Reader<unknown> {
  if (source instanceof Uint8Array) return new Uint8ArrayReader(source) as Reader<unknown>;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return new BlobReader(source) as Reader<unknown>;
  return source as Reader<unknown>;
}

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** What a file's first four bytes say it is: a zip (an .xlsx, whatever its name), an OLE2 compound file (.xls/.et, or an encrypted .xlsx), or neither. */
export function fileSignature(head: Uint8Array): 'zip' | 'ole2' | 'other' {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole2';
  return 'other';
}

function includesBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const utf16le = (s: string) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) out[i * 2] = s.charCodeAt(i);
  return out;
};

async function readAt(reader: Reader<unknown>, file: string, offset: number, length: number): Promise<Uint8Array> {
  try {
    return await reader.readUint8Array(offset, length);
  } catch {
    throw new InputError('TRUNCATED', { file });
  }
}

/** Refuses what is not a zip workbook, from its first bytes, with a reason a clerk understands. */
async function sniff(reader: Reader<unknown>, file: string): Promise<void> {
  const size = reader.size;
  if (!size) throw new InputError('FILE_EMPTY', { file });
  const head = await readAt(reader, file, 0, Math.min(size, 512 * 1024));
  const signature = fileSignature(head);
  if (signature === 'zip') return;
  if (signature === 'ole2') {
    // An OLE2 compound file: a legacy .xls, or an .xlsx encrypted with an open password,
    // which Office stores as OLE2 with an EncryptionInfo stream.
    const marker = utf16le('EncryptionInfo');
    let encrypted = includesBytes(head, marker);
    if (!encrypted && size > head.length) encrypted = includesBytes(await readAt(reader, file, 0, Math.min(size, 8 * 1024 * 1024)), marker);
    throw new InputError(encrypted ? 'ENCRYPTED' : 'LEGACY_XLS', { file });
  }
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) throw new InputError('NOT_XLSX', { file, what: '空的 zip 压缩包' });
  const sample = new TextDecoder('utf-8').decode(head.subarray(0, 4096));
  const trimmed = sample.replace(/^\ufeff/, '').trimStart().toLowerCase();
  let what = '无法识别的文件内容';
  if (trimmed.startsWith('<html') || trimmed.startsWith('<!doctype') || trimmed.startsWith('<table')) what = '是网页（HTML）文件改了扩展名';
  else if (trimmed.startsWith('<?xml')) what = '是 XML 文件（可能是 Excel 2003 XML 表格）';
  else if (!/[\u0000-\u0008\u000e-\u001f]/.test(sample) && /[,\t]/.test(sample)) what = '看起来是 CSV 或文本文件改了扩展名';
  throw new InputError('NOT_XLSX', { file, what });
}

/** Passes bytes through and errors once more arrive than the central directory declared. */
function sizeGuard(limit: number, file: string, part: string): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.length;
      if (seen > limit) controller.error(new InputError('ZIP_BOMB', { file, part, size: `${MiB(seen)}+`, limit: MiB(limit) }));
      else controller.enqueue(chunk);
    },
  }, { highWaterMark: 8 }, { highWaterMark: 8 });
}

/** Any failure while inflating (a bad CRC, cut-off data) as the one Chinese reason. */
function asInputError(e: unknown, file: string): InputError {
  return e instanceof InputError ? e : new InputError('TRUNCATED', { file });
}

/** A reader ready to read: `init()` is zip.js's public step, and every reader here may take it twice. */
async function readyReader(source: ZipSource, file: string): Promise<Reader<unknown>> {
  const reader = asReader(source);
  try {
    await reader.init?.();
  } catch (e) {
    throw e instanceof InputError ? e : new InputError('FILE_UNREADABLE', { file, reason: '无法读取' });
  }
  return reader;
}

/** What a source's first four bytes say it is (see `fileSignature`), without opening it as a zip. */
export async function sourceSignature(source: ZipSource, file: string): Promise<'zip' | 'ole2' | 'other'> {
  const reader = await readyReader(source, file);
  return fileSignature(reader.size >= 4 ? await readAt(reader, file, 0, 4) : new Uint8Array());
}

export async function openZip(source: ZipSource, file: string, limits: ZipLimits = DEFAULT_LIMITS): Promise<ZipArchive> {
  const reader = await readyReader(source, file);
  await sniff(reader, file);
  const zip = new ZipReader(reader, { useWebWorkers: false, checkSignature: true });
  let list: Entry[];
  try {
    list = await zip.getEntries();
  } catch (e) {
    // zip.js refuses a name that climbs out of the folder (`../`) before handing any entry over
    if (/unsafe file ?name/i.test(String((e as Error)?.message))) throw new InputError('BAD_ZIP', { file, detail: '有部件名不安全（含 ../ 或以 / 开头）' });
    throw new InputError('TRUNCATED', { file });
  }
  const entries = new Map<string, ZipEntryInfo>();
  const byName = new Map<string, FileEntry>();
  let total = 0;
  const refuse = async (error: InputError): Promise<never> => {
    await zip.close().catch(() => undefined);
    throw error;
  };
  for (const e of list) {
    // what a zip may hold but a workbook never does: each said for what it is
    const name = e.filename;
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) await refuse(new InputError('BAD_ZIP', { file, detail: `部件名“${name}”不安全` }));
    if (byName.has(name) || entries.has(name)) await refuse(new InputError('BAD_ZIP', { file, detail: `有两个同名的部件“${name}”` }));
    if (e.encrypted) await refuse(new InputError('ENCRYPTED_PART', { file, part: name }));
    if (!e.directory && e.compressionMethod !== 0 && e.compressionMethod !== 8) {
      await refuse(new InputError('BAD_ZIP', { file, detail: `部件“${name}”用了 Excel 不用的压缩方式（编号 ${e.compressionMethod}${e.compressionMethod === 14 ? '，LZMA' : e.compressionMethod === 12 ? '，BZIP2' : ''}）` }));
    }
    const size = e.uncompressedSize;
    total += size;
    const ratio = size / Math.max(1, e.compressedSize);
    // each limit says itself: the one that was hit is the one the clerk reads
    const refusal =
      size > limits.maxEntryBytes ? new InputError('ZIP_BOMB', { file, part: e.filename, size: MiB(size), limit: MiB(limits.maxEntryBytes) })
        : size > limits.ratioFloorBytes && ratio > limits.maxRatio ? new InputError('ZIP_BOMB_RATIO', { file, part: e.filename, size: MiB(size), ratio: Math.round(ratio), limit: limits.maxRatio })
          : total > limits.maxTotalBytes ? new InputError('ZIP_TOO_BIG', { file, size: `${MiB(total)}+`, limit: MiB(limits.maxTotalBytes) })
            : undefined;
    if (refusal) {
      await zip.close().catch(() => undefined);
      throw refusal;
    }
    entries.set(e.filename, {
      name: e.filename, uncompressedSize: size, compressedSize: e.compressedSize, crc32: e.signature ?? 0,
      compressionMethod: e.compressionMethod, lastModDate: e.lastModDate, directory: e.directory,
    });
    if (!e.directory) byName.set(e.filename, e as FileEntry);
  }
  if (!entries.has('[Content_Types].xml')) await refuse(new InputError('NOT_XLSX', { file, what: '压缩包中缺少 [Content_Types].xml' }));
  const entryOf = (name: string) => {
    const e = byName.get(name);
    if (!e) throw new InputError('BAD_XML', { file, part: name });
    return e;
  };
  const data = (name: string, passThrough: boolean): ReadableStream<Uint8Array> => {
    const entry = entryOf(name);
    // Room for a few chunks on each side, so the inflate (off the main thread) runs ahead of the parser.
    const pipe = new TransformStream<Uint8Array, Uint8Array>({}, { highWaterMark: 8 }, { highWaterMark: 8 });
    // getData writes into the pipe; a failure (bad CRC, broken inflate) aborts it, so the reader sees it
    entry.getData(pipe.writable, { passThrough, checkSignature: !passThrough }).catch((e: unknown) => pipe.writable.abort(asInputError(e, file)).catch(() => undefined));
    const limit = passThrough ? entry.compressedSize : entry.uncompressedSize;
    return pipe.readable.pipeThrough(sizeGuard(limit, file, name));
  };
  return {
    file,
    entries,
    stream: (name) => data(name, false),
    raw: (name) => data(name, true),
    async text(name) {
      const chunks: Uint8Array[] = [];
      try {
        for await (const chunk of iterate(data(name, false))) chunks.push(chunk);
      } catch (e) {
        throw asInputError(e, file);
      }
      let out = '';
      const decoder = partDecoder(file, name);
      const writer = decoder.writable.getWriter();
      const reading = (async () => {
        for await (const piece of iterate(decoder.readable)) out += piece;
      })();
      for (const chunk of chunks) await writer.write(chunk);
      await writer.close();
      await reading;
      return out;
    },
    async close() {
      await zip.close().catch(() => undefined);
      // a reader over a file (Node) holds a handle
      await (reader as { close?: () => Promise<void> }).close?.();
    },
  };
}

/** A web stream as an async iterable, without relying on ReadableStream's own iterator (older browsers lack it). */
export async function* iterate<T>(stream: ReadableStream<T>): AsyncIterable<T> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // a consumer that stopped early (or failed) lets the producer go
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** A whole stream of bytes, gathered. */
export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const c of iterate(stream)) {
    chunks.push(c);
    length += c.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** How a part's text is written: its encoding, and whether it starts with a byte order mark. */
export interface TextForm {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bom: boolean;
}

/** The encoding of an XML part from its first bytes (a BOM, or `<?` in UTF-16), UTF-8 otherwise, as XML says. */
export function sniffTextForm(head: Uint8Array): TextForm {
  const [a, b, c, d] = [head[0], head[1], head[2], head[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: true };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bom: true };
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return { encoding: 'utf-16le', bom: false };
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return { encoding: 'utf-16be', bom: false };
  return { encoding: 'utf-8', bom: false };
}

/**
 * A stream decoder of a part's bytes: UTF-8, or UTF-16 where the part says so (LibreOffice reads
 * such parts; so does this). Strict: a byte that is not text in its encoding is bad input naming
 * the part, never a U+FFFD that would read a name wrong and be written back in place of the
 * clerk's bytes. TextDecoder in a TransformStream rather than TextDecoderStream, which EdgeHTML
 * (the pane's oldest webview) lacks and which would not pipe with its polyfilled streams.
 */
export function partDecoder(file: string, part: string, seen?: (form: TextForm) => void): TransformStream<Uint8Array, string> {
  let decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | undefined;
  let head = new Uint8Array(0);
  const decode = (bytes: Uint8Array | undefined, stream: boolean): string => {
    try {
      return bytes ? decoder!.decode(bytes, { stream }) : decoder!.decode();
    } catch {
      throw new InputError('BAD_ENCODING', { file, part });
    }
  };
  const start = () => {
    const form = sniffTextForm(head);
    seen?.(form);
    decoder = new TextDecoder(form.encoding, { fatal: true });
  };
  return new TransformStream<Uint8Array, string>({
    transform(chunk, controller) {
      if (!decoder) {
        const both = new Uint8Array(head.length + chunk.length);
        both.set(head);
        both.set(chunk, head.length);
        head = both;
        if (head.length < 4) return;
        start();
        chunk = head;
      }
      const text = decode(chunk, true);
      if (text) controller.enqueue(text);
    },
    flush(controller) {
      if (!decoder) {
        start();
        const text = decode(head, true);
        if (text) controller.enqueue(text);
      }
      const text = decode(undefined, false);
      if (text) controller.enqueue(text);
    },
  });
}

/**
 * A part's bytes from many small texts, in pieces of `pieceBytes` (a text too long for one is a
 * piece of its own), without joining the texts into one string first: a patched sheet's rows are
 * encoded as they come (UTF-8 straight into the piece), which on a 100,000-row log saves copying
 * 70 MB of text twice. The first piece starts with the part's byte order mark, if it had one.
 */
export class PieceEncoder {
  private buffer: Uint8Array;
  private used = 0;
  private readonly encoder = new TextEncoder();
  private readonly perUnit: number;

  constructor(private readonly form: TextForm, private readonly pieceBytes: number, private readonly onPiece: (bytes: Uint8Array) => void) {
    this.buffer = new Uint8Array(pieceBytes);
    // a UTF-16 code unit is at most 3 bytes of UTF-8 (a pair, 4 bytes for 2 units)
    this.perUnit = form.encoding === 'utf-8' ? 3 : 2;
    if (form.bom) this.put(encodeText('', form, true));
  }

  write(text: string): void {
    if (!text) return;
    const most = text.length * this.perUnit;
    if (most > this.buffer.length - this.used) {
      this.flush();
      if (most > this.buffer.length) return this.onPiece(encodeText(text, this.form, false));
    }
    if (this.form.encoding === 'utf-8') this.used += this.encoder.encodeInto(text, this.buffer.subarray(this.used)).written;
    else this.put(encodeText(text, this.form, false));
  }

  /** Hands on what is encoded so far (the piece's memory goes with it: it may be transferred). */
  flush(): void {
    if (!this.used) return;
    this.onPiece(this.buffer.subarray(0, this.used));
    this.buffer = new Uint8Array(this.pieceBytes);
    this.used = 0;
  }

  private put(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }
}

/** The bytes of a text piece in a part's form; the first piece carries the part's byte order mark, if it had one. */
export function encodeText(text: string, form: TextForm, first: boolean): Uint8Array {
  const bom = first && form.bom;
  if (form.encoding === 'utf-8') {
    const body = new TextEncoder().encode(text);
    if (!bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const lead = bom ? 2 : 0;
  const out = new Uint8Array(lead + text.length * 2);
  const view = new DataView(out.buffer);
  const little = form.encoding === 'utf-16le';
  if (bom) view.setUint16(0, 0xfeff, little);
  for (let i = 0; i < text.length; i++) view.setUint16(lead + i * 2, text.charCodeAt(i), little);
  return out;
}
