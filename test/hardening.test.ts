/**
 * The defects a fuzzing review of the xlsx layer found, each a workbook built to show it: a merge
 * past the sheet's edge, whitespace in a close tag, `<col></col>`, `<dimension></dimension>`, a
 * failure while writing the last workbook, an attribute that needs escaping, very long tokens,
 * bytes that are not UTF-8 (and parts that are UTF-16), structure no spreadsheet writes, and zip
 * entries that a workbook never holds. Each is either read exactly (and written back well formed)
 * or refused in one Chinese line naming the place, with exit 2 and no file changed.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refresh } from '../src/io/refresh.js';
import { InputError } from '../src/core/problems.js';
import { readZipParts } from '../src/xlsx/repack.js';
import { soundSheets } from './helpers/sound.js';
import { copyDir, runCli, runJson, SAMPLE, snapshot } from './helpers/cli.js';
import { makeZip, rawZip, zipParts } from './helpers/zip.js';

const LEDGER = '整改台账.xlsx';
const VISITS = '走访记录.xlsx';
const SHEET = 'xl/worksheets/sheet1.xml';
const sample = runJson(['check', SAMPLE]).report;

/** A copy of the sample with one part of one workbook changed. */
async function withPart(file: string, part: string, change: (xml: string) => string | Buffer): Promise<string> {
  const dir = copyDir(SAMPLE);
  const parts = await zipParts(join(dir, file));
  const before = String(parts.get(part));
  const after = change(before);
  expect(after, 'the change changes something').not.toEqual(before);
  parts.set(part, after);
  writeFileSync(join(dir, file), await makeZip(parts));
  return dir;
}

/** check and refresh both refuse the folder: one line, exit 2, nothing changed. */
function refused(dir: string, message: string | RegExp): void {
  for (const command of ['check', 'refresh']) {
    const before = snapshot(dir);
    const r = runCli([command, dir]);
    expect(r.code, `${command}: ${r.stderr}`).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    if (typeof message === 'string') expect(lines[0]).toContain(message);
    else expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .+:\d+|内部错误/);
    expect(snapshot(dir)).toEqual(before);
  }
}

describe('1. a merge past the sheet’s edge', () => {
  it('is refused at once, not laid out cell by cell (which took minutes)', async () => {
    const dir = await withPart(LEDGER, SHEET, (x) => x.replace('<mergeCell ref="A1:M1"/>', '<mergeCell ref="A1:ZZZZZZZ1"/>'));
    refused(dir, '整改台账.xlsx：工作簿内部格式错误（xl/worksheets/sheet1.xml：合并区域“A1:ZZZZZZZ1”无效或超出工作表范围）');
  });
  it('a merge to the last column, XFD, is a merge like any other', async () => {
    const dir = await withPart(LEDGER, SHEET, (x) => x.replace('<mergeCell ref="A1:M1"/>', '<mergeCell ref="A1:XFD1"/>'));
    expect(runJson(['check', dir]).report.tally).toEqual(sample.tally);
  });
});

describe('2. the fast path of the write-back on whitespace XML allows', () => {
  it('a row closed with `</row >` gets its own cells, and no row twice', async () => {
    const dir = await withPart(LEDGER, SHEET, (x) => x.replace(/(<row r="3"[\s\S]*?)<\/row>/, '$1</row >'));
    expect(runCli(['refresh', dir]).code).toBe(1);
    const xml = (await soundSheets(readFileSync(join(dir, LEDGER)))).get(SHEET)!;
    expect(xml).toMatch(/<row r="3"[^>]*>(?:(?!<\/row)[\s\S])*<c r="N3"[\s\S]*?<\/row >/);
    expect(runCli(['refresh', dir]).stdout).toContain('整改台账.xlsx：无变化');
  });
  it('an owned cell written `<c\\nr="N5">` is found again on the next run, not written twice', async () => {
    const dir = copyDir(SAMPLE);
    runCli(['refresh', dir]);
    const parts = await zipParts(join(dir, LEDGER));
    parts.set(SHEET, String(parts.get(SHEET)).replace('<c r="N5"', '<c\nr="N5"'));
    writeFileSync(join(dir, LEDGER), await makeZip(parts));
    runCli(['refresh', dir, '--as-of', '2014-08-20']);
    const xml = (await soundSheets(readFileSync(join(dir, LEDGER)))).get(SHEET)!;
    expect(xml.match(/r="N5"/g)).toHaveLength(1);
  });
});

