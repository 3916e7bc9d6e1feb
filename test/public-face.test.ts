/**
 * The public face as a user of the package meets it: `taizhang`, `taizhang/browser` and
 * `taizhang/core` resolved through package.json's exports from a project that depends on it
 * (a node_modules link to this checkout, built by the global setup).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';

let project: string;
beforeAll(() => {
  project = tempDir('user-');
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(ROOT, join(project, 'node_modules', 'taizhang'), 'dir');
});

const ENTRIES = { taizhang: 'src/index.ts', 'taizhang/browser': 'src/browser.ts', 'taizhang/core': 'src/core/index.ts' } as const;

function publicNames(): Record<keyof typeof ENTRIES, { name: string; value: boolean; doc: string; tags: string[] }[]> {
  const files = Object.values(ENTRIES).map((f) => join(ROOT, f));
  const program = ts.createProgram(files, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const out = {} as ReturnType<typeof publicNames>;
  for (const [entry, file] of Object.entries(ENTRIES) as [keyof typeof ENTRIES, string][]) {
    const mod = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, file))!)!;
    out[entry] = checker.getExportsOfModule(mod).map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return { name: s.name, value: !!(target.flags & ts.SymbolFlags.Value), doc: ts.displayPartsToString(target.getDocumentationComment(checker)).trim(), tags: target.getJsDocTags(checker).map((t) => t.name) };
    });
  }
  return out;
}

describe('the public face', () => {
  const names = publicNames();

  it('every public name has a doc comment', () => {
    for (const [entry, list] of Object.entries(names)) expect(list.filter((n) => !n.doc).map((n) => `${entry}: ${n.name}`)).toEqual([]);
  });

  it('the entry points show how they are called (@example)', () => {
    const all = new Map(Object.values(names).flat().map((n) => [n.name, n]));
    for (const name of ['check', 'refresh', 'summary', 'nightly', 'checkSource', 'refreshToBytes', 'summaryBytes', 'evaluate', 'Collector']) {
      expect(all.get(name)?.tags, name).toContain('example');
    }
  });

  it('taizhang/core lists what a user of the rules needs, at most 60 runtime names, and no internals', () => {
    const core = names['taizhang/core'];
    expect(core.filter((n) => n.value).length).toBeLessThanOrEqual(60);
    for (const internal of ['HEADER_SEARCH_ROWS', 'COUNTED_WORD', 'rosterWrite', 'locateHeader', 'TableReader', 'sortFindings']) expect(core.map((n) => n.name)).not.toContain(internal);
  });

  it('bundles for a browser (esbuild --platform=browser): taizhang through its browser condition, taizhang/browser and taizhang/core', async () => {
    for (const entry of Object.keys(ENTRIES)) {
      const result = await build({ stdin: { contents: `export * from '${entry}';`, resolveDir: project }, bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', metafile: true });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((i) => /(^|\/)src\/io\/|node:/.test(i)), entry).toEqual([]);
      expect(inputs.some((i) => i.includes('nodemailer')), entry).toBe(false);
    }
  });

  it('import "taizhang" in Node loads neither nodemailer nor exceljs: the commands that need them load them', () => {
    writeFileSync(join(project, 'load.mjs'), "const t = await import('taizhang'); console.log(typeof t.check, typeof t.nightly, typeof t.checkSource);");
    const run = spawnSync(process.execPath, ['load.mjs'], { cwd: project, env: { ...process.env, NODE_DEBUG: 'module' }, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('function function function');
    expect(run.stderr).not.toMatch(/nodemailer|exceljs/);
  });

  it("README's library section compiles against the package as published (types of dist/)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('Library use.'));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    // what a snippet takes from its surroundings: the workbooks' bytes, the config's text, a host's rows
    const prelude = 'declare const bytes: Uint8Array;\ndeclare const configJson: string;\ndeclare const rows: { row: number; cells: string[] }[];\n';
    blocks.forEach((code, i) => writeFileSync(join(project, `readme-${i}.ts`), `${prelude}${code}\nexport {};\n`));
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['readme-*.ts'] }));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      throw new Error(`README's code does not compile:\n${(e as { stdout: string }).stdout}`);
    }
  });
});
