/**
 * What `refresh` writes into the clerks' workbooks, decided here and nowhere else: per sheet, the
 * tool-owned columns (`【自动】…`), their values row by row, and the highlights as conditional
 * formats keyed on those columns. Pure: from the evaluation, the sheets' header layouts, the
 * config and the as-of date. The shell (src/xlsx/sheetPatch.ts) only turns this into XML.
 *
 * Why conditional formats and not painted fills: a conditional format never touches the clerk's
 * own fill, so when an item stops being overdue its highlight goes and the clerk's colours are
 * back, with no record of what was painted over. Keyed on the tool's real-date deadline column,
 * the overdue/due-soon colours also stay right in Excel and WPS between two runs.
 */
import type { SheetId } from './columns.js';
import type { Config } from './config.js';
import { formatDayZh, windowClosed, type Day } from './dates.js';
import { cellRefFixedColumn } from './address.js';
import type { Evaluation } from './report.js';
import type { LedgerEntry } from './rules/ledger.js';
import { LEDGER_OPEN_STATUSES, SIX_ELEMENTS } from './rules/ledger.js';
import { MATERIAL_NOT_OWED, MATERIAL_OK } from './rules/materials.js';
import { PLAN_ROW_PROVES } from './rules/plan.js';
import type { HeaderLayout } from './table.js';
import { HIGHLIGHT_COLOURS, HIGHLIGHT_MARK, OWNED_PREFIX, type HighlightColour } from './owned.js';
import { talksNotHad, weeklyPace } from './people.js';

/** A value of an owned cell: text, a number, a real date, or nothing (the cell is left empty). */
export type OwnedValue = string | number | { day: Day } | null;

export type { HighlightColour };
export { HIGHLIGHT_COLOURS };

/** A conditional format: a colour on `columns` × the data rows when `formula` (for the first data row) is true. */
export interface Highlight {
  colour: HighlightColour;
  /** 0-based columns, each a contiguous [from, to] range. */
  columns: [number, number][];
  /** An Excel formula written for the first data row, relative in rows, absolute in columns. */
  formula: string;
}

/** What refresh writes into one sheet: the owned 【自动】 columns, their values and highlights. */
export interface SheetWrite {
  /** Sheet id of the column tables (ledger, roster, homeVisits …). */
  sheetId: string;
  /** The sheet written (its name in the workbook), once planned for one. */
  sheet?: string;
  headerRow: number;
  /** Owned columns in order: header and 0-based column. */
  columns: { header: string; column: number; width: number }[];
  /** Owned columns found in the sheet that this run no longer writes: emptied. */
  stale: number[];
  /** Values by Excel row, in the order of `columns`. */
  rows: Map<number, OwnedValue[]>;
  /** First and last data row the highlights cover (none when there are no data rows). */
  dataRows?: [number, number];
  highlights: Highlight[];
}

export { HIGHLIGHT_MARK };

export const COUNTED_WORD = '计入';

interface ColumnDef {
  header: string;
  width: number;
}

/** Where each owned column goes: where it already is, else right of everything else. */
export function placeOwnedColumns(layout: HeaderLayout, defs: readonly ColumnDef[]): { columns: SheetWrite['columns']; stale: number[] } {
  let next = Math.max(layout.lastColumn, layout.headers.length - 1, ...layout.owned.values()) + 1;
  for (const [header, col] of layout.owned) if (!defs.some((d) => d.header === header) && col >= next) next = col + 1;
  const columns = defs.map((d) => ({ header: d.header, width: d.width, column: layout.owned.get(d.header) ?? next++ }));
  const stale = [...layout.owned].filter(([header]) => !defs.some((d) => d.header === header)).map(([, col]) => col);
  return { columns, stale };
}

/** `DATE(2014,8,15)`, or `TODAY()` when the run is as of today, so Excel keeps the colours live. */
function referenceDay(asOf: Day, live: boolean): string {
  if (live) return 'TODAY()';
  const [y, m, d] = asOf.split('-').map(Number);
  return `DATE(${y},${m},${d})`;
}

