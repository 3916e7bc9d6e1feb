/**
 * The catalogues of codes, one shape for all (Words): the findings (with their severity and the
 * people they name), the notes of the reader, and (in problems.ts) the problems that stop a run.
 * Released codes keep their meaning; add, never repurpose.
 */
import type { Params } from './findings.js';

/**
 * What every catalogue entry holds (findings, notes and the problems that stop a run alike): the
 * sentence in Chinese (what clerks read) and English (`--lang en`), and what the code means in a
 * few words, which the docs list and a folded line shows (「未写家访日记 85 条」).
 */
export interface Words {
  zh: (p: Params) => string;
  en: (p: Params) => string;
  /** What the code is about, in a few words. */
  short: string;
}

export const words = (short: string, zh: Words['zh'], en: Words['en']): Words => ({ short, zh, en });

interface Entry extends Words {
  severity: 'error' | 'warning';
  /** The params that name the people a finding is about (a list, `people`, is split on 、). */
  who?: readonly string[];
}

const entry = (severity: Entry['severity'], zh: Entry['zh'], en: Entry['en'], more: { short: string; who?: readonly string[] }): Entry => ({ severity, zh, en, ...more });

/** The catalogue of findings: per code, a short name and its Chinese and English message. */
export const MESSAGES = {
  // Reading cells
  CELL_REQUIRED: entry('error', (p) => `必填项“${p.header}”为空`, (p) => `required cell "${p.header}" is empty`, { short: '必填项为空' }),
  CELL_INVALID_DATE: entry('error', (p) => `“${p.header}”无法识别为日期：“${p.value}”（可写 2014-05-10、2014/5/10、2014年5月10日）`, (p) => `"${p.header}" is not a date: "${p.value}"`, { short: '日期无法识别' }),
  CELL_INVALID_DEADLINE: entry('error', (p) => `整改时限无法识别：“${p.value}”（可写日期，或“7月下旬”“9月底”）`, (p) => `deadline not understood: "${p.value}" (write a date, or a period such as 7月下旬)`, { short: '整改时限无法识别' }),
  CELL_NOT_IN_LIST: entry('error', (p) => `“${p.header}”的值“${p.value}”不在可选范围内（${p.options}）`, (p) => `"${p.header}" value "${p.value}" is not one of ${p.options}`, { short: '不在可选范围内' }),
  CELL_INVALID_YESNO: entry('error', (p) => `“${p.header}”应填“是”或“否”，实际为“${p.value}”`, (p) => `"${p.header}" must be yes or no, found "${p.value}"`, { short: '应填是或否' }),
  COLUMN_ABSENT: entry('warning', (p) => `表中没有“${p.header}”列：${p.consequence}；如有此列但表头写法不同，可在配置 headers 中对应`, (p) => `the sheet has no "${p.header}" column: ${p.consequence}`, { short: '表中缺少的列' }),
  TABLE_ROWS_AFTER_END: entry('warning', (p) => `表尾（第${p.endRow}行“${p.marker}”）之后还有${p.count}行像数据（第${p.firstRow}行起），未计入；请把表尾移到全部数据之下`, (p) => `${p.count} row(s) that look like data below the table's end (row ${p.endRow}), from row ${p.firstRow}; not read`, { short: '表尾之后还有数据' }),
  CELL_INVALID_NUMBER: entry('error', (p) => `“${p.header}”应为整数，实际为“${p.value}”`, (p) => `"${p.header}" must be a whole number, found "${p.value}"`, { short: '应为整数' }),

  // Roster
  ROSTER_DUPLICATE_NAME: entry('error', (p) => `名册中姓名“${p.name}”重复（${p.firstSheet ? `工作表“${p.firstSheet}”` : ''}第${p.firstRow}行已有）`, (p) => `name "${p.name}" appears twice in the roster (first at row ${p.firstRow})`, { short: '名册姓名重复', who: ['name'] }),
  ROSTER_BRANCH_MISSING: entry('error', (p) => `${p.name}是${p.status}，但未填所在党支部`, (p) => `${p.name} is a Party member (${p.status}) but has no branch`, { short: '党员未填党支部', who: ['name'] }),

  // Home visits (R-visit)
  VISIT_UNDER_QUOTA: entry('error', (p) => `${p.teacher}（${p.role}）家访${p.counted}户，未达${p.quota}户，差${p.missing}户`, (p) => `${p.teacher} (${p.role}) visited ${p.counted} households, quota ${p.quota}, ${p.missing} short`, { short: '家访未达标', who: ['teacher'] }),
  VISIT_UNKNOWN_TEACHER: entry('warning', (p) => `家访教师“${p.teacher}”不在名册中，不计入`, (p) => `teacher "${p.teacher}" is not in the roster; visit not counted`, { short: '家访教师不在名册中', who: ['teacher'] }),
  VISIT_DUPLICATE: entry('warning', (p) => `重复记录：${p.teacher}于${p.date}家访${p.student}已在${p.firstSheet ? `工作表“${p.firstSheet}”` : ''}第${p.firstRow}行登记，不重复计入`, (p) => `duplicate of row ${p.firstRow} (${p.teacher}, ${p.student}, ${p.date}); not counted twice`, { short: '重复的家访记录', who: ['teacher'] }),
  VISIT_OUTSIDE_WINDOW: entry('warning', (p) => `家访日期${p.date}不在家访活动期内（${p.from}至${p.to}），不计入`, (p) => `visit on ${p.date} is outside the home-visit window ${p.from}..${p.to}; not counted`, { short: '家访日期不在活动期内' }),
  VISIT_NO_DIARY: entry('warning', (p) => `${p.teacher}家访${p.student}未写家访日记（仍计入，请补写日记或家访小结）`, (p) => `${p.teacher}'s visit to ${p.student} has no visit diary (still counted)`, { short: '未写家访日记', who: ['teacher'] }),
  VISIT_METHOD_MISSING: entry('warning', (p) => `未填家访方式，按“${p.method}”计入，请核实`, (p) => `visit method missing; counted as "${p.method}", please check`, { short: '未填家访方式' }),

  // Rectification ledger (R-ledger)
  LEDGER_ELEMENT_MISSING: entry('error', (p) => `整改事项${p.item}缺少“${p.element}”，未做到六落实`, (p) => `ledger item ${p.item} lacks "${p.element}" (six elements)`, { short: '整改事项要素不全' }),
  LEDGER_OVERDUE: entry('error', (p) => `整改事项${p.item}已逾期${p.days}天（时限${p.deadline}，责任人${p.people}）`, (p) => `ledger item ${p.item} is ${p.days} days overdue (deadline ${p.deadline}, ${p.people})`, { short: '整改事项已逾期', who: ['people'] }),
  LEDGER_DUE_SOON: entry('warning', (p) => `整改事项${p.item}即将到期：还剩${p.days}天（时限${p.deadline}，责任人${p.people}）`, (p) => `ledger item ${p.item} is due in ${p.days} days (${p.deadline}, ${p.people})`, { short: '整改事项即将到期', who: ['people'] }),
  LEDGER_DONE_LATE: entry('warning', (p) => `整改事项${p.item}逾期完成：时限${p.deadline}，${p.done}完成，晚${p.days}天`, (p) => `ledger item ${p.item} was done ${p.days} days late (deadline ${p.deadline}, done ${p.done})`, { short: '整改事项逾期完成' }),
  LEDGER_DONE_NO_DATE: entry('warning', (p) => `整改事项${p.item}已完成但未填完成日期，无法判断是否按时`, (p) => `ledger item ${p.item} is done but has no completion date`, { short: '已完成但未填完成日期' }),
  LEDGER_UNKNOWN_PERSON: entry('error', (p) => `整改责任人“${p.person}”不在名册中`, (p) => `responsible person "${p.person}" is not in the roster`, { short: '责任人不在名册中', who: ['person'] }),
  LEDGER_DUPLICATE_SEQ: entry('warning', (p) => `序号${p.seq}重复（${p.firstSheet ? `工作表“${p.firstSheet}”` : ''}第${p.firstRow}行已有），征求意见无法准确对应`, (p) => `item number ${p.seq} repeats row ${p.firstRow}`, { short: '整改序号重复' }),

  // 三进三听 (R-3in)
  DUTY_WEEK_MISSING: entry('error', (p) => `${p.leader} ${p.range} ${p.what}`, (p) => `${p.leader}: no "${p.duty}" in the week ${p.week}`, { short: '三进三听缺周次', who: ['leader'] }),
  DUTY_MONTH_MISSING: entry('error', (p) => `${p.leader} ${p.monthZh} ${p.what}`, (p) => `${p.leader}: no "${p.duty}" in ${p.month}`, { short: '三进三听缺月次', who: ['leader'] }),
  DUTY_NOT_LEADER: entry('warning', (p) => `“${p.name}”不是名册中的班子成员，这条三进三听记录不计入`, (p) => `"${p.name}" is not a leadership member in the roster; record not counted`, { short: '记录人不是班子成员', who: ['name'] }),
  DUTY_OUTSIDE_WINDOW: entry('warning', (p) => `日期${p.date}不在三进三听活动期内（${p.from}至${p.to}），不计入`, (p) => `${p.date} is outside the duty window ${p.from}..${p.to}; not counted`, { short: '日期不在三进三听活动期内' }),

  // 四个谈心 (R-talk)
  TALK_MISSING: entry('error', (p) => `${p.a}与${p.b}未谈心（${p.kind}）`, (p) => `no talk between ${p.a} and ${p.b} (${p.kind})`, { short: '未谈心', who: ['a', 'b'] }),
  TALK_UNKNOWN_PERSON: entry('warning', (p) => `谈话${p.role}“${p.name}”不在名册中，这条谈话不计入`, (p) => `"${p.name}" is not in the roster; talk not counted`, { short: '谈话人不在名册中', who: ['name'] }),
  TALK_OUTSIDE_WINDOW: entry('warning', (p) => `谈话日期${p.date}不在谈心期内（${p.from}至${p.to}），不计入`, (p) => `talk on ${p.date} is outside the talk window ${p.from}..${p.to}; not counted`, { short: '谈话日期不在谈心期内' }),
  TALK_DEPT_NO_HEAD: entry('warning', (p) => `${p.leader}分管的“${p.department}”在名册中没有负责人（职务为${p.posts}），无法确定谈心对象`, (p) => `${p.leader} supervises "${p.department}", which has no head in the roster`, { short: '分管处室没有负责人', who: ['leader'] }),

  // 五个一 (R-study)
  STUDY_ESSAY_MISSING: entry('error', (p) => `${p.name}未在学习期内（${p.from}至${p.to}）提交心得体会`, (p) => `${p.name} handed in no essay in the study window ${p.from}..${p.to}`, { short: '心得体会未交', who: ['name'] }),
  STUDY_ESSAY_OUTSIDE_WINDOW: entry('warning', (p) => `心得体会提交日期${p.date}不在学习期内（${p.from}至${p.to}），不计入`, (p) => `essay dated ${p.date} is outside the study window; not counted`, { short: '心得体会不在学习期内' }),
  STUDY_ESSAY_UNKNOWN: entry('warning', (p) => `心得体会作者“${p.name}”不是名册中的在岗党员`, (p) => `essay author "${p.name}" is not a Party member on duty in the roster`, { short: '作者不是在岗党员', who: ['name'] }),
  STUDY_EXCELLENT_TOO_MANY: entry('error', (p) => `优秀心得 ${p.count} 篇，超过应评选的 ${p.required} 篇`, (p) => `${p.count} essays marked excellent, more than ${p.required}`, { short: '优秀心得过多' }),
  STUDY_EXCELLENT_COUNT: entry('error', (p) => `优秀心得 ${p.count} 篇，应评选 ${p.required} 篇`, (p) => `${p.count} essays marked excellent, ${p.required} required`, { short: '优秀心得篇数不对' }),
  STUDY_DAYS_SHORT: entry('error', (p) => `集中学习 ${p.days} 天，不足 ${p.min} 天（${p.forms}）`, (p) => `concentrated study on ${p.days} days, fewer than ${p.min}`, { short: '集中学习天数不足' }),
  STUDY_FORM_MISSING: entry('error', (p) => `学习期内未开展“${p.form}”`, (p) => `no "${p.form}" in the study window`, { short: '缺少一种学习形式' }),

  // 组织生活会 (R-branch)
  BRANCH_NOT_HELD: entry('error', (p) => `${p.branch} 未召开专题组织生活会（${p.from}至${p.to}）`, (p) => `${p.branch} held no branch meeting in ${p.from}..${p.to}`, { short: '支部未开组织生活会' }),
  BRANCH_EVALUATION_MISSING: entry('error', (p) => `${p.branch} 组织生活会“一会四评”缺少${p.missing}`, (p) => `${p.branch} meeting lacks ${p.missing}`, { short: '一会四评不全' }),
  BRANCH_OUTSIDE_WINDOW: entry('warning', (p) => `${p.branch} 组织生活会日期${p.date}不在规定期间（${p.from}至${p.to}），不计入`, (p) => `${p.branch} meeting on ${p.date} is outside ${p.from}..${p.to}; not counted`, { short: '组织生活会日期不在规定期间' }),

  // 对照检查材料 (R-material)
  MATERIAL_MISSING: entry('error', (p) => `${p.name}（${p.role}）未按时（${p.due}前）提交对照检查材料${p.late ? `，${p.late}才提交` : ''}`, (p) => `${p.name} (${p.role}) handed in no checking material by ${p.due}`, { short: '对照检查材料未按时交', who: ['name'] }),
  MATERIAL_NOT_REVIEWED: entry('error', (p) => `${p.name}的对照检查材料未经审核`, (p) => `${p.name}'s checking material is not reviewed`, { short: '对照检查材料未审核', who: ['name'] }),
  MATERIAL_NOT_SENT: entry('error', (p) => `${p.name}（班子成员）的对照检查材料未报送督导组`, (p) => `${p.name}'s material was not sent to the supervision group`, { short: '对照检查材料未报送督导组', who: ['name'] }),

  // 宣传报道 (R-publicity)
  PUBLICITY_SHORT: entry('error', (p) => `宣传报道 ${p.count} 篇，不足 ${p.min} 篇`, (p) => `${p.count} publicity items, fewer than ${p.min}`, { short: '宣传报道篇数不足' }),
  PUBLICITY_OUTSIDE_CAMPAIGN: entry('warning', (p) => `报道日期${p.date}不在活动期内（${p.from}至${p.to}），不计入`, (p) => `item dated ${p.date} is outside the campaign; not counted`, { short: '报道日期不在活动期内' }),

  // 方案逐条落实 (R-plan)
  PLAN_ITEM_UNDONE: entry('error', (p) => `方案第${p.item}项“${p.title}”已过期限（${p.window}）未完成：${p.missing}`, (p) => `plan item ${p.item} (${p.title}) was due ${p.window} and is not done: ${p.missing}`, { short: '方案事项过期未完成' }),

  // 征求意见 (R-opinion)
  OPINION_UNTRACED: entry('error', (p) => `台账序号“${p.seq}”在整改台账中不存在，意见无法对应到整改事项`, (p) => `ledger item "${p.seq}" does not exist`, { short: '意见对应不到整改事项' }),
} as const satisfies Record<string, Entry>;

