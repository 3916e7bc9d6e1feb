/**
 * `summary`: the leadership workbook of the sample and of the LibreOffice fixture. Its figures are
 * read back with exceljs and compared with the `check --json` report of the same folder; a real
 * spreadsheet program prints it on A4 landscape.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { copyDir, FIXTURES, runCli, runJson, SAMPLE, snapshot, tempDir } from './helpers/cli.js';
import { convert, hasOffice } from './helpers/office.js';

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Values of a sheet's data rows under a header row 1, by header. */
function table(ws: ExcelJS.Worksheet, width: number): Record<string, unknown>[] {
  const headers = Array.from({ length: width }, (_, i) => String(ws.getRow(1).getCell(i + 1).value));
  const rows: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === null) break;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  }
  return rows;
}

const count = (ws: ExcelJS.Worksheet, mark: string) => {
  let n = 0;
  ws.eachRow((row) => row.eachCell((c) => void (c.value === mark && n++)));
  return n;
};

for (const [name, src] of [['the sample', SAMPLE], ['the LibreOffice fixture', join(FIXTURES, 'lo', 'basic')]] as const) {
  describe(`summary of ${name}`, () => {
    const dir = copyDir(src);
    const before = snapshot(dir);
    const { report } = runJson(['check', dir]);
    const run = runJson(['summary', dir]);
    const path = join(dir, `汇总-${report.asOf}.xlsx`);

    it('writes 汇总-YYYY-MM-DD.xlsx beside the workbooks and touches nothing else', () => {
      expect(run.code).toBe(1);
      expect(run.report.summary).toBe(path);
      const after = snapshot(dir);
      expect(Object.keys(after).sort()).toEqual([...Object.keys(before), `/汇总-${report.asOf}.xlsx`].sort());
      for (const k of Object.keys(before)) expect(after[k]).toBe(before[k]);
      expect(readdirSync(dir).filter((n) => n.includes('taizhang-tmp'))).toEqual([]);
    });

    it('has its sheets, the overview and the plan first, each set up for A4 landscape printing', async () => {
      const wb = await open(path);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['总览', '方案进度', '家访', '三进三听', '谈心', '整改台账', '支部']);
      for (const ws of wb.worksheets) {
        expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
        expect(ws.headerFooter.oddFooter).toContain(`截至 ${report.asOf}`);
        if (ws.name !== '总览') {
          expect(ws.pageSetup.printTitlesRow).toBe('1:1');
          expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
          expect(ws.autoFilter).toBeTruthy();
        }
      }
    });

    it('shows the same figures as check --json', async () => {
      const wb = await open(path);
      const t = report.tally;
      const overview = wb.getWorksheet('总览')!;
      const figure = (label: string) => {
        let v: unknown;
        overview.eachRow((row) => void (row.getCell(1).value === label && (v = row.getCell(2).value)));
        return v;
      };
      expect(figure('整改事项：已逾期')).toBe(t.ledger['已逾期']);
      expect(figure('整改事项：即将到期')).toBe(t.ledger['即将到期']);
      expect(figure('整改事项：要素不全')).toBe(t.ledger['要素不全']);
      expect(figure('家访未达标教师')).toBe(t.visits.underQuota);
      expect(figure('三进三听缺周次')).toBe(t.duties.missedWeeks);
      expect(figure('每月任务缺次')).toBe(t.duties.missedMonths);
      expect(figure('谈心谈话未谈')).toBe(t.talks.required - t.talks.done);
      expect(String(overview.getCell('A2').value)).toContain(`${report.phase.name}`);
      expect(overview.getCell('B3').value).toBeCloseTo(report.phase.campaignProgress, 10);

      const visits = table(wb.getWorksheet('家访')!, 8);
      expect(visits).toHaveLength(report.visits.length);
      expect(visits.filter((v) => v['状态'] !== '达标')).toHaveLength(report.visits.filter((v: any) => !v.done).length);
      for (const v of report.visits) expect(visits.find((r) => r['教师'] === v.teacher)).toMatchObject({ '已家访（户）': v.counted, '任务（户）': v.quota });

      const duties = wb.getWorksheet('三进三听')!;
      expect(count(duties, '✗')).toBe(t.duties.missedWeeks + t.duties.missedMonths);

      const talks = table(wb.getWorksheet('谈心')!, 5);
      expect(talks).toHaveLength(t.talks.required);
      expect(talks.filter((r) => r['情况'] === '未谈')).toHaveLength(t.talks.required - t.talks.done);

      const ledger = table(wb.getWorksheet('整改台账')!, 8);
      expect(ledger).toHaveLength(t.ledger.total);
      for (const s of ['已逾期', '即将到期', '要素不全', '整改中', '逾期完成', '已完成']) expect(ledger.filter((r) => r['状态'] === s), s).toHaveLength(t.ledger[s]);
      expect(ledger.slice(0, t.ledger['已逾期']).every((r) => r['状态'] === '已逾期')).toBe(true);

      const overdueItems = report.ledger.filter((e: any) => e.status === '已逾期').sort((a: any, b: any) => b.daysLate - a.daysLate);
      const listed: unknown[] = [];
      overview.eachRow((row) => void (String(row.getCell(6).value ?? '').startsWith('逾期 ') && listed.push(row.getCell(1).value)));
      expect(listed).toEqual(overdueItems.map((e: any) => e.seq));
    });

    it('is the same file for the same day', () => {
      const again = join(tempDir(), 'again.xlsx');
      expect(runCli(['summary', dir, '-o', again]).code).toBe(1);
      expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
    });

    it.skipIf(!hasOffice())('prints in LibreOffice on A4 landscape pages', () => {
      const out = tempDir('pdf-');
      convert(path, 'pdf', out);
      const info = execFileSync('pdfinfo', [join(out, `汇总-${report.asOf}.pdf`)], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(6);
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.\d+ pts \(A4\)/);
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', join(out, `汇总-${report.asOf}.pdf`), '-'], { encoding: 'utf8' });
      expect(text).toContain('台账日报');
      expect(text).toContain('整改事项：已逾期');
    }, 120_000);
  });
}
