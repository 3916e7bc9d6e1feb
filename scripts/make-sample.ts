/**
 * Makes the sample workbooks in `workbooks/sample/`: a school of about 60 staff for the 2014
 * campaign of 岳阳市七中, with the leadership named in the plan, the seven branches, and
 * violations planted on purpose (listed in PLANTED below and in workbooks/sample/README.md).
 * Deterministic: a seeded random generator and fixed zip timestamps, so running it again gives
 * the same bytes.
 *
 *   npx tsx scripts/make-sample.ts [DIR]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  branchMeetingSheet, dutySheet, essaySheet, homeVisitSheet, ledgerSheet, materialSheet, opinionSheet,
  publicitySheet, rosterSheet, studySessionSheet, talkSheet, workLogSheet,
} from '../src/core/columns.js';
import { defaultConfig } from '../src/core/config.js';
import { addDays, weekMonday } from '../src/core/dates.js';
import { addSheet, newWorkbook } from '../src/io/templates.js';
import { repackDeterministic } from '../src/xlsx/repack.js';

const config = defaultConfig();
const AS_OF = '2014-08-15';

// ---------------------------------------------------------------- deterministic randomness
let seed = 20140319;
function random(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (from: string, to: string): string => {
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return addDays(from, Math.floor(random() * (span + 1)));
};

// ---------------------------------------------------------------- roster
interface Staff {
  name: string;
  staffId: string;
  politicalStatus: string;
  branch?: string;
  department: string;
  post: string;
  leader?: boolean;
  cadre?: boolean;
  headTeacher?: boolean;
  subject?: string;
  supervises?: string;
  onDuty?: boolean;
  className?: string;
}

const staff: Staff[] = [];
let idCounter = 0;
const add = (s: Omit<Staff, 'staffId'>) => {
  idCounter++;
  staff.push({ staffId: `07${String(idCounter).padStart(4, '0')}`, ...s });
};

// The leadership group (plan §四.1): 书记 吴敏华, 校长 范小平, 副校长 谭红, and two more.
add({ name: '吴敏华', politicalStatus: '中共党员', branch: '第一党支部', department: '校领导', post: '书记', leader: true, supervises: '党办' });
add({ name: '范小平', politicalStatus: '中共党员', branch: '第一党支部', department: '校领导', post: '校长', leader: true, supervises: '行政办' });
add({ name: '谭红', politicalStatus: '中共党员', branch: '第一党支部', department: '校领导', post: '副校长', leader: true, supervises: '教务处、教科室', subject: '物理' });
add({ name: '李建国', politicalStatus: '中共党员', branch: '第一党支部', department: '校领导', post: '副校长', leader: true, supervises: '政教处，高一年级组' });
add({ name: '陈志刚', politicalStatus: '中共党员', branch: '第一党支部', department: '校领导', post: '副校长', leader: true, supervises: '总务处;高二年级组;高三年级组' });
// The campaign office (plan §四.1): 邹四雄 党办主任, 古庆平 行政办主任, 刘文付 联络员.
add({ name: '邹四雄', politicalStatus: '中共党员', branch: '第一党支部', department: '党办', post: '主任', cadre: true });
add({ name: '彭丽', politicalStatus: '中共党员', branch: '第一党支部', department: '党办', post: '干事' });
add({ name: '古庆平', politicalStatus: '中共党员', branch: '第一党支部', department: '行政办', post: '主任', cadre: true });
add({ name: '刘文付', politicalStatus: '中共党员', branch: '第一党支部', department: '行政办', post: '干事' });
add({ name: '周建军', politicalStatus: '中共党员', branch: '第二党支部', department: '教务处', post: '主任', cadre: true, subject: '数学' });
add({ name: '何晓燕', politicalStatus: '中共党员', branch: '第二党支部', department: '教务处', post: '干事', subject: '化学' });
add({ name: '王静', politicalStatus: '中共党员', branch: '第二党支部', department: '教科室', post: '副主任', cadre: true, subject: '生物' }); // 教科室 has no 主任
add({ name: '黄卫东', politicalStatus: '中共党员', branch: '第三党支部', department: '政教处', post: '主任', cadre: true });
add({ name: '段春梅', politicalStatus: '中共党员', branch: '第三党支部', department: '政教处', post: '干事', subject: '政治' });
add({ name: '曾宪伟', politicalStatus: '群众', department: '政教处', post: '干事', subject: '体育' });
add({ name: '罗志强', politicalStatus: '群众', department: '总务处', post: '主任', cadre: true }); // a cadre who is not a Party member
add({ name: '任国庆', politicalStatus: '中共党员', branch: '第七党支部', department: '总务处', post: '干事' });
add({ name: '胡秋菊', politicalStatus: '中共党员', branch: '第七党支部', department: '总务处', post: '会计' });
add({ name: '姚德明', politicalStatus: '中共党员', branch: '第七党支部', department: '总务处', post: '干事', onDuty: false }); // on sick leave

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '邓', '冯', '韩', '曹'];
const GIVEN = ['丽娟', '建华', '海燕', '志明', '春燕', '卫国', '红梅', '晓东', '秀英', '德华', '玉兰', '文军', '小军', '美玲', '国栋', '慧敏', '振宇', '雪梅', '立新', '桂芳', '永强', '晓红', '新民', '亚萍', '俊杰', '金凤', '学文', '艳萍', '长青', '素珍'];
const SUBJECTS = ['语文', '数学', '英语', '物理', '化学', '生物', '历史', '地理', '政治', '体育', '音乐', '美术', '信息技术'];
const used = new Set(staff.map((s) => s.name));
const newName = (): string => {
  for (;;) {
    const n = pick(SURNAMES) + pick(GIVEN);
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
};

const GRADES = [
  { group: '高一年级组', grade: '高一', branch: '第四党支部', head: { name: '刘春华', subject: '语文' } },
  { group: '高二年级组', grade: '高二', branch: '第五党支部', head: { name: '杨光明', subject: '英语' } },
  { group: '高三年级组', grade: '高三', branch: '第六党支部', head: { name: '蒋文斌', subject: '物理' } },
];
for (const g of GRADES) {
  used.add(g.head.name);
  add({ name: g.head.name, politicalStatus: '中共党员', branch: g.branch, department: g.group, post: '主任', cadre: true, subject: g.head.subject });
  for (let i = 0; i < 13; i++) {
    const headTeacher = i < 5;
    const party = i % 3 !== 2; // two in three are Party members
    const status = party ? (g.grade === '高二' && i === 6 ? '预备党员' : '中共党员') : '群众';
    add({
      name: newName(),
      politicalStatus: status,
      branch: party ? g.branch : undefined,
      department: g.group,
      post: '教师',
      headTeacher,
      subject: SUBJECTS[(i + g.grade.length * 3) % SUBJECTS.length],
      className: headTeacher ? `${g.grade}(${i + 1})班` : undefined,
    });
  }
}

const leaders = staff.filter((s) => s.leader);
const teachersWithQuota = staff.filter((s) => s.onDuty !== false && (s.headTeacher || s.subject));
const gradeTeachers = (grade: string) => staff.filter((s) => s.department === `${grade}年级组` && s.post === '教师');

// ---------------------------------------------------------------- planted violations
const underQuotaHead = gradeTeachers('高一')[0]!; // head teacher: 18 households + 1 phone visit
const underQuotaTeacher = gradeTeachers('高二')[7]!; // subject teacher: 9 households + 1 phone visit
const repeatHousehold = gradeTeachers('高三')[1]!; // head teacher: 19 households, one visited twice, plus a duplicate row
const PLANTED: Record<string, string[]> = {
  homeVisits: [
    `${underQuotaHead.name}（班主任）只家访 18 户，另有 1 次电话家访不计入`,
    `${underQuotaTeacher.name}（科任教师）只家访 9 户，另有 1 次电话家访不计入`,
    `${repeatHousehold.name}（班主任）19 户：同一学生走访两次只计一次，另有一条重复记录`,
    '一条家访日期 2014-07-15 在家访期之外',
    '一条家访记录的教师“张伟”不在名册中',
    '两条家访没有写家访日记（提醒）',
    '姚德明 不在岗，无家访任务',
  ],
  ledger: [
    '2号 已逾期（时限 2014-08-10）', '3号 已逾期（时限 7月下旬）', '4号 已逾期（时限 8月上旬）',
    '5号 即将到期（8月中旬）', '6号 即将到期（2014-08-21，第7天）', '7号 整改中（2014-08-22，第8天）',
    '8号 要素不全（缺整改标准）', '9号 责任人“王小明”不在名册', '10号 逾期完成',
  ],
  duties: [
    '陈志刚 2014-04-14 那一周未进课堂听课',
    '李建国 2014-05-05、2014-05-12 两周未进学生家庭家访',
    '谭红 2014年6月未进社区宣讲',
    '一条“三进三听”记录的校领导“张伟”不在名册中',
    '一条活动类型写成“听评课”（不在可选范围）',
    '范小平 一条记录日期 2014-03-20 在活动期之外',
  ],
  talks: [
    '谭红—陈志刚（班子成员之间）未谈',
    '李建国—陈志刚 只在 2014-07-03 谈过（在谈心期之外）',
    `${GRADES[0]!.head.name} 与本组一名党员未谈`,
    `${GRADES[2]!.head.name} 与本组一名党员未谈`,
    '一条谈话记录的对象“张伟”不在名册中',
  ],
};

// ---------------------------------------------------------------- home visits
type Row = Record<string, unknown>;
const homeVisits: Row[] = [];
const VISIT = { from: config.homeVisits.from, to: config.homeVisits.to };
const OPINIONS = ['希望多布置些实践作业', '孩子住校，希望多关心生活', '建议减少周末补课', '感谢老师家访', '希望学校加强安全教育', '无', '希望多与家长沟通', '建议食堂改善伙食'];
const CLASSES = ['(1)班', '(2)班', '(3)班', '(4)班', '(5)班', '(6)班'];
const student = () => `${pick(SURNAMES)}${pick(['子', '梓', '浩', '欣', '雨', '佳', '思', '明', '俊', '诗'])}${pick(['涵', '轩', '怡', '宇', '琪', '阳', '然', '萱', '博', '彤'])}`;
const usedStudents = new Set<string>();
const newStudent = () => {
  for (;;) {
    const s = student();
    if (!usedStudents.has(s)) {
      usedStudents.add(s);
      return s;
    }
  }
};
const gradeOf = (t: Staff) => t.department.replace('年级组', '') || '高一';

for (const t of teachersWithQuota) {
  const quota = t.headTeacher ? config.homeVisits.quota.headTeacher : config.homeVisits.quota.teacher;
  let households = quota + (random() < 0.3 ? 1 : 0);
  if (t === underQuotaHead) households = 18;
  if (t === underQuotaTeacher) households = 9;
  if (t === repeatHousehold) households = 19;
  const cls = t.className ?? `${gradeOf(t).startsWith('高') ? gradeOf(t) : '高一'}${pick(CLASSES)}`;
  const visited: { student: string; date: string }[] = [];
  for (let i = 0; i < households; i++) {
    const v = { student: newStudent(), date: between(VISIT.from, VISIT.to) };
    visited.push(v);
    homeVisits.push({ date: v.date, teacher: t.name, student: v.student, className: cls, method: '上门', parentOpinion: pick(OPINIONS), diary: '是' });
  }
  if (t === underQuotaHead || t === underQuotaTeacher) {
    homeVisits.push({ date: between(VISIT.from, VISIT.to), teacher: t.name, student: newStudent(), className: cls, method: '电话', parentOpinion: '电话沟通', diary: '否' });
  }
  if (t === repeatHousehold) {
    const first = visited[0]!;
    homeVisits.push({ date: addDays(first.date, first.date < '2014-06-01' ? 30 : -30), teacher: t.name, student: first.student, className: cls, method: '上门', parentOpinion: '回访', diary: '是' });
    const dup = visited[1]!;
    homeVisits.push({ date: dup.date, teacher: t.name, student: dup.student, className: cls, method: '上门', parentOpinion: '（重复登记）', diary: '是' });
  }
}
// Planted: outside the window, a stranger, two without diary.
const compliant = gradeTeachers('高二')[2]!;
homeVisits.push({ date: '2014-07-15', teacher: compliant.name, student: newStudent(), className: compliant.className, method: '上门', parentOpinion: '暑假走访', diary: '是' });
homeVisits.push({ date: '2014-04-22', teacher: '张伟', student: newStudent(), className: '高一(2)班', method: '上门', parentOpinion: '无', diary: '是' });
let noDiary = 0;
for (const v of homeVisits) {
  if (noDiary < 2 && v.teacher === gradeTeachers('高三')[4]!.name) {
    v.diary = '否';
    noDiary++;
  }
}
homeVisits.sort((a, b) => String(a.date).localeCompare(String(b.date)) || String(a.teacher).localeCompare(String(b.teacher)));
// Clerks type some dates as text.
const asText = [(d: string) => `${+d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8, 10)}日`, (d: string) => `${+d.slice(5, 7)}月${+d.slice(8, 10)}日`, (d: string) => d.replaceAll('-', '.'), (d: string) => d.replaceAll('-', '/')];
homeVisits.forEach((v, i) => {
  if (i % 37 === 5) v.date = asText[i % asText.length]!(String(v.date));
});

// ---------------------------------------------------------------- 三进三听
const duties: Row[] = [];
const WEEKLY = config.duties.weekly;
const MONTHLY = config.duties.monthly;
const inHoliday = (d: string) => config.duties.holidays.some(([f, t]) => d >= f && d <= t);
const TARGETS: Record<string, string[]> = {
  进课堂听课: ['高一(3)班 语文课', '高二(1)班 数学课', '高三(5)班 英语课', '高一(6)班 物理课', '高二(4)班 化学课'],
  与教师谈心: ['青年教师', '班主任', '教研组长', '新进教师'],
  学生家访: ['高一(2)班 学生家庭', '高三(1)班 学生家庭', '高二(5)班 留守学生家庭'],
  为双困生办实事: ['资助学习用品', '落实助学金', '联系心理辅导', '帮助解决住宿'],
  社区宣讲: ['洞庭社区', '金鹗社区', '东升社区'],
  结对帮扶: ['困难群众 张大爷', '困难群众 李奶奶', '困难家庭 王家'],
};
for (let monday = weekMonday(config.duties.from); monday <= AS_OF; monday = addDays(monday, 7)) {
  for (const l of leaders) {
    for (const activity of WEEKLY) {
      if (l.name === '陈志刚' && activity === '进课堂听课' && monday === '2014-04-14') continue;
      if (l.name === '李建国' && activity === '学生家访' && (monday === '2014-05-05' || monday === '2014-05-12')) continue;
      // A working day of that week outside the holidays (the week before the summer break is owed too).
      const days = [0, 1, 2, 3, 4].map((d) => addDays(monday, d)).filter((d) => d >= config.duties.from && d <= AS_OF && !inHoliday(d));
      if (days.length === 0) continue;
      const date = pick(days);
      duties.push({ date, leader: l.name, activity, target: pick(TARGETS[activity]!), summary: '听取意见建议，记录在案' });
    }
  }
}
for (const month of ['03', '04', '05', '06', '07', '08']) {
  for (const l of leaders) {
    for (const activity of MONTHLY) {
      if (l.name === '谭红' && activity === '社区宣讲' && month === '06') continue;
      const date = month === '03' ? between('2014-03-24', '2014-03-31') : month === '08' ? between('2014-08-01', '2014-08-14') : between(`2014-${month}-01`, `2014-${month}-28`);
      duties.push({ date, leader: l.name, activity, target: pick(TARGETS[activity]!), summary: '宣讲群众路线教育实践活动精神' });
    }
  }
}
duties.push({ date: '2014-04-09', leader: '张伟', activity: '进课堂听课', target: '高一(1)班', summary: '（非班子成员）' });
duties.push({ date: '2014-05-20', leader: '谭红', activity: '听评课', target: '高二(2)班', summary: '类型写法不规范' });
duties.push({ date: '2014-03-20', leader: '范小平', activity: '进课堂听课', target: '高三(2)班', summary: '动员大会前' });
duties.sort((a, b) => String(a.date).localeCompare(String(b.date)) || String(a.leader).localeCompare(String(b.leader)));

// ---------------------------------------------------------------- 四个谈心
const talks: Row[] = [];
const TALK = { from: config.talks.from, to: config.talks.to };
const kinds = config.talks.kinds;
const pairs: [string, string, string][] = [];
const seenPair = new Set<string>();
const addPair = (a: string, b: string, kind: string) => {
  const key = [a, b].sort().join('|');
  if (a === b || seenPair.has(key)) return;
  seenPair.add(key);
  pairs.push([a, b, kind]);
};
const mains = leaders.filter((l) => l.post === '书记' || l.post === '校长');
for (const m of mains) for (const l of leaders) addPair(m.name, l.name, kinds[0]!);
for (const a of leaders) for (const b of leaders) addPair(a.name, b.name, kinds[1]!);
const splitDepts = (s?: string) => (s ?? '').split(/[、,，;；]/).filter(Boolean);
const headOf = (dept: string) => staff.find((s) => s.department === dept && s.post === '主任');
for (const l of leaders) for (const d of splitDepts(l.supervises)) { const h = headOf(d); if (h) addPair(l.name, h.name, kinds[2]!); }
for (const h of staff.filter((s) => s.post === '主任')) {
  for (const m of staff.filter((s) => s.department === h.department && (s.politicalStatus === '中共党员' || s.politicalStatus === '预备党员'))) addPair(h.name, m.name, kinds[3]!);
}
const skipKind4 = new Set([
  `${GRADES[0]!.head.name}|${gradeTeachers('高一').find((t) => t.politicalStatus !== '群众')!.name}`,
  `${GRADES[2]!.head.name}|${gradeTeachers('高三').filter((t) => t.politicalStatus !== '群众')[3]!.name}`,
]);
for (const [a, b, kind] of pairs) {
  if ((a === '谭红' && b === '陈志刚') || (a === '陈志刚' && b === '谭红')) continue;
  if (skipKind4.has(`${a}|${b}`)) continue;
  const date = (a === '李建国' && b === '陈志刚') || (a === '陈志刚' && b === '李建国') ? '2014-07-03' : between(TALK.from, TALK.to);
  const [talker, talkee] = random() < 0.8 ? [a, b] : [b, a];
  talks.push({ date, talker, talkee, kind, summary: '交流思想，查摆作风问题' });
}
talks.push({ date: '2014-06-05', talker: '黄卫东', talkee: '张伟', kind: kinds[4], summary: '（对象不在名册）' });
talks.sort((a, b) => String(a.date).localeCompare(String(b.date)));

// ---------------------------------------------------------------- 整改台账
const L = (seq: number, problem: string, category: string, source: string, subject: string, task: string, people: string, standard: string | undefined, measures: string, deadline: string | number, progress: string, doneDate?: string, published = '是'): Row =>
  ({ seq, problem, category, source, subject, task, people, standard, measures, deadline, progress, doneDate, published });
const ledger: Row[] = [
  L(1, '部分会议多、文件多，传达精神照本宣科', '形式主义', '群众提', '行政办', '精简会议和文件', '范小平、古庆平', '会议数量减少三分之一', '合并例会，推行网上办公', '7月下旬', '已完成', '2014-07-25'),
  L(2, '检查评比过多，重留痕轻实效', '形式主义', '自己找', '教务处', '清理各类检查评比', '谭红、周建军', '保留必要检查不超过5项', '制定检查评比目录', '2014-08-10', '整改中'),
  L(3, '个别处室服务不主动，办事拖拉', '官僚主义', '群众提', '总务处', '建立首问负责和限时办结制度', '陈志刚、罗志强', '群众满意率90%以上', '公开办事流程和时限', '7月下旬', '整改中'),
  L(4, '领导深入课堂、深入班级不够', '官僚主义', '上级点', '学校领导班子', '落实“三进三听”', '吴敏华', '每周听课不少于1节', '建立领导听课记录制度', '8月上旬', '未开始'),
  L(5, '部分教师精神懈怠，教学观念滞后', '享乐主义', '互相帮', '各年级组', '开展教学观念大讨论', '李建国、刘春华', '每位教师撰写一份反思', '组织专题研讨和公开课', '8月中旬', '整改中'),
  L(6, '公共场所长明灯、长流水现象', '奢靡之风', '群众提', '总务处', '推进节约型校园建设', '罗志强', '水电费同比下降10%', '安装节能灯具，专人巡查', '2014-08-21', '整改中'),
  L(7, '公务接待不够规范', '奢靡之风', '上级点', '行政办', '严格公务接待标准', '古庆平', '接待一律按标准执行并公示', '建立接待审批和清单制度', '2014-08-22', '整改中'),
  L(8, '个别教师有偿家教、私自办班', '师德师风', '群众提', '政教处', '专项治理有偿家教', '黄卫东', undefined, '签订承诺书，设立举报电话', '9月底', '整改中'),
  L(9, '学生课业负担过重', '形式主义', '集体议', '教务处', '减轻学生过重课业负担', '谭红、王小明', '作业总量控制在规定时间内', '建立作业公示制度', '9月底', '整改中'),
  L(10, '职称评定、津贴分配不够公开', '官僚主义', '群众提', '行政办', '职评、津贴阳光操作', '范小平', '方案和结果全部公示', '成立评审小组，全程公开', '2014-07-15', '已完成', '2014-07-20'),
  L(11, '教辅资料征订不规范', '师德师风', '上级点', '教务处', '规范教辅资料征订', '周建军', '严格自愿征订，不搞统一', '家长签字确认', '2014-07-31', '已完成', '2014-07-31'),
  L(12, '部分班子成员与教职工谈心不够', '官僚主义', '互相帮', '学校领导班子', '落实“四个谈心”', '吴敏华、范小平', '谈心全覆盖', '建立谈心谈话台账', '6月底', '已完成', '2014-06-28'),
  L(13, '校园安全管理存在薄弱环节', '官僚主义', '集体议', '政教处', '加强校园安全管理', '李建国、黄卫东', '全年无重大安全事故', '完善门卫和值班制度', '9月中旬', '整改中'),
  L(14, '“小金库”清理不彻底的风险', '奢靡之风', '自己找', '总务处', '规范财务管理', '陈志刚、胡秋菊', '账外无资金', '修订财务管理制度', '9月底', '整改中'),
  L(15, '家校沟通渠道不畅', '形式主义', '群众提', '政教处', '畅通家校沟通渠道', '黄卫东、段春梅', '每学期召开家长会不少于2次', '开通家校联系平台', '9月底', '整改中'),
  L(16, '师德考核流于形式', '师德师风', '集体议', '党办', '完善师德考核办法', '邹四雄', '师德一票否决落到实处', '修订《师德考核办法》', '9月下旬', '整改中'),
  L(17, '青年教师培养缺少规划', '享乐主义', '自己找', '教科室', '制定青年教师培养计划', '谭红、王静', '师徒结对全覆盖', '开展青蓝工程', '9月底', '未开始'),
  L(18, '节假日值班走过场', '形式主义', '互相帮', '行政办', '严格值班制度', '古庆平、刘文付', '值班记录完整可查', '领导带班，定时巡查', '2014-09-30', '整改中'),
];

// ---------------------------------------------------------------- 学习教育
const STUDY = config.study;
const partyOnDuty = staff.filter((p) => (p.politicalStatus === '中共党员' || p.politicalStatus === '预备党员') && p.onDuty !== false);
const noEssay = [gradeTeachers('高二')[0]!, gradeTeachers('高三')[3]!];
const lateEssay = gradeTeachers('高一')[4]!;
const ESSAY_TITLES = ['践行群众路线，做人民满意教师', '照镜子正衣冠，从我做起', '密切联系群众，提升服务意识', '为民务实清廉学习体会', '学习群众路线的几点思考', '以学生为本，改进工作作风'];
const essays: Row[] = partyOnDuty
  .filter((p) => !noEssay.includes(p))
  .map((p) => ({ name: p.name, title: pick(ESSAY_TITLES), submitted: p === lateEssay ? '2014-07-01' : between('2014-04-10', STUDY.to) }));
essays.slice(0, 9).forEach((e) => (e.award = '优秀')); // nine, where the plan asks for ten
const sessions: Row[] = [];
const studyDates = ['2014-03-26', '2014-04-02', '2014-04-09', '2014-04-16', '2014-04-23', '2014-04-30', '2014-05-07', '2014-05-14', '2014-05-21', '2014-05-28', '2014-06-04', '2014-06-11'];
const SESSION_TOPICS = ['学习党的十八大和十八届三中全会精神', '学习习近平总书记系列重要讲话', '《论群众路线——重要论述摘编》', '《厉行节约、反对浪费》重要论述', '师德师风与教育法律法规', '中央八项规定精神'];
studyDates.forEach((date, i) => sessions.push({ date, topic: SESSION_TOPICS[i % SESSION_TOPICS.length], form: ['集体学习', '专题研讨', '专家辅导'][i % 3], hours: 2, attendees: 40 + (i % 5) }));
sessions.push({ date: '2014-05-16', topic: '群众路线大家谈', form: '大家谈', hours: 2, attendees: 45 });
sessions.push({ date: '2014-05-23', topic: '群众路线专题党课（吴敏华）', form: '专题党课', hours: 2, attendees: 47 });
sessions.push({ date: '2014-07-09', topic: '观看《焦裕禄》', form: '观看影片', hours: 2, attendees: 44 }); // after the window: 观看影片 missing
sessions.push({ date: '2014-04-12', topic: '个人自学', form: '自学', hours: 4 });
const meetings: Row[] = config.roster.branches
  .filter((b) => b !== '第六党支部') // planted: 第六党支部 held no meeting
  .map((branch, i) => {
    const members = staff.filter((p) => p.branch === branch).length;
    return {
      date: between('2014-05-12', '2014-06-20'), branch, selfReview: '是', mutualReview: '是', branchReview: '是',
      leaderReview: branch === '第三党支部' ? undefined : '是', // planted: 领导点评 left blank
      expected: members, present: members - (i % 2),
    };
  });
const materialRows: Row[] = staff
  .filter((p) => p.onDuty !== false && (p.leader || (p.cadre && p.politicalStatus !== '群众')))
  .filter((p) => p.name !== '蒋文斌') // planted: no material
  .map((p) => ({
    name: p.name,
    submitted: between('2014-06-05', config.materials.due),
    review: p.name === '杨光明' ? '未审核' : '已审核', // planted: not reviewed
    sent: p.leader ? (p.name === '陈志刚' ? '否' : '是') : undefined, // planted: a leader's not sent
  }));
const PUBLICITY_TITLES = ['七中召开党的群众路线教育实践活动动员大会', '七中开展“五个一”专题学习', '吴敏华书记讲专题党课', '七中校领导深入课堂听课', '万名教师大家访在七中', '七中召开专题民主生活会', '七中开展“四个谈心”活动', '七中整改方案公示', '七中开展学校开放日活动', '一位老党员的家访日记'];
const publicityRows: Row[] = PUBLICITY_TITLES.slice(0, 9).map((title, i) => ({
  date: ['2014-03-20', '2014-04-03', '2014-05-24', '2014-04-18', '2014-05-06', '2014-05-12', '2014-06-16', '2014-07-22', '2014-08-08'][i],
  title, form: config.publicity.forms[i % config.publicity.forms.length], unit: ['市教育局实践办', '岳阳日报', '岳阳教育网', '学校网站'][i % 4],
}));
publicityRows.push({ date: '2013-12-20', title: PUBLICITY_TITLES[9], form: '人物专访', unit: '学校网站' }); // before the campaign
const OPINION_TEXTS: [string, string, string][] = [
  ['会议太多，希望精简', '形式主义', '1'], ['检查评比过多', '形式主义', '2'], ['处室办事拖拉', '官僚主义', '3'],
  ['领导很少来听课', '官僚主义', '4'], ['有的老师不思进取', '享乐主义', '5'], ['教室长明灯', '奢靡之风', '6'],
  ['接待吃喝不规范', '奢靡之风', '7'], ['有老师搞有偿家教', '师德师风', '8'], ['作业太多', '形式主义', '9'],
  ['职称评定不透明', '官僚主义', '10'], ['教辅资料乱征订', '师德师风', '11'], ['食堂饭菜价格偏高', '奢靡之风', ''],
  ['希望延长图书馆开放时间', '官僚主义', ''], ['校门口交通拥堵', '官僚主义', '13'], ['家校沟通少', '形式主义', '15'],
  ['师德考核走过场', '师德师风', '16'], ['青年教师缺少指导', '享乐主义', '17'], ['值班老师不在岗', '形式主义', '18'],
  ['希望增加体育活动时间', '官僚主义', ''], ['补课收费', '师德师风', '99'], // planted: item 99 does not exist
];
const opinionRows: Row[] = OPINION_TEXTS.map(([content, category, seq], i) => ({
  date: between('2014-03-25', '2014-04-10'), source: config.opinions.sources[i % config.opinions.sources.length],
  method: config.opinions.methods[i % config.opinions.methods.length], content, category, ledgerSeq: seq || undefined,
}));
// 工作记录: the plan's one-off events and documents, with gaps planted.
const workLogRows: Row[] = [
  { date: '2014-03-10', event: '实施方案', content: '《岳阳市七中关于开展党的群众路线教育实践活动的实施方案》', person: '吴敏华', evidence: '七中党发〔2014〕3号' },
  { date: '2014-03-19', event: '动员大会', content: '全校教职工动员大会，吴敏华解读方案，范小平作动员', person: '吴敏华', attendees: 126, evidence: '会议记录、照片' },
  { date: '2014-04-08', event: '征求意见报告', content: '《关于岳阳市第七中学领导班子加强作风建设征求意见的情况报告》', person: '邹四雄', evidence: '党办存档' },
  { date: '2014-04-16', event: '师德教育', content: '全体党员学习师德规范', person: '邹四雄', attendees: 58 },
  { date: '2014-05-08', event: '民主生活会', content: '班子专题民主生活会（两天）', person: '吴敏华', attendees: 9, evidence: '会议记录' },
  { date: '2014-05-06', event: '通报会', content: '通报民主生活会情况', person: '范小平', attendees: 40 }, // planted: before the 民主生活会
  { date: '2014-06-05', event: '查找问题', content: '《学校存在的主要问题》书面材料', person: '吴敏华', evidence: '党办存档' },
  { date: '2014-06-20', event: '评选活动', content: '评选学科带头人、十佳教师、十佳班主任', person: '谭红' },
  { date: '2014-06-26', event: '读书会', content: '党员读书分享会', person: '邹四雄' }, // planted: 事项 not in the list
  { date: '2014-07-08', event: '整改方案', content: '《岳阳市七中教育实践活动整改方案》公示', person: '吴敏华', evidence: '校务公开栏' },
  { date: '2014-07-20', event: '制度建设', content: '党员干部直接联系群众制度', person: '邹四雄' },
  { date: '2014-07-25', event: '制度建设', content: '修订《财务管理制度》、学校会计制度', person: '古庆平' },
  { date: '2014-08-05', event: '制度建设', content: '专项经费监管', person: '古庆平' },
  { date: '2014-08-12', event: '制度建设', content: '规范办学行为制度、畅通群众诉求渠道制度', person: '谭红' },
];

Object.assign(PLANTED, {
  plan: [
    '通报会（5月6日）记在民主生活会（5月8日）之前：第12项未完成',
    '师德教育有记录，但学习期内没有“观看影片”：第4项未完成',
    '制度建设还缺 治理教育乱收费制度、《规章制度汇编》：第15项进行中',
    '一条工作记录的事项“读书会”不在可选范围',
    '学校开放日（9月）、总结大会（9月下旬）尚未到期',
  ],
});

Object.assign(PLANTED, {
  study: [
    `${noEssay.map((p) => p.name).join('、')} 没有交心得体会；${lateEssay.name} 2014-07-01 才交（学习期外）`,
    '优秀心得只评了 9 篇（应为 10 篇）',
    '集中学习 12 天（达标）；大家谈、专题党课已开展，观看影片在 7 月 9 日（学习期外）',
    '第六党支部 未召开组织生活会；第三党支部 缺“领导点评”',
    '蒋文斌 未交对照检查材料；杨光明 未审核；陈志刚（班子成员）未报送督导组',
    '宣传报道 9 篇在活动期内，1 篇在 2013-12-20（活动期外）',
    '一条意见的台账序号为 99（台账中没有）',
  ],
});

// ---------------------------------------------------------------- write
async function save(dir: string, file: string, build: (wb: ReturnType<typeof newWorkbook>) => void): Promise<void> {
  const wb = newWorkbook();
  build(wb);
  await writeFile(join(dir, file), await repackDeterministic(new Uint8Array(await wb.xlsx.writeBuffer())));
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(import.meta.dirname, '..', 'workbooks', 'sample');
  await mkdir(dir, { recursive: true });
  await save(dir, config.files.roster, (wb) =>
    addSheet(wb, rosterSheet, config, {
      title: '岳阳市七中教职工及党员名册（2014年春季）',
      rows: staff.map((s) => ({
        ...s,
        leader: s.leader ? '是' : '否',
        cadre: s.cadre ? '是' : '否',
        headTeacher: s.headTeacher ? '是' : '否',
        onDuty: s.onDuty === false ? '否' : '是',
        name: s.name === '谭红' ? '谭　红' : s.name, // a full-width space, as clerks type it
      })),
      headers: { name: '教师姓名' },
      extra: [{ header: '备注', values: staff.map((s) => (s.onDuty === false ? '病假' : s.className ? `${s.className}班主任` : undefined)) }],
    }),
  );
  await save(dir, config.files.visits, (wb) => {
    addSheet(wb, homeVisitSheet, config, { title: '“万名教师大家访”家访记录', rows: homeVisits, headers: { date: '家访日期', teacher: '教师姓名' } });
    addSheet(wb, dutySheet, config, { title: '校领导“三进三听”活动记录', rows: duties, headers: { leader: '领导姓名' } });
    addSheet(wb, talkSheet, config, { title: '“四个谈心”谈话记录', rows: talks });
  });
  await save(dir, config.files.ledger, (wb) =>
    addSheet(wb, ledgerSheet, config, { title: '岳阳市七中教育实践活动整改台账', rows: ledger, headers: { people: '责任人' } }),
  );
  await save(dir, config.files.study, (wb) => {
    addSheet(wb, essaySheet, config, { title: '“五个一”心得体会登记', rows: essays });
    addSheet(wb, studySessionSheet, config, { rows: sessions });
    addSheet(wb, branchMeetingSheet, config, { title: '专题组织生活会（一会四评）', rows: meetings });
    addSheet(wb, materialSheet, config, { rows: materialRows });
    addSheet(wb, publicitySheet, config, { rows: publicityRows });
    addSheet(wb, opinionSheet, config, { title: '征求意见汇总', rows: opinionRows });
    addSheet(wb, workLogSheet, config, { title: '教育实践活动工作记录', rows: workLogRows });
  });
  await writeFile(join(dir, 'taizhang.config.json'), `${JSON.stringify({ asOf: AS_OF }, null, 2)}\n`);
  await writeFile(join(dir, 'PLANTED.json'), `${JSON.stringify(PLANTED, null, 2)}\n`);
  process.stdout.write(`样例工作簿已写入 ${dir}：名册 ${staff.length} 人，家访 ${homeVisits.length} 条，三进三听 ${duties.length} 条，谈心 ${talks.length} 条，整改 ${ledger.length} 项\n`);
}

await main();
