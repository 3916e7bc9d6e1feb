/**
 * The findings as a clerk works through them, for the page and the pane alike (no DOM here; the
 * renderer is ./findings.ts): grouped by workbook › sheet where the clerk fixes them, the groups
 * with most errors first, errors before reminders, many findings of one kind on one sheet folded into one
 * line (「未写家访日记 85 条」), a filter (只看错误), a search over names and words, the 按人员 view,
 * and pages: whatever the count, only one page of lines is ever drawn, and the total is said.
 */
import { findingWhere } from '../core/words.js';
import { findingPeople, findingShort, type Finding } from '../core/findings.js';
import type { PersonOwes } from '../core/people.js';
import type { Report } from '../core/report.js';

/** More findings of one code on one sheet than this are folded into one line. */
export const FOLD_AFTER = 5;
/** Lines drawn at a time: the page stays small whatever the count. */
export const PAGE_SIZE = 200;

export interface ViewInput {
  report: Pick<Report, 'findings'>;
  people: readonly PersonOwes[];
  /** Where findings that are not fixed at their own place are fixed (a teacher short of visits: the visit log). */
  fixedIn?: Partial<Record<string, { file: string; sheet: string }>>;
}

export interface ViewState {
  mode: 'problems' | 'people';
  errorsOnly: boolean;
  query: string;
  /** Folded lines opened by the clerk (their keys). */
  opened: ReadonlySet<string>;
  /** Groups closed by the clerk (their keys). */
  closed: ReadonlySet<string>;
  page: number;
  /** Which findings the list covers (a pane: this workbook); all when absent. */
  scope?: (f: Finding, group: { file: string; sheet?: string }) => boolean;
}

export type Line =
  | { type: 'group'; key: string; title: string; errors: number; warnings: number; closed: boolean }
  | { type: 'finding'; key: string; finding: Finding; where: string; folded: boolean }
  | { type: 'fold'; key: string; label: string; severity: Finding['severity']; count: number; open: boolean }
  | { type: 'person'; key: string; person: PersonOwes; late: number };

export interface View {
  /** The lines of the asked page. */
  lines: Line[];
  page: number;
  pages: number;
  /** Findings (or people) the filter and search let through, and in all. */
  matching: number;
  total: number;
  errors: number;
  warnings: number;
}

/** `fixedIn` of the sheets a check read: a teacher short of visits is fixed in the (first) visit log. */
export function fixedInOf(sheets: { homeVisits?: readonly { file: string; sheet: string }[] }): NonNullable<ViewInput['fixedIn']> {
  const visits = sheets.homeVisits?.[0];
  return visits ? { VISIT_UNDER_QUOTA: { file: visits.file, sheet: visits.sheet } } : {};
}

/** Where a finding is shown: where the clerk fixes it. */
export function groupOf(f: Finding, fixedIn: ViewInput['fixedIn'] = {}): { file: string; sheet?: string } {
  return fixedIn[f.code] ?? { file: f.file, ...(f.sheet ? { sheet: f.sheet } : {}) };
}

