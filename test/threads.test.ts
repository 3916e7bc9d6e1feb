/**
 * A big sheet is read and patched on a worker thread (Node): the rows, the merges, the report, the
 * new workbook and the errors are those of doing it all on the main thread (as a page does). The
 * big log here is the sample's, its 647 visits written 45 times over (about 8.8 MB of sheet XML,
 * over the size that sends a sheet to a thread).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RawRow } from '../src/core/table.js';
import { checkSource } from '../src/run/check.js';
import { configFromText, runContext } from '../src/run/context.js';
import { refreshToBytes } from '../src/run/refresh.js';
import { jsonReportText } from '../src/run/report.js';
import { MemorySource } from '../src/run/source.js';
import { openWorkbook, restStart } from '../src/xlsx/reader.js';
import { CLI, copyDir, ROOT, runCli, SAMPLE, snapshot } from './helpers/cli.js';
import { makeZip, rawZip, zipParts } from './helpers/zip.js';

const VISITS = '走访记录.xlsx';
// every command here puts its big sheet on a thread, whatever the cores of the machine
const THREADS = { TAIZHANG_THREADS: '1' };
const COPIES = 45;
let dir: string;
let bigBook: Buffer;

/**
 * The sample's visit log with its data rows written `copies` times, row numbers shifted; `spoil`:
 * a row not well formed at the end; `decoy`: a comment holding a row's tag where the patch thread
 * starts reading the rest, just before that row.
 */
