/**
 * Findings: what the rules say about the clerks' rows. Modelled on a validation report
 * (frictionless): a stable code, a severity, a place a clerk can go to (file, sheet, the Excel
 * row number, the column) and a Chinese message. A code never changes its meaning once released;
 * new meanings get new codes.
 */
import { MESSAGES, NOTES, type FindingCode, type NoteCode } from './messages.js';

export type { FindingCode, NoteCode } from './messages.js';
/** `error`: a rule of the plan broken; `warning`: something to look at. */
export type Severity = 'error' | 'warning';
/** The language of a message: Chinese for the school, English for an engineer. */
export type Lang = 'zh' | 'en';
/** The values a message is filled with (a name, a count, a date). */
export type Params = Record<string, string | number>;

/** Where a finding is: the file, the sheet, the Excel row, the column and the cell. */
export interface Place {
  file: string;
  sheet?: string;
  /** 1-based row number as the clerk sees it in Excel. */
  row?: number;
  /** The column's standard header (e.g. `整改时限`). */
  column?: string;
  /** The cell address in the clerk's sheet (e.g. `J7`), when one cell is meant. */
  cell?: string;
}

/** One thing the rules found: a stable code, a severity, its place and a Chinese message. */
export interface Finding extends Place {
  code: FindingCode;
  severity: Severity;
  message: string;
  params: Params;
}

/** What the tool says about one row of a log or list (the `【自动】校验` column of refresh). */
export interface RowStatus {
  row: number;
  /** The sheet the row is on, where a kind is kept as several sheets. */
  sheet?: string;
  counted: boolean;
  reason: string;
}

/** A row of a table: its number and, where a kind is kept as several sheets, its sheet. */
export interface RowAt {
  row: number;
  sheet?: string;
}

/** The place of a row (of a cell in it, given the column): on the row's own sheet. */
export function rowAt(place: { file: string; sheet: string }, r: RowAt, column?: string): Place {
  // literals, not spreads: one of these per row of a big log
  const sheet = r.sheet ?? place.sheet;
  return column ? { file: place.file, sheet, row: r.row, column } : { file: place.file, sheet, row: r.row };
}

/** What the tool says of a row, on the row's own sheet. */
export function rowStatus(r: RowAt, counted: boolean, reason: string): RowStatus {
  return r.sheet ? { row: r.row, sheet: r.sheet, counted, reason } : { row: r.row, counted, reason };
}

/** Something the reader did that the clerk may want to know (where a table was taken to end). */
export interface Note extends Place {
  code: NoteCode;
  message: string;
  params: Params;
}

export function note(code: NoteCode, place: Place, params: Params = {}): Note {
  return { code, ...place, message: NOTES[code].zh(params), params };
}

export function noteMessage(n: Pick<Note, 'code' | 'params'>, lang: Lang): string {
  return NOTES[n.code][lang](n.params);
}

export function finding(code: FindingCode, place: Place, params: Params = {}): Finding {
  const entry = MESSAGES[code];
  return { code, severity: entry.severity, ...place, message: entry.zh(params), params };
}

/** The message of a finding in the asked language (the report carries Chinese by default). */
export function findingMessage(f: Pick<Finding, 'code' | 'params'>, lang: Lang): string {
  return MESSAGES[f.code][lang](f.params);
}

/** The people a finding is about (a teacher short of visits, both sides of a missing talk, an item's responsible people). */
export function findingPeople(f: Pick<Finding, 'code' | 'params'>): string[] {
  const who = MESSAGES[f.code].who ?? [];
  return who.flatMap((key) => String(f.params[key] ?? '').split('、')).map((n) => n.trim()).filter((n) => n && n !== '未填');
}

/** A finding's kind in a few words (「未写家访日记」). */
export function findingShort(f: Pick<Finding, 'code'>): string {
  return MESSAGES[f.code].short;
}

/** Whether any finding is an error (a rule of the plan broken). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export { columnLetter } from './address.js';
