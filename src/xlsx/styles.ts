/**
 * The few styles the write-back needs in `xl/styles.xml`: a date format for `【自动】截止日期`
 * and one differential format (dxf) per highlight colour. Only ever appended at the end of their
 * lists, so every index the clerk's cells already use stays valid, and found again on the next
 * run (also after Excel or LibreOffice re-saved the file), so the part stops changing.
 */
import { tokensOf } from './sax.js';
import { InputError } from '../core/problems.js';
import { HIGHLIGHT_COLOURS, type HighlightColour } from '../core/owned.js';
import type { PatchStyles } from './sheetPatch.js';
import { attribute, withAttribute } from './xmlScan.js';

const DATE_FORMAT = 'yyyy\\-mm\\-dd';


function dxfXml(p: string, colour: HighlightColour): string {
  const c = HIGHLIGHT_COLOURS[colour];
  const font = c.font ? `<${p}font><${p}color rgb="${c.font}"/></${p}font>` : '';
  return `<${p}dxf>${font}<${p}fill><${p}patternFill><${p}bgColor rgb="${c.fill}"/></${p}patternFill></${p}fill></${p}dxf>`;
}

function isOurDxf(raw: string, colour: HighlightColour): boolean {
  const c = HIGHLIGHT_COLOURS[colour];
  const bg = /bgColor\b[^>]*\brgb\s*=\s*["']([0-9A-Fa-f]{8})["']/.exec(raw)?.[1]?.toUpperCase();
  const font = /<(?:[\w.-]+:)?font\b[\s\S]*?<(?:[\w.-]+:)?color\b[^>]*\brgb\s*=\s*["']([0-9A-Fa-f]{8})["']/.exec(raw)?.[1]?.toUpperCase();
  return bg === c.fill && font === c.font;
}

interface ListInfo {
  /** Token index of the open tag, and of the close tag (undefined for an empty `<x/>`). */
  open: number;
  close?: number;
  /** Raw text of each child element. */
  children: string[];
}

/**
 * Adds (or finds) the tool's styles; returns the new part text and the indexes to use. A part
 * that is not well-formed, or has no `<cellXfs>` to add the date style to, is a BAD_XML input
 * error naming `where`.
 */
export function ensureStyles(xml: string, where: { file: string; part: string } = { file: '', part: 'xl/styles.xml' }): { xml: string; styles: PatchStyles } {
  let tokens;
  try {
    tokens = tokensOf(xml); // checked and cut up in one pass: no reader has parsed this part
  } catch {
    throw new InputError('BAD_XML', where);
  }
  let prefix = '';
  const lists: Record<string, ListInfo> = {};
  let firstAfterDxfs: number | undefined;
  let rootClose = tokens.length;
  let depth = 0;
  let current: { name: string; child?: string[] } | undefined;
  tokens.forEach((t, i) => {
    if (t.kind === 'open' && depth === 0 && t.name === 'styleSheet') prefix = /^<([\w.-]+:)?/.exec(t.raw)?.[1] ?? '';
    if (depth === 1 && (t.kind === 'open' || t.kind === 'empty')) {
      if (['numFmts', 'cellXfs', 'dxfs'].includes(t.name)) {
        lists[t.name] = { open: i, children: [] };
        if (t.kind === 'open') current = { name: t.name };
      }
      if (firstAfterDxfs === undefined && ['tableStyles', 'colors', 'extLst'].includes(t.name)) firstAfterDxfs = i;
    } else if (depth === 2 && current && (t.kind === 'open' || t.kind === 'empty')) {
      current.child = [t.raw];
      lists[current.name]!.children.push(t.raw);
    } else if (depth > 2 && current?.child) {
      current.child.push(t.raw);
      const list = lists[current.name]!.children;
      list[list.length - 1] = current.child.join('');
    }
    if (t.kind === 'open') depth++;
    if (t.kind === 'close') {
      depth--;
      if (depth === 2 && current) current.child = undefined;
      if (depth === 1 && current && t.name === current.name) {
        lists[current.name]!.close = i;
        current = undefined;
      }
      if (depth === 0) rootClose = i;
    }
  });

  const p = prefix;
  const inserts = new Map<number, { before?: string; replace?: string }>();
  const addTo = (name: string, child: string, fallbackAt: number) => {
    const list = lists[name];
    const count = list ? list.children.length + 1 : 1;
    if (list && list.close !== undefined) {
      inserts.set(list.close, { before: child });
      inserts.set(list.open, { replace: withAttribute(tokens[list.open]!.raw, 'count', String(count)) });
    } else if (list) {
      inserts.set(list.open, { replace: `<${p}${name} count="1">${child}</${p}${name}>` });
    } else {
      const at = inserts.get(fallbackAt);
      inserts.set(fallbackAt, { ...at, before: (at?.before ?? '') + `<${p}${name} count="1">${child}</${p}${name}>` });
    }
    return count - 1;
  };

  // the date format
  let formatId: number | undefined;
  let maxId = 163;
  for (const f of lists.numFmts?.children ?? []) {
    const id = Number(attribute(f, 'numFmtId'));
    maxId = Math.max(maxId, id);
    const code = (attribute(f, 'formatCode') ?? '').replace(/\\/g, '').toLowerCase();
    if (code === 'yyyy-mm-dd' && formatId === undefined) formatId = id;
  }
  if (formatId === undefined) {
    formatId = maxId + 1;
    const styleSheetOpen = tokens.findIndex((t) => t.kind === 'open' && t.name === 'styleSheet');
    addTo('numFmts', `<${p}numFmt numFmtId="${formatId}" formatCode="${DATE_FORMAT}"/>`, styleSheetOpen + 1);
  }
  // the date cell style
  const xfs = lists.cellXfs?.children ?? [];
  let dateStyle = xfs.findIndex(
    (x) => Number(attribute(x, 'numFmtId')) === formatId && ['fontId', 'fillId', 'borderId'].every((a) => Number(attribute(x, a) ?? 0) === 0),
  );
  if (dateStyle < 0) {
    if (!lists.cellXfs) throw new InputError('BAD_XML', where);
    dateStyle = addTo('cellXfs', `<${p}xf numFmtId="${formatId}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`, rootClose);
  }
  // the highlight colours, appended together so their order is stable
  const dxfChildren = lists.dxfs?.children ?? [];
  const dxf = {} as Record<HighlightColour, number>;
  const missing: HighlightColour[] = [];
  for (const colour of Object.keys(HIGHLIGHT_COLOURS) as HighlightColour[]) {
    const found = dxfChildren.findIndex((d) => isOurDxf(d, colour));
    if (found >= 0) dxf[colour] = found;
    else missing.push(colour);
  }
  if (missing.length) {
    const base = dxfChildren.length;
    missing.forEach((colour, k) => (dxf[colour] = base + k));
    const children = missing.map((c) => dxfXml(p, c)).join('');
    const list = lists.dxfs;
    const total = base + missing.length;
    if (list && list.close !== undefined) {
      inserts.set(list.close, { before: children });
      inserts.set(list.open, { replace: withAttribute(tokens[list.open]!.raw, 'count', String(total)) });
    } else if (list) {
      inserts.set(list.open, { replace: `<${p}dxfs count="${total}">${children}</${p}dxfs>` });
    } else {
      const at = firstAfterDxfs ?? rootClose;
      const prev = inserts.get(at);
      inserts.set(at, { ...prev, before: (prev?.before ?? '') + `<${p}dxfs count="${total}">${children}</${p}dxfs>` });
    }
  }
  if (!inserts.size) return { xml, styles: { dateStyle, dxf } };
  const out = tokens.map((t, i) => {
    const edit = inserts.get(i);
    return edit ? (edit.before ?? '') + (edit.replace ?? t.raw) : t.raw;
  });
  return { xml: out.join(''), styles: { dateStyle, dxf } };
}
