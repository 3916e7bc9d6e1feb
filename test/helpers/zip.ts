/** Building malformed workbooks for the bad-input tests: take a good one apart and change parts. */
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
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

export interface RawEntry {
  name: string;
  data: Buffer | string;
  /** Compression method written in the headers (0 stored, 8 deflate, 14 LZMA …); the data is stored raw unless 8. */
  method?: number;
  /** General purpose flags (bit 0: encrypted). */
  flags?: number;
  /** zlib's level for method 8 (6 when not said). */
  level?: number;
}

/**
 * A zip written byte by byte, for what a zip library would not write: two entries of one name,
 * an encryption flag, an unusual compression method, a name with `../`.
 */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const plain = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const method = e.method ?? 8;
    const data = method === 8 ? deflateRawSync(plain, { level: e.level ?? 6 }) : plain;
    const crc = crc32(plain);
    const flags = (e.flags ?? 0) | 0x800; // names in UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(plain.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(plain.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
