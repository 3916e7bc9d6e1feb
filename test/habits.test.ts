/**
 * Office habits: workbooks kept the way some offices keep them give the plain book's results, with
 * no extra error. The habits fixture (test/fixtures/lo/variants/habits, made in LibreOffice by
 * scripts/lo/make-fixtures.py) is the basic office with its visit log in one sheet per class beside
 * a 家访记录说明 sheet, the header copied again inside the data, blank rows, full-width digits, an
 * autofilter hiding rows and a table formatted far below its data. Strict Open XML and the sample
 * with its header repeated every 40 rows are made here by rewriting books other programs wrote.
 * (WPS in-cell pictures and .xlsm are kept by refresh in test/refresh.test.ts, "the known traps".)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { check } from '../src/io/check.js';
import { copyDir, FIXTURES, runCli, SAMPLE, tempDir } from './helpers/cli.js';
import { convert as officeConvert, hasOffice } from './helpers/office.js';
import { refreshTwice, strictWorkbook, worksheetOf } from './helpers/variants.js';
import { zipParts } from './helpers/zip.js';

const BASIC = join(FIXTURES, 'lo', 'basic');
const HABITS = join(FIXTURES, 'lo', 'variants', 'habits');
const WORKBOOKS = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx'];

/** A finding without its place: what was found, about whom. */
const what = (f: any) => JSON.stringify([f.code, f.severity, Object.fromEntries(Object.entries(f.params ?? {}).filter(([k]) => !/row|sheet|deadline/i.test(k)))]);
const found = (report: any) => report.findings.map(what).sort();
const placeOf = (report: any, code: string, about: Record<string, unknown> = {}) =>
  report.findings.filter((f: any) => f.code === code && Object.entries(about).every(([k, v]) => f.params?.[k] === v)).map((f: any) => `${f.sheet}!${f.cell ?? f.row ?? ''}`);

