import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it, vi } from 'vitest';
import { rewriteZip, type PartTransform } from './rewrite.js';
import { collect, openZip } from './zip.js';
import { readZipParts } from './repack.js';

async function zipOf(parts: Record<string, string>): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const [name, text] of Object.entries(parts)) await writer.add(name, new Uint8ArrayReader(new TextEncoder().encode(text)));
  return writer.close();
}

describe('rewriteZip', () => {
  // refresh writes a folder's workbooks side by side (a big sheet patched on a thread while this
  // thread writes the rest); zip.js capped codecs at the core count and held the others for 5 s
  it('runs many rewrites at once: none waits for a codec another one holds', async () => {
    const input = await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>' });
    // a part's first piece is taken as the zip entry opens; the second only by a codec deflating it
    let deflating = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held: PartTransform = async function* (text) {
      let all = '';
      for await (const chunk of text) all += chunk;
      const changed = all.replace('<sheetData/>', '<sheetData><row r="1"/></sheetData>');
      yield changed.slice(0, 10);
      deflating++;
      await gate;
      yield changed.slice(10);
    };
    const runs = Array.from({ length: 6 }, async () => {
      const zip = await openZip(input, 'a.xlsx');
      const pipe = new TransformStream<Uint8Array, Uint8Array>();
      const [bytes, result] = await Promise.all([collect(pipe.readable), rewriteZip(zip, pipe.writable, new Map([['xl/worksheets/sheet1.xml', held]]))]);
      await zip.close();
      return { bytes, result };
    });
    // all six are being deflated while every one is held (zip.js's cap let two, the rest after 5 s)
    await vi.waitFor(() => expect(deflating).toBe(6), { timeout: 3000, interval: 20 });
    release();
    for (const { bytes, result } of await Promise.all(runs)) {
      expect(result.changedParts).toEqual(['xl/worksheets/sheet1.xml']);
      expect(new TextDecoder().decode((await readZipParts(bytes)).get('xl/worksheets/sheet1.xml'))).toBe('<worksheet><sheetData><row r="1"/></sheetData></worksheet>');
    }
  });
});
