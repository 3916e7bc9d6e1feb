/**
 * Text as clerks type it: full-width letters, stray and full-width spaces,
 * several names in one cell. Everything compared is first normalised here.
 */

/** True when NFKC and the space removal cannot change the text: printable ASCII and common CJK ideographs only. */
function alreadyNormal(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) continue;
    return false;
  }
  return true;
}

/** NFKC (full-width → half-width) and every kind of white space removed. */
export function normalizeText(value: string): string {
  if (alreadyNormal(value)) return value; // most cells: skips the costly normalisation
  return value.normalize('NFKC').replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, '');
}

/** Like normalizeText but keeps single inner spaces (for free text such as a title). */
export function tidyText(value: string): string {
  return value.normalize('NFKC').replace(/[\u200b\ufeff]/g, '').replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

/** Separators clerks use between several names or departments in one cell. */
const LIST_SEPARATORS = /[、,，;；\/／\n]+/;

export function splitList(value: string): string[] {
  return value
    .split(LIST_SEPARATORS)
    .map(normalizeText)
    .filter((part) => part.length > 0);
}

const YES = new Set(['是', '√', '✓', '✔', 'y', 'yes', '有', '已写', '已', 'true', '1', '对']);
const NO = new Set(['否', '×', '✗', '✘', 'x', 'n', 'no', '无', '未写', '未', 'false', '0', '错']);

/** 是/否, √/×, Y/N, 有/无, 已写/未写 …; undefined when the text is none of them. */
export function parseYesNo(value: string): boolean | undefined {
  // most cells are typed as the lists have them: known at once
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  const key = normalizeText(value).toLowerCase();
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return undefined;
}

/** Header text as matched against the column table: normalised, a trailing required-mark dropped. */
export function normalizeHeader(value: string): string {
  const text = normalizeText(value);
  return text.indexOf('*') < 0 && text.indexOf('＊') < 0 ? text : text.replace(/[*＊]+$/, '').replace(/^[*＊]+/, '');
}
