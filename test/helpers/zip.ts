/** Building malformed workbooks for the bad-input tests: take a good one apart and change parts. */
import { readFileSync } from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';

export async function zipParts(path: string): Promise<Map<string, Buffer | string>> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.fromBuffer(readFileSync(path), { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z!))));
  const parts = new Map<string, Buffer | string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, s) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        s!.on('data', (c: Buffer) => chunks.push(c));
        s!.on('end', () => {
          parts.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.readEntry();
  });
  return parts;
}

export async function makeZip(parts: Map<string, Buffer | string>): Promise<Buffer> {
  const out = new yazl.ZipFile();
  for (const [name, data] of parts) out.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name, { compressionLevel: 9 });
  out.end();
  const chunks: Buffer[] = [];
  for await (const c of out.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
