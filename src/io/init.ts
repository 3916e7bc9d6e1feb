/** `init`: empty workbooks from the column tables and a config with the 2014 defaults. Never overwrites. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sheetsOf, type WorkbookId } from '../core/columns.js';
import { defaultConfig, type Config } from '../core/config.js';
import { repackDeterministic } from '../xlsx/repack.js';
import { CONFIG_NAME } from './config.js';

const exists = (path: string) => stat(path).then(() => true, () => false);

/** The config file `init` writes: the main keys of the config (docs: 配置文件) with the 2014 plan's values. */
export function starterConfig(config: Config = defaultConfig()): Record<string, unknown> {
  return {
    files: config.files,
    homeVisits: { from: config.homeVisits.from, to: config.homeVisits.to, quota: config.homeVisits.quota },
    duties: { from: config.duties.from, to: config.duties.to, holidays: config.duties.holidays },
    talks: { from: config.talks.from, to: config.talks.to },
    ledger: { dueSoonDays: config.ledger.dueSoonDays },
    study: { from: config.study.from, to: config.study.to, minDays: config.study.minDays, excellent: config.study.excellent },
    meetings: config.meetings,
    materials: { due: config.materials.due },
    publicity: { min: config.publicity.min },
    plan: { events: config.plan.events, items: {} },
    mail: { to: [], from: '', host: '', port: 465, secure: true, user: '' },
  };
}

export async function workbookBuffer(id: WorkbookId, config: Config): Promise<Buffer> {
  // exceljs is loaded by the commands that write with it, not by `import 'taizhang'`
  const { addSheet, newWorkbook } = await import('./templates.js');
  const wb = newWorkbook();
  for (const spec of sheetsOf(id)) addSheet(wb, spec, config);
  return Buffer.from(await repackDeterministic(new Uint8Array(await wb.xlsx.writeBuffer())));
}

/** `taizhang init`: blank workbooks (headers, drop-downs, date formats) and a config with the 2014 plan; nothing overwritten. */
export async function initFolder(dir: string): Promise<{ written: string[]; skipped: string[] }> {
  await mkdir(dir, { recursive: true });
  const config = defaultConfig();
  const written: string[] = [];
  const skipped: string[] = [];
  const ids: WorkbookId[] = ['roster', 'visits', 'ledger', 'study'];
  for (const id of ids) {
    const path = join(dir, config.files[id]);
    if (await exists(path)) {
      skipped.push(path);
      continue;
    }
    await writeFile(path, await workbookBuffer(id, config), { flag: 'wx' });
    written.push(path);
  }
  const configPath = join(dir, CONFIG_NAME);
  if (await exists(configPath)) skipped.push(configPath);
  else {
    await writeFile(configPath, `${JSON.stringify(starterConfig(config), null, 2)}\n`, { flag: 'wx' });
    written.push(configPath);
  }
  return { written, skipped };
}
