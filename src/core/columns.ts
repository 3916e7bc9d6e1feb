/**
 * One table of columns per sheet: the standard header, the variants clerks write, the type,
 * whether it is required, and the closed list. It drives reading, validation, the templates of
 * `init` and the messages, so a column is described once.
 */
import type { Config } from './config.js';
import type { Day } from './dates.js';

/** How a column's cells are read (a date, a deadline, 是/否, a count, names, a closed list …). */
export type ColumnType =
  | 'text' // free text, tidied
  | 'name' // a person, department or class: all spaces removed
  | 'names' // several people in one cell (谭红、邹四雄)
  | 'list' // several items in one cell
  | 'date'
  | 'deadline' // a day or a plan period (7月下旬)
  | 'yesno'
  | 'enum' // one of a closed list
  | 'count' // whole number ≥ 0
  | 'number';

/** One column of a sheet: its standard header, the variants clerks type, its type, whether required, its closed list. */
export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly variants?: readonly string[];
  readonly type: ColumnType;
  /** The column must exist, and (unless a rule reports it) a data row must fill it. */
  readonly required?: boolean;
  /** An empty cell is reported by a rule with a better message (the ledger's six elements). */
  readonly emptyCheckedByRule?: boolean;
  readonly options?: (config: Config) => readonly string[];
  /** Value of an empty yes/no cell. */
  readonly emptyMeans?: boolean;
  /**
   * When the column is absent from the sheet, what the rules then assume, said once for the sheet
   * (a column that changes what counts must never be defaulted in silence, nor once per row).
   */
  readonly absentMeans?: (config: Config) => string;
  /** Column width in `init` templates, in characters. */
  readonly width?: number;
}

/** The office's four workbooks: the roster, the visit log, the ledger, the study workbook. */
export type WorkbookId = 'roster' | 'visits' | 'ledger' | 'study';

/** A sheet's column table: which workbook it is in, its name, its columns. Reading, validation, templates and messages all follow it. */
export interface SheetSpec {
  readonly id: string;
  readonly workbook: WorkbookId;
  readonly sheet: string;
  /** The workbook may lack this sheet: the rules it feeds are then reported as not checked. */
  readonly optional?: boolean;
  readonly columns: readonly ColumnSpec[];
}

/** A deadline as a clerk types it (「8月上旬」, 「2014-08-10」): the last day it means, and whether it names a period. */
export interface Deadline {
  day: Day;
  /** As the clerk wrote it (`7月下旬`), or the day. */
  text: string;
  period: boolean;
}

type ValueOf<T extends ColumnType> = T extends 'date'
  ? Day
  : T extends 'deadline'
    ? Deadline
    : T extends 'yesno'
      ? boolean
      : T extends 'count' | 'number'
        ? number
        : T extends 'names' | 'list'
          ? string[]
          : string;

/** What every row read carries besides its values: its Excel row number, its sheet, the cells that could not be read. */
export interface RowMeta {
  /** The Excel row number. */
  row: number;
  /** The sheet the row is on (a kind kept as several sheets: 家访记录（高一）, 家访记录（高二） …). */
  sheet?: string;
  /** Keys of cells that hold something that could not be read (already reported). */
  invalid: string[];
  /** Keys whose value came from a cell merged down over this row (a sub-row of an item). */
  merged?: string[];
  /** Keys of columns the sheet does not have (the same array for every row of a sheet). */
  absent?: readonly string[];
}

/** The typed row of a sheet: each column's key with a value of its type. */
export type RowOf<S extends SheetSpec> = RowMeta & {
  [C in S['columns'][number] as C['key']]?: ValueOf<C['type']>;
};

const yesNo = ['是', '否'] as const;
export const YES_NO_OPTIONS = yesNo;

