/**
 * Re-zips a workbook with fixed entry timestamps, so a generated file (the sample, a template)
 * has the same bytes every time it is made and regenerating it does not churn git.
 */
import yauzl from 'yauzl';
import yazl from 'yazl';

const FIXED_MTIME = new Date(2014, 0, 1, 0, 0, 0);

export async function repackDeterministic(input: Buffer): Promise<Buffer> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(input, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))),
  );
  const parts: { name: string; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry(); // a folder entry: implied by its files
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream!.on('data', (c: Buffer) => chunks.push(c));
        stream!.on('end', () => {
          parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
          zip.readEntry();
        });
        stream!.on('error', reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  // [Content_Types].xml first, as Office writes it; the rest in a stable order.
  parts.sort((a, b) => (a.name === '[Content_Types].xml' ? -1 : b.name === '[Content_Types].xml' ? 1 : a.name.localeCompare(b.name)));
  const out = new yazl.ZipFile();
  for (const p of parts) out.addBuffer(p.data, p.name, { mtime: FIXED_MTIME, compress: true, forceDosTimestamp: true });
  out.end();
  const chunks: Buffer[] = [];
  for await (const chunk of out.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
