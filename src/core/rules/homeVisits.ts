/**
 * R-visit (§三.6 万名教师大家访): every head teacher visits at least 20, every other teacher at
 * least 10 distinct student households in the home-visit window; only the counted methods
 * (上门) count. Records by strangers, duplicates and visits outside the window are flagged and
 * not counted. Under-quota is judged once the window has ended on or before the as-of date.
 *
 * Built as a tally that takes one row at a time, so a district-sized log never sits in memory:
 * it keeps per teacher only the set of households.
 */
import type { HomeVisitRow } from '../columns.js';
import type { Config } from '../config.js';
import { isWithin, type Day, windowClosed } from '../dates.js';
import { finding, rowAt, rowStatus, type Finding } from '../findings.js';
import { homeVisitQuota, type Person, type Roster, type VisitQuota } from '../roster.js';

/** A teacher's home visits: counted against the quota of the role. */
export interface TeacherVisits {
  teacher: string;
  headTeacher: boolean;
  role: string;
  counted: number;
  quota: number;
  done: boolean;
  department?: string;
  branch?: string;
  /** Row in the roster. */
  rosterRow: number;
}

/** What the tool says about one log row (the `【自动】校验` column of refresh). */
export interface VisitRowStatus {
  row: number;
  sheet?: string;
  counted: boolean;
  reason: string;
}

export interface HomeVisitResult {
  teachers: TeacherVisits[];
  rows: VisitRowStatus[];
  findings: Finding[];
  /** Whether the window has ended, so under-quota is a violation. */
  judged: boolean;
}

/**
 * One student's visits by one teacher in one sheet: the first date and its row, other dates when
 * there are (rare), and whether the household was counted. Keyed by teacher, then student, so a
 * row costs two lookups of names already hashed, not a key string made and hashed per row.
 */
interface Visits {
  date: Day;
  row: number;
  more?: Map<Day, number>;
  counted: boolean;
}

const COUNTED = '计入';

/** The visits of one sheet of the log (a log kept as several sheets has one each). */
interface Segment {
  place: { file: string; sheet: string };
  visits: Map<string, Map<string, Visits>>;
  /** Households counted, by teacher. */
  counted: Map<string, number>;
  /**
   * Each row's status, kept as two plain arrays (row numbers, reasons) and made into objects only
   * when asked for: `check` of a 100,000-row log never asks, and 100,000 kept objects cost it a
   * tenth of a second of garbage collection.
   */
  statusRows: number[];
  statusReasons: string[];
  findings: Finding[];
}

const segment = (place: { file: string; sheet: string }): Segment => ({ place, visits: new Map(), counted: new Map(), statusRows: [], statusReasons: [], findings: [] });

/** The row of this visit (same date) in a segment, if it is there. */
function rowOf(visits: Visits | undefined, date: Day): number | undefined {
  if (!visits) return undefined;
  return visits.date === date ? visits.row : visits.more?.get(date);
}

/**
 * The home-visit log tallied row by row as it is read (a district's log never sits in memory).
 * A log kept as several sheets (家访记录（高一）, 家访记录（高二） …) is one log: a student counts once
 * whichever sheet holds the visit, and a visit entered twice is a duplicate across sheets too. A
 * sheet read again (with its merged cells, known only at its end) replaces what was taken of it.
 */
export class HomeVisitTally {
  private readonly done: Segment[] = [];
  private current: Segment;
  private readonly counted: Set<string>;

  constructor(
    private readonly roster: Roster,
    private readonly config: Config,
    place: { file: string; sheet: string },
  ) {
    this.counted = new Set(config.homeVisits.countedMethods);
    this.current = segment(place);
  }

  /** The rows that follow are of this sheet; the sheet being read again starts it afresh. */
  beginSheet(place: { file: string; sheet: string }): void {
    if (place.sheet !== this.current.place.sheet && this.current.statusRows.length) this.done.push(this.current);
    this.current = segment(place);
  }

  /** Where this visit was first entered: a row of this sheet, or of a sheet read before. */
  private firstSeen(mine: Visits | undefined, teacher: string, student: string, date: Day): { row: number; sheet?: string } | undefined {
    const here = rowOf(mine, date);
    if (here !== undefined) return { row: here };
    for (const d of this.done) {
      const row = rowOf(d.visits.get(teacher)?.get(student), date);
      if (row !== undefined) return { row, sheet: d.place.sheet };
    }
    return undefined;
  }

  private countedBefore(teacher: string, student: string): boolean {
    for (const d of this.done) if (d.visits.get(teacher)?.get(student)?.counted) return true;
    return false;
  }

  /** Each person's quota, worked out once (a log row asks for it 100,000 times). */
  private quotaOf(person: Person): VisitQuota | undefined {
    let q = this.quotas.get(person);
    if (q === undefined) this.quotas.set(person, (q = homeVisitQuota(person, this.config) ?? null));
    return q ?? undefined;
  }

  private readonly quotas = new Map<Person, VisitQuota | null>();

