/**
 * What marks the tool's own cells and formats in a clerk's workbook. A module of its own, with
 * nothing behind it, so the sheet patcher (which runs on its own thread) loads these few words and
 * not the rules and the config schema with them.
 */

/** The start of every column header the tool writes: 【自动】状态, 【自动】校验 … */
export const OWNED_PREFIX = '【自动】';

/**
 * Marks a conditional format as the tool's own, so the next run finds and replaces it and never
 * touches the clerk's: N() of a text is 0, so the term changes nothing in the formula's result.
 */
export const HIGHLIGHT_MARK = `N("${OWNED_PREFIX}")=0`;

/** The colours of the write-back: red, amber, yellow. */
export type HighlightColour = 'red' | 'amber' | 'yellow';

/**
 * Fill and font colours (ARGB) of the highlights: Excel's own 差/中性 palette, and a light yellow.
 * The write-back's styles and the summary's fills use these, so red means the same everywhere.
 */
export const HIGHLIGHT_COLOURS: Record<HighlightColour, { fill: string; font?: string }> = {
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  amber: { fill: 'FFFFD8A8', font: 'FF8A4B00' },
  yellow: { fill: 'FFFFF59D' },
};
