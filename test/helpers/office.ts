/** LibreOffice headless, to prove that what we write opens in a real spreadsheet program. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let found: boolean | undefined;

/**
 * Whether LibreOffice can be run here. Where it cannot, its tests are skipped on a developer's
 * machine, but on CI (where scripts/install-test-deps.sh installs it) that is an error: a green run
 * must have proved that what we write opens in a real spreadsheet program.
 */
export function hasOffice(): boolean {
  found ??= spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI) throw new Error('LibreOffice (soffice) not found: scripts/install-test-deps.sh installs it, and CI must run these tests');
  return found;
}

/** `soffice --headless --convert-to FORMAT --outdir OUT FILE`, with a private profile. */
export function convert(file: string, format: string, outdir: string): void {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outdir, file], {
      stdio: 'pipe',
      timeout: 120_000,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