function sheetWrite(sheetId: string, layout: HeaderLayout, defs: readonly ColumnDef[], values: Map<number, OwnedValue[]>, dataRows: number[]): SheetWrite {
  const { columns, stale } = placeOwnedColumns(layout, defs);
  const rows = new Map<number, OwnedValue[]>([[layout.headerRow, defs.map((d) => d.header)], ...values]);
  let first = Infinity;
  let last = -Infinity;
  for (const r of dataRows) {
    if (r < first) first = r;
    if (r > last) last = r;
  }
  return { sheetId, headerRow: layout.headerRow, columns, stale, rows, dataRows: dataRows.length ? [first, last] : undefined, highlights: [] };
}

const ref = (col: number, row: number) => cellRefFixedColumn(row, col);
const mark = (condition: string) => `AND(${HIGHLIGHT_MARK},${condition})`;

/** The ledger: status, real-date deadline, what is missing or how late, and the missing elements. */
export function ledgerWrite(entries: readonly LedgerEntry[], layout: HeaderLayout, config: Config, asOf: Day, live: boolean): SheetWrite {
  const H = { status: `${OWNED_PREFIX}状态`, deadline: `${OWNED_PREFIX}截止日期`, note: `${OWNED_PREFIX}说明`, missing: `${OWNED_PREFIX}缺项` };
  const defs = [
    { header: H.status, width: 12 },
    { header: H.deadline, width: 14 },
    { header: H.note, width: 28 },
    { header: H.missing, width: 18 },
  ];
  const values = new Map<number, OwnedValue[]>();
  for (const e of entries) values.set(e.row, [e.status, e.deadline ? { day: e.deadline } : null, e.note, e.missing.join('、') || null]);
  const write = sheetWrite('ledger', layout, defs, values, entries.map((e) => e.row));
  if (!write.dataRows) return write;
  const [first] = write.dataRows;
  const col = (h: string) => write.columns.find((c) => c.header === h)!.column;
  const status = ref(col(H.status), first);
  const deadline = ref(col(H.deadline), first);
  const day = referenceDay(asOf, live);
  const open = `OR(${LEDGER_OPEN_STATUSES.map((s) => `${status}="${s}"`).join(',')})`;
  const lastOwned = Math.max(...write.columns.map((c) => c.column));
  const wholeRow: [number, number][] = [[0, lastOwned]];
  // The cell of a missing element first: its yellow shows even on a coloured row.
  for (const [key, name] of SIX_ELEMENTS) {
    const at = layout.index[key];
    if (at === undefined) continue;
    write.highlights.push({ colour: 'yellow', columns: [[at, at]], formula: mark(`ISNUMBER(SEARCH("${name}",${ref(col(H.missing), first)}))`) });
  }
  write.highlights.push({ colour: 'red', columns: wholeRow, formula: mark(`${open},ISNUMBER(${deadline}),${deadline}<${day}`) });
  write.highlights.push({
    colour: 'amber',
    columns: wholeRow,
    formula: mark(`${open},ISNUMBER(${deadline}),${deadline}>=${day},${deadline}-${day}<${config.ledger.dueSoonDays}`),
  });
  return write;
}

/**
 * A log or list sheet (家访记录, 三进三听, 谈心谈话 and the sheets of 学习教育): per row, 计入 or
 * why not; a row whose word does not start with one of `okWords` is yellow.
 */
