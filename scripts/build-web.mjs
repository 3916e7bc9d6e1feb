#!/usr/bin/env node
// Builds dist/web/taizhang.html: one self-contained page (its script, its worker and its styles
// inlined; exceljs and zip.js bundled, zip.js's codec embedded as a data: URI), which opens from
// disk (file://) with no server and makes no network request.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'src', 'web');
// ES2020 syntax and nothing newer: Chromium 80+ (the cores of the 360 and QQ browsers of recent years), Firefox 78+, Safari 14+.
const target = ['es2020'];

const bundle = async (entry, define = {}, from = web) => {
  const result = await build({
    entryPoints: [join(from, entry)],
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

// The add-in: the task pane (Excel loads Office.js from Microsoft, as Microsoft requires; WPS needs
// nothing), the manifest for https://localhost:3000/ (taizhang addin writes one for any address),
// and the WPS 加载项 folder with its ribbon, entry and the offline package.
const addinSrc = join(root, 'src', 'addin');
const manifestModule = await build({ entryPoints: [join(addinSrc, 'manifest.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' });
const { manifestXml, WPS_RIBBON, WPS_MAIN, wpsJsPlugins } = await import(`data:text/javascript;base64,${Buffer.from(manifestModule.outputFiles[0].text).toString('base64')}`);
const pane = await bundle('pane.ts', {}, addinSrc);
const paneHtml = (office) => readFileSync(join(addinSrc, 'pane.html'), 'utf8')
  .replace('<!--OFFICE-->', office ? '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' : '')
  .replace('/*STYLE*/', () => readFileSync(join(addinSrc, 'pane.css'), 'utf8'))
  .replace('/*PANE*/', () => inline(pane));

/** A solid square PNG (the add-in's icon), made here so the build needs no image files. */
function png(size, [r, g, b] = [179, 38, 30]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const x of buf) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const addin = join(root, 'dist', 'addin-pane');
rmSync(addin, { recursive: true, force: true });
mkdirSync(join(addin, 'wps', 'taizhang'), { recursive: true });
writeFileSync(join(addin, 'taskpane.html'), paneHtml(true));
for (const size of [16, 32, 64, 80]) writeFileSync(join(addin, `icon-${size}.png`), png(size));
writeFileSync(join(addin, 'manifest.xml'), manifestXml('https://localhost:3000/'));
const wpsDir = join(addin, 'wps', 'taizhang');
writeFileSync(join(wpsDir, 'taskpane.html'), paneHtml(false));
writeFileSync(join(wpsDir, 'ribbon.xml'), WPS_RIBBON);
writeFileSync(join(wpsDir, 'main.js'), WPS_MAIN);
writeFileSync(join(wpsDir, 'icon-32.png'), png(32));
// the offline package: the folder as a zip, and the jsplugins.xml line that points WPS at it
const { ZipWriter, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js');
const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, useCompressionStream: false });
for (const f of ['taskpane.html', 'ribbon.xml', 'main.js', 'icon-32.png']) await zip.add(`taizhang_1.0.0/${f}`, new Uint8ArrayReader(readFileSync(join(wpsDir, f))), { lastModDate: new Date(2014, 0, 1) });
writeFileSync(join(addin, 'wps', 'taizhang_1.0.0.zip'), await zip.close());
writeFileSync(join(addin, 'wps', 'jsplugins.xml'), wpsJsPlugins('file:///C:/taizhang/taizhang_1.0.0.zip'));
console.log(`written: ${addin} (taskpane.html, manifest.xml, icons; wps/taizhang/, wps/taizhang_1.0.0.zip)`);
