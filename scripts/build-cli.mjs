#!/usr/bin/env node
// Builds dist/bin/taizhang.js, the `taizhang` command, as one bundle (with districtWorker.js and the
// chunks that only some commands load). Node spends most of a short run resolving and compiling
// modules one by one: unbundled, `taizhang --help` took 0.39 s, bundled 0.17 s, and that start-up
// is paid by every check of a school and every school of a district. exceljs (loaded only where a
// summary is made) and the mail and certificate packages stay ordinary imports.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bin');
rmSync(outdir, { recursive: true, force: true });
await build({
  // district.ts and sheetThreads.ts start their workers from a file beside themselves, so the workers are entries here too
  entryPoints: {
    taizhang: join(root, 'src', 'cli', 'main.ts'),
    districtWorker: join(root, 'src', 'io', 'districtWorker.ts'),
    sheetWorker: join(root, 'src', 'io', 'sheetWorker.ts'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['exceljs', 'nodemailer', 'office-addin-dev-certs'],
  // a CommonJS package inside an ES module bundle still calls require
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  define: { __TAIZHANG_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`written: ${join(outdir, 'taizhang.js')}`);
