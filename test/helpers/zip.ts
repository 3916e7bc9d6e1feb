/** Building malformed workbooks for the bad-input tests: take a good one apart and change parts. */
import { readFileSync } from 'node:fs';
import yazl from 'yazl';
import { readZipParts } from '../../src/xlsx/repack.js';

export async function zipParts(path: string): Promise<Map<string, Buffer | string>> {
  const parts = await readZipParts(readFileSync(path));
  return new Map([...parts].map(([name, data]) => [name, Buffer.from(data)]));
}

export async function makeZip(parts: Map<string, Buffer | string>): Promise<Buffer> {
  const out = new yazl.ZipFile();
  for (const [name, data] of parts) out.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name, { compressionLevel: 9 });
  out.end();
  const chunks: Buffer[] = [];
  for await (const c of out.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
