/**
 * The streaming path (rows pushed one by one from the SAX reader into the table reader, never a
 * whole sheet in memory) gives the same report as the small-file path (all raw rows read into an
 * array first, then typed at once) on the same workbooks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SHEETS } from '../src/core/columns.js';
import { evaluate } from '../src/core/report.js';
import { readTable, type RawRow } from '../src/core/table.js';
import { check } from '../src/io/check.js';
import { openWorkbook } from '../src/xlsx/reader.js';
import { SAMPLE } from './helpers/cli.js';

it('streamed and in-memory reading give the same report on the sample', async () => {
  const streamed = await check(SAMPLE);
  const { config, loaded } = streamed;
  // the streamed home-visit log was tallied as it was read: no rows kept, a tally instead
  expect(loaded.inputs.homeVisits.rows).toEqual([]);
  expect(loaded.inputs.homeVisits.tally).toBeDefined();
  const { tally: _fed, ...visitPlace } = loaded.inputs.homeVisits;
  const inputs = structuredClone({ ...loaded.inputs, homeVisits: visitPlace });
  const readFindings: typeof inputs.readFindings = [];
  for (const spec of SHEETS) {
    const info = loaded.sheets[spec.id]?.[0];
    if (!info) continue;
    const reader = await openWorkbook(readFileSync(join(SAMPLE, loaded.files[spec.workbook]!)), info.file);
    const raw: RawRow[] = [];
    const merges = await reader.readRows(reader.findSheet(info.sheet)!, (r) => raw.push({ row: r.row, cells: [...r.cells] }));
    await reader.close();
    const table = readTable(spec, raw, config, { file: info.file, sheet: info.sheet, date1904: reader.date1904, merges });
    readFindings.push(...table.findings);
    const target = { roster: inputs.roster, homeVisits: inputs.homeVisits, duties: inputs.duties, talks: inputs.talks, ledger: inputs.ledger, essays: inputs.study?.essays, studySessions: inputs.study?.studySessions, branchMeetings: inputs.study?.branchMeetings, materials: inputs.study?.materials, publicity: inputs.study?.publicity, opinions: inputs.study?.opinions, workLog: inputs.study?.workLog }[spec.id]!;
    target.rows = table.rows as never;
  }
  inputs.readFindings = readFindings;
  const inMemory = evaluate(inputs, config, streamed.report.asOf);
  expect(inMemory.report.tally).toEqual(streamed.report.tally);
  expect(inMemory.report).toEqual(evaluate(loaded.inputs, config, streamed.report.asOf).report);
  expect(inMemory.rows.homeVisits.length).toBeGreaterThan(0);
  expect(inMemory.rows).toEqual(streamed.rows);
});
