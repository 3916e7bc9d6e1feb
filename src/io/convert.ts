/** `taizhang convert` as a library call: a `.xlsx` beside each legacy workbook of the folder. */
import { stat } from 'node:fs/promises';
import { InputError } from '../core/problems.js';
import { resolveContext, type CheckOptions } from './check.js';
import { convertFolder, type ConvertOutcome } from './legacy.js';

/** `taizhang convert`: an .xlsx beside each old .xls/.et workbook of the folder, made by LibreOffice; the originals are kept. */
export async function convert(dir: string, options: Pick<CheckOptions, 'configPath'> = {}): Promise<ConvertOutcome[]> {
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new InputError('DIR_MISSING', { dir });
  const { config } = await resolveContext(dir, options);
  return convertFolder(dir, Object.values(config.files));
}
