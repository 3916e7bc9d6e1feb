/**
 * A new zip from an old one: the parts the tool owns go through a streaming transform and are
 * compressed again; every other entry is copied as its stored, still-compressed bytes (zip.js
 * `passThrough`), so its content cannot change and it costs no inflate or deflate.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { configure, ZipWriter } from '@zip.js/zip.js';
import type { ZipArchive } from './zip.js';

configure({ useWebWorkers: false });

/** Text in, text out, chunk by chunk. */
export type PartTransform = (input: AsyncIterable<string>) => AsyncIterable<string>;

export interface RewriteResult {
  /** Parts whose new text differs from the old. */
  changedParts: string[];
}

async function* textOf(stream: Readable): AsyncIterable<string> {
  stream.setEncoding('utf8');
  for await (const chunk of stream) yield chunk as string;
}

/** Runs a transform over a part, hashing what goes in and what comes out. */
async function* hashed(part: string, input: AsyncIterable<string>, transform: PartTransform, changed: Set<string>): AsyncIterable<Buffer> {
  const before = createHash('sha256');
  const after = createHash('sha256');
  async function* tap() {
    for await (const chunk of input) {
      before.update(chunk);
      yield chunk;
    }
  }
  for await (const text of transform(tap())) {
    if (!text) continue;
    after.update(text);
    yield Buffer.from(text, 'utf8');
  }
  if (before.digest('hex') !== after.digest('hex')) changed.add(part);
}

/** Runs the transforms without writing anything (a dry run), and says which parts would change. */
export async function transformOnly(zip: ZipArchive, transforms: ReadonlyMap<string, PartTransform>): Promise<RewriteResult> {
  const changed = new Set<string>();
  for (const [part, transform] of transforms) {
    for await (const _ of hashed(part, textOf(await zip.stream(part)), transform, changed)) {
      // drained: the transform's own counters record what would change
    }
  }
  return { changedParts: [...changed] };
}

/** Writes the whole new zip to a new file at `dest`, synced to disk before it returns. */
export async function rewriteZip(zip: ZipArchive, dest: string, transforms: ReadonlyMap<string, PartTransform>): Promise<RewriteResult> {
  const changed = new Set<string>();
  const out = await open(dest, 'wx');
  const sink = out.createWriteStream({ autoClose: false });
  const done = finished(sink);
  const writer = new ZipWriter(Writable.toWeb(sink), { useWebWorkers: false, extendedTimestamp: false, keepOrder: true });
  try {
    for (const [name, entry] of zip.entries) {
      const transform = transforms.get(name);
      const lastModDate = entry.getLastModDate();
      if (transform) {
        const body = Readable.from(hashed(name, textOf(await zip.stream(name)), transform, changed));
        await writer.add(name, Readable.toWeb(body) as ReadableStream<Uint8Array>, { lastModDate, level: 6 });
      } else if (name.endsWith('/') && entry.uncompressedSize === 0) {
        await writer.add(name, undefined, { directory: true, lastModDate });
      } else {
        const raw = await zip.raw(name);
        await writer.add(name, Readable.toWeb(raw) as ReadableStream<Uint8Array>, {
          passThrough: true,
          uncompressedSize: entry.uncompressedSize,
          signature: entry.crc32,
          compressionMethod: entry.compressionMethod,
          lastModDate,
        });
      }
    }
    await writer.close();
    await done;
    await out.sync();
  } finally {
    // closes the file too: the stream holds the handle
    sink.destroy();
    if (!sink.closed) await once(sink, 'close');
  }
  return { changedParts: [...changed] };
}