describe('the basic office kept with other offices’ habits', () => {
  it('gives the basic office’s tallies and findings, no extra error, each finding on its own sheet and row', async () => {
    const plain: any = (await check(BASIC)).report;
    const kept: any = (await check(HABITS)).report;
    expect(kept.tally).toEqual(plain.tally);
    expect(kept.plan).toEqual(plain.plan);
    expect(found(kept)).toEqual(found(plain));
    expect(kept.visits).toEqual(plain.visits);
    // worked out by hand from scripts/lo/make-fixtures.py
    expect(placeOf(kept, 'VISIT_NO_DIARY')).toEqual(['家访记录（一班）!F6']);
    expect(placeOf(kept, 'VISIT_OUTSIDE_WINDOW')).toEqual(['家访记录（二班）!B5']);
    expect(placeOf(kept, 'VISIT_DUPLICATE')).toEqual(['家访记录（其他）!D3']);
    expect(kept.findings.find((f: any) => f.code === 'VISIT_DUPLICATE').message).toContain('已在工作表“家访记录（二班）”第3行登记');
    expect(placeOf(kept, 'VISIT_UNKNOWN_TEACHER')).toEqual(['家访记录（其他）!C6']);
    expect(placeOf(kept, 'LEDGER_OVERDUE')).toEqual(['整改台账!J11']);
    // the deadline as the clerk typed it (full-width digits folded), the day it names the same
    expect(kept.findings.find((f: any) => f.code === 'LEDGER_DUE_SOON' && f.params.item === '3号').message).toBe('整改事项3号即将到期：还剩6天（时限2014年8月21日，责任人谭红）');
  });

  it('reads rows hidden by a filter, skips blank rows, reads full-width digits and stops at the data, not at the formatting', async () => {
    const plain: any = (await check(BASIC)).report;
    const kept: any = (await check(HABITS)).report;
    const bySeq = (r: any) => Object.fromEntries(r.ledger.map((e: any) => [e.seq, [e.status, e.deadline]]));
    expect(bySeq(kept)).toEqual(bySeq(plain));
    // rows 7 and 10 are hidden by the filter on 完成情况; 6号's 序号 is a full-width "６"
    expect(kept.ledger.filter((e: any) => e.status === '已完成' || e.status === '逾期完成').map((e: any) => [e.seq, e.row])).toEqual([['5', 7], ['6', 10]]);
    expect(kept.ledger.find((e: any) => e.seq === '3').deadline).toBe('2014-08-21');
    expect(kept.ledger.map((e: any) => e.row)).toEqual([3, 4, 5, 6, 7, 10, 11, 12, 13, 14]);
  });

  it('says once per sheet where the header repeats, and which sheet named like the visit log it did not read', async () => {
    const kept: any = (await check(HABITS)).report;
    expect(kept.notes.map((n: any) => [n.code, n.sheet, n.params.rows ?? n.params.reason])).toEqual([
      ['HEADER_REPEATED', '家访记录（一班）', '5'],
      ['HEADER_REPEATED', '整改台账', '9'],
      ['SHEET_NOT_READ', '家访记录说明', '前10行中找不到表头'],
    ]);
    expect(kept.findings.filter((f: any) => f.sheet === '家访记录说明' || (f.sheet === '家访记录（一班）' && f.row === 5) || (f.sheet === '整改台账' && f.row === 9))).toEqual([]);
  });

  it('a visit log kept only under a longer name whose header is not found: that header problem, exit 2 (not an internal error)', async () => {
    const dir = copyDir(SAMPLE);
    const file = join(dir, '走访记录.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('家访记录')!;
    ws.name = '家访记录（高一）';
    let header = 0;
    ws.eachRow((row, n) => {
      if (!header && (row.values as unknown[]).includes('家访方式')) header = n;
    });
    ws.spliceRows(1, header); // the title and the header gone: only data in the first 10 rows
    await wb.xlsx.writeFile(file);
    const r = runCli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^taizhang: 走访记录\.xlsx，工作表“家访记录（高一）”：前10行中找不到表头/);
    expect(r.stderr).not.toContain('内部错误');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refresh writes every visit sheet and the filtered ledger, the repeated header rows left alone, and is idempotent', async () => {
    const { dir, before, first } = refreshTwice(HABITS);
    expect(first.code).toBe(1);
    const visits = first.report.refresh.find((f: any) => f.file === '走访记录.xlsx');
    expect(visits.sheets.map((s: any) => s.sheet)).toEqual(['家访记录（一班）', '家访记录（二班）', '家访记录（其他）', '三进三听', '谈心谈话']);
    const one = await worksheetOf(join(dir, '走访记录.xlsx'), '家访记录（一班）');
    expect([2, 3, 4, 5, 6, 7, 8].map((r) => one.getCell(`H${r}`).value)).toEqual(['【自动】校验', '计入', '计入', null, '计入', '同一学生已计入', '电话家访不计入']);
    const other = await worksheetOf(join(dir, '走访记录.xlsx'), '家访记录（其他）');
    expect(other.getCell('H3').value).toBe('重复记录');
    const notes = await worksheetOf(join(dir, '走访记录.xlsx'), '家访记录说明');
    expect(notes.getCell('B1').value).toBeNull();
    const ledger = await worksheetOf(join(dir, '整改台账.xlsx'), '整改台账');
    expect([3, 4, 5, 6, 7, 8, 9, 10, 11].map((r) => ledger.getCell(`N${r}`).value)).toEqual(['即将到期', '整改中', '即将到期', '整改中', '已完成', null, null, '逾期完成', '已逾期']);
    // the filter and the hidden rows are the clerk's: kept as they were
    const sheet = (await zipParts(join(dir, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    const old = (await zipParts(join(before, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    expect(/<autoFilter[\s\S]*?(?:\/>|<\/autoFilter>)/.exec(sheet)?.[0]).toBe(/<autoFilter[\s\S]*?(?:\/>|<\/autoFilter>)/.exec(old)?.[0]);
    const hidden = (xml: string) => [...xml.matchAll(/<row r="(\d+)"[^>]*hidden="(?:1|true)"/g)].map((m) => Number(m[1]));
    // LibreOffice's filter (完成情况 = 整改中) hid the blank row and the repeated header as well
    expect(hidden(old)).toEqual([7, 8, 9, 10]);
    expect(hidden(sheet)).toEqual(hidden(old));
    // formatted down to row 300, written down to row 14 only
    expect(ledger.getCell('N15').value).toBeNull();
    expect(ledger.getCell('N300').value).toBeNull();
  });

  it.skipIf(!hasOffice())('the refreshed ledger opens in LibreOffice with a status on the hidden rows too', () => {
    const { dir } = refreshTwice(HABITS);
    const out = tempDir();
    officeConvert(join(dir, '整改台账.xlsx'), 'csv:Text - txt - csv (StarCalc):44,34,76', out);
    const rows = readFileSync(join(out, '整改台账.csv'), 'utf8').split('\n').map((l) => l.split(','));
    expect(rows.slice(2, 14).map((r) => r[13])).toEqual(['即将到期', '整改中', '即将到期', '整改中', '已完成', '', '', '逾期完成', '已逾期', '要素不全', '整改中', '要素不全']);
  });
});

describe('the sample with its visit log’s header repeated every 40 rows “for printing”', () => {
  async function repeated(dir: string): Promise<number> {
    const path = join(dir, '走访记录.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('家访记录')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    let copies = 0;
    for (let r = 2 + 40 + 1; r <= ws.rowCount; r += 41) {
      ws.spliceRows(r, 0, header);
      copies++;
    }
    await wb.xlsx.writeFile(path);
    return copies;
  }

  it('counts every visit as before, raises no error for the copies, and says so in one note', async () => {
    const plain: any = (await check(SAMPLE)).report;
    const dir = copyDir(SAMPLE);
    const copies = await repeated(dir);
    expect(copies).toBe(16);
    const kept: any = (await check(dir)).report;
    expect(kept.tally).toEqual(plain.tally);
    expect(found(kept)).toEqual(found(plain));
    const notes = kept.notes.filter((n: any) => n.code === 'HEADER_REPEATED');
    expect(notes).toHaveLength(1);
    expect(notes[0].params.count).toBe(copies);
    expect(notes[0].params.rows.split('、').length).toBeLessThanOrEqual(copies);
  });
});

describe('a workbook saved as Strict Open XML (Excel 另存为 “Strict Open XML 电子表格”)', () => {
  async function strictOffice(): Promise<string> {
    const dir = copyDir(BASIC);
    for (const w of WORKBOOKS) await strictWorkbook(join(BASIC, w), join(dir, w));
    return dir;
  }

  it('gives the plain book’s report, its ISO 8601 date cells read as the days they are', async () => {
    const dir = await strictOffice();
    const sheet = (await zipParts(join(dir, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    expect(sheet).toContain('xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"');
    expect(sheet).toContain('t="d"><v>2014-08-15T00:00:00</v>');
    expect((await check(dir)).report).toEqual((await check(BASIC)).report);
  });

  it('refresh writes its statuses in the Strict namespace, is idempotent, and LibreOffice opens the result', async () => {
    const { dir } = refreshTwice(await strictOffice());
    const sheet = (await zipParts(join(dir, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    expect(sheet).not.toContain('schemas.openxmlformats.org/spreadsheetml');
    expect(sheet).toContain('t="d"><v>2014-08-15T00:00:00</v>');
    const ledger = await worksheetOf(join(dir, '整改台账.xlsx'), '整改台账');
    expect(ledger.getCell('N3').value).toBe('即将到期');
    if (!hasOffice()) return;
    const out = tempDir();
    officeConvert(join(dir, '整改台账.xlsx'), 'csv:Text - txt - csv (StarCalc):44,34,76', out);
    const rows = readFileSync(join(out, '整改台账.csv'), 'utf8').split('\n').map((l) => l.split(','));
    expect(rows[2]!.slice(9, 15)).toEqual(['2014-08-15', '整改中', '', '是', '即将到期', '2014-08-15']);
  });
});