/** 党员名册 › 名册: one member of staff a row (political status, branch, post, leader, head teacher…). */
export const rosterSheet = {
  id: 'roster',
  workbook: 'roster',
  sheet: '名册',
  columns: [
    { key: 'name', header: '姓名', variants: ['教师姓名', '党员姓名', '名字'], type: 'name', required: true, width: 10 },
    { key: 'staffId', header: '工号', variants: ['职工号', '教工号', '编号'], type: 'text', width: 12 },
    { key: 'politicalStatus', header: '政治面貌', variants: ['政治身份'], type: 'enum', required: true, options: (c) => c.roster.politicalStatuses, width: 10 },
    { key: 'branch', header: '党支部', variants: ['所在支部', '所在党支部', '支部'], type: 'enum', options: (c) => c.roster.branches, width: 12 },
    { key: 'department', header: '处室', variants: ['部门', '所在处室', '处室/年级组', '年级组'], type: 'name', width: 12 },
    { key: 'post', header: '职务', variants: ['职位'], type: 'name', width: 10 },
    { key: 'leader', header: '班子成员', variants: ['领导班子成员', '是否班子成员'], type: 'yesno', emptyMeans: false, width: 9, absentMeans: () => '名册中无人算作班子成员，三进三听、谈心和班子对照检查材料无从检查' },
    { key: 'cadre', header: '中层干部', variants: ['是否中层干部', '中层'], type: 'yesno', emptyMeans: false, width: 9, absentMeans: () => '中层党员的对照检查材料无从检查' },
    { key: 'headTeacher', header: '班主任', variants: ['是否班主任'], type: 'yesno', emptyMeans: false, width: 8, absentMeans: (c) => `所有教师按科任教师的家访任务（${c.homeVisits.quota.teacher}户）计` },
    { key: 'subject', header: '任教学科', variants: ['学科', '任教科目', '科目'], type: 'text', width: 10, absentMeans: () => '只有班主任有家访任务，科任教师的家访无从检查' },
    { key: 'supervises', header: '分管处室', variants: ['分管部门', '分管工作', '分管'], type: 'list', width: 20, absentMeans: () => '班子成员与分管处室负责人的谈心无从确定' },
    { key: 'onDuty', header: '在岗', variants: ['是否在岗', '在职'], type: 'yesno', emptyMeans: true, width: 6 },
    // only for the group notices: 钉钉 @s a person by the phone number the group knows
    { key: 'mobile', header: '手机', variants: ['手机号', '手机号码', '移动电话', '联系电话'], type: 'text', width: 13 },
  ],
} as const satisfies SheetSpec;

/** 走访记录 › 家访记录: one home visit a row (date, teacher, student, method, diary). */
export const homeVisitSheet = {
  id: 'homeVisits',
  workbook: 'visits',
  sheet: '家访记录',
  columns: [
    { key: 'date', header: '日期', variants: ['家访日期', '时间', '家访时间'], type: 'date', required: true, width: 12 },
    { key: 'teacher', header: '教师', variants: ['教师姓名', '家访教师', '姓名'], type: 'name', required: true, width: 10 },
    { key: 'student', header: '学生', variants: ['学生姓名', '家访学生', '走访学生'], type: 'name', required: true, width: 10 },
    { key: 'className', header: '班级', variants: ['所在班级'], type: 'name', width: 10 },
    { key: 'method', header: '家访方式', variants: ['方式', '走访方式'], type: 'enum', options: (c) => c.homeVisits.methods, width: 10, absentMeans: (c) => `每条家访都按“${c.homeVisits.countedMethods[0]}”计入` },
    { key: 'parentOpinion', header: '家长意见建议', variants: ['家长意见', '意见建议'], type: 'text', width: 30 },
    { key: 'diary', header: '家访日记', variants: ['是否写家访日记', '家访日记(是/否)', '日记'], type: 'yesno', width: 9, absentMeans: () => '无法核实是否写了家访日记' },
  ],
} as const satisfies SheetSpec;

/** 走访记录 › 三进三听: the leadership's weekly and monthly duties, one record a row. */
export const dutySheet = {
  id: 'duties',
  workbook: 'visits',
  sheet: '三进三听',
  columns: [
    { key: 'date', header: '日期', variants: ['时间', '活动日期'], type: 'date', required: true, width: 12 },
    { key: 'leader', header: '校领导', variants: ['领导姓名', '领导', '姓名', '班子成员'], type: 'name', required: true, width: 10 },
    { key: 'activity', header: '活动类型', variants: ['类型', '活动'], type: 'enum', required: true, options: (c) => [...c.duties.weekly, ...c.duties.monthly], width: 14 },
    { key: 'target', header: '对象', variants: ['活动对象'], type: 'text', width: 14 },
    { key: 'summary', header: '内容摘要', variants: ['内容', '摘要'], type: 'text', width: 30 },
  ],
} as const satisfies SheetSpec;

