/**
 * The safety promise on bad input (docs/工作簿格式与检查规则.md): unreadable input gets one clear Chinese line naming the file (and sheet or column
 * where it applies), exit code 2, no stack trace, and no file changed.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDir, FIXTURES, ROOT, runCli, SAMPLE, snapshot } from './helpers/cli.js';
import { makeZip, zipParts } from './helpers/zip.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the sample with one workbook replaced, checked; asserts the exit-2 contract. */
async function expectRefused(file: string, content: Buffer | string | null, message: RegExp, args: string[] = []) {
  const dir = copyDir(SAMPLE);
  dirs.push(dir);
  if (content === null) rmSync(join(dir, file));
  else writeFileSync(join(dir, file), content);
  const before = snapshot(dir);
  const r = runCli(['check', dir, ...args]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\bat .+:\d+|Error:|node:internal/);
  expect(snapshot(dir)).toEqual(before);
  // --json keeps stdout clean too
  const j = runCli(['check', dir, '--json', ...args]);
  expect(j.code).toBe(2);
  expect(j.stdout).toBe('');
  return lines[0]!;
}

const ROSTER = '党员名册.xlsx';
const VISITS = '走访记录.xlsx';
const LEDGER = '整改台账.xlsx';

describe('bad workbooks', () => {
  it('not a zip at all', async () => {
    await expectRefused(ROSTER, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x10, 0x11, 0x00, 0x07]), /^taizhang: 党员名册\.xlsx：不是有效的 \.xlsx 工作簿/);
  });

  it('an encrypted workbook (password to open)', async () => {
    await expectRefused(ROSTER, readFileSync(join(FIXTURES, 'encrypted.xlsx')), /党员名册\.xlsx：工作簿设置了打开密码（已加密）/);
  });

  it('a legacy .xls saved by LibreOffice, renamed to .xlsx', async () => {
    await expectRefused(ROSTER, readFileSync(join(FIXTURES, 'lo', 'legacy.xls')), /党员名册\.xlsx：这是旧版 \.xls 格式.*另存为” \.xlsx/);
  });

  it('a truncated file', async () => {
    const whole = readFileSync(join(SAMPLE, VISITS));
    await expectRefused(VISITS, whole.subarray(0, Math.floor(whole.length / 2)), /走访记录\.xlsx：文件已损坏或不完整/);
  });

  it('a workbook damaged inside: the compressed bytes of its sheet changed, the zip directory intact', async () => {
    const parts = await zipParts(join(SAMPLE, VISITS));
    const sheet = [...parts.keys()].find((k) => k.startsWith('xl/worksheets/sheet'))!;
    // the sheet first, so its data starts right after its local header (30 bytes and the name)
    const reordered = new Map([[sheet, parts.get(sheet)!], ...[...parts].filter(([k]) => k !== sheet)]);
    const zip = await makeZip(reordered);
    const start = 30 + Buffer.byteLength(sheet);
    const size = deflateRawSync(parts.get(sheet)!, { level: 9 }).length;
    for (const at of [start + Math.floor(size / 2), start + size - 3]) {
      const damaged = Buffer.from(zip);
      damaged[at] = damaged[at]! ^ 0x5a;
      await expectRefused(VISITS, damaged, /走访记录\.xlsx：文件已损坏或不完整/);
    }
  });

  it('a CSV renamed to .xlsx', async () => {
    await expectRefused(ROSTER, '姓名,政治面貌,党支部\n吴敏华,中共党员,第一党支部\n', /党员名册\.xlsx：不是有效的 \.xlsx 工作簿（看起来是 CSV 或文本文件改了扩展名）/);
  });

  it('a 0-byte file', async () => {
    await expectRefused(LEDGER, Buffer.alloc(0), /整改台账\.xlsx：文件是空的/);
  });

  it('an empty workbook (a sheet with no rows)', async () => {
    const parts = await zipParts(join(SAMPLE, LEDGER));
    const sheet = [...parts.keys()].find((k) => k.startsWith('xl/worksheets/sheet'))!;
    parts.set(sheet, '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>');
    await expectRefused(LEDGER, await makeZip(parts), /整改台账\.xlsx，工作表“整改台账”：前10行中找不到表头（应包含 “问题描述”/);
  });

  it('a required sheet missing', async () => {
    const parts = await zipParts(join(SAMPLE, VISITS));
    const wb = parts.get('xl/workbook.xml')!.toString().replace('name="家访记录"', 'name="家访"');
    parts.set('xl/workbook.xml', wb);
    await expectRefused(VISITS, await makeZip(parts), /走访记录\.xlsx：找不到工作表“家访记录”（现有工作表：“家访”/);
  });

  it('a required column missing', async () => {
    const parts = await zipParts(join(SAMPLE, LEDGER));
    const shared = parts.get('xl/sharedStrings.xml')!.toString().replace('<t>问题类别</t>', '<t>类型说明</t>');
    parts.set('xl/sharedStrings.xml', shared);
    await expectRefused(LEDGER, await makeZip(parts), /整改台账\.xlsx，工作表“整改台账”：第2行表头中缺少必填列 “问题类别”/);
  });

  it('a zip bomb: a small file whose sheet inflates past any sane size', async () => {
    const parts = await zipParts(join(SAMPLE, LEDGER));
    const sheet = [...parts.keys()].find((k) => k.startsWith('xl/worksheets/sheet'))!;
    const row = '<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>';
    const body = Buffer.from(row.repeat(Math.ceil((200 * 1024 * 1024) / row.length)));
    parts.set(sheet, Buffer.concat([Buffer.from('<worksheet><sheetData>'), body, Buffer.from('</sheetData></worksheet>')]));
    const bomb = await makeZip(parts);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    // the ratio rule tripped (200 MB is under the size limit): the message quotes that rule, not the size limit
    const line = await expectRefused(LEDGER, bomb, /整改台账\.xlsx：工作簿中的“xl\/worksheets\/sheet1\.xml”解压后有 \d+ MB，是压缩后的 \d+ 倍（正常的工作簿不超过 150 倍）/);
    expect(line).toContain('已拒绝读取');
    expect(line).not.toContain('1536');
  });

  it('malformed XML inside the workbook', async () => {
    const parts = await zipParts(join(SAMPLE, ROSTER));
    const sheet = [...parts.keys()].find((k) => k.startsWith('xl/worksheets/sheet'))!;
    parts.set(sheet, parts.get(sheet)!.toString().replace('</sheetData>', '<row><c></sheetData>'));
    await expectRefused(ROSTER, await makeZip(parts), /党员名册\.xlsx：工作簿内部格式错误（xl\/worksheets\/sheet1\.xml）/);
  });

  it('a Word document renamed to .xlsx', async () => {
    const doc = await makeZip(new Map([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>']]));
    await expectRefused(ROSTER, doc, /党员名册\.xlsx：不是有效的 \.xlsx 工作簿（是 Word 文档）/);
  });

  it('a folder where a workbook should be', async () => {
    const dir = copyDir(SAMPLE);
    dirs.push(dir);
    rmSync(join(dir, ROSTER));
    mkdirSync(join(dir, ROSTER));
    const before = snapshot(dir);
    const r = runCli(['check', dir]);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'taizhang: 党员名册.xlsx：无法读取文件（这是一个文件夹，不是文件）\n' });
    expect(snapshot(dir)).toEqual(before);
  });

  it('a missing workbook', async () => {
    await expectRefused(LEDGER, null, /找不到工作簿 整改台账\.xlsx/);
  });
});

