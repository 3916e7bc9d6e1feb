/**
 * The 问题清单 workbook: made by `check --xlsx`, by nightly beside the summary, by the page (its
 * bytes are compared in page.test.ts). Read back with openpyxl (a second reader, and the one that
 * tells a link's target from its location) and opened by LibreOffice, whose HTML export shows
 * where each link goes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDir, runCli, runJson, SAMPLE, snapshot, tempDir } from './helpers/cli.js';
import { convert, hasOffice } from './helpers/office.js';

interface ListSheets {
  sheets: string[];
  header: string[];
  rows: unknown[][];
  links: Record<string, [string, string]>;
  freeze: string;
  filter: string;
  titles: string;
  orientation: string;
  paper: number;
  people: unknown[][];
}

/** The list as openpyxl reads it. */
function readList(path: string): ListSheets {
  const script = [
    'import json, sys, datetime, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1])',
    'ws = wb["问题清单"]',
    'v = lambda x: x.isoformat()[:10] if isinstance(x, datetime.datetime) else x',
    'rows = [[v(c.value) for c in r] for r in ws.iter_rows(min_row=2)]',
    'links = {c.coordinate: [c.hyperlink.target, c.hyperlink.location] for r in ws.iter_rows(min_row=2) for c in r if c.hyperlink}',
    'ps = wb["按人员"]',
    'print(json.dumps({"sheets": wb.sheetnames, "header": [c.value for c in ws[1]], "rows": rows, "links": links, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,',
    '  "titles": ws.print_title_rows, "orientation": ws.page_setup.orientation, "paper": ws.page_setup.paperSize, "people": [[v(c.value) for c in r] for r in ps.iter_rows()]}, ensure_ascii=False))',
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' })) as ListSheets;
}

describe('check --xlsx: the 问题清单 of the sample', () => {
  const dir = copyDir(SAMPLE);
  const before = snapshot(dir);
  const path = join(dir, '问题清单.xlsx');
  const run = runCli(['check', dir, '--xlsx', path]);
  const { report } = runJson(['check', dir]);
  const list = readList(path);

  it('is written, says so, and changes nothing else', () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`问题清单已写出：${path}`);
    expect(Object.keys(snapshot(dir)).sort()).toEqual([...Object.keys(before), '/问题清单.xlsx'].sort());
  });

  it('one row per finding, errors before reminders, with level, place, person and message', () => {
    expect(list.sheets).toEqual(['问题清单', '按人员']);
    expect(list.header).toEqual(['序号', '级别', '工作簿', '工作表', '行', '列', '单元格', '人员', '说明', '代码']);
    expect(list.rows).toHaveLength(report.findings.length);
    const levels = list.rows.map((r) => r[1]);
    expect(levels.join('')).toMatch(/^(错误)+(提醒)+$/);
    expect(levels.filter((l) => l === '错误')).toHaveLength(report.tally.errors);
    expect(list.rows.map((r) => r[8]).sort()).toEqual(report.findings.map((f: any) => f.message).sort());
    const quota = list.rows.find((r) => r[9] === 'VISIT_UNDER_QUOTA' && r[7] === '马建华')!;
    expect(quota.slice(1, 8)).toEqual(['错误', '党员名册.xlsx', '名册', 23, '姓名', 'A23', '马建华']);
    const talk = list.rows.find((r) => r[9] === 'TALK_MISSING')!;
    expect(String(talk[7])).toMatch(/^.+、.+$/); // both sides of a missing talk
  });

  it('every row with a cell links to that cell of the clerk’s workbook, relative to the folder', () => {
    const withCell = list.rows.filter((r) => r[6]);
    expect(withCell.length).toBeGreaterThan(30);
    for (const r of withCell) {
      const at = `G${list.rows.indexOf(r) + 2}`;
      expect(list.links[at], at).toEqual([r[2], `'${r[3]}'!${r[6]}`]);
    }
    expect(Object.keys(list.links)).toHaveLength(withCell.length);
  });

  it('frozen header, autofilter, A4 landscape with the header on every page', () => {
    expect(list.freeze).toBe('A2');
    expect(list.filter).toBe(`A1:J${report.findings.length + 1}`);
    expect(list.titles).toBe('$1:$1');
    expect([list.orientation, list.paper]).toEqual(['landscape', 9]);
  });

  it('按人员 names every teacher short of visits, and what each still owes', () => {
    const short = report.visits.filter((v: any) => !v.done).map((v: any) => v.teacher);
    expect(short.length).toBe(3);
    const names = new Set(list.people.slice(1).map((r) => r[0]));
    for (const t of short) expect(names.has(t), t).toBe(true);
    expect(list.people[0]).toEqual(['人员', '处室、身份', '共几项', '事项', '还要做的', '每周节奏', '截止', '是否已过截止']);
    expect(list.people.find((r) => r[0] === '马建华' && r[3] === '家访')).toEqual(['马建华', '高一年级组，班主任', 2, '家访', '家访差2户（已计18户，应20户）（7月10日已截止）', null, '2014-07-10', '已过截止']);
  });

  it('while the visit window is open, 按人员 gives the weekly pace, and so does the roster’s 【自动】说明', () => {
    const early = join(tempDir(), 'early.xlsx');
    runCli(['check', dir, '--as-of', '2014-06-19', '--xlsx', early]);
    const rows = readList(early).people;
    const ma = rows.find((r) => r[0] === '马建华' && r[3] === '家访')!;
    expect(ma[5]).toMatch(/^距截止4周，每周\d+户$/);
    const work = copyDir(SAMPLE);
    runCli(['refresh', work, '--as-of', '2014-06-19']);
    const note = execFileSync('/usr/bin/python3', ['-c', [
      'import sys, openpyxl',
      'ws = openpyxl.load_workbook(sys.argv[1])["名册"]',
      'head = [c.value for c in ws[2]]',
      'col = head.index("【自动】说明")',
      'print([r[col].value for r in ws.iter_rows(min_row=3) if r[0].value == "马建华"][0])',
    ].join('\n'), join(work, '党员名册.xlsx')], { encoding: 'utf8' }).trim();
    expect(note).toMatch(/家访差\d+户，距截止4周，每周\d+户/);
  });

  it.skipIf(!hasOffice())('opens in LibreOffice, whose links go to the cell of the workbook beside it', () => {
    const out = tempDir();
    convert(path, 'html', out);
    const html = readFileSync(join(out, '问题清单.html'), 'utf8');
    expect(html).toContain('马建华（班主任）家访18户，未达20户，差2户');
    const hrefs = [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => decodeURI(m[1]!));
    expect(hrefs).toContain(`file://${dir}/党员名册.xlsx#'名册'!A23`);
  });
});

describe('nightly leaves the dated 问题清单 beside the summary', () => {
  it('with links that go back to the workbooks from the summary’s folder, and attached when the config asks', () => {
    const dir = copyDir(SAMPLE);
    const config = JSON.parse(readFileSync(join(dir, 'taizhang.config.json'), 'utf8'));
    writeFileSync(join(dir, 'taizhang.config.json'), JSON.stringify({ ...config, summary: { dir: '汇总' }, mail: { ...config.mail, attachFindings: true } }));
    const run = runCli(['nightly', dir, '--dry-run']);
    expect(run.code).toBe(0);
    const path = join(dir, '汇总', '问题清单-2014-08-15.xlsx');
    expect(run.stdout).toContain(`问题清单：${path}`);
    const list = readList(path);
    expect(Object.values(list.links)[0]![0]).toBe('../党员名册.xlsx');
    const eml = readFileSync(join(dir, '.taizhang', 'mail', '日报-2014-08-15.eml'), 'utf8');
    expect(eml.match(/Content-Disposition: attachment/g)).toHaveLength(2);
  });
});
