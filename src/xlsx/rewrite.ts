/**
 * A new zip from an old one: the parts the tool owns go through a streaming transform and are
 * compressed again; every other entry is copied as its stored, still-compressed bytes (zip.js
 * `passThrough`), so its content cannot change and it costs no inflate or deflate. Browser-safe:
 * the new zip goes to any web WritableStream (a file in Node, memory in a page).
 */
import { ZipWriter } from '@zip.js/zip.js';
import { encodeText, iterate, partDecoder, sniffTextForm, type TextForm, type ZipArchive } from './zip.js';

/** Text in, text out, chunk by chunk. */
export type PartTransform = (input: AsyncIterable<string>) => AsyncIterable<string>;

/** Text in, batches of texts out (their concatenation is the new text). */
export type BatchTransform = (input: AsyncIterable<string>) => AsyncIterable<string[]>;

/** New bytes of a part made elsewhere, and whether they differ from the old ones (known once all are taken). */
export interface ProducedPart {
  bytes: AsyncIterable<Uint8Array>;
  changed(): Promise<boolean>;
}

/** A part whose new bytes are made elsewhere (on another thread, in Node), afresh for each write or dry run. */
export interface PartProducer {
  produce(): ProducedPart;
}

/** How a part is rewritten: a transform of its text here, or bytes produced elsewhere. */
export type PartRewrite = PartTransform | PartProducer;

export interface RewriteResult {
  /** Parts whose new text differs from the old. */
  changedParts: string[];
}

/**
 * Tells whether two texts fed in chunks (at their own pace) are the same, holding only the
 * part of one that the other has not reached yet.
 */
export class TextComparer {
  private a = '';
  private b = '';
  private differs = false;

  /** Whether a difference was found already (nothing more needs comparing). */
  get decided(): boolean {
    return this.differs;
  }

  left(chunk: string): void {
    if (!this.differs) this.a += chunk;
    this.settle();
  }

  right(chunk: string): void {
    if (!this.differs) this.b += chunk;
    this.settle();
  }

  /** After both texts have ended. */
  same(): boolean {
    return !this.differs && this.a.length === 0 && this.b.length === 0;
  }

  private settle(): void {
    if (this.differs) return;
    const n = Math.min(this.a.length, this.b.length);
    if (n === 0) return;
    if (this.a.slice(0, n) !== this.b.slice(0, n)) {
      this.differs = true;
      this.a = this.b = '';
      return;
    }
    this.a = this.a.slice(n);
    this.b = this.b.slice(n);
  }
}

/** A part's text, decoded as the part is written (see partDecoder); `seen` hears how, before the first piece. */
export async function* textOf(zip: ZipArchive, part: string, seen?: (form: TextForm) => void): AsyncIterable<string> {
  for await (const chunk of iterate(zip.stream(part).pipeThrough(partDecoder(zip.file, part, seen)))) yield chunk;
}

