/**
 * Reading the office's workbooks in a folder into typed rows: the imperative shell around the
 * core's table reader. Every problem that stops the run is an InputError naming the file.
 */
import { stat } from 'node:fs/promises';
import {
  type HomeVisitRow,
  branchMeetingSheet, dutySheet, essaySheet, homeVisitSheet, ledgerSheet, materialSheet, opinionSheet, publicitySheet,
  rosterSheet, studySessionSheet, talkSheet, type RowOf, type SheetSpec, type WorkbookId } from '../core/columns.js';
import type { Config } from '../core/config.js';
import type { Finding, Note } from '../core/findings.js';
import { InputError } from '../core/problems.js';
import type { Inputs, SheetRows } from '../core/report.js';
import { buildRoster } from '../core/roster.js';
import { HomeVisitTally } from '../core/rules/homeVisits.js';
import { TableReader, type HeaderLayout } from '../core/table.js';
import { openWorkbook, type SheetEntry, type XlsxReader } from '../xlsx/reader.js';
import { findWorkbook, readablePath } from './legacy.js';

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
  /** The file name of each workbook as found (`整改台账.xls` when only that one is there). */
  files: Partial<Record<WorkbookId, string>>;
  /** Workbooks read from an old format (.xls/.et) through a temporary .xlsx: refresh leaves them alone. */
  legacy: Partial<Record<WorkbookId, boolean>>;
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
  out: { findings: Finding[]; notes: Note[] },
  soleSheetOk: boolean,
  sink?: (place: { file: string; sheet: string }) => (row: RowOf<S>) => void,
): Promise<LoadedSheet<S>> {
  const sheet = pickSheet(reader, spec, soleSheetOk);
  const onRow = sink?.({ file: reader.file, sheet: sheet.name });
  const merges = await reader.readMerges(sheet);
  const table = new TableReader(spec, config, { file: reader.file, sheet: sheet.name, date1904: reader.date1904, merges }, onRow);
  await reader.readRows(sheet, (row) => table.push(row));
  const result = table.finish();
  out.findings.push(...result.findings);
  out.notes.push(...result.notes);
  return { file: reader.file, sheet: sheet.name, rows: result.rows, layout: result.layout, part: sheet.part };
}

/** The workbook of `id` in `dir` (also under an old .xls/.et name); FILE_MISSING when there is none. */
export async function workbookPath(dir: string, config: Config, id: WorkbookId): Promise<{ file: string; path: string }> {
  const found = await findWorkbook(dir, config.files[id]);
  if (!found) throw new InputError('FILE_MISSING', { file: config.files[id], dir });
  return found;
}

async function withWorkbook<T>(found: { file: string; path: string }, use: (reader: XlsxReader, legacy: boolean) => Promise<T>): Promise<T> {
  const readable = await readablePath(found.path, found.file);
  try {
    const reader = await openWorkbook(readable.path, found.file);
    try {
      return await use(reader, readable.legacy);
    } finally {
      reader.close();
    }
  } finally {
    await readable.done();
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
  const readNotes: Note[] = [];
  const out = { findings: readFindings, notes: readNotes };
  const paths: Loaded['paths'] = {};
  const files: Loaded['files'] = {};
  const legacy: Loaded['legacy'] = {};
  const sheets: Loaded['sheets'] = {};
  const found: Partial<Record<WorkbookId, { file: string; path: string }>> = {};
  for (const id of ['roster', 'visits', 'ledger'] as const) found[id] = await workbookPath(dir, config, id);
  found.study = await findWorkbook(dir, config.files.study);
  for (const [id, f] of Object.entries(found) as [WorkbookId, { file: string; path: string } | undefined][]) {
    if (!f) continue;
    paths[id] = f.path;
    files[id] = f.file;
  }
  const open = <T>(id: WorkbookId, use: (reader: XlsxReader) => Promise<T>) =>
    withWorkbook(found[id]!, (reader, old) => {
      if (old) legacy[id] = true;
      return use(reader);
    });

  const roster = await open('roster', (r) => readSheet(r, rosterSheet, config, out, true));
  // The home-visit log can be district-sized: its rows go straight into the tally as they are
  // read, so memory follows the number of teachers and households, not of rows.
  const rosterPlace = { file: roster.file, sheet: roster.sheet };
  let tally: HomeVisitTally | undefined;
  const tallied = (place: { file: string; sheet: string }) => {
    const t = (tally = new HomeVisitTally(buildRoster(roster.rows, config, rosterPlace).roster, config, place));
    return (row: HomeVisitRow) => t.add(row);
  };
  const [visitSheet, duties, talks] = await open('visits', async (r) => [
    await readSheet(r, homeVisitSheet, config, out, false, tallied),
    await readSheet(r, dutySheet, config, out, false),
    await readSheet(r, talkSheet, config, out, false),
  ] as const);
  const ledger = await open('ledger', (r) => readSheet(r, ledgerSheet, config, out, true));
  let study: Inputs['study'];
  if (found.study) {
    study = await open('study', async (r) => ({
      essays: await readSheet(r, essaySheet, config, out, false),
      sessions: await readSheet(r, studySessionSheet, config, out, false),
      meetings: await readSheet(r, branchMeetingSheet, config, out, false),
      materials: await readSheet(r, materialSheet, config, out, false),
      publicity: await readSheet(r, publicitySheet, config, out, false),
      opinions: await readSheet(r, opinionSheet, config, out, false),
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
  return { inputs: { roster, homeVisits, duties, talks, ledger, study, readFindings, readNotes }, paths, files, legacy, sheets };
}
