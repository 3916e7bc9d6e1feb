/** The leadership summary workbook's bytes, the same for the same evaluation in Node and in a browser. */
import type { Config } from '../core/config.js';
import type { Evaluation } from '../core/report.js';
import { repackDeterministic } from '../xlsx/repack.js';

/**
 * exceljs names each data bar's Excel 2010 extension with a random GUID; numbering them in order
 * instead keeps the summary the same bytes for the same evaluation.
 */
function numberGuids(name: string, data: Uint8Array): Uint8Array {
  if (!name.startsWith('xl/worksheets/')) return data;
  const seen = new Map<string, string>();
  const xml = new TextDecoder().decode(data).replace(/(<x14:id>|\bid=")\{([0-9A-F-]{36})\}/g, (_, lead: string, guid: string) => {
    if (!seen.has(guid)) seen.set(guid, `00000000-0000-4000-8000-${String(seen.size + 1).padStart(12, '0')}`);
    return `${lead}{${seen.get(guid)}}`;
  });
  return new TextEncoder().encode(xml);
}

/** The summary workbook (exceljs is loaded only here, when a summary is made). */
export async function summaryBytes(evaluation: Evaluation, config: Config): Promise<Uint8Array> {
  const { buildSummary } = await import('../summary/build.js');
  const workbook = buildSummary(evaluation, config);
  return repackDeterministic(new Uint8Array(await workbook.xlsx.writeBuffer()), numberGuids);
}

export { summaryFileName } from '../summary/name.js';
