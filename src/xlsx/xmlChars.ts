/**
 * The characters of XML, once for the xlsx layer: which are forbidden, the five predefined
 * entities and character references, escaping what the tool writes, and element names with their
 * namespace prefix. The strict parser (sax.ts), the lexer that keeps every byte (xmlScan.ts) and
 * the sheet patcher all use these, so they read and write the same XML.
 */

export class XmlSyntaxError extends Error {}

/** Characters XML 1.0 does not allow anywhere (C0 controls but tab/LF/CR, U+FFFE/U+FFFF). */
export const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

/** Whether a text holds half of a surrogate pair without its other half: no character at all. (A loop: the pane's oldest engine has no lookbehind.) */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Lone halves of surrogate pairs, replaced by U+FFFD when the tool writes a text. */
function withoutLoneSurrogates(s: string): string {
  if (!hasLoneSurrogate(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else out += c >= 0xd800 && c <= 0xdfff ? '\uFFFD' : s[i]!;
  }
  return out;
}

/** The five entities XML predefines; a workbook declares no others. */
export const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isAllowedCodePoint(n: number): boolean {
  return n === 9 || n === 10 || n === 13 || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

/** Replaces entity and character references; anything else after `&` is an XmlSyntaxError. */
export function decodeReferences(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0) throw new XmlSyntaxError('unterminated entity');
    const ref = s.slice(amp + 1, semi);
    let value: string | undefined;
    if (ref.charCodeAt(0) === 35) {
      const hex = ref.charCodeAt(1) === 120;
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) throw new XmlSyntaxError('bad character reference');
      const n = parseInt(digits, hex ? 16 : 10);
      if (!isAllowedCodePoint(n)) throw new XmlSyntaxError('forbidden character reference');
      value = String.fromCodePoint(n);
    } else {
      value = PREDEFINED_ENTITIES[ref];
      if (value === undefined) throw new XmlSyntaxError('undeclared entity');
    }
    out += s.slice(from, amp) + value;
    from = semi + 1;
  }
  return out + s.slice(from);
}

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * A text as the tool writes it into a part, in a text node or a double-quoted attribute: `& < > "`
 * escaped, and what XML cannot hold at all (controls a clerk pasted, a lone surrogate) left out or
 * replaced, so the part stays well formed.
 */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return withoutLoneSurrogates(text).replace(FORBIDDEN_ALL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The local name of an element: `row` for `<row>` and for `<x:row>`. Writers built on the .NET
 * Open XML SDK put every SpreadsheetML element under a prefix; Excel, WPS and LibreOffice do not.
 */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The local name of the tag whose name starts at `start` of `tag` (`<x:row r="1">`, 1 → `row`). */
export function localNameAt(tag: string, start: number): string {
  let end = start;
  while (end < tag.length) {
    const c = tag.charCodeAt(end);
    // whitespace, '/', '>' end a name
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    end++;
  }
  return localName(tag.slice(start, end));
}

/** A namespace prefix, for the few regular expressions that look into a raw tag: `x:`, `x14ac:`, `a.b-c:`. */
export const PREFIX = '(?:[\\w.-]+:)?';