export function logWrite(sheetId: string, statuses: readonly { row: number; reason: string; sheet?: string }[], layout: HeaderLayout, okWords: readonly string[] = [COUNTED_WORD]): SheetWrite {
  const header = `${OWNED_PREFIX}校验`;
  const values = new Map<number, OwnedValue[]>(statuses.map((s) => [s.row, [s.reason]]));
  const write = sheetWrite(sheetId, layout, [{ header, width: 18 }], values, statuses.map((s) => s.row));
  if (!write.dataRows) return write;
  const at = write.columns[0]!.column;
  const cell = ref(at, write.dataRows[0]);
  const ok = okWords.map((w) => `LEFT(${cell},${w.length})<>"${w}"`).join(',');
  write.highlights.push({ colour: 'yellow', columns: [[at, at]], formula: mark(`${cell}<>"",${ok}`) });
  return write;
}

/** Status of a person in the roster: what they owe and have not done. */
export const PERSON_BEHIND = '未达标';
export const PERSON_PENDING = '进行中';
export const PERSON_OK = '达标';

/** A duty with a quota, in one word: 达标, or 未达标 once its window is judged, else 进行中. */
export function progressWord(done: boolean, judged: boolean): string {
  return done ? PERSON_OK : judged ? PERSON_BEHIND : PERSON_PENDING;
}

function monthZh(key: string): string {
  return `${Number(key.slice(5, 7))}月`;
}

/** The roster: per person, home-visit progress, missing duties, missing talks, a status and a one-line note. */
export function rosterWrite(evaluation: Evaluation, layout: HeaderLayout, config: Config, asOf: Day, onSheet: (p: { sheet?: string }) => boolean = () => true): SheetWrite {
  const { report, roster } = evaluation;
  const H = { visits: `${OWNED_PREFIX}家访`, duties: `${OWNED_PREFIX}三进三听缺`, talks: `${OWNED_PREFIX}谈心缺`, status: `${OWNED_PREFIX}状态`, note: `${OWNED_PREFIX}说明` };
  const defs = [
    { header: H.visits, width: 10 },
    { header: H.duties, width: 26 },
    { header: H.talks, width: 20 },
    { header: H.status, width: 10 },
    { header: H.note, width: 36 },
  ];
  const visits = new Map(report.visits.map((v) => [v.teacher, v]));
  const duties = new Map(report.duties.map((d) => [d.leader, d]));
  const talksMissing = talksNotHad(report);
  const owesTalk = new Set(report.talks.flatMap((p) => [p.a, p.b]));
  const study = report.study.checked ? report.study : undefined;
  const essaysMissing = new Set(study?.essaysMissing ?? []);
  const materials = new Map(report.materials.map((m) => [m.name, m]));
  const materialsJudged = windowClosed(config.materials.due, asOf);

  const values = new Map<number, OwnedValue[]>();
  const people = roster.list.filter(onSheet);
  for (const person of people) {
    const behind: string[] = [];
    const pending: string[] = [];
    let owes = false;
    const v = visits.get(person.name);
    if (v) {
      owes = true;
      if (!v.done) {
        // while the window is open, the pace that still gets there: 「家访差6户，距截止3周，每周2户」
        const pace = report.tally.visits.judged ? undefined : weeklyPace(v.quota - v.counted, '户', config.homeVisits, asOf);
        (report.tally.visits.judged ? behind : pending).push(`家访差${v.quota - v.counted}户${pace ? `，${pace}` : ''}`);
      }
    }
    const d = duties.get(person.name);
    let dutyText: string | null = null;
    if (d) {
      owes = true;
      const parts = [
        ...Object.entries(d.missingWeeks).map(([duty, weeks]) => `${duty}：${weeks.map((w) => `${formatDayZh(w)}那周`).join('、')}`),
        ...Object.entries(d.missingMonths).map(([duty, months]) => `${duty}：${months.map(monthZh).join('、')}`),
      ];
      const weeks = Object.values(d.missingWeeks).reduce((n, w) => n + w.length, 0);
      const months = Object.values(d.missingMonths).reduce((n, m) => n + m.length, 0);
      if (weeks) behind.push(`三进三听缺${weeks}周`);
      if (months) behind.push(`每月任务缺${months}次`);
      dutyText = parts.join('；') || null;
    }
    const missingTalks = talksMissing.get(person.name) ?? [];
    if (owesTalk.has(person.name)) owes = true;
    if (missingTalks.length) {
      const pace = report.tally.talks.judged ? undefined : weeklyPace(missingTalks.length, '人', config.talks, asOf);
      (report.tally.talks.judged ? behind : pending).push(`谈心缺${missingTalks.length}人${pace ? `，${pace}` : ''}`);
    }
    if (study && person.party && person.onDuty) owes = true;
    if (essaysMissing.has(person.name)) (study?.judged ? behind : pending).push('心得体会未交');
    const m = materials.get(person.name);
    if (m) {
      owes = true;
      if (!m.ok) (materialsJudged ? behind : pending).push(!m.submitted ? '对照检查材料未交' : !m.reviewed ? '对照检查材料未审核' : '对照检查材料未报送');
    }
    const status = behind.length ? PERSON_BEHIND : pending.length ? PERSON_PENDING : owes ? PERSON_OK : null;
    const note = [...behind, ...pending].join('；') || (owes ? '各项达标' : null);
    values.set(person.row, [v ? `${v.counted}/${v.quota}` : null, dutyText, missingTalks.length ? missingTalks.join('、') : null, status, note]);
  }
  const write = sheetWrite('roster', layout, defs, values, people.map((p) => p.row));
  if (!write.dataRows) return write;
  const col = (h: string) => write.columns.find((c) => c.header === h)!.column;
  const status = ref(col(H.status), write.dataRows[0]);
  const nameCol = layout.index.name;
  const cells: [number, number][] = [[Math.min(...write.columns.map((c) => c.column)), Math.max(...write.columns.map((c) => c.column))]];
  if (nameCol !== undefined) cells.unshift([nameCol, nameCol]);
  write.highlights.push({ colour: 'red', columns: cells, formula: mark(`${status}="${PERSON_BEHIND}"`) });
  write.highlights.push({ colour: 'amber', columns: cells, formula: mark(`${status}="${PERSON_PENDING}"`) });
  return write;
}

