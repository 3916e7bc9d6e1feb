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
import { isWithin, type Day } from '../dates.js';
import { finding, type Finding } from '../findings.js';
import { homeVisitQuota, type Roster } from '../roster.js';

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

export class HomeVisitTally {
  private readonly households = new Map<string, Set<string>>();
  private readonly seen = new Map<string, number>();
  private readonly rowStatuses: VisitRowStatus[] = [];
  private readonly findings: Finding[] = [];
  private readonly counted: Set<string>;

  constructor(
    private readonly roster: Roster,
    private readonly config: Config,
    private readonly place: { file: string; sheet: string },
  ) {
    this.counted = new Set(config.homeVisits.countedMethods);
  }

  add(v: HomeVisitRow): void {
    const status = (counted: boolean, reason: string): void => {
      this.rowStatuses.push({ row: v.row, counted, reason });
    };
    const at = (column: string) => ({ ...this.place, row: v.row, column });
    if (!v.date || !v.teacher || !v.student) return status(false, v.invalid.includes('date') ? '日期无法识别' : '缺少必填项');
    const { from, to } = this.config.homeVisits;
    const person = this.roster.people.get(v.teacher);
    if (!person) {
      this.findings.push(finding('VISIT_UNKNOWN_TEACHER', at('教师'), { teacher: v.teacher }));
      return status(false, '名册中无此人');
    }
    if (!isWithin(v.date, from, to)) {
      this.findings.push(finding('VISIT_OUTSIDE_WINDOW', at('日期'), { date: v.date, from, to }));
      return status(false, '不在家访活动期内');
    }
    const key = `${v.teacher}\u0000${v.student}\u0000${v.date}`;
    const firstRow = this.seen.get(key);
    if (firstRow !== undefined) {
      this.findings.push(finding('VISIT_DUPLICATE', at('学生'), { teacher: v.teacher, student: v.student, date: v.date, firstRow }));
      return status(false, '重复记录');
    }
    this.seen.set(key, v.row);
    if (v.invalid.includes('method')) return status(false, '家访方式无法识别');
    if (v.method === undefined) {
      // Without the column the sheet has said so once (COLUMN_ABSENT); an empty cell is said here.
      if (!v.absent?.includes('method')) this.findings.push(finding('VISIT_METHOD_MISSING', at('家访方式'), { method: this.config.homeVisits.countedMethods[0]! }));
    } else if (!this.counted.has(v.method)) {
      return status(false, `${v.method}家访不计入`);
    }
    if (v.diary === false || (v.diary === undefined && !v.invalid.includes('diary') && !v.absent?.includes('diary'))) {
      this.findings.push(finding('VISIT_NO_DIARY', at('家访日记'), { teacher: v.teacher, student: v.student }));
    }
    const quota = homeVisitQuota(person, this.config);
    if (!quota) return status(false, '无家访任务');
    let set = this.households.get(v.teacher);
    if (!set) this.households.set(v.teacher, (set = new Set()));
    if (set.has(v.student)) return status(false, '同一学生已计入');
    set.add(v.student);
    status(true, '计入');
  }

  result(asOf: Day, rosterPlace: { file: string; sheet: string }): HomeVisitResult {
    const judged = this.config.homeVisits.to <= asOf;
    const teachers: TeacherVisits[] = [];
    const findings = [...this.findings];
    for (const person of this.roster.list) {
      const quota = homeVisitQuota(person, this.config);
      if (!quota) continue;
      const counted = this.households.get(person.name)?.size ?? 0;
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
          finding('VISIT_UNDER_QUOTA', { ...rosterPlace, row: person.row, column: '姓名' }, {
            teacher: person.name, role: quota.role, counted, quota: quota.quota, missing: quota.quota - counted,
          }),
        );
      }
    }
    return { teachers, rows: this.rowStatuses, findings, judged };
  }
}

export function homeVisits(
  rows: Iterable<HomeVisitRow>,
  roster: Roster,
  config: Config,
  asOf: Day,
  places: { visits: { file: string; sheet: string }; roster: { file: string; sheet: string } },
): HomeVisitResult {
  const tally = new HomeVisitTally(roster, config, places.visits);
  for (const row of rows) tally.add(row);
  return tally.result(asOf, places.roster);
}