describe('bad config and options', () => {
  it('an unknown config key is named', async () => {
    await expectRefused('taizhang.config.json', JSON.stringify({ asOf: '2014-08-15', homeVisit: { from: '2014-02-17' } }), /配置文件 taizhang\.config\.json：未知的配置项 “homeVisit”/);
  });
  it('a config that is not JSON', async () => {
    await expectRefused('taizhang.config.json', '{ "asOf": "2014-08-15", }', /配置文件 taizhang\.config\.json：不是有效的 JSON/);
  });
  it('a bad date in the config', async () => {
    await expectRefused('taizhang.config.json', JSON.stringify({ ledger: { dueSoonDays: 7 }, materials: { due: '6月20日' } }), /“materials\.due” 不是有效日期/);
  });
  it('a bad --as-of', async () => {
    await expectRefused(ROSTER, readFileSync(join(SAMPLE, ROSTER)), /参数错误：--as-of “2014-13-01” 不是有效日期/, ['--as-of', '2014-13-01']);
  });
  it('an unknown option and a missing folder', () => {
    const r = runCli(['check', SAMPLE, '--asof', '2014-08-15']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('taizhang: 参数错误：未知的选项 --asof（用 --help 查看可用选项）\n');
    expect(runCli(['chek', SAMPLE]).stderr).toMatch(/^taizhang: 参数错误：未知的命令 chek（可用：check、.*init.*；用 --help 查看）\n$/);
    const m = runCli(['check', '/nonexistent/folder']);
    expect(m).toMatchObject({ code: 2, stderr: 'taizhang: 找不到文件夹 /nonexistent/folder\n' });
  });
  it('--version and -V print the package’s version, as every npm command does', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) expect(runCli([flag])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
  it('an explicit --config that does not exist', () => {
    const r = runCli(['check', SAMPLE, '--config', '/nonexistent/c.json']);
    expect(r).toMatchObject({ code: 2, stderr: 'taizhang: 配置文件 c.json：文件不存在\n' });
  });
});
