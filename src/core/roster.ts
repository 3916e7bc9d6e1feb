/**
 * The roster as the rules need it: people by normalised name, with what the plan asks of them.
 */
import type { RosterRow } from './columns.js';
import type { Config } from './config.js';
import { rowAt, finding, type Finding } from './findings.js';

/** One member of staff as the roster has them. */
export interface Person {
  name: string;
  /** Excel row in the roster. */
  row: number;
  /** The roster's sheet the row is on, where the roster is kept as several sheets. */
  sheet?: string;
  politicalStatus?: string;
  party: boolean;
  branch?: string;
  department?: string;
  post?: string;
  leader: boolean;
  cadre: boolean;
  headTeacher: boolean;
  subject?: string;
  supervises: string[];
  onDuty: boolean;
  /** 手机, as typed (the group notices @ a person by it). */
  mobile?: string;
}

/** The roster by name, and in roster order. */
export interface Roster {
  people: Map<string, Person>;
  /** In roster order. */
  list: Person[];
}

/** The roster from its rows: people by name, duplicates and missing branches as findings. */
export function buildRoster(rows: readonly RosterRow[], config: Config, place: { file: string; sheet: string }): { roster: Roster; findings: Finding[] } {
  const people = new Map<string, Person>();
  const findings: Finding[] = [];
  const partyStatuses = new Set(config.roster.partyStatuses);
  for (const r of rows) {
    if (!r.name) continue;
    const existing = people.get(r.name);
    if (existing) {
      findings.push(finding('ROSTER_DUPLICATE_NAME', rowAt(place, r, '姓名'), { name: r.name, firstRow: existing.row, ...(existing.sheet !== r.sheet && existing.sheet ? { firstSheet: existing.sheet } : {}) }));
      continue;
    }
    const party = r.politicalStatus !== undefined && partyStatuses.has(r.politicalStatus);
    const person: Person = {
      name: r.name,
      row: r.row,
      ...(r.sheet ? { sheet: r.sheet } : {}),
      politicalStatus: r.politicalStatus,
      party,
      branch: r.branch,
      department: r.department || undefined,
      post: r.post || undefined,
      leader: r.leader ?? false,
      cadre: r.cadre ?? false,
      headTeacher: r.headTeacher ?? false,
      subject: r.subject || undefined,
      supervises: r.supervises ?? [],
      onDuty: r.onDuty ?? true,
      ...(r.mobile ? { mobile: r.mobile } : {}),
    };
    if (party && !person.branch && !r.invalid.includes('branch')) {
      findings.push(finding('ROSTER_BRANCH_MISSING', rowAt(place, r, '党支部'), { name: r.name, status: r.politicalStatus! }));
    }
    people.set(r.name, person);
  }
  return { roster: { people, list: [...people.values()] }, findings };
}

export interface VisitQuota {
  quota: number;
  headTeacher: boolean;
  role: '班主任' | '科任教师';
}

/** §三.6: a head teacher owes 20 households, any other teacher 10; staff not on duty owe none. */
export function homeVisitQuota(person: Person, config: Config): VisitQuota | undefined {
  if (!person.onDuty) return undefined;
  if (person.headTeacher) return { quota: config.homeVisits.quota.headTeacher, headTeacher: true, role: '班主任' };
  if (person.subject) return { quota: config.homeVisits.quota.teacher, headTeacher: false, role: '科任教师' };
  return undefined;
}
