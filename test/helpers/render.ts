/**
 * What a person sees: a workbook printed by LibreOffice to PDF, the pages rasterised by poppler's
 * pdftoppm into PPM images, and the pixels of given colours counted.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { convert } from './office.js';
import { tempDir } from './cli.js';

export interface Page {
  width: number;
  height: number;
  /** RGB bytes, row by row. */
  pixels: Buffer;
}

function readPpm(path: string): Page {
  const data = readFileSync(path);
  // P6\n<w> <h>\n<max>\n<bytes>
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[pos]!))) pos++;
    let start = pos;
    while (!/\s/.test(String.fromCharCode(data[pos]!))) pos++;
    fields.push(data.subarray(start, pos).toString('ascii'));
  }
  pos++;
  return { width: Number(fields[1]), height: Number(fields[2]), pixels: data.subarray(pos) };
}

/** Renders every page of a workbook at `dpi`. */
export function renderPages(workbook: string, dpi = 50): Page[] {
  const out = tempDir('render-');
  convert(workbook, 'pdf', out);
  const pdf = join(out, `${basename(workbook).replace(/\.[^.]+$/, '')}.pdf`);
  execFileSync('pdftoppm', ['-r', String(dpi), pdf, join(out, 'page')]);
  return readdirSync(out)
    .filter((n) => n.endsWith('.ppm'))
    .sort()
    .map((n) => readPpm(join(out, n)));
}

/** How many pixels of the pages have exactly this colour (`RRGGBB`). */
export function countColour(pages: readonly Page[], hex: string): number {
  const r = parseInt(hex.slice(0, 2), 16);
  const g = parseInt(hex.slice(2, 4), 16);
  const b = parseInt(hex.slice(4, 6), 16);
  let n = 0;
  for (const p of pages) {
    for (let i = 0; i + 2 < p.pixels.length; i += 3) if (p.pixels[i] === r && p.pixels[i + 1] === g && p.pixels[i + 2] === b) n++;
  }
  return n;
}