describe('3–4. elements written open and closed', () => {
  it('`<col …></col>` keeps the clerk’s column, its width and style', async () => {
    const dir = await withPart(LEDGER, SHEET, (x) => x.replace('<col min="2" max="2" width="30" style="1" customWidth="1"/>', '<col min="2" max="2" width="30" style="1" customWidth="1" hidden="1"></col>'));
    runCli(['refresh', dir]);
    const xml = (await soundSheets(readFileSync(join(dir, LEDGER)))).get(SHEET)!;
    expect(xml).toContain('<col min="2" max="2" width="30" style="1" customWidth="1" hidden="1"></col>');
  });
  it('`<dimension …></dimension>`: the cells are written, and say so', async () => {
    const dir = await withPart(LEDGER, SHEET, (x) => x.replace('<dimension ref="A1:M20"/>', '<dimension ref="A1:M20"></dimension>'));
    const r = runCli(['refresh', dir]);
    expect(r.stdout).toContain('整改台账.xlsx：已更新');
    const xml = (await soundSheets(readFileSync(join(dir, LEDGER)))).get(SHEET)!;
    expect(xml).toContain('<dimension ref="A1:Q20"></dimension>');
    expect(xml).toMatch(/<c r="N3"/);
    expect(runCli(['refresh', dir]).stdout).toContain('整改台账.xlsx：无变化');
  });
});

describe('5. a failure before every workbook is ready replaces none', () => {
  const failing = (code: string, file: string) => async (path: string) => {
    if (path.endsWith(file)) throw Object.assign(new Error(`${code}: simulated`), { code });
  };
  it('a full disk while the last workbook is written: no workbook replaced, and it says so', async () => {
    const dir = copyDir(SAMPLE);
    const before = snapshot(dir);
    const run = refresh(dir, { beforeWrite: failing('ENOSPC', '学习教育.xlsx') });
    await expect(run).rejects.toThrow('学习教育.xlsx：无法写入（磁盘空间不足），未修改任何文件');
    await expect(run).rejects.toBeInstanceOf(InputError);
    expect(snapshot(dir)).toEqual(before);
  });
  it('a folder that cannot be written is named, not an internal error', async () => {
    const dir = copyDir(SAMPLE);
    const before = snapshot(dir);
    await expect(refresh(dir, { beforeWrite: failing('EACCES', '党员名册.xlsx') })).rejects.toThrow(`党员名册.xlsx：无法写入（没有写入文件夹 ${dir} 的权限），未修改任何文件`);
    expect(snapshot(dir)).toEqual(before);
  });
  it('a failure while replacing says which workbooks were replaced and where their backups are', async () => {
    const dir = copyDir(SAMPLE);
    const error = await refresh(dir, { beforeReplace: failing('EBUSY', '整改台账.xlsx') }).catch((e: InputError) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^整改台账\.xlsx：无法替换（文件正被其他程序占用）；已经更新的：党员名册\.xlsx（原文件备份在 .+）、走访记录\.xlsx（原文件备份在 .+）；没有改动的：整改台账\.xlsx、学习教育\.xlsx$/);
    expect(readdirSync(dir).filter((n) => n.includes('taizhang-tmp'))).toEqual([]);
    expect(readFileSync(join(dir, LEDGER)).equals(readFileSync(join(SAMPLE, LEDGER)))).toBe(true);
  });
});

describe('6. attributes the tool copies are escaped', () => {
  it('a header style written s=\'5"\' does not break the tool’s own cells', async () => {
    const dir = await withPart(LEDGER, SHEET, (x) => x.replace(/(<c r="M2") s="\d+"/, `$1 s='5"'`));
    runCli(['refresh', dir]);
    const xml = (await soundSheets(readFileSync(join(dir, LEDGER)))).get(SHEET)!;
    expect(xml).toContain('<c r="N2" s="5&quot;"');
  });
});

describe('7. very long tokens', () => {
  it('16 MB of whitespace between two rows is read (in time linear in its length)', async () => {
    const dir = await withPart(VISITS, SHEET, (x) => x.replace('</row><row r="5"', `</row>${' '.repeat(16 << 20)}<row r="5"`));
    expect(runJson(['check', dir]).report.tally).toEqual(sample.tally);
    expect(runCli(['refresh', dir]).code).toBe(1);
    await soundSheets(readFileSync(join(dir, VISITS)));
  });
  it('a 63 MB attribute is refused with its size', async () => {
    const dir = await withPart(LEDGER, SHEET, (x) => x.replace('<row r="5"', `<row x="${'a'.repeat(63 << 20)}" r="5"`));
    refused(dir, /整改台账\.xlsx：工作簿内部格式错误（xl\/worksheets\/sheet1\.xml：一个标签或一段文字长达 \d+ MB，超过上限 8 MB）/);
  });
});

