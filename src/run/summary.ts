/** The leadership summary workbook's bytes, the same for the same evaluation in Node and in a browser. */
import type { Config } from '../core/config.js';
import type { Evaluation } from '../core/report.js';
import { repackDeterministic } from '../xlsx/repack.js';
import { escapeXml } from '../xlsx/xmlChars.js';

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

/**
 * The summary workbook for the leadership, as .xlsx bytes (exceljs is loaded only here, when a summary is made).
 *
 * @example
 * ```ts
 * const result = await checkSource(source, ctx);
 * const xlsx = await summaryBytes(result, result.config);   // 汇总-2014-08-15.xlsx
 * ```
 */
export async function summaryBytes(evaluation: Evaluation, config: Config): Promise<Uint8Array> {
  const { buildSummary } = await import('../summary/build.js');
  const workbook = buildSummary(evaluation, config);
  return repackDeterministic(new Uint8Array(await workbook.xlsx.writeBuffer()), numberGuids);
}

export { summaryFileName } from '../summary/name.js';

/** The 问题清单 workbook's file name for an as-of date. */
export const findingsListFileName = (asOf: string) => `问题清单-${asOf}.xlsx`;

/**
 * The 问题清单 workbook's bytes, the same for the same evaluation in Node and in a browser. A link
 * to a cell of another workbook is, in the file format, the file as the link's target and the cell
 * as its `location`; exceljs writes the target, the location is added here.
 */
export async function findingsListBytes(evaluation: Evaluation, config: Config, options: { folder?: string } = {}): Promise<Uint8Array> {
  const { buildFindingsList } = await import('../summary/findingsList.js');
  const { workbook, links } = buildFindingsList(evaluation, config, options);
  const raw = new Uint8Array(await workbook.xlsx.writeBuffer());
  return repackDeterministic(raw, (name, data) => {
    if (name === 'xl/worksheets/sheet1.xml') {
      const xml = new TextDecoder().decode(data).replace(/<hyperlink ref="([A-Z]+\d+)"/g, (m, ref: string) => (links.has(ref) ? `${m} location="${escapeXml(links.get(ref)!)}"` : m));
      return new TextEncoder().encode(xml);
    }
    return data;
  });
}