  add(v: HomeVisitRow): void {
    // one row of a log that can be 100,000 long: no closure, no object but what is kept
    const here = this.current;
    if (!v.date || !v.teacher || !v.student) return this.status(v, v.invalid.includes('date') ? '日期无法识别' : '缺少必填项');
    const { from, to } = this.config.homeVisits;
    const person = this.roster.people.get(v.teacher);
    if (!person) {
      here.findings.push(finding('VISIT_UNKNOWN_TEACHER', rowAt(here.place, v, '教师'), { teacher: v.teacher }));
      return this.status(v, '名册中无此人');
    }
    if (!isWithin(v.date, from, to)) {
      here.findings.push(finding('VISIT_OUTSIDE_WINDOW', rowAt(here.place, v, '日期'), { date: v.date, from, to }));
      return this.status(v, '不在家访活动期内');
    }
    let students = here.visits.get(v.teacher);
    if (!students) here.visits.set(v.teacher, (students = new Map()));
    let mine = students.get(v.student);
    const first = this.firstSeen(mine, v.teacher, v.student, v.date);
    if (first !== undefined) {
      here.findings.push(finding('VISIT_DUPLICATE', rowAt(here.place, v, '学生'), { teacher: v.teacher, student: v.student, date: v.date, firstRow: first.row, ...(first.sheet ? { firstSheet: first.sheet } : {}) }));
      return this.status(v, '重复记录');
    }
    if (!mine) students.set(v.student, (mine = { date: v.date, row: v.row, counted: false }));
    else (mine.more ??= new Map()).set(v.date, v.row);
    if (v.invalid.length && v.invalid.includes('method')) return this.status(v, '家访方式无法识别');
    if (v.method === undefined) {
      // Without the column the sheet has said so once (COLUMN_ABSENT); an empty cell is said here.
      if (!v.absent?.includes('method')) here.findings.push(finding('VISIT_METHOD_MISSING', rowAt(here.place, v, '家访方式'), { method: this.config.homeVisits.countedMethods[0]! }));
    } else if (!this.counted.has(v.method)) {
      return this.status(v, this.notCountedReason(v.method));
    }
    if (v.diary === false || (v.diary === undefined && !v.invalid.includes('diary') && !v.absent?.includes('diary'))) {
      here.findings.push(finding('VISIT_NO_DIARY', rowAt(here.place, v, '家访日记'), { teacher: v.teacher, student: v.student }));
    }
    if (!this.quotaOf(person)) return this.status(v, '无家访任务');
    if (mine.counted || (this.done.length > 0 && this.countedBefore(v.teacher, v.student))) return this.status(v, '同一学生已计入');
    mine.counted = true;
    here.counted.set(v.teacher, (here.counted.get(v.teacher) ?? 0) + 1);
    this.status(v, COUNTED);
  }

  private readonly notCounted = new Map<string, string>();

  /** 「电话家访不计入」: one string per method, not one per row. */
  private notCountedReason(method: string): string {
    let reason = this.notCounted.get(method);
    if (reason === undefined) this.notCounted.set(method, (reason = `${method}家访不计入`));
    return reason;
  }

  /** Only a counted visit has the reason COUNTED, so the reason alone says whether it counted. */
  private status(v: HomeVisitRow, reason: string): void {
    this.current.statusRows.push(v.row);
    this.current.statusReasons.push(reason);
  }

  result(asOf: Day, rosterPlace: { file: string; sheet: string }): HomeVisitResult {
    const judged = windowClosed(this.config.homeVisits.to, asOf);
    const teachers: TeacherVisits[] = [];
    const all = [...this.done, this.current];
    const findings = all.flatMap((d) => d.findings);
    for (const person of this.roster.list) {
      const quota = this.quotaOf(person);
      if (!quota) continue;
      const counted = all.reduce((n, d) => n + (d.counted.get(person.name) ?? 0), 0);
      teachers.push({
        teacher: person.name,
        headTeacher: quota.headTeacher,
        role: quota.role,
        counted,
        quota: quota.quota,
        done: counted >= quota.quota,
        department: person.department,
        branch: person.branch,
        rosterRow: person.row,
      });
      if (judged && counted < quota.quota) {
        findings.push(
          finding('VISIT_UNDER_QUOTA', rowAt(rosterPlace, person, '姓名'), {
            teacher: person.name, role: quota.role, counted, quota: quota.quota, missing: quota.quota - counted,
          }),
        );
      }
    }
    let rows: VisitRowStatus[] | undefined;
    return {
      teachers,
      get rows() {
        return (rows ??= all.flatMap((d) => d.statusRows.map((row, i) => {
          const reason = d.statusReasons[i]!;
          return rowStatus({ row, sheet: d.place.sheet }, reason === COUNTED, reason);
        })));
      },
      findings,
      judged,
    };
  }
}

/** The rule of the home visits: each teacher's visits in the window, counted against the quota of the role. */
export function homeVisits(
  rows: Iterable<HomeVisitRow>,
  roster: Roster,
  config: Config,
  asOf: Day,
  places: { visits: { file: string; sheet: string }; roster: { file: string; sheet: string } },
): HomeVisitResult {
  const tally = new HomeVisitTally(roster, config, places.visits);
  let sheet = places.visits.sheet;
  for (const row of rows) {
    if (row.sheet && row.sheet !== sheet) tally.beginSheet({ file: places.visits.file, sheet: (sheet = row.sheet) });
    tally.add(row);
  }
  return tally.result(asOf, places.roster);
}