/** The stable code of a finding (`LEDGER_OVERDUE`, `VISIT_UNDER_QUOTA` …); a code never changes meaning once released. */
export type FindingCode = keyof typeof MESSAGES;

/** Notes: what the reader did that a clerk may want to know, neither an error nor a warning. */
export const NOTES = {
  HEADER_REPEATED: words('表头在数据中重复', (p) => `表头在第${p.rows}行又出现了（共 ${p.count} 处，为打印而重复），这些行不作为数据读取`, (p) => `the header repeats at row(s) ${p.rows} (${p.count} in all, for printing); those rows are not read as data`),
  SHEET_NOT_READ: words('同名开头的工作表未读取', (p) => `工作表“${p.sheet}”的名字以“${p.kind}”开头，但表头不符（${p.reason}），未读取`, (p) => `sheet "${p.sheet}" is named like "${p.kind}" but its header does not match (${p.reason}); not read`),
  TABLE_ENDED: words('表格在表尾前结束', (p) => `表格在第${p.lastRow}行结束；第${p.endRow}行起（“${p.marker}”）是表尾，未作为数据读取`, (p) => `the table ends at row ${p.lastRow}; from row ${p.endRow} ("${p.marker}") is its footer, not read as data`),
} as const satisfies Record<string, Words>;

/** The code of a note: how a sheet was read (a repeated header skipped, a sheet not read …). */
export type NoteCode = keyof typeof NOTES;
