/**
 * What a spreadsheet program needs of a sheet the tool wrote: well formed (judged by saxes, not by
 * our own parser), each row once and in order, each cell once and in its own row. The fuzz and the
 * hardening tests hold every refreshed sheet to it.
 */
import { SaxesParser } from 'saxes';
import { expect } from 'vitest';
import { readZipParts } from '../../src/xlsx/repack.js';

export function expectSoundSheet(xml: string, what: string): void {
  const parser = new SaxesParser();
  let error: Error | undefined;
  parser.on('error', (e) => (error ??= e));
  parser.write(xml).close();
  expect(error, `${what} is well formed`).toBeUndefined();
  const rows = [...xml.matchAll(/<row\b[^>]*?\br="(\d+)"/g)].map((m) => Number(m[1]));
  for (let i = 1; i < rows.length; i++) expect(rows[i]!, `${what}: rows once, in order`).toBeGreaterThan(rows[i - 1]!);
  for (const row of xml.matchAll(/<row\b[^>]*?\br="(\d+)"[^>]*>([\s\S]*?)<\/row\s*>/g)) {
    const refs = [...row[2]!.matchAll(/<c\s[^>]*?\br="([A-Z]+)(\d+)"/g)];
    for (const r of refs) expect(r[2], `${what}: ${r[1]}${r[2]} in row ${row[1]}`).toBe(row[1]);
    expect(new Set(refs.map((r) => r[1])).size, `${what} row ${row[1]}: each cell once`).toBe(refs.length);
  }
}

/** Every sheet of a workbook's bytes held to `expectSoundSheet`; their text by part name. */
export async function soundSheets(bytes: Uint8Array, what = ''): Promise<Map<string, string>> {
  const sheets = new Map<string, string>();
  for (const [name, data] of await readZipParts(bytes)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = new TextDecoder(data[0] === 0xff ? 'utf-16le' : 'utf-8', { fatal: true }).decode(data);
    expectSoundSheet(xml, what ? `${what}: ${name}` : name);
    sheets.set(name, xml);
  }
  return sheets;
}
