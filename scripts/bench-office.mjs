// A district-sized office, generated deterministically: a roster of 3,000 teachers, a visit log of
// any number of rows, small duty and talk sheets, a ledger of 40 items. `npm run bench` times the
// CLI and the page on it; the page's tests use a smaller one. Needs the build (dist/).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { random } from './random.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { rosterSheet, ledgerSheet } = await import(join(root, 'dist', 'core', 'columns.js'));
const { defaultConfig } = await import(join(root, 'dist', 'core', 'config.js'));
const { addSheet } = await import(join(root, 'dist', 'io', 'templates.js'));

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉玉兰红梅林波宇晨欣怡浩然子涵梓轩';

function teacherNames(n, rnd) {
  const names = new Set();
  while (names.size < n) names.add(SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)]);
  return [...names];
}

export async function generateOffice(dir, rows, TEACHERS = 3000) {
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rnd = random(rows);
  const config = defaultConfig();
  const teachers = teacherNames(TEACHERS, rnd);
  const leaders = teachers.slice(0, 5);
  // roster: 3,000 teachers, a third of them 班主任
  const roster = new ExcelJS.Workbook();
  addSheet(roster, rosterSheet, config, {
    rows: teachers.map((name, i) => ({
      name, politicalStatus: i % 2 ? '中共党员' : '群众', branch: i % 2 ? config.roster.branches[i % 7] : undefined, department: `第${(i % 30) + 1}年级组`,
      post: i < 5 ? (i === 0 ? '书记' : '副校长') : '教师', leader: i < 5 ? '是' : '否', headTeacher: i % 3 === 0 ? '是' : '否', subject: '语文', onDuty: '是',
    })),
  });
  await roster.xlsx.writeFile(join(dir, config.files.roster));
  // visit log, streamed: ~rows visits over the window, plus small duty and talk sheets
  const from = Date.UTC(2014, 1, 17);
  const span = Date.UTC(2014, 6, 10) - from;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, config.files.visits), useSharedStrings: false, useStyles: true });
  const visits = writer.addWorksheet('家访记录');
  visits.columns = [
    { header: '家访时间', key: 'date', width: 12, style: { numFmt: 'yyyy-mm-dd' } }, { header: '教师姓名', key: 'teacher' }, { header: '学生姓名', key: 'student' },
    { header: '班级', key: 'class' }, { header: '家访方式', key: 'method' }, { header: '家访日记', key: 'diary' }, { header: '备注', key: 'note' },
  ];
  for (let i = 0; i < rows; i++) {
    const t = Math.floor(rnd() * TEACHERS);
    visits.addRow({
      date: new Date(from + Math.floor(rnd() * span / 86_400_000) * 86_400_000), teacher: teachers[t], student: `学生${t}-${Math.floor(rnd() * 25)}`,
      class: `${(t % 30) + 1}班`, method: rnd() < 0.95 ? '上门' : '电话', diary: rnd() < 0.97 ? '是' : '否', note: '',
    }).commit();
  }
  visits.commit();
  const duties = writer.addWorksheet('三进三听');
  duties.addRow(['日期', '领导姓名', '活动类型', '对象', '内容摘要']).commit();
  for (let d = 0; d < 150; d++) for (const l of leaders) duties.addRow([new Date(Date.UTC(2014, 2, 24) + d * 86_400_000), l, config.duties.weekly[d % 4], '高一', '']).commit();
  duties.commit();
  const talks = writer.addWorksheet('谈心谈话');
  talks.addRow(['日期', '谈话人', '谈话对象', '谈心类型', '内容摘要']).commit();
  for (let i = 1; i < 5; i++) talks.addRow([new Date(Date.UTC(2014, 5, 1)), leaders[0], leaders[i], config.talks.kinds[0], '']).commit();
  talks.commit();
  await writer.commit();
  const ledger = new ExcelJS.Workbook();
  addSheet(ledger, ledgerSheet, config, {
    rows: Array.from({ length: 40 }, (_, i) => ({ seq: String(i + 1), problem: `问题${i + 1}`, category: config.ledger.categories[i % 5], subject: '教务处', task: '任务', people: teachers[i % 5], standard: '标准', measures: '措施', deadline: '2014-08-20', progress: '整改中' })),
  });
  await ledger.xlsx.writeFile(join(dir, config.files.ledger));
  writeFileSync(join(dir, 'taizhang.config.json'), JSON.stringify({ asOf: '2014-08-15' }));
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

