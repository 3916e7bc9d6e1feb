// The end-to-end tests run the built CLI as a process and open the built page: `npm run build`'s
// steps once before they start (it also proves the core and the page's code build without Node
// types). Skipped when nothing it is built from has changed since the last build it made (the
// stamp in dist/ is a hash of those files), so a run after a test-only change starts at once.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const STAMP = join(root, 'dist', '.built-from');

/** Every file the build reads, in a fixed order. */
function inputs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.test.ts')) out.push(path);
    }
  };
  walk(join(root, 'src'));
  for (const f of readdirSync(join(root, 'scripts')).sort()) if (/^build-.*\.mjs$/.test(f)) out.push(join(root, 'scripts', f));
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) if (existsSync(join(root, f))) out.push(join(root, f));
  return out;
}

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const path of inputs()) hash.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

export default function setup(): void {
  const stamp = fingerprint();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp && existsSync(join(root, 'dist', 'bin', 'taizhang.js'))) return;
  const tsc = (project: string) => execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: root, stdio: 'inherit' });
  tsc('tsconfig.build.json');
  tsc('src/core/tsconfig.json');
  tsc('src/web/tsconfig.json');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-web.mjs')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  writeFileSync(STAMP, stamp);
}
