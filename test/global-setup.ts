// The end-to-end tests run the built CLI as a process and open the built page: `npm run build`
// once before they start (it also proves the core and the page's code build without Node types).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  const tsc = (project: string) => execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: root, stdio: 'inherit' });
  tsc('tsconfig.build.json');
  tsc('src/core/tsconfig.json');
  tsc('src/web/tsconfig.json');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-web.mjs')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
}
