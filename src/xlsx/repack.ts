/**
 * Whole-zip helpers for small generated files: reading every part into memory, and re-zipping
 * with fixed entry timestamps, so a generated file (the sample, a template) has the same bytes
 * every time it is made and regenerating it does not churn git.
 */
import yauzl from 'yauzl';
import yazl from 'yazl';

const FIXED_MTIME = new Date(2014, 0, 1, 0, 0, 0);

/** Every file part of a zip held in memory, in the zip's order (folder entries are implied by their files). */
export async function readZipParts(input: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(input, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))),
  );
  const parts = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream!.on('data', (c: Buffer) => chunks.push(c));
        stream!.on('end', () => {
          parts.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
        stream!.on('error', reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return parts;
}

export async function repackDeterministic(input: Buffer, transform?: (name: string, data: Buffer) => Buffer): Promise<Buffer> {
  const parts = [...(await readZipParts(input))].map(([name, data]) => [name, transform ? transform(name, data) : data] as const);
  // [Content_Types].xml first, as Office writes it; the rest in a stable order.
  const CT = '[Content_Types].xml';
  parts.sort(([a], [b]) => (a === CT ? -1 : b === CT ? 1 : a.localeCompare(b)));
  const out = new yazl.ZipFile();
  for (const [name, data] of parts) out.addBuffer(data, name, { mtime: FIXED_MTIME, compress: true, forceDosTimestamp: true });
  out.end();
  const chunks: Buffer[] = [];
  for await (const chunk of out.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
