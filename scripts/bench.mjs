#!/usr/bin/env node
// `npm run bench`: time and peak memory of `check` and `refresh` as whole processes on district-
// sized visit logs (10,000 / 100,000 / 500,000 rows, 3,000 teachers), next to the floor measured in
// the same run: inflate the visit sheet and scan its XML once with a SAX parser (saxes).
// Workbooks are generated once, deterministically, into .bench/ (ignored by git). Prints a table
// and writes .bench/results.json. Usage: npm run bench [-- 10000 100000]
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'bin', 'taizhang.js');
const benchDir = join(root, '.bench');
const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = SIZES.length ? SIZES : [10_000, 100_000, 500_000];
const TEACHERS = 3000;
// five runs of each, interleaved (floor, check, refresh, floor …): this kind of machine is noisy
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const { generateOffice } = await import('./bench-office.mjs');
const generate = (rows) => generateOffice(join(benchDir, `visits-${rows}`), rows, TEACHERS);

const USAGE = pathToFileURL(join(root, 'scripts', 'bench-usage.mjs')).href;
let usageSeq = 0;

/** Runs a process; returns its wall seconds, its CPU seconds (all threads) and its peak memory. */
function measure(args) {
  return new Promise((resolve, reject) => {
    const usage = join(benchDir, `usage-${process.pid}-${usageSeq++}.json`);
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', USAGE, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TAIZHANG_BENCH_USAGE: usage } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0 && code !== 1) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
      const { cpu, mb } = JSON.parse(readFileSync(usage, 'utf8'));
      rmSync(usage);
      resolve({ seconds, cpu, mb });
    });
  });
}

const FLOOR = join(root, 'scripts', 'bench-floor.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bench(dir, rows) {
  const results = [];
  const runs = { floor: [], check: [], refresh: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.floor.push(await measure([FLOOR, join(dir, '走访记录.xlsx')]));
    runs.check.push(await measure([cli, 'check', dir]));
    const work = join(benchDir, `work-${rows}`);
    rmSync(work, { recursive: true, force: true });
    cpSync(dir, work, { recursive: true });
    runs.refresh.push(await measure([cli, 'refresh', work]));
  }
  const floor = median(runs.floor.map((r) => r.seconds));
  const floorCpu = median(runs.floor.map((r) => r.cpu));
  for (const [command, rs] of Object.entries(runs)) {
    const seconds = median(rs.map((r) => r.seconds));
    const cpu = median(rs.map((r) => r.cpu));
    results.push({ rows, command, seconds: +seconds.toFixed(2), ratio: +(seconds / floor).toFixed(2), cpu: +cpu.toFixed(2), cpuRatio: +(cpu / floorCpu).toFixed(2), mb: Math.round(Math.max(...rs.map((r) => r.mb))) });
  }
  return results;
}

mkdirSync(benchDir, { recursive: true });
const table = [];
for (const rows of sizes) {
  const t0 = Date.now();
  const dir = await generate(rows);
  process.stderr.write(`${rows} 行的工作簿已就绪（${((Date.now() - t0) / 1000).toFixed(1)} 秒），测量中…\n`);
  table.push(...(await bench(dir, rows)));
}
// The local page in headless Chromium (if there): the 100,000-row office (or the largest below it)
// dropped on the page, from the file input to the findings on screen, against the CLI's check.
const pageSize = [...sizes].filter((n) => n <= 100_000).pop();
const chromiumPath = process.env.TAIZHANG_CHROMIUM ?? '/usr/bin/chromium';
if (pageSize && existsSync(chromiumPath) && existsSync(join(root, 'dist', 'web', 'taizhang.html'))) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const dir = join(benchDir, `visits-${pageSize}`);
  const files = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', 'taizhang.config.json'].map((n) => join(dir, n)).filter(existsSync);
  const times = [];
  let pageFacts = {};
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    await page.goto(`file://${join(root, 'dist', 'web', 'taizhang.html')}`);
    const t0 = process.hrtime.bigint();
    await page.setInputFiles('#files', files);
    await page.waitForSelector('#result:not([hidden]), #error:not([hidden])', { timeout: 600_000 });
    // drawn: the frame after the results went in has been painted
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (await page.locator('#error').isVisible()) throw new Error(`the page refused the bench office: ${await page.locator('#error').textContent()}`);
    pageFacts = { elements: await page.evaluate("document.querySelectorAll('*').length"), said: await page.locator('.fv-summary').textContent() };
    await page.close();
  }
  await browser.close();
  const seconds = median(times);
  const cliCheck = table.find((r) => r.rows === pageSize && r.command === 'check');
  table.push({ rows: pageSize, command: 'page', seconds: +seconds.toFixed(2), ratio: null, vsCheck: +(seconds / cliCheck.seconds).toFixed(2), mb: null, ...pageFacts });
}

// the school-sized sample, for the "under 1 s" target
const sample = join(root, 'workbooks', 'sample');
const sampleRuns = [];
for (let i = 0; i < RUNS; i++) sampleRuns.push(await measure([cli, 'check', sample]));
table.push({ rows: 'sample', command: 'check', seconds: +median(sampleRuns.map((r) => r.seconds)).toFixed(2), ratio: null, cpu: +median(sampleRuns.map((r) => r.cpu)).toFixed(2), mb: Math.round(Math.max(...sampleRuns.map((r) => r.mb))) });

