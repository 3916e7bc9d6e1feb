/**
 * R-study (§三.3 五个一): every Party member on duty hands in a 心得体会 inside the study window;
 * once the window has ended exactly `excellent` essays are marked 优秀 (more is an error at any
 * time); concentrated study on at least `minDays` distinct days; and each of the once-only forms
 * (大家谈, 专题党课, 观看影片) held inside the window. Shortfalls are violations once the window
 * has ended on or before the as-of date.
 */
import type { EssayRow, StudySessionRow } from '../columns.js';
import type { Config } from '../config.js';
import { isWithin, type Day, windowClosed } from '../dates.js';
import { rowStatus, rowAt, finding, type Finding, type RowStatus } from '../findings.js';
import type { Roster } from '../roster.js';

/** The study duties: essays missing, sessions held, excellent essays chosen. */
export interface StudyStatus {
  checked: true;
  judged: boolean;
  essaysMissing: string[];
  essaysHanded: number;
  members: number;
  excellent: number;
  excellentRequired: number;
  studyDays: number;
  minDays: number;
  collective: Record<string, boolean>;
}

type Place = { file: string; sheet: string };

/** The rule of the study duties: each member's essay, the study sessions, the essay selection. */
export function study(
  essays: readonly EssayRow[],
  sessions: readonly StudySessionRow[],
  roster: Roster,
  config: Config,
  asOf: Day,
  places: { essays: Place; sessions: Place },
): { status: StudyStatus; findings: Finding[]; essayRows: RowStatus[]; sessionRows: RowStatus[] } {
  const { from, to, minDays, excellent: required, concentratedForms, onceForms } = config.study;
  const judged = windowClosed(to, asOf);
  const findings: Finding[] = [];
  const members = roster.list.filter((p) => p.party && p.onDuty);
  const memberNames = new Set(members.map((m) => m.name));
  const handed = new Set<string>();
  let excellent = 0;
  const essayRows: RowStatus[] = [];
  for (const e of essays) {
    if (e.award === config.study.excellentMark) excellent++;
    if (!e.name || !e.submitted) {
      essayRows.push(rowStatus(e, false, e.invalid.includes('submitted') ? '日期无法识别' : '缺少必填项'));
      continue;
    }
    if (!memberNames.has(e.name)) {
      findings.push(finding('STUDY_ESSAY_UNKNOWN', rowAt(places.essays, e, '姓名'), { name: e.name }));
      essayRows.push(rowStatus(e, false, '不是名册中的在岗党员'));
    } else if (!isWithin(e.submitted, from, to)) {
      findings.push(finding('STUDY_ESSAY_OUTSIDE_WINDOW', rowAt(places.essays, e, '提交日期'), { date: e.submitted, from, to }));
      essayRows.push(rowStatus(e, false, '不在学习期内'));
    } else {
      essayRows.push(rowStatus(e, true, handed.has(e.name) ? '计入（此人已交过一篇）' : '计入'));
      handed.add(e.name);
    }
  }
  const essaysMissing = members.filter((m) => !handed.has(m.name)).map((m) => m.name);
  if (judged) {
    for (const m of members) {
      if (!handed.has(m.name)) findings.push(finding('STUDY_ESSAY_MISSING', { file: places.essays.file, sheet: places.essays.sheet }, { name: m.name, from, to }));
    }
  }
  if (excellent > required) findings.push(finding('STUDY_EXCELLENT_TOO_MANY', places.essays, { count: excellent, required }));
  else if (judged && excellent !== required) findings.push(finding('STUDY_EXCELLENT_COUNT', places.essays, { count: excellent, required }));

  const days = new Set<string>();
  const held = new Set<string>();
  const sessionRows: RowStatus[] = [];
  for (const s of sessions) {
    if (!s.date || !s.form) {
      sessionRows.push(rowStatus(s, false, s.invalid.includes('date') ? '日期无法识别' : s.invalid.includes('form') ? '形式不在可选范围' : '缺少必填项'));
      continue;
    }
    if (!isWithin(s.date, from, to)) {
      sessionRows.push(rowStatus(s, false, '不在学习期内'));
      continue;
    }
    const concentrated = concentratedForms.includes(s.form);
    sessionRows.push(rowStatus(s, true, concentrated ? (days.has(s.date) ? '计入（同一天已计）' : '计入集中学习天数') : onceForms.includes(s.form) ? `计入（${s.form}）` : '计入'));
    if (concentrated) days.add(s.date);
    held.add(s.form);
  }
  const collective = Object.fromEntries(onceForms.map((f) => [f, held.has(f)]));
  if (judged) {
    if (days.size < minDays) findings.push(finding('STUDY_DAYS_SHORT', places.sessions, { days: days.size, min: minDays, forms: concentratedForms.join('、') }));
    for (const form of onceForms) if (!held.has(form)) findings.push(finding('STUDY_FORM_MISSING', places.sessions, { form }));
  }
  return {
    status: {
      checked: true, judged, essaysMissing, essaysHanded: handed.size, members: members.length,
      excellent, excellentRequired: required, studyDays: days.size, minDays, collective,
    },
    findings,
    essayRows,
    sessionRows,
  };
}