/** A sheet the write-back writes: which kind it is, its name, and how it is laid out. */
export interface WrittenSheet {
  id: SheetId;
  sheet: string;
  layout: HeaderLayout;
}

/**
 * Everything `refresh` writes, one write per sheet that was read (a kind kept as several sheets
 * gets one for each, with that sheet's rows).
 */
export function buildWriteBack(evaluation: Evaluation, sheets: readonly WrittenSheet[], config: Config, asOf: Day, live: boolean): SheetWrite[] {
  const writes: SheetWrite[] = [];
  const study = evaluation.rows.study;
  for (const { id, sheet, layout } of sheets) {
    // a row knows its sheet where the kind has several; rows of one sheet may not say it
    const here = (x: { sheet?: string }) => x.sheet === undefined || x.sheet === sheet;
    const mine = <T extends { sheet?: string }>(list: readonly T[] | undefined) => (list ?? []).filter(here);
    let write: SheetWrite | undefined;
    switch (id) {
      case 'roster':
        write = rosterWrite(evaluation, layout, config, asOf, here);
        break;
      case 'homeVisits':
      case 'duties':
      case 'talks':
        write = logWrite(id, mine(evaluation.rows[id]), layout);
        break;
      case 'ledger':
        write = ledgerWrite(mine(evaluation.report.ledger), layout, config, asOf, live);
        break;
      case 'materials':
        if (study) write = logWrite(id, mine(study.materials), layout, [MATERIAL_OK, MATERIAL_NOT_OWED]);
        break;
      case 'workLog':
        if (study?.workLog) write = logWrite(id, mine(study.workLog), layout, [PLAN_ROW_PROVES]);
        break;
      default:
        if (study) write = logWrite(id, mine(study[id]), layout);
    }
    if (write) writes.push({ ...write, sheet });
  }
  return writes;
}
