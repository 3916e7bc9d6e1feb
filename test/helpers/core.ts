/** Small builders for rule tests: typed rows without a workbook. */
import type { HomeVisitRow, LedgerRow, RosterRow } from '../../src/core/columns.js';
import { defaultConfig, parseConfig, type Config, type ConfigInput } from '../../src/core/config.js';
import { buildRoster, type Roster } from '../../src/core/roster.js';

export function config(overrides: ConfigInput = {}): Config {
  const r = parseConfig(overrides);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.config;
}

export const rosterPlace = { file: '党员名册.xlsx', sheet: '名册' };

let nextRow = 3;
export function person(name: string, extra: Partial<RosterRow> = {}): RosterRow {
  return { row: nextRow++, invalid: [], name, politicalStatus: '群众', leader: false, cadre: false, headTeacher: false, onDuty: true, supervises: [], ...extra };
}

export function roster(rows: RosterRow[], c: Config = defaultConfig()): Roster {
  return buildRoster(rows, c, rosterPlace).roster;
}

export function visit(row: number, date: string, teacher: string, student: string, extra: Partial<HomeVisitRow> = {}): HomeVisitRow {
  return { row, invalid: [], date, teacher, student, method: '上门', diary: true, ...extra };
}

export function ledgerRow(row: number, extra: Partial<LedgerRow> = {}): LedgerRow {
  return {
    row,
    invalid: [],
    seq: String(row - 2),
    problem: '问题',
    category: '形式主义',
    subject: '教务处',
    task: '任务',
    people: ['谭红'],
    standard: '标准',
    measures: '措施',
    deadline: { day: '2014-08-20', text: '2014-08-20', period: false },
    progress: '整改中',
    ...extra,
  };
}