/** The place of a finding in a clerk's words, as the console says it: 「第5行 整改时限(J列)」. */
export function whereOf(f: Finding): string {
  return findingWhere(f, 'zh');
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const normal = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Whether a finding or a person answers the search: names, the message, the place. */
function matches(query: string, ...texts: string[]): boolean {
  if (!query) return true;
  const q = normal(query);
  return texts.some((t) => normal(t).includes(q));
}

function problemLines(input: ViewInput, state: ViewState): { lines: Line[]; matching: number; errors: number; warnings: number; total: number } {
  const groups = new Map<string, { file: string; sheet?: string; findings: Finding[] }>();
  let total = 0;
  let errors = 0;
  let warnings = 0;
  for (const f of input.report.findings) {
    const g = groupOf(f, input.fixedIn);
    if (state.scope && !state.scope(f, g)) continue;
    total++;
    if (f.severity === 'error') errors++;
    else warnings++;
    if (state.errorsOnly && f.severity !== 'error') continue;
    // the people and the place are worked out only when there is something to search for
    if (state.query && !matches(state.query, f.message, ...findingPeople(f), whereOf(f), g.file, g.sheet ?? '')) continue;
    const key = `${g.file}\u0000${g.sheet ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ...g, findings: [] }));
    group.findings.push(f);
  }
  const ordered = [...groups.entries()].map(([key, g]) => ({ key, ...g, errors: g.findings.filter((f) => f.severity === 'error').length }));
  // the groups with most errors first (what needs doing most is on top); then workbook and sheet order
  ordered.sort((a, b) => b.errors - a.errors || byCodePoint(a.file, b.file) || byCodePoint(a.sheet ?? '', b.sheet ?? ''));
  const lines: Line[] = [];
  let matching = 0;
  for (const g of ordered) {
    matching += g.findings.length;
    const closed = state.closed.has(g.key);
    lines.push({ type: 'group', key: g.key, title: g.sheet ? `${g.file} › ${g.sheet}` : g.file, errors: g.errors, warnings: g.findings.length - g.errors, closed });
    if (closed) continue;
    const sorted = [...g.findings].sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error') || (a.row ?? 0) - (b.row ?? 0));
    const byCode = new Map<string, Finding[]>();
    for (const f of sorted) {
      // pushed, not copied: a log of 40,000 findings of one code took 12.7 s to draw the other way
      const codeKey = `${f.severity}\u0000${f.code}`;
      let same = byCode.get(codeKey);
      if (!same) byCode.set(codeKey, (same = []));
      same.push(f);
    }
    const folded = new Set<string>();
    for (const f of sorted) {
      const codeKey = `${f.severity}\u0000${f.code}`;
      const same = byCode.get(codeKey)!;
      if (state.query || same.length <= FOLD_AFTER) {
        lines.push({ type: 'finding', key: `${g.key}\u0000${lines.length}`, finding: f, where: whereOf(f), folded: false });
        continue;
      }
      if (folded.has(codeKey)) continue;
      folded.add(codeKey);
      const key = `${g.key}\u0000${codeKey}`;
      const open = state.opened.has(key);
      lines.push({ type: 'fold', key, label: `${findingShort(f)} ${same.length} 条`, severity: f.severity, count: same.length, open });
      if (open) for (const x of same) lines.push({ type: 'finding', key: `${key}\u0000${x.row ?? ''}\u0000${lines.length}`, finding: x, where: whereOf(x), folded: true });
    }
  }
  return { lines, matching, errors, warnings, total };
}

function personLines(input: ViewInput, state: ViewState): { lines: Line[]; matching: number; total: number; errors: number; warnings: number } {
  const lines: Line[] = [];
  let errors = 0;
  for (const p of input.people) {
    const late = p.owed.filter((o) => o.late).length;
    if (late) errors++;
    if (state.errorsOnly && !late) continue;
    if (!matches(state.query, p.name, p.about, ...p.owed.map((o) => o.text))) continue;
    // 只看错误 lists what is late of each person, not also what is still open
    const person = state.errorsOnly && late < p.owed.length ? { ...p, owed: p.owed.filter((o) => o.late) } : p;
    lines.push({ type: 'person', key: p.name, person, late });
  }
  return { lines, matching: lines.length, total: input.people.length, errors, warnings: input.people.length - errors };
}

/** The lines of one page of the view, and the counts that go with them. */
export function buildView(input: ViewInput, state: ViewState, pageSize = PAGE_SIZE): View {
  const all = state.mode === 'people' ? personLines(input, state) : problemLines(input, state);
  const pages = Math.max(1, Math.ceil(all.lines.length / pageSize));
  const page = Math.min(Math.max(0, state.page), pages - 1);
  return { lines: all.lines.slice(page * pageSize, (page + 1) * pageSize), page, pages, matching: all.matching, total: all.total, errors: all.errors, warnings: all.warnings };
}

/** The sentence over the list: what it covers, and how much of it is shown. */
export function viewSummary(view: View, state: ViewState, what = '当前检查'): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const filtered = state.errorsOnly || state.query;
  if (state.mode === 'people') {
    const head = `${what}：还有事项未完成的 ${n(view.total)} 人（其中有逾期事项的 ${n(view.errors)} 人）`;
    return `${head}${filtered ? `，符合条件的 ${n(view.matching)} 人` : ''}${view.pages > 1 ? `，第 ${view.page + 1}/${view.pages} 页` : ''}`;
  }
  const head = `${what}：共 ${n(view.total)} 条（错误 ${n(view.errors)} 条，提醒 ${n(view.warnings)} 条）`;
  return `${head}${filtered ? `，符合条件的 ${n(view.matching)} 条` : ''}${view.pages > 1 ? `，分 ${view.pages} 页，这是第 ${view.page + 1} 页` : ''}`;
}