/** 走访记录 › 谈心谈话: one heart-to-heart talk a row, between two people, of one of four kinds. */
export const talkSheet = {
  id: 'talks',
  workbook: 'visits',
  sheet: '谈心谈话',
  columns: [
    { key: 'date', header: '日期', variants: ['时间', '谈话日期', '谈心日期'], type: 'date', required: true, width: 12 },
    { key: 'talker', header: '谈话人', variants: ['谈心人'], type: 'name', required: true, width: 10 },
    { key: 'talkee', header: '谈话对象', variants: ['谈心对象', '对象'], type: 'name', required: true, width: 10 },
    { key: 'kind', header: '谈心类型', variants: ['谈话类型', '类型'], type: 'enum', options: (c) => c.talks.kinds, width: 20 },
    { key: 'summary', header: '内容摘要', variants: ['内容', '摘要'], type: 'text', width: 30 },
  ],
} as const satisfies SheetSpec;

/** 整改台账 › 整改台账: one rectification item (or a sub-row of one) a row, with its six elements. */
export const ledgerSheet = {
  id: 'ledger',
  workbook: 'ledger',
  sheet: '整改台账',
  columns: [
    { key: 'seq', header: '序号', variants: ['编号', '台账序号'], type: 'name', width: 6 },
    { key: 'problem', header: '问题描述', variants: ['问题', '存在问题', '突出问题', '问题表现'], type: 'text', required: true, width: 30 },
    { key: 'category', header: '问题类别', variants: ['类别', '问题类型'], type: 'enum', required: true, options: (c) => c.ledger.categories, width: 10 },
    { key: 'source', header: '问题来源', variants: ['来源'], type: 'enum', options: (c) => c.ledger.sources, width: 10 },
    { key: 'subject', header: '整改主体', variants: ['主体', '责任主体'], type: 'text', required: true, emptyCheckedByRule: true, width: 12 },
    { key: 'task', header: '整改任务', variants: ['任务'], type: 'text', required: true, emptyCheckedByRule: true, width: 24 },
    { key: 'people', header: '整改责任人', variants: ['责任人', '整改责任', '责任领导', '责任人员', '具体责任人'], type: 'names', required: true, emptyCheckedByRule: true, width: 12 },
    { key: 'standard', header: '整改标准', variants: ['标准', '整改目标'], type: 'text', required: true, emptyCheckedByRule: true, width: 20 },
    { key: 'measures', header: '整改措施', variants: ['措施'], type: 'text', required: true, emptyCheckedByRule: true, width: 24 },
    { key: 'deadline', header: '整改时限', variants: ['时限', '完成时限', '整改期限'], type: 'deadline', required: true, emptyCheckedByRule: true, width: 12 },
    { key: 'progress', header: '完成情况', variants: ['整改进展', '进展情况', '进展'], type: 'enum', options: (c) => c.ledger.progress, width: 10, absentMeans: () => '只凭完成日期判断事项是否完成' },
    { key: 'doneDate', header: '完成日期', variants: ['完成时间', '办结日期'], type: 'date', width: 12 },
    { key: 'published', header: '是否公示', variants: ['公示'], type: 'yesno', width: 9 },
  ],
} as const satisfies SheetSpec;

/** 学习教育 › 心得体会: one essay a member handed in, a row. */
export const essaySheet = {
  id: 'essays',
  workbook: 'study',
  sheet: '心得体会',
  columns: [
    { key: 'name', header: '姓名', variants: ['党员姓名', '作者'], type: 'name', required: true, width: 10 },
    { key: 'title', header: '题目', variants: ['标题', '心得题目'], type: 'text', required: true, width: 30 },
    { key: 'submitted', header: '提交日期', variants: ['日期', '时间', '上交日期'], type: 'date', required: true, width: 12 },
    { key: 'award', header: '评选结果', variants: ['评选', '评优结果', '是否优秀'], type: 'enum', options: (c) => [c.study.excellentMark], width: 10 },
  ],
} as const satisfies SheetSpec;

