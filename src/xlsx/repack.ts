/**
 * Whole-zip helpers for small generated files: reading every part into memory, and re-zipping
 * with fixed entry dates, so a generated file (the summary, the sample, a template) has the same
 * bytes every time it is made, in Node and in a browser alike. Browser-safe (zip.js).
 */
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import './zip.js'; // its zip.js configuration: the embedded codec, no web workers

const FIXED_DATE = new Date(2014, 0, 1, 0, 0, 0);

/** Every file part of a zip held in memory, in the zip's order (folder entries are implied by their files). */
export async function readZipParts(input: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = new ZipReader(new Uint8ArrayReader(input), { useWebWorkers: false });
  const parts = new Map<string, Uint8Array>();
  try {
    for (const entry of await zip.getEntries()) {
      if (entry.directory) continue;
      parts.set(entry.filename, await entry.getData(new Uint8ArrayWriter()));
    }
  } finally {
    await zip.close();
  }
  return parts;
}

/** The zip again, its parts in a stable order with fixed dates; `transform` may change a part on the way. */
export async function repackDeterministic(input: Uint8Array, transform?: (name: string, data: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  const parts = [...(await readZipParts(input))].map(([name, data]) => [name, transform ? transform(name, data) : data] as const);
  // [Content_Types].xml first, as Office writes it; the rest in a stable order.
  const CT = '[Content_Types].xml';
  parts.sort(([a], [b]) => (a === CT ? -1 : b === CT ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, useCompressionStream: false, extendedTimestamp: false, keepOrder: true });
  for (const [name, data] of parts) await writer.add(name, new Uint8ArrayReader(data), { lastModDate: FIXED_DATE, level: 6 });
  return writer.close();
}
