/**
 * Which file is which workbook: the configured name, else the same base name as `.xlsx`, `.xlsm`,
 * `.xls`, `.et`, in that order; and whether a name is one of the old formats. And the config file's name.
 */
/** The config file, beside the workbooks (the CLI, the page and the add-in look for this name). */
export const CONFIG_NAME = 'taizhang.config.json';

export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et'] as const;
export const LEGACY_EXTENSIONS = ['.xls', '.et'] as const;

function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(dot).toLowerCase() : '';
}

export function isLegacyName(file: string): boolean {
  return (LEGACY_EXTENSIONS as readonly string[]).includes(extensionOf(file));
}

/** The configured name without its extension, when it has one of ours. */
export function baseName(file: string): string {
  const ext = extensionOf(file);
  return (WORKBOOK_EXTENSIONS as readonly string[]).includes(ext) ? file.slice(0, -ext.length) : file;
}

/** The file among `names` that holds the workbook configured as `configured`, or undefined. */
export function findWorkbook(names: readonly string[], configured: string): string | undefined {
  const present = new Set(names);
  if (present.has(configured)) return configured;
  const base = baseName(configured);
  return WORKBOOK_EXTENSIONS.map((ext) => `${base}${ext}`).find((f) => present.has(f));
}