async function bigLog(copies: number, spoil = false, decoy = false): Promise<Buffer> {
  const parts = await zipParts(join(SAMPLE, VISITS));
  const xml = parts.get('xl/worksheets/sheet1.xml')!.toString();
  const rows = [...xml.matchAll(/<row r="(\d+)"[\s\S]*?<\/row>/g)];
  const data = rows.filter((m) => Number(m[1]) >= 3);
  const last = Number(rows[rows.length - 1]![1]);
  let extra = '';
  for (let k = 1; k < copies; k++) {
    const shift = k * (last - 2);
    for (const m of data) extra += m[0].replace(/(<row r="|<c r="[A-Z]+)(\d+)"/g, (_, head: string, n: string) => `${head}${Number(n) + shift}"`);
  }
  let big = xml.replace('</sheetData>', `${extra}</sheetData>`).replace(/<dimension ref="A1:G\d+"\/>/, `<dimension ref="A1:G${last + (copies - 1) * (last - 2)}"/>`);
  if (spoil) big = big.replace('</sheetData>', '<row r="999999"><c r="A999999"><v>1</v></row></sheetData>');
  if (decoy) {
    const at = big.indexOf('<row r="', big.length / 2);
    const row = /<row r="(\d+)"/.exec(big.slice(at))![1];
    big = `${big.slice(0, at)}<!--<row r="${row}">-->${big.slice(at)}`;
    expect(restStart([big], 0.5)!.offset).toBe(at + 4);
  }
  expect(big.length).toBeGreaterThan(8 << 20);
  parts.set('xl/worksheets/sheet1.xml', big);
  return makeZip(parts);
}

beforeAll(async () => {
  dir = copyDir(SAMPLE);
  bigBook = await bigLog(COPIES);
  writeFileSync(join(dir, VISITS), bigBook);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * What a page (one thread, every workbook in memory) makes of the workbooks of `folder` as they are
 * now: its check, and the workbooks its refresh would write.
 */
async function onOneThread(folder: string) {
  const config = configFromText(readFileSync(join(folder, 'taizhang.config.json'), 'utf8'));
  const files = new Map(['党员名册.xlsx', VISITS, '整改台账.xlsx', '学习教育.xlsx'].map((n) => [n, new Uint8Array(readFileSync(join(folder, n)))]));
  const source = new MemorySource(files);
  const ctx = runContext(config, '2014-08-15');
  const checked = await checkSource(source, ctx);
  return { checked, refreshed: () => refreshToBytes(source, checked, ctx.live) };
}

it('a thread reads the rows and merges of a big sheet exactly as this thread does', async () => {
  const { readRowsOnThread } = await import(join(ROOT, 'dist', 'io', 'sheetThreads.js'));
  const reader = await openWorkbook(new Uint8Array(bigBook), VISITS);
  const sheet = reader.sheets[0]!;
  const here: RawRow[] = [];
  const mergesHere = await reader.readRows(sheet, (r) => here.push(r));
  await reader.close();
  const there: RawRow[] = [];
  const shares: number[] = [];
  const mergesThere = await readRowsOnThread(join(dir, VISITS), VISITS, sheet, (r: RawRow) => there.push(r), (done: number) => shares.push(done));
  expect(here.length).toBeGreaterThan(COPIES * 600);
  expect(there).toEqual(here);
  expect(mergesThere).toEqual(mergesHere);
  expect(mergesHere.length).toBeGreaterThan(0);
  expect(shares.length).toBeGreaterThan(0);
}, 60_000);

it('a thread kept between jobs: a message of another job is not taken for this one', async () => {
  const stream = pathToFileURL(join(ROOT, 'dist', 'io', 'threadStream.js')).href;
  const { threadMessages } = await import(stream);
  // a worker that, before this job's messages, posts the end of a job the main thread let go
  const code = `import { parentPort } from 'node:worker_threads'; import { threadSender } from '${stream}';
    parentPort.on('message', (job) => { parentPort.postMessage({ job: job.job - 1, end: 'stale' }); const send = threadSender(job); send.data(1); send.end('mine'); });`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
  try {
    const got: unknown[] = [];
    const messages = threadMessages(worker, { kind: 'test' }, 4, () => undefined);
    for (let next = await messages.next(); ; next = await messages.next()) {
      got.push(next.value);
      if (next.done) break;
    }
    expect(got).toEqual([1, 'mine']);
  } finally {
    await worker.terminate();
  }
});

it('check on a big log: the CLI (the log read on a thread) says what a page (one thread) says', async () => {
  const cli = runCli(['check', dir, '--json', '--as-of', '2014-08-15'], THREADS);
  expect(cli.code).toBe(1);
  const page = (await onOneThread(dir)).checked;
  expect(cli.stdout).toBe(jsonReportText(page.report));
  // the copies are there: every visit of the sample counted once, the rest duplicates
  expect(page.report.findings.filter((f) => f.code === 'VISIT_DUPLICATE').length).toBeGreaterThan((COPIES - 1) * 600);
}, 120_000);

// '1': read and patched on a thread (three cores or more); 'patch': as on two cores, the first half
// of the log read here while the thread that inflated it for the patch reads the rest
it.each([['1'], ['patch']])('refresh on a big log: the CLI (threads %s) writes the bytes a page (one thread) makes', async (threads) => {
  const THREADS = { TAIZHANG_THREADS: threads };
  const work = copyDir(dir);
  try {
    const dry = runCli(['refresh', work, '--dry-run', '--as-of', '2014-08-15'], THREADS);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/走访记录\.xlsx：将更新（试运行，未写入）/);
    expect(readFileSync(join(work, VISITS)).equals(bigBook)).toBe(true);
    const r = runCli(['refresh', work, '--as-of', '2014-08-15'], THREADS);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/走访记录\.xlsx：已更新（家访记录：新增列 【自动】校验，(\d+) 个单元格有变化/);
    const page = await (await onOneThread(dir)).refreshed();
    const visits = page.find((p) => p.file === VISITS)!;
    const cells = visits.changes.find((c) => c.sheet === '家访记录')!.changedCells;
    expect(r.stdout).toContain(`新增列 【自动】校验，${cells} 个单元格有变化`);
    expect(cells).toBeGreaterThan(COPIES * 600);
    expect(Buffer.from(visits.bytes!).equals(readFileSync(join(work, VISITS)))).toBe(true);
    // and once more: nothing changes
    expect(runCli(['refresh', work, '--as-of', '2014-08-15'], THREADS).stdout).toMatch(/走访记录\.xlsx：无变化，未改动/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 180_000);

it('refresh (as on two cores) where the patch thread would start at a row tag in a comment: the rest is read here, the patch on a thread of its own, the bytes a page makes', async () => {
  const work = copyDir(SAMPLE);
  try {
    writeFileSync(join(work, VISITS), await bigLog(COPIES, false, true));
    const before = await onOneThread(work);
    const r = runCli(['refresh', work, '--as-of', '2014-08-15'], { TAIZHANG_THREADS: 'patch' });
    expect(r.code, r.stderr).toBe(1);
    const page = await before.refreshed();
    expect(Buffer.from(page.find((p) => p.file === VISITS)!.bytes!).equals(readFileSync(join(work, VISITS)))).toBe(true);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 120_000);

it('refresh (as on two cores) where the thread inflates another, slower part than the log: it is let go, and the patch runs on a thread of its own', async () => {
  // The biggest sheet part (unreferenced here, 120 MB of Chinese text: about 1 s to inflate and
  // decode) is what the thread inflates ahead; the log, padded with comments, is read long before
  // that is done, so the thread's read of the log's rest is not wanted while it still waits. Its
  // job's end once reached the patch given to the same thread (exit 2, an internal error).
  const work = copyDir(SAMPLE);
  try {
    const parts = await zipParts(join(SAMPLE, VISITS));
    const xml = parts.get('xl/worksheets/sheet1.xml')!.toString();
    const pad = `<!--${'p'.repeat(60_000)}-->`.repeat(150);
    parts.set('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', `${pad}</sheetData>`));
    const words = '家长希望学校加强安全教育关注学生心理健康多与家长沟通减少作业负担注重培养学习习惯';
    let text = '';
    for (let seed = 1; text.length < 350_000; ) text += words[(seed = (seed * 48271) % 2147483647) % words.length];
    const block = Buffer.from(text);
    parts.set('xl/worksheets/sheet9.xml', Buffer.concat([Buffer.from('<worksheet>'), ...Array.from({ length: 120 }, () => block), Buffer.from('</worksheet>')]));
    writeFileSync(join(work, VISITS), rawZip([...parts].map(([name, data]) => ({ name, data, level: 1 }))));
    const before = await onOneThread(work);
    const r = runCli(['refresh', work, '--as-of', '2014-08-15'], { TAIZHANG_THREADS: 'patch' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/走访记录\.xlsx：已更新/);
    const page = await before.refreshed();
    expect(Buffer.from(page.find((p) => p.file === VISITS)!.bytes!).equals(readFileSync(join(work, VISITS)))).toBe(true);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 120_000);

/** The threads a CLI run had, from the CPU profile node writes for each (`node --cpu-prof`): the files of ours each ran, or the functions. */
function threadsOf(args: string[], threads: '0' | '1' | 'patch', what: 'files' | 'functions' = 'files'): string[][] {
  const profiles = mkdtempSync(join(tmpdir(), 'taizhang-prof-'));
  try {
    const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, CLI, ...args], { encoding: 'utf8', env: { ...process.env, TAIZHANG_THREADS: threads }, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    return readdirSync(profiles).map((f) => {
      const profile = JSON.parse(readFileSync(join(profiles, f), 'utf8')) as { nodes: { callFrame: { url: string; functionName: string } }[] };
      if (what === 'functions') return [...new Set(profile.nodes.filter((n) => n.callFrame.url.includes('/dist/')).map((n) => n.callFrame.functionName))];
      return [...new Set(profile.nodes.map((n) => n.callFrame.url.split('/').pop()!).filter((u) => /^(taizhang|sheetWorker)\.js$/.test(u)))];
    });
  } finally {
    rmSync(profiles, { recursive: true, force: true });
  }
}

it('the thread path is the one taken: a second thread runs sheetWorker.js for check and refresh, and none when threads are off', () => {
  const work = copyDir(dir);
  try {
    for (const command of ['check', 'refresh']) {
      const on = threadsOf([command, work, '--as-of', '2014-08-15'], '1');
      expect(on.filter((urls) => urls.includes('sheetWorker.js')).length, command).toBeGreaterThanOrEqual(1);
      expect(on.filter((urls) => urls.includes('taizhang.js')).length, command).toBe(1);
    }
    // as on two cores: refresh's patch thread reads the second half of the log; check reads it here alone
    const halves = threadsOf(['refresh', work, '--as-of', '2014-08-15'], 'patch', 'functions');
    expect(halves.filter((fns) => fns.includes('readRowsFrom')), 'a thread read the rest').toHaveLength(1);
    expect(halves.filter((fns) => fns.includes('take') && fns.includes('readRows')), 'the main thread took it').toHaveLength(1);
    expect(threadsOf(['check', work, '--as-of', '2014-08-15'], 'patch', 'functions').filter((fns) => fns.includes('readRowsFrom'))).toHaveLength(0);
    const off = threadsOf(['check', work, '--as-of', '2014-08-15'], '0');
    expect(off).toHaveLength(1);
    expect(off[0]).not.toContain('sheetWorker.js');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 120_000);

it('a big log that is not well formed: one Chinese line naming it, exit 2, nothing changed', async () => {
  const bad = copyDir(SAMPLE);
  try {
    const spoilt = await bigLog(COPIES, true);
    writeFileSync(join(bad, VISITS), spoilt);
    const before = snapshot(bad);
    for (const [command, threads] of [['check', '1'], ['refresh', '1'], ['refresh', 'patch']] as const) {
      const r = runCli([command, bad], { TAIZHANG_THREADS: threads });
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/走访记录\.xlsx/);
      expect(r.stderr).not.toMatch(/\bat .+:\d+|Error:|node:internal/);
    }
    expect(snapshot(bad)).toEqual(before);
    // the same words as when the log is read on one thread
    const here = await onOneThread(bad).then(() => 'no error', (e: Error) => e.message);
    expect(runCli(['check', bad], THREADS).stderr.trimEnd()).toBe(`taizhang: ${here}`);
  } finally {
    rmSync(bad, { recursive: true, force: true });
  }
}, 120_000);
