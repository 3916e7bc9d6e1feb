/**
 * Reading the office's workbooks in a folder into typed rows: the imperative shell around the
 * core's table reader. Every problem that stops the run is an InputError naming the file.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type HomeVisitRow,
  branchMeetingSheet, dutySheet, essaySheet, homeVisitSheet, ledgerSheet, materialSheet, opinionSheet, publicitySheet,
  rosterSheet, studySessionSheet, talkSheet, type RowOf, type SheetSpec, type WorkbookId } from '../core/columns.js';
import type { Config } from '../core/config.js';
import type { Finding } from '../core/findings.js';
import { InputError } from '../core/problems.js';
import type { Inputs, SheetRows } from '../core/report.js';
import { buildRoster } from '../core/roster.js';
import { HomeVisitTally } from '../core/rules/homeVisits.js';
import { TableReader, type HeaderLayout } from '../core/table.js';
import { openWorkbook, type SheetEntry, type XlsxReader } from '../xlsx/reader.js';

export interface LoadedSheet<S extends SheetSpec> extends SheetRows<RowOf<S>> {
  layout: HeaderLayout;
  /** The sheet's part name inside the workbook zip (for the write-back). */
  part: string;
}

export type SheetInfo = Pick<LoadedSheet<SheetSpec>, 'file' | 'sheet' | 'layout' | 'part'>;

export interface Loaded {
  inputs: Inputs;
  /** Where each workbook was read from, by id. */
  paths: Partial<Record<WorkbookId, string>>;
  /** Where each sheet was found, by sheet id (roster, homeVisits, ledger …). */
  sheets: Record<string, SheetInfo>;
}

/** The sheet a spec asks for: by name; a workbook with a single sheet is taken as that sheet. */
function pickSheet(reader: XlsxReader, spec: SheetSpec, soleSheetOk: boolean): SheetEntry {
  const found = reader.findSheet(spec.sheet);
  if (found) return found;
  if (soleSheetOk && reader.sheets.length === 1) return reader.sheets[0]!;
  throw new InputError('SHEET_MISSING', { file: reader.file, sheet: spec.sheet, existing: reader.sheets.map((s) => `“${s.name}”`).join('、') || '无' });
}

/**
 * Reads one sheet into typed rows; with `sink`, each typed row is handed to what `sink` returns
 * for the sheet's place instead of being kept (the rows of the result are then empty).
 */
export async function readSheet<S extends SheetSpec>(
  reader: XlsxReader,
  spec: S,
  config: Config,
  findings: Finding[],
  soleSheetOk: boolean,
  sink?: (place: { file: string; sheet: string }) => (row: RowOf<S>) => void,
): Promise<LoadedSheet<S>> {
  const sheet = pickSheet(reader, spec, soleSheetOk);
  const onRow = sink?.({ file: reader.file, sheet: sheet.name });
  const table = new TableReader(spec, config, { file: reader.file, sheet: sheet.name, date1904: reader.date1904 }, onRow);
  await reader.readRows(sheet, (row) => table.push(row));
  const result = table.finish();
  findings.push(...result.findings);
  return { file: reader.file, sheet: sheet.name, rows: result.rows, layout: result.layout, part: sheet.part };
}

export async function workbookPath(dir: string, config: Config, id: WorkbookId): Promise<string> {
  const file = config.files[id];
  const path = join(dir, file);
  try {
    await stat(path);
  } catch {
    throw new InputError('FILE_MISSING', { file, dir });
  }
  return path;
}

async function withWorkbook<T>(path: string, file: string, use: (reader: XlsxReader) => Promise<T>): Promise<T> {
  const reader = await openWorkbook(path, file);
  try {
    return await use(reader);
  } finally {
    reader.close();
  }
}

/** Reads the roster, the visit logs and the ledger in `dir`. */
export async function loadWorkbooks(dir: string, config: Config): Promise<Loaded> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error();
  } catch {
    throw new InputError('DIR_MISSING', { dir });
  }
  const readFindings: Finding[] = [];
  const paths: Loaded['paths'] = {};
  const sheets: Loaded['sheets'] = {};
  paths.roster = await workbookPath(dir, config, 'roster');
  paths.visits = await workbookPath(dir, config, 'visits');
  paths.ledger = await workbookPath(dir, config, 'ledger');

  const roster = await withWorkbook(paths.roster, config.files.roster, (r) => readSheet(r, rosterSheet, config, readFindings, true));
  // The home-visit log can be district-sized: its rows go straight into the tally as they are
  // read, so memory follows the number of teachers and households, not of rows.
  const rosterPlace = { file: roster.file, sheet: roster.sheet };
  let tally: HomeVisitTally | undefined;
  const tallied = (place: { file: string; sheet: string }) => {
    const t = (tally = new HomeVisitTally(buildRoster(roster.rows, config, rosterPlace).roster, config, place));
    return (row: HomeVisitRow) => t.add(row);
  };
  const [visitSheet, duties, talks] = await withWorkbook(paths.visits, config.files.visits, async (r) => [
    await readSheet(r, homeVisitSheet, config, readFindings, false, tallied),
    await readSheet(r, dutySheet, config, readFindings, false),
    await readSheet(r, talkSheet, config, readFindings, false),
  ] as const);
  const ledger = await withWorkbook(paths.ledger, config.files.ledger, (r) => readSheet(r, ledgerSheet, config, readFindings, true));
  let study: Inputs['study'];
  const studyPath = join(dir, config.files.study);
  if (await stat(studyPath).then(() => true, () => false)) {
    paths.study = studyPath;
    study = await withWorkbook(studyPath, config.files.study, async (r) => ({
      essays: await readSheet(r, essaySheet, config, readFindings, false),
      sessions: await readSheet(r, studySessionSheet, config, readFindings, false),
      meetings: await readSheet(r, branchMeetingSheet, config, readFindings, false),
      materials: await readSheet(r, materialSheet, config, readFindings, false),
      publicity: await readSheet(r, publicitySheet, config, readFindings, false),
      opinions: await readSheet(r, opinionSheet, config, readFindings, false),
    }));
    Object.assign(sheets, {
      essays: study.essays, studySessions: study.sessions, branchMeetings: study.meetings,
      materials: study.materials, publicity: study.publicity, opinions: study.opinions,
    });
  }
  sheets.roster = roster;
  const homeVisits = { ...visitSheet, tally };
  sheets.homeVisits = visitSheet;
  sheets.duties = duties;
  sheets.talks = talks;
  sheets.ledger = ledger;
  return { inputs: { roster, homeVisits, duties, talks, ledger, study, readFindings }, paths, sheets };
}
