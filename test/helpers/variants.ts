/**
 * Workbooks as other writers save them, made from a LibreOffice-authored book by rewriting its
 * XML: every SpreadsheetML element under the namespace prefix `x:`, as the .NET Open XML SDK
 * writes it (`<x:worksheet xmlns:x="…/spreadsheetml/2006/main">`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { makeZip, zipParts } from './zip.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** One part with the main namespace bound to `x:` instead of being the default. */
export function prefixPart(xml: string): string {
  const declaration = `xmlns="${MAIN}"`;
  if (!xml.includes(declaration)) return xml;
  if (xml.split('xmlns="').length !== 2) throw new Error('a second default namespace: not rewritten');
  return xml
    .replace(declaration, `xmlns:x="${MAIN}"`)
    .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, (_, slash: string, name: string) => `<${slash}x:${name}`);
}

export async function prefixWorkbook(source: string, target: string): Promise<void> {
  const parts = await zipParts(source);
  const out = new Map<string, Buffer | string>();
  for (const [name, data] of parts) out.set(name, name.startsWith('xl/') && name.endsWith('.xml') ? prefixPart(data.toString()) : data);
  writeFileSync(target, await makeZip(out));
}

/** A workbook with one shared string replaced (a header the office wrote its own way). */
export async function renameString(source: string, target: string, from: string, to: string): Promise<void> {
  const parts = await zipParts(source);
  const strings = parts.get('xl/sharedStrings.xml')!.toString();
  const changed = strings.replace(new RegExp(`>${from}<`, 'g'), `>${to}<`);
  if (changed === strings) throw new Error(`no shared string ${from}`);
  parts.set('xl/sharedStrings.xml', changed);
  writeFileSync(target, await makeZip(parts));
}

export const readText = (path: string) => readFileSync(path, 'utf8');