/** How a part's text is written (its encoding and byte order mark), from its first bytes. */
export async function textFormOf(zip: ZipArchive, part: string): Promise<TextForm> {
  const reader = zip.stream(part).getReader();
  const head: number[] = [];
  try {
    while (head.length < 4) {
      const { done, value } = await reader.read();
      if (done) break;
      head.push(...value.subarray(0, 4 - head.length));
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return sniffTextForm(new Uint8Array(head));
}

/**
 * Runs a transform over a text, comparing what comes out with what went in: the new text, in
 * pieces of at least `piece` characters; `done` hears whether it differs. Also what a thread that
 * makes a part elsewhere runs.
 */
export async function* comparedText(input: AsyncIterable<string>, transform: PartTransform, done: (changed: boolean) => void, piece = 0): AsyncIterable<string> {
  let pending = '';
  const batches = comparedBatches(input, async function* (tapped) {
    for await (const text of transform(tapped)) yield [text];
  }, done);
  for await (const [text] of batches) {
    if (!text) continue;
    pending += text;
    if (pending.length >= piece) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

/**
 * comparedText for a transform that makes batches of texts: the batches as they come; a batch's
 * texts are joined to be compared only until a difference is found (after that, never).
 */
export async function* comparedBatches(input: AsyncIterable<string>, transform: BatchTransform, done: (changed: boolean) => void): AsyncIterable<string[]> {
  const comparer = new TextComparer();
  async function* tap() {
    for await (const chunk of input) {
      comparer.left(chunk);
      yield chunk;
    }
  }
  for await (const batch of transform(tap())) {
    if (!comparer.decided) comparer.right(batch.length === 1 ? batch[0]! : batch.join(''));
    yield batch;
  }
  done(!comparer.same());
}

/** Text pieces as bytes in a part's form (known by the time the first piece comes). */
export async function* bytesOf(pieces: AsyncIterable<string>, form: () => TextForm): AsyncIterable<Uint8Array> {
  let first = true;
  for await (const piece of pieces) {
    yield encodeText(piece, form(), first);
    first = false;
  }
}

/** The new bytes of a part, noting it in `changed` when they differ from the old. */
function rewritten(zip: ZipArchive, part: string, how: PartRewrite, changed: Set<string>): AsyncIterable<Uint8Array> {
  if (typeof how !== 'function') {
    return (async function* () {
      const made = how.produce();
      yield* made.bytes;
      if (await made.changed()) changed.add(part);
    })();
  }
  // the part keeps its encoding and byte order mark: only the tool's own text changes
  let form: TextForm = { encoding: 'utf-8', bom: false };
  return bytesOf(comparedText(textOf(zip, part, (f) => (form = f)), how, (differs) => {
    if (differs) changed.add(part);
  }), () => form);
}

function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** Runs the transforms without writing anything (a dry run), and says which parts would change. */
export async function transformOnly(zip: ZipArchive, transforms: ReadonlyMap<string, PartRewrite>): Promise<RewriteResult> {
  const changed = new Set<string>();
  for (const [part, how] of transforms) {
    for await (const _ of rewritten(zip, part, how, changed)) {
      // drained: the transform's own counters record what would change
    }
  }
  return { changedParts: [...changed] };
}

/**
 * How hard a rewritten part is compressed. Level 3, not zlib's usual 6: on the 100,000-row log's
 * 32 MB sheet zip.js's codec took 0.28 s instead of 0.6–0.74 s, for a part 12% larger (4.39
 * instead of 3.90 MB); the deflate was the largest single cost of a refresh. (zip.js's own worker
 * for the deflate, on a worker thread in Node, was tried: the threads took turns through zip.js's
 * pull protocol and nothing was gained; in Node the patch runs on another thread instead.)
 */
const DEFLATE_LEVEL = 3;

/**
 * Writes the whole new zip into `out`, closing it when done. The same input and transforms give
 * the same bytes in Node and in a browser (the deflate is zip.js's own, entry dates are kept).
 */
export async function rewriteZip(zip: ZipArchive, out: WritableStream<Uint8Array>, transforms: ReadonlyMap<string, PartRewrite>): Promise<RewriteResult> {
  const changed = new Set<string>();
  const writer = new ZipWriter(out, { useWebWorkers: false, useCompressionStream: false, extendedTimestamp: false, keepOrder: true });
  try {
    for (const [name, entry] of zip.entries) {
      const transform = transforms.get(name);
      const lastModDate = entry.lastModDate;
      if (transform) {
        await writer.add(name, streamOf(rewritten(zip, name, transform, changed)), { lastModDate, level: DEFLATE_LEVEL });
      } else if (entry.directory) {
        await writer.add(name, undefined, { directory: true, lastModDate });
      } else {
        await writer.add(name, zip.raw(name), {
          passThrough: true,
          uncompressedSize: entry.uncompressedSize,
          signature: entry.crc32,
          compressionMethod: entry.compressionMethod,
          lastModDate,
        });
      }
    }
    await writer.close();
  } catch (e) {
    await out.abort(e).catch(() => undefined);
    throw e;
  }
  return { changedParts: [...changed] };
}
