#!/usr/bin/env node
// Builds dist/web/taizhang.html: one self-contained page (its script, its worker and its styles
// inlined; exceljs and zip.js bundled, zip.js's codec embedded as a data: URI), which opens from
// disk (file://) with no server and makes no network request.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'src', 'web');
// ES2020 syntax and nothing newer: Chromium 80+ (the cores of the 360 and QQ browsers of recent years), Firefox 78+, Safari 14+.
const target = ['es2020'];

const bundle = async (entry, define = {}) => {
  const result = await build({
    entryPoints: [join(web, entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target,
    minify: true,
    write: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"', ...define },
    // exceljs's own browser build carries the Node shims it needs (stream, buffer …)
    alias: { exceljs: 'exceljs/dist/exceljs.min.js' },
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
};

const worker = await bundle('worker.ts');
const page = await bundle('page.ts', { WORKER_SOURCE: JSON.stringify(worker) });
// </script> inside the scripts would end the element early
const inline = (js) => js.replace(/<\/(script)/gi, '<\\/$1');
const html = readFileSync(join(web, 'page.html'), 'utf8')
  .replace('/*STYLE*/', () => readFileSync(join(web, 'page.css'), 'utf8'))
  .replace('<script>/*WORKER*/</script>\n', '')
  .replace('/*PAGE*/', () => inline(page));
const out = join(root, 'dist', 'web', 'taizhang.html');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`written: ${out} (${(html.length / 1024 / 1024).toFixed(1)} MB)`);