// District: 200 school folders (copies of the sample, with variations), checked on all cores,
// against one school's check × 200 ÷ cores.
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 200);
const districtDir = join(benchDir, `district-${SCHOOLS}`);
if (!existsSync(join(districtDir, '.complete'))) {
  rmSync(districtDir, { recursive: true, force: true });
  for (let i = 1; i <= SCHOOLS; i++) {
    const school = join(districtDir, `第${i}中学`);
    cpSync(sample, school, { recursive: true });
    // variations: other as-of dates, a school without 学习教育.xlsx, its own name
    const config = { asOf: ['2014-08-15', '2014-07-25', '2014-06-20', '2014-09-10'][i % 4], ...(i % 5 === 0 ? { school: `岳阳市第${i}中学` } : {}) };
    writeFileSync(join(school, 'taizhang.config.json'), JSON.stringify(config));
    if (i % 7 === 0) rmSync(join(school, '学习教育.xlsx'));
  }
  writeFileSync(join(districtDir, '.complete'), '');
}
const cores = (await import('node:os')).availableParallelism();
const districtRuns = [];
for (let i = 0; i < RUNS; i++) districtRuns.push(await measure([cli, 'district', districtDir, '--as-of', '2014-08-15']));
const oneSchool = median(sampleRuns.map((r) => r.seconds));
const districtSeconds = median(districtRuns.map((r) => r.seconds));
const bound = (oneSchool * SCHOOLS) / cores;
table.push({ rows: `${SCHOOLS} schools`, command: 'district', seconds: +districtSeconds.toFixed(2), ratio: null, cpu: +median(districtRuns.map((r) => r.cpu)).toFixed(2), vsBound: +(districtSeconds / bound).toFixed(2), mb: Math.round(Math.max(...districtRuns.map((r) => r.mb))) });

// Growth exponent, time ∝ rows^k: over the whole range, and between the two largest sizes, where
// the fixed start-up of a process weighs least.
const exponent = (a, b) => +(Math.log(b.seconds / a.seconds) / Math.log(b.rows / a.rows)).toFixed(2);
const exps = {};
const expsTop = {};
for (const command of ['floor', 'check', 'refresh']) {
  const pts = table.filter((r) => r.command === command && typeof r.rows === 'number');
  if (pts.length < 2) continue;
  exps[command] = exponent(pts[0], pts[pts.length - 1]);
  expsTop[command] = exponent(pts[pts.length - 2], pts[pts.length - 1]);
}
const pad = (s, n) => String(s).padStart(n);
console.log(`${pad('rows', 8)} ${pad('command', 8)} ${pad('seconds', 8)} ${pad('×floor', 7)} ${pad('CPU s', 7)} ${pad('×floor', 7)} ${pad('MB', 6)}`);
for (const r of table) console.log(`${pad(r.rows, 8)} ${pad(r.command, 8)} ${pad(r.seconds.toFixed(2), 8)} ${pad(r.ratio ?? '', 7)} ${pad(r.cpu?.toFixed(2) ?? '', 7)} ${pad(r.cpuRatio ?? '', 7)} ${pad(r.mb ?? 'n/a', 6)}${r.vsCheck ? `   (page in Chromium: ${r.vsCheck}× the CLI's check; ${r.elements} elements; "${r.said}")` : ''}${r.vsBound ? `   (${r.vsBound}× one school's check × ${SCHOOLS} ÷ ${cores} cores = ${bound.toFixed(1)} s)` : ''}`);
const listed = (e) => Object.entries(e).map(([c, k]) => `${c} ${k}`).join(', ');
if (sizes.length >= 2) {
  console.log(`time ∝ rows^k, k from ${sizes[0]} to ${sizes[sizes.length - 1]} rows: ${listed(exps)}`);
  if (sizes.length > 2) console.log(`               k from ${sizes[sizes.length - 2]} to ${sizes[sizes.length - 1]} rows: ${listed(expsTop)}`);
}
// The targets, on the 100,000-row log, for machines with few cores (old school PCs have two or
// fewer; run with `taskset -c 0,1 npm run bench` on a bigger one): check's CPU time within 2.0× the
// floor's (so no spare core hides its work), check's wall time within 2.0×, refresh's within 3.0×.
const cpusUsed = (await import('node:os')).availableParallelism();
for (const [command, target, what] of [['check', 2.0, 'cpu'], ['check', 2.0, 'wall'], ['refresh', 3.0, 'wall']]) {
  const r = table.find((x) => x.rows === 100_000 && x.command === command);
  const ratio = what === 'cpu' ? r?.cpuRatio : r?.ratio;
  if (r) console.log(`target ${command} ${what === 'cpu' ? 'CPU time' : 'wall time'} ≤ ${target.toFixed(1)}× the floor's on 100,000 rows, ${cpusUsed} cores: ${ratio}× — ${ratio <= target ? 'met' : 'NOT met'}`);
}
// The page on the same office: drawn within 1.5× the CLI's check, with at most 5,000 elements.
const pageRow = table.find((x) => x.command === 'page');
if (pageRow) console.log(`target page ≤ 1.5× the CLI's check, ≤ 5,000 elements on ${pageRow.rows.toLocaleString('en-US')} rows: ${pageRow.vsCheck}×, ${pageRow.elements} elements — ${pageRow.vsCheck <= 1.5 && pageRow.elements <= 5000 ? 'met' : 'NOT met'}`);
const out = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, runs: RUNS, teachers: TEACHERS, table, exponents: exps, exponentsLargest: expsTop };
writeFileSync(join(benchDir, 'results.json'), JSON.stringify(out, null, 2));
console.log(`written ${join('.bench', 'results.json')}`);