/** 学习教育 › 集中学习: one study session a row, with who attended. */
export const studySessionSheet = {
  id: 'studySessions',
  workbook: 'study',
  sheet: '集中学习',
  columns: [
    { key: 'date', header: '日期', variants: ['时间', '学习日期'], type: 'date', required: true, width: 12 },
    { key: 'topic', header: '主题', variants: ['学习主题', '学习内容', '内容'], type: 'text', required: true, width: 30 },
    { key: 'form', header: '形式', variants: ['学习形式', '方式'], type: 'enum', required: true, options: (c) => c.study.forms, width: 10 },
    { key: 'hours', header: '学时', variants: ['时长', '课时'], type: 'number', width: 6 },
    { key: 'attendees', header: '参加人数', variants: ['人数', '参会人数'], type: 'count', width: 9 },
  ],
} as const satisfies SheetSpec;

/** 学习教育 › 组织生活会: one branch meeting a row. */
export const branchMeetingSheet = {
  id: 'branchMeetings',
  workbook: 'study',
  sheet: '组织生活会',
  columns: [
    { key: 'date', header: '日期', variants: ['时间', '会议日期'], type: 'date', required: true, width: 12 },
    { key: 'branch', header: '党支部', variants: ['支部', '所在支部'], type: 'enum', required: true, options: (c) => c.roster.branches, width: 12 },
    { key: 'selfReview', header: '个人自评', type: 'yesno', width: 9 },
    { key: 'mutualReview', header: '党员互评', type: 'yesno', width: 9 },
    { key: 'branchReview', header: '支部讲评', type: 'yesno', width: 9 },
    { key: 'leaderReview', header: '领导点评', type: 'yesno', width: 9 },
    { key: 'expected', header: '应到人数', variants: ['应到'], type: 'count', width: 9 },
    { key: 'present', header: '实到人数', variants: ['实到'], type: 'count', width: 9 },
  ],
} as const satisfies SheetSpec;

/** 学习教育 › 对照检查: one member's checking material a row (handed in, reviewed, sent on). */
export const materialSheet = {
  id: 'materials',
  workbook: 'study',
  sheet: '对照检查',
  columns: [
    { key: 'name', header: '姓名', variants: ['党员姓名'], type: 'name', required: true, width: 10 },
    { key: 'submitted', header: '提交日期', variants: ['日期', '时间', '上交日期'], type: 'date', width: 12 },
    { key: 'review', header: '审核', variants: ['审核情况', '审核状态'], type: 'enum', options: (c) => [c.materials.reviewed, c.materials.notReviewed], width: 10 },
    { key: 'sent', header: '报送督导组', variants: ['是否报送督导组', '报送'], type: 'yesno', width: 11 },
  ],
} as const satisfies SheetSpec;

/** 学习教育 › 宣传报道: one piece of publicity a row. */
export const publicitySheet = {
  id: 'publicity',
  workbook: 'study',
  sheet: '宣传报道',
  columns: [
    { key: 'date', header: '日期', variants: ['时间', '刊发日期', '报道日期'], type: 'date', required: true, width: 12 },
    { key: 'title', header: '标题', variants: ['题目'], type: 'text', required: true, width: 30 },
    { key: 'form', header: '形式', variants: ['报道形式'], type: 'enum', options: (c) => c.publicity.forms, width: 10 },
    { key: 'unit', header: '报送单位', variants: ['刊发单位', '媒体'], type: 'text', width: 16 },
  ],
} as const satisfies SheetSpec;

/** 学习教育 › 征求意见: one opinion gathered a row, its source and method. */
export const opinionSheet = {
  id: 'opinions',
  workbook: 'study',
  sheet: '征求意见',
  columns: [
    { key: 'date', header: '日期', variants: ['时间'], type: 'date', width: 12 },
    { key: 'source', header: '来源', variants: ['意见来源'], type: 'enum', options: (c) => c.opinions.sources, width: 8 },
    { key: 'method', header: '方式', variants: ['征求方式'], type: 'enum', options: (c) => c.opinions.methods, width: 10 },
    { key: 'content', header: '意见内容', variants: ['意见建议', '意见', '内容'], type: 'text', required: true, width: 40 },
    { key: 'category', header: '问题类别', variants: ['类别'], type: 'enum', options: (c) => c.ledger.categories, width: 10 },
    { key: 'ledgerSeq', header: '台账序号', variants: ['对应台账序号', '整改序号'], type: 'name', width: 9 },
  ],
} as const satisfies SheetSpec;