describe('8. text encodings', () => {
  it('bytes that are not UTF-8 are bad input naming the part, never U+FFFD in a name', async () => {
    const dir = await withPart('党员名册.xlsx', 'xl/sharedStrings.xml', (x) => {
      const b = Buffer.from(x);
      const at = b.indexOf(Buffer.from('马建华'));
      return Buffer.concat([b.subarray(0, at), Buffer.from([0xff, 0xfe]), b.subarray(at + 3)]);
    });
    refused(dir, '党员名册.xlsx：工作簿内部的文字编码有误（xl/sharedStrings.xml 中有无法识别为文字的字节）');
  });
  it('a sheet in UTF-16 (which LibreOffice reads) is read, and written back in UTF-16', async () => {
    const utf16 = (xml: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]);
    const dir = await withPart(LEDGER, SHEET, utf16);
    expect(runJson(['check', dir]).report).toEqual(runJson(['check', SAMPLE]).report);
    expect(runCli(['refresh', dir]).code).toBe(1);
    const part = (await readZipParts(readFileSync(join(dir, LEDGER)))).get(SHEET)!;
    expect([part[0], part[1]]).toEqual([0xff, 0xfe]);
    const xml = (await soundSheets(readFileSync(join(dir, LEDGER)))).get(SHEET)!;
    expect(xml).toContain('【自动】状态');
    expect(runCli(['refresh', dir]).stdout).toContain('整改台账.xlsx：无变化');
  });
  it('a UTF-8 byte order mark stays where it was', async () => {
    const dir = await withPart(LEDGER, SHEET, (x) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(x)]));
    runCli(['refresh', dir]);
    const part = (await readZipParts(readFileSync(join(dir, LEDGER)))).get(SHEET)!;
    expect([...part.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('9–10. structure no spreadsheet program writes, refused saying what it is', () => {
  const cases: [string, (x: string) => string, string][] = [
    ['rows out of order', (x) => x.replace(/(<row r="5"[\s\S]*?<\/row>)(<row r="6"[\s\S]*?<\/row>)/, '$2$1'), '第5行出现在第6行之后（行的顺序有误或重复）'],
    ['a row twice', (x) => x.replace(/(<row r="5"[\s\S]*?<\/row>)/, '$1$1'), '第5行出现在第5行之后（行的顺序有误或重复）'],
    ['a row numbered 19.5', (x) => x.replace('<row r="19"', '<row r="19.5"'), '行号“19.5”无效'],
    ['a row numbered 0', (x) => x.replace('<row r="1"', '<row r="0"'), '行号“0”无效'],
    ['a row numbered abc', (x) => x.replace('<row r="3"', '<row r="abc"'), '行号“abc”无效'],
    ['a cell of another row', (x) => x.replace('<c r="B5"', '<c r="B6"'), '单元格 B6 不在它所在的第5行'],
    ['an empty shared-string number', (x) => x.replace(/(<c r="B5"[^>]*t="s"[^>]*>)<v>\d+<\/v>/, '$1<v></v>'), '单元格 B5 的共享字符串编号“”无效'],
    ['a shared-string number past the table', (x) => x.replace(/(<c r="B5"[^>]*t="s"[^>]*>)<v>\d+<\/v>/, '$1<v>99999</v>'), '单元格 B5 的共享字符串编号“99999”无效'],
  ];
  for (const [what, change, message] of cases) {
    it(what, async () => refused(await withPart(LEDGER, SHEET, change), `整改台账.xlsx：工作簿内部格式错误（xl/worksheets/sheet1.xml：${message}）`));
  }

  const zipCases: [string, (parts: Map<string, Buffer | string>) => ReturnType<typeof rawZip>, string][] = [
    ['two entries of one name', (p) => rawZip([...[...p].map(([name, data]) => ({ name, data })), { name: SHEET, data: p.get(SHEET)! }]), '整改台账.xlsx：不是完好的工作簿（有两个同名的部件“xl/worksheets/sheet1.xml”）'],
    ['an encrypted part the tool never reads', (p) => rawZip([...p].map(([name, data]) => ({ name, data, flags: name === 'docProps/app.xml' ? 1 : 0 }))), '整改台账.xlsx：工作簿中的部件“docProps/app.xml”被加密'],
    ['an encrypted sheet', (p) => rawZip([...p].map(([name, data]) => ({ name, data, flags: name === SHEET ? 1 : 0 }))), '整改台账.xlsx：工作簿中的部件“xl/worksheets/sheet1.xml”被加密'],
    ['an LZMA sheet', (p) => rawZip([...p].map(([name, data]) => ({ name, data, method: name === SHEET ? 14 : 8 }))), '整改台账.xlsx：不是完好的工作簿（部件“xl/worksheets/sheet1.xml”用了 Excel 不用的压缩方式（编号 14，LZMA））'],
    ['a part named ../', (p) => rawZip([...[...p].map(([name, data]) => ({ name, data })), { name: '../evil.xml', data: '<x/>' }]), '整改台账.xlsx：不是完好的工作簿（有部件名不安全（含 ../ 或以 / 开头））'],
    ['no [Content_Types].xml', (p) => rawZip([...p].filter(([name]) => name !== '[Content_Types].xml').map(([name, data]) => ({ name, data }))), '整改台账.xlsx：不是有效的 .xlsx 工作簿（压缩包中缺少 [Content_Types].xml）'],
  ];
  for (const [what, build, message] of zipCases) {
    it(what, async () => {
      const dir = copyDir(SAMPLE);
      writeFileSync(join(dir, LEDGER), build(await zipParts(join(dir, LEDGER))));
      refused(dir, message);
    });
  }
  it('the zips built here are otherwise sound: untouched, one reads as the sample', async () => {
    const dir = copyDir(SAMPLE);
    writeFileSync(join(dir, LEDGER), rawZip([...(await zipParts(join(dir, LEDGER)))].map(([name, data]) => ({ name, data }))));
    expect(runJson(['check', dir]).report.tally).toEqual(sample.tally);
  });
});
