#!/usr/bin/env node
// Builds dist/web/taizhang.html: one self-contained page (its script, its worker and its styles
// inlined; exceljs and zip.js bundled, zip.js's codec embedded as a data: URI), which opens from
// disk (file://) with no server and makes no network request.
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import coreJsBuilder from 'core-js-builder';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'src', 'web');
// ES2020 syntax and nothing newer: Chromium 80+ (the cores of the 360 and QQ browsers of recent years), Firefox 78+, Safari 14+.
const targetPage = ['es2020'];

/**
 * Edge Legacy cannot parse `import(…)` (ES2020), and esbuild leaves a dynamic import of a variable
 * as it is: zip.js imports a codec module by URL only when one is configured, which this project
 * never does, so that one call is replaced by a refusal in the ES2017 builds.
 */
const noCodecImport = {
  name: 'no-codec-import',
  setup(b) {
    b.onLoad({ filter: /zip\.js[\\/]lib[\\/]core[\\/]codec-registry\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const call = /await import\([^)]*codecURI\)/;
      if (!call.test(source)) throw new Error('zip.js changed: its codec import was not found (scripts/build-web.mjs)');
      return { contents: source.replace(call, 'await Promise.reject(new Error("codec modules are not loaded here"))'), loader: 'js' };
    });
  },
};

const bundle = async (entry, define = {}, from = web, target = targetPage) => {
  const result = await build({
    plugins: target.includes('es2017') ? [noCodecImport] : [],
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
const viewCss = readFileSync(join(root, 'src', 'view', 'findings.css'), 'utf8');
const html = readFileSync(join(web, 'page.html'), 'utf8')
  .replace('/*STYLE*/', () => readFileSync(join(web, 'page.css'), 'utf8'))
  .replace('/*VIEW*/', () => viewCss)
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
const { manifestXml, WPS_INDEX, WPS_RIBBON, WPS_MAIN, wpsFolder, wpsJsPlugins, wpsPublish } = await import(`data:text/javascript;base64,${Buffer.from(manifestModule.outputFiles[0].text).toString('base64')}`);
// The pane runs in the webviews schools have: Edge Legacy (EdgeHTML 18) in retail Office 2016/2019
// without WebView2, older Chromium cores in WPS. Its script is ES2017; what those engines lack of
// the language comes from core-js, built for Edge 18 (the rest: src/addin/legacy.ts); an ES5 guard
// first tells an engine too old for it (IE11) what to do instead.
const pane = await bundle('pane.ts', {}, addinSrc, ['es2017']);
const coreJs = (await transform(await coreJsBuilder({ modules: ['core-js/stable'], targets: { edge: '18' }, format: 'bundle' }), { minify: true, target: 'es5', legalComments: 'none' })).code;
const guard = readFileSync(join(addinSrc, 'guard.js'), 'utf8');
const paneHtml = (office) => readFileSync(join(addinSrc, 'pane.html'), 'utf8')
  .replace('<!--OFFICE-->', office ? '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' : '')
  .replace('/*STYLE*/', () => readFileSync(join(addinSrc, 'pane.css'), 'utf8'))
  .replace('/*VIEW*/', () => viewCss)
  .replace('/*GUARD*/', () => inline(guard))
  .replace('/*POLYFILL*/', () => inline(coreJs))
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
mkdirSync(addin, { recursive: true });
writeFileSync(join(addin, 'taskpane.html'), paneHtml(true));
for (const size of [16, 32, 64, 80]) writeFileSync(join(addin, `icon-${size}.png`), png(size));
writeFileSync(join(addin, 'manifest.xml'), manifestXml('https://localhost:3000/'));
// the local page beside the pane, for the Excel whose engine is too old for the pane (the guard links to it)
writeFileSync(join(addin, 'taizhang.html'), html);

// WPS, as Kingsoft's toolkit (wpsjs) ships an add-in offline: taizhang.7z holding the folder
// taizhang_1.0.0/ (index.html → main.js → the ribbon's callbacks; ribbon.xml; the pane), and the
// jsplugins.xml / publish.xml entries pointing at the .7z. The folder is also left unpacked, for a
// PC that takes it straight into its jsaddons folder.
const folderName = wpsFolder();
const wpsDir = join(addin, 'wps', folderName);
mkdirSync(wpsDir, { recursive: true });
const wpsFiles = { 'index.html': WPS_INDEX, 'main.js': WPS_MAIN, 'ribbon.xml': WPS_RIBBON, 'taskpane.html': paneHtml(false), 'icon-32.png': png(32) };
for (const [name, data] of Object.entries(wpsFiles)) writeFileSync(join(wpsDir, name), data);
// the same bytes on every build: fixed times, and 7-Zip told to store no more than names and data
const fixed = new Date(Date.UTC(2014, 0, 1));
for (const name of Object.keys(wpsFiles)) utimesSync(join(wpsDir, name), fixed, fixed);
utimesSync(wpsDir, fixed, fixed);
const { path7za } = (await import('7zip-bin')).default;
if (!(statSync(path7za).mode & 0o111)) chmodSync(path7za, 0o755); // npm unpacks it without the execute bit
const archive = join(addin, 'wps', 'taizhang.7z');
execFileSync(path7za, ['a', '-t7z', '-mx=9', '-mtc=off', '-mta=off', '-bd', '-y', archive, folderName], { cwd: join(addin, 'wps'), stdio: 'ignore' });
const localUrl = 'https://localhost:3000/wps/taizhang.7z';
writeFileSync(join(addin, 'wps', 'jsplugins.xml'), wpsJsPlugins(localUrl));
writeFileSync(join(addin, 'wps', 'publish.xml'), wpsPublish(localUrl));
console.log(`written: ${addin} (taskpane.html, manifest.xml, icons; wps/taizhang.7z with ${folderName}/, jsplugins.xml, publish.xml)`);