/** 学习教育 › 工作记录: the plan's one-off events and documents, one a row. */
export const workLogSheet = {
  id: 'workLog',
  workbook: 'study',
  sheet: '工作记录',
  optional: true,
  columns: [
    { key: 'date', header: '日期', variants: ['时间', '召开日期', '印发日期'], type: 'date', required: true, width: 12 },
    { key: 'event', header: '事项', variants: ['事项类型', '活动事项', '项目'], type: 'enum', required: true, options: (c) => c.plan.events, width: 14 },
    { key: 'content', header: '内容', variants: ['主要内容', '内容摘要', '文件名称', '制度名称'], type: 'text', width: 36 },
    { key: 'person', header: '负责人', variants: ['主持人', '责任人'], type: 'name', width: 10 },
    { key: 'attendees', header: '参加人数', variants: ['人数', '参会人数'], type: 'count', width: 9 },
    { key: 'evidence', header: '佐证材料', variants: ['佐证', '文号', '存档位置'], type: 'text', width: 24 },
  ],
} as const satisfies SheetSpec;

/** A row of the roster as read, typed by its column table. */
export type RosterRow = RowOf<typeof rosterSheet>;
/** A row of the home-visit log as read. */
export type HomeVisitRow = RowOf<typeof homeVisitSheet>;
/** A row of 三进三听 as read. */
export type DutyRow = RowOf<typeof dutySheet>;
/** A row of 谈心谈话 as read. */
export type TalkRow = RowOf<typeof talkSheet>;
/** A row of the rectification ledger as read. */
export type LedgerRow = RowOf<typeof ledgerSheet>;
/** A row of 心得体会 as read. */
export type EssayRow = RowOf<typeof essaySheet>;
/** A row of 集中学习 as read. */
export type StudySessionRow = RowOf<typeof studySessionSheet>;
/** A row of 组织生活会 as read. */
export type BranchMeetingRow = RowOf<typeof branchMeetingSheet>;
/** A row of 对照检查 as read. */
export type MaterialRow = RowOf<typeof materialSheet>;
/** A row of 宣传报道 as read. */
export type PublicityRow = RowOf<typeof publicitySheet>;
/** A row of 征求意见 as read. */
export type OpinionRow = RowOf<typeof opinionSheet>;
/** A row of 工作记录 as read. */
export type WorkLogRow = RowOf<typeof workLogSheet>;

/** Every sheet, workbook by workbook, in the order `init` writes them. */
export const SHEETS = [
  rosterSheet,
  homeVisitSheet,
  dutySheet,
  talkSheet,
  ledgerSheet,
  essaySheet,
  studySessionSheet,
  branchMeetingSheet,
  materialSheet,
  publicitySheet,
  opinionSheet,
  workLogSheet,
] as const;

/** A sheet's id: which kind of table it is (`roster`, `homeVisits`, `ledger` …). */
export type SheetId = (typeof SHEETS)[number]['id'];

/** A declared sheet: its spec, with its id as a type (`'homeVisits'`, not any string). */
export type DeclaredSheet = SheetSpec & { id: SheetId };

/** The sheets of a workbook, in the declared order. */
export function sheetsOf(workbook: WorkbookId): DeclaredSheet[] {
  return SHEETS.filter((s) => s.workbook === workbook);
}

/**
 * The office's workbooks and their sheets, declared once: in reading order (the roster first, as
 * the visit tally needs it), each sheet with its typed id. Loading, the write-back, the collector
 * and the docs all read this.
 */
export const WORKBOOKS: readonly { id: WorkbookId; sheets: readonly DeclaredSheet[] }[] = (['roster', 'visits', 'ledger', 'study'] as const).map((id) => ({ id, sheets: sheetsOf(id) }));

/** The spec of a sheet id. */
export function specOf(id: SheetId): DeclaredSheet {
  return SHEETS.find((s) => s.id === id)!;
}
