/**
 * Workbooks as other writers save them, made from a LibreOffice-authored book by rewriting its
 * XML: every SpreadsheetML element under the namespace prefix `x:`, as the .NET Open XML SDK
 * writes it (`<x:worksheet xmlns:x="…/spreadsheetml/2006/main">`).
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { copyDir, runJson, snapshot, tempDir } from './cli.js';
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

/** The text of each shared string of a book (plain `<t>` runs joined), by index. */
function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1]!.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A book as an export system might write it, from a LibreOffice book: no shared strings table
 * (every text an inline string), the 1904 date system (every date serial moved by 1462 days),
 * rich-text runs in the cells `richCells`, the 序号 column of the ledger as formulas with cached
 * values, and (for the ledger) an Excel Table (套用表格格式) over the data.
 */
export async function otherWriter(source: string, target: string, opts: { table?: { ref: string; sheetPart: string } } = {}): Promise<void> {
  const parts = await zipParts(source);
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml')?.toString() ?? '');
  parts.delete('xl/sharedStrings.xml');
  parts.set('xl/_rels/workbook.xml.rels', parts.get('xl/_rels/workbook.xml.rels')!.toString().replace(/<Relationship [^>]*sharedStrings[^>]*\/>/, ''));
  let types = parts.get('[Content_Types].xml')!.toString().replace(/<Override PartName="\/xl\/sharedStrings.xml"[^>]*\/>/, '');
  parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.toString().replace('date1904="false"', 'date1904="true"'));
  for (const [name, data] of parts) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    let xml = data.toString();
    xml = xml.replace(/<c r="([A-Z]+)(\d+)"([^>]*?) t="s"><v>(\d+)<\/v><\/c>/g, (_, col: string, row: string, attrs: string, i: string) => {
      const text = strings[Number(i)]!;
      // one text in rich runs: the clerk bolded part of a description
      const inline = /^问题\d+$/.test(text) ? `<r><t>问题</t></r><r><rPr><b val="true"/></rPr><t>${escape(text.slice(2))}</t></r>` : `<t xml:space="preserve">${escape(text)}</t>`;
      return `<c r="${col}${row}"${attrs} t="inlineStr"><is>${inline}</is></c>`;
    });
    // dates (serials of 2014) in the 1904 system
    xml = xml.replace(/(<c r="[A-Z]+\d+"[^>]*? t="n"><v>)(4\d{4})(<\/v>)/g, (_, a: string, v: string, b: string) => `${a}${Number(v) - 1462}${b}`);
    if (opts.table?.sheetPart === name) {
      // 序号 as formulas with their cached values
      xml = xml.replace(/<c r="A(\d+)" s="0" t="n"><v>(\d+)<\/v><\/c>/g, (_, row: string, v: string) => `<c r="A${row}" s="0" t="n"><f>ROW()-2</f><v>${v}</v></c>`);
      xml = xml.replace('</worksheet>', '<tableParts count="1"><tablePart r:id="rIdTable1"/></tableParts></worksheet>');
      const relsName = name.replace('worksheets/', 'worksheets/_rels/') + '.rels';
      const rel = '<Relationship Id="rIdTable1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/>';
      const rels = parts.get(relsName)?.toString();
      parts.set(relsName, rels ? rels.replace('</Relationships>', `${rel}</Relationships>`) : `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`);
      types = types.replace('</Types>', '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>');
      const headerRow = Number(/\d+/.exec(opts.table.ref)![0]);
      const headers = [...xml.matchAll(new RegExp(`<c r="[A-Z]+${headerRow}"[^>]*t="inlineStr"><is><t[^>]*>([^<]*)</t></is></c>`, 'g'))].map((m) => m[1]!);
      parts.set('xl/tables/table1.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="整改台账表" displayName="整改台账表" ref="${opts.table.ref}" totalsRowShown="0">` +
        `<autoFilter ref="${opts.table.ref}"/><tableColumns count="${headers.length}">${headers.map((h, i) => `<tableColumn id="${i + 1}" name="${h}"/>`).join('')}</tableColumns>` +
        `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`);
    }
    parts.set(name, xml);
  }
  parts.set('[Content_Types].xml', types);
  writeFileSync(target, await makeZip(parts));
}

const STRICT: [string, string][] = [
  [MAIN, 'http://purl.oclc.org/ooxml/spreadsheetml/main'],
  ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'],
  ['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main'],
];

/**
 * A book as Excel saves it under "Strict Open XML 电子表格": the ISO/IEC 29500 Strict namespaces
 * and relationship types, `conformance="strict"`, and every date cell an ISO 8601 text of type
 * `d` (`<c t="d"><v>2014-08-15T00:00:00</v></c>`) rather than a serial number.
 */
export async function strictWorkbook(source: string, target: string): Promise<void> {
  const parts = await zipParts(source);
  const styles = parts.get('xl/styles.xml')?.toString() ?? '';
  const dateFormats = new Set([14, 15, 16, 17, 22, ...[...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].filter((m) => /[yY]{2}/.test(m[2]!) && /[dD]/.test(m[2]!)).map((m) => Number(m[1]))]);
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const dateStyles = new Set([...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m, i) => (dateFormats.has(Number(/numFmtId="(\d+)"/.exec(m[0])?.[1])) ? i : -1)).filter((i) => i >= 0));
  const iso = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 19);
  for (const [name, data] of parts) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    let xml = data.toString();
    for (const [from, to] of STRICT) xml = xml.split(from).join(to);
    if (name === 'xl/workbook.xml') xml = xml.replace(/<workbook\b/, '<workbook conformance="strict"');
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
      xml = xml.replace(/<c r="([A-Z]+\d+)" s="(\d+)" t="n"><v>(\d+)<\/v><\/c>/g, (all, ref: string, s: string, v: string) =>
        dateStyles.has(Number(s)) ? `<c r="${ref}" s="${s}" t="d"><v>${iso(Number(v))}</v></c>` : all);
    }
    parts.set(name, xml);
  }
  writeFileSync(target, await makeZip(parts));
}

/**
 * Refreshes a copy of `src` twice and holds the second run to changing nothing (`settled`: the
 * outcomes it may report). Gives the copy, a copy of the originals and the first run's report.
 */
export function refreshTwice(src: string, settled: readonly string[] = ['unchanged']) {
  const dir = copyDir(src);
  const before = tempDir();
  for (const w of readdirSync(dir)) copyFileSync(join(dir, w), join(before, w));
  const first = runJson(['refresh', dir]);
  const snap = snapshot(dir);
  const second = runJson(['refresh', dir]);
  expect(second.report.refresh.every((f: any) => settled.includes(f.outcome))).toBe(true);
  expect(snapshot(dir)).toEqual(snap);
  return { dir, before, first };
}

/** One worksheet of a workbook file, read with exceljs. */
export async function worksheetOf(path: string, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.getWorksheet(name)!;
}
