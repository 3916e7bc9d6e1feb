/**
 * A strict streaming XML parser for the big parts of a workbook (sheets, shared strings).
 *
 * Why not saxes (kept as the tests' reference): on a 100,000-row visit log saxes alone took as long
 * as the whole check was allowed to take (it checks every character against the XML name tables
 * one at a time). This parser jumps from `<` to `<` with `indexOf`, and only looks at each
 * character of a tag or a text node once. It is as strict as the reader needs, since the write-back
 * later copies these parts byte for byte and must know they are well formed: one root; tags
 * balanced and named alike; names made of name characters; attributes quoted, once each, spaced,
 * without `<`; only the five predefined entities and character references; no characters XML
 * forbids; no DOCTYPE (SpreadsheetML has none, and entities declared there are how XML bombs
 * work). Line ends and attribute whitespace are normalised as XML says, so it yields what saxes
 * yields, and refuses what saxes refuses; a seeded mutation test holds the two together. It is
 * stricter in one thing: a lone half of a surrogate pair, which XML's characters exclude, is
 * refused here (saxes lets it through in text). Its characters and entities are xmlChars.ts's.
 */

import { decodeReferences, FORBIDDEN, hasLoneSurrogate, localName, localNameAt, XmlSyntaxError } from './xmlChars.js';
import type { XmlToken } from './xmlScan.js';

export { localName, XmlSyntaxError };

/** One tag (or comment, or instruction) longer than this is refused: no workbook writes one, a crafted file would. */
export const MAX_TOKEN_CHARS = 8 << 20;

/** A tag that runs past MAX_TOKEN_CHARS. */
export class XmlTokenTooLong extends XmlSyntaxError {
  constructor(readonly chars: number) {
    super('token too long');
  }
}

/** Receives the events of one part. Names are as written (`x:row`); `localName` strips a prefix. */
export interface SaxHandler {
  open?(name: string, attributes: SaxAttributes, selfClosing: boolean): void;
  text?(text: string): void;
  close?(name: string): void;
  /** Each token's source as written (a writer that keeps every byte builds on this; see tokensOf). */
  raw?(token: XmlToken): void;
}

/** The attributes of the tag being opened; valid only during that `open` call. */
export class SaxAttributes {
  names: string[] = [];
  values: string[] = [];
  count = 0;

  get(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return this.values[i];
    return undefined;
  }

  /** The value of the first attribute whose name ends in `suffix` (e.g. `:id`), whatever its prefix. */
  withSuffix(suffix: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i]!.endsWith(suffix)) return this.values[i];
    return undefined;
  }

  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < this.count; i++) out[this.names[i]!] = this.values[i]!;
    return out;
  }
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const AMP = 38;
const QUOT = 34;
const APOS = 39;
const CR = 13;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

// XML 1.0 (fifth edition) NameStartChar and NameChar beyond ASCII.
const NAME_START_WIDE = /[A-Z_a-z:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_WIDE = /[-.0-9\u00B7\u0300-\u036F\u203F\u2040A-Z_a-z:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;

/**
 * How many code units of `s` at `i` make one name character (a start character when `start`):
 * 1, 2 for a surrogate pair of #x10000–#xEFFFF, 0 when it is none (a lone surrogate is none).
 */
function nameCharAt(s: string, i: number, start: boolean): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
    return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000 <= 0xeffff ? 2 : 0;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return (start ? isNameStart(c) : isNameChar(c)) ? 1 : 0;
}

/** ASCII name characters (XML's NameChar below 128), looked up rather than tested. */
const ASCII_NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_NAME_CHAR[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46 ? 1 : 0;

/** The end of a name that starts at `i` (checked to start one), within `n`. */
function nameEnd(s: string, i: number, n: number): number {
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (!ASCII_NAME_CHAR[c]) return i;
      i++;
      continue;
    }
    const k = nameCharAt(s, i, false);
    if (!k) return i;
    i += k;
  }
  return i;
}

/** Whether `s` holds `word` at `at` (a loop: for the short names of tags, faster than startsWith). */
function sameAt(s: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Names seen before, by first character and length: a sheet says `row`, `c` and `v` a million
 * times, and each time this hands on the same string instead of cutting a new one (which the
 * handler then compares, and the closing tag compares again).
 */
class NameCache {
  private readonly names: (string | undefined)[] = new Array(128 * 16);

  /** The name `s[from, to)`: a cached string when one is the same, else a new one (cached). */
  take(s: string, from: number, to: number): string {
    const c = s.charCodeAt(from);
    const length = to - from;
    if (c >= 128 || length >= 16) return s.slice(from, to);
    const slot = c * 16 + length;
    const known = this.names[slot];
    if (known !== undefined && sameAt(s, from, known)) return known;
    const name = s.slice(from, to);
    this.names[slot] = name;
    return name;
  }
}

function isNameStart(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  return NAME_START_WIDE.test(String.fromCharCode(c));
}

function isNameChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46;
  return NAME_WIDE.test(String.fromCharCode(c));
}

/** Line ends as XML hands them on: CR LF and a lone CR become LF. */
function normalizeLineEnds(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

/** Parses XML text fed in chunks; throws `XmlSyntaxError` on anything not well formed. */
export class SaxParser {
  private buffer = '';
  /**
   * How far the tag at the start of the buffer was already searched for its end (and whether that
   * search stopped inside a quoted value): a tag that spans many chunks is searched once, not once
   * per chunk, so a long one costs its length and not its length squared.
   */
  private searched = 0;
  private quote = 0;
  /** Nothing of the document has been taken yet (where the XML declaration may stand). */
  private atStart = true;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private readonly attributes = new SaxAttributes();
  private readonly names = new NameCache();
  /** Characters of the document taken before the buffer's start. */
  private taken = 0;
  /** Where, in the whole document's text, the tag now being opened starts (valid during `open`). */
  tagStart = 0;

  constructor(private readonly handler: SaxHandler) {}

  write(chunk: string): this {
    this.buffer = this.buffer.length ? this.buffer + chunk : chunk;
    const consumed = this.scan(this.buffer, false);
    if (consumed > 0) this.atStart = false;
    this.taken += consumed;
    this.buffer = consumed === this.buffer.length ? '' : this.buffer.slice(consumed);
    return this;
  }

  /** The elements open now, outermost first (during `open`, the one being opened is last unless it is empty). */
  get openElements(): readonly string[] {
    return this.stack;
  }

  close(): void {
    const s = this.buffer;
    this.buffer = '';
    this.scan(s, true);
    if (!this.rootSeen || this.stack.length) throw new XmlSyntaxError('unexpected end');
  }

  /**
   * Where the end of the construct starting at `lt` (a `<`) is, once it is in `s`; -1 while it is
   * not. Resumes where the last call stopped when `lt` is the start of the buffer.
   */
  private constructEnd(s: string, lt: number): number {
    const n = s.length;
    const resume = lt === 0 ? this.searched : 0;
    let quote = lt === 0 ? this.quote : 0;
    const second = s.charCodeAt(lt + 1);
    let end = -1;
    if (second === 33 /* ! */ || second === 63 /* ? */) {
      const close = s.startsWith('<!--', lt) ? '-->' : s.startsWith('<![CDATA[', lt) ? ']]>' : second === 63 ? '?>' : '>';
      const at = s.indexOf(close, Math.max(lt + 2, lt + resume - close.length));
      end = at < 0 ? -1 : at + close.length;
    } else {
      for (let j = Math.max(lt + 1, lt + resume); j < n; j++) {
        const c = s.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === QUOT || c === APOS) quote = c;
        else if (c === GT) {
          end = j + 1;
          break;
        }
      }
    }
    if (end < 0) {
      if (n - lt > MAX_TOKEN_CHARS) throw new XmlTokenTooLong(n - lt);
      this.searched = n - lt;
      this.quote = quote;
    } else {
      this.searched = 0;
      this.quote = 0;
    }
    return end;
  }

  /** Consumes whole tokens from `s`; returns how far it got (the rest waits for more input). */
  private scan(s: string, final: boolean): number {
    let i = 0;
    const n = s.length;
    while (i < n) {
      // a loop, not indexOf: the next '<' is a few characters away, and a call per tag costs more
      let lt = i;
      while (lt < n && s.charCodeAt(lt) !== LT) lt++;
      if (lt === n) {
        // text running to the end of the input: handed on now up to where a reference, a CR or
        // a `]]` could go on into the next chunk; only that little rest waits
        if (final) {
          this.rawText(s, i, n);
          this.onText(s, i, n);
          return n;
        }
        const safe = safeTextEnd(s, i, n);
        if (safe > i) {
          this.rawText(s, i, safe);
          this.onText(s, i, safe);
        }
        if (n - safe > MAX_TOKEN_CHARS) throw new XmlTokenTooLong(n - safe);
        return safe;
      }
      if (lt > i) {
        this.rawText(s, i, lt);
        this.onText(s, i, lt);
        this.atStart = false;
      }
      // a token left incomplete by earlier chunks is searched on from where that search stopped,
      // and parsed only once it is whole: a long one then costs its length, not its length squared
      if (!final && lt === 0 && this.searched > 0 && this.constructEnd(s, lt) < 0) return lt;
      const next = lt + 1 < n ? s.charCodeAt(lt + 1) : -1;
      let end: number;
      if (next === SLASH) end = this.closeTag(s, lt);
      else if (next === 33 /* ! */) end = this.markup(s, lt);
      else if (next === 63 /* ? */) end = this.instruction(s, lt);
      else if (next < 0) end = -1;
      else end = this.openTag(s, lt);
      if (end < 0) {
        if (final) throw new XmlSyntaxError('unexpected end in a tag');
        // incomplete: remember how far its end was searched (the parsers above stop at the chunk's end)
        if (lt + 1 < n) this.constructEnd(s, lt);
        else if (n - lt > MAX_TOKEN_CHARS) throw new XmlTokenTooLong(n - lt);
        return lt;
      }
      if (this.handler.raw) this.rawTag(s, lt, end);
      i = end;
      this.atStart = false;
    }
    return i;
  }

  private rawText(s: string, from: number, to: number): void {
    if (this.handler.raw) this.handler.raw({ kind: 'text', name: '', raw: s.slice(from, to) });
  }

  private rawTag(s: string, lt: number, end: number): void {
    const raw = s.slice(lt, end);
    const second = raw.charCodeAt(1);
    let token: XmlToken;
    if (second === 33 /* ! */) token = { kind: raw.startsWith('<![CDATA[') ? 'text' : 'other', name: '', raw };
    else if (second === 63 /* ? */) token = { kind: 'other', name: '', raw };
    else if (second === SLASH) token = { kind: 'close', name: localNameAt(raw, 2), raw };
    else token = { kind: raw.charCodeAt(raw.length - 2) === SLASH ? 'empty' : 'open', name: localNameAt(raw, 1), raw };
    this.handler.raw!(token);
  }

  private onText(s: string, from: number, to: number): void {
    if (this.stack.length === 0) {
      for (let k = from; k < to; k++) if (!isSpace(s.charCodeAt(k))) throw new XmlSyntaxError('text outside the root element');
      return;
    }
    let raw = s.slice(from, to);
    // one look at each character; the rare ones send the text to the slow path
    let plain = true;
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c < 32 || c === AMP || c === 93 /* ] */ || c >= 0xfffe || (c >= 0xd800 && c <= 0xdfff)) {
        plain = false;
        break;
      }
    }
    if (!plain) {
      if (FORBIDDEN.test(raw) || hasLoneSurrogate(raw)) throw new XmlSyntaxError('forbidden character');
      if (raw.indexOf(']]>') >= 0) throw new XmlSyntaxError(']]> in text');
      raw = normalizeLineEnds(raw);
      if (raw.indexOf('&') >= 0) raw = decodeReferences(raw);
    }
    this.handler.text?.(raw);
  }

  /** `<name attr="v" …>` or `<name …/>`; returns the index past it, or -1 when it is incomplete. */
  private openTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 1;
    const first = nameCharAt(s, i, true);
    if (!first) throw new XmlSyntaxError('bad tag name');
    i = nameEnd(s, i + first, n);
    if (i >= n) return -1;
    const name = this.names.take(s, lt + 1, i);
    const attrs = this.attributes;
    attrs.count = 0;
    for (;;) {
      let spaced = false;
      while (i < n && isSpace(s.charCodeAt(i))) {
        i++;
        spaced = true;
      }
      if (i >= n) return -1;
      const c = s.charCodeAt(i);
      if (c === GT || c === SLASH) {
        let selfClosing = false;
        if (c === SLASH) {
          if (i + 1 >= n) return -1;
          if (s.charCodeAt(i + 1) !== GT) throw new XmlSyntaxError('bad empty-element tag');
          selfClosing = true;
          i++;
        }
        if (this.stack.length === 0) {
          if (this.rootSeen) throw new XmlSyntaxError('a second root element');
          this.rootSeen = true;
        }
        if (!selfClosing) this.stack.push(name);
        this.tagStart = this.taken + lt;
        this.handler.open?.(name, attrs, selfClosing);
        if (selfClosing) this.handler.close?.(name);
        return i + 1;
      }
      if (!spaced) throw new XmlSyntaxError('attributes not separated by space');
      // attribute name
      const nameStart = i;
      const k = nameCharAt(s, i, true);
      if (!k) throw new XmlSyntaxError('bad attribute name');
      i = nameEnd(s, i + k, n);
      const attrName = this.names.take(s, nameStart, i);
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (s.charCodeAt(i) !== EQ) throw new XmlSyntaxError('attribute without a value');
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const q = s.charCodeAt(i);
      if (q !== QUOT && q !== APOS) throw new XmlSyntaxError('unquoted attribute value');
      let close = i + 1;
      let plain = true;
      for (; close < n; close++) {
        const d = s.charCodeAt(close);
        if (d === q) break;
        if (d === LT) throw new XmlSyntaxError('< in an attribute value');
        if (d < 32 || d === AMP || d >= 0xfffe || (d >= 0xd800 && d <= 0xdfff)) plain = false;
      }
      if (close >= n) return -1;
      let value = s.slice(i + 1, close);
      if (!plain) {
        if (FORBIDDEN.test(value) || hasLoneSurrogate(value)) throw new XmlSyntaxError('forbidden character');
        value = attributeValue(value);
      }
      for (let k = 0; k < attrs.count; k++) if (attrs.names[k] === attrName) throw new XmlSyntaxError('attribute given twice');
      attrs.names[attrs.count] = attrName;
      attrs.values[attrs.count] = value;
      attrs.count++;
      i = close + 1;
    }
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    let end = gt;
    while (end > lt + 2 && isSpace(s.charCodeAt(end - 1))) end--;
    // the name must be the open element's: compared in place, no string cut
    const open = this.stack.pop();
    if (open === undefined || end - (lt + 2) !== open.length || !sameAt(s, lt + 2, open)) throw new XmlSyntaxError('mismatched closing tag');
    this.handler.close?.(open);
    return gt + 1;
  }

  /** Comments and CDATA sections; a DOCTYPE is refused. */
  private markup(s: string, lt: number): number {
    // too short yet to say which it is
    if (s.length < lt + 9 && !s.startsWith('<!--', lt)) return -1;
    if (s.startsWith('<!--', lt)) {
      const e = s.indexOf('--', lt + 4);
      if (e < 0) return -1;
      if (e + 2 >= s.length) return -1;
      if (s.charCodeAt(e + 2) !== GT) throw new XmlSyntaxError('-- inside a comment');
      if (FORBIDDEN.test(s.slice(lt + 4, e)) || hasLoneSurrogate(s.slice(lt + 4, e))) throw new XmlSyntaxError('forbidden character');
      return e + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      if (this.stack.length === 0) throw new XmlSyntaxError('CDATA outside the root element');
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0) return -1;
      const text = s.slice(lt + 9, e);
      if (FORBIDDEN.test(text) || hasLoneSurrogate(text)) throw new XmlSyntaxError('forbidden character');
      this.handler.text?.(normalizeLineEnds(text));
      return e + 3;
    }
    throw new XmlSyntaxError('DOCTYPE or unknown markup');
  }

  /**
   * `<?xml …?>` and other processing instructions: skipped, but checked as XML says. The XML
   * declaration only at the very start and written as the grammar has it; no other target named
   * `xml` in any case.
   */
  private instruction(s: string, lt: number): number {
    const e = s.indexOf('?>', lt + 2);
    if (e < 0) return -1;
    const first = nameCharAt(s, lt + 2, true);
    if (!first) throw new XmlSyntaxError('bad processing instruction');
    const i = nameEnd(s, lt + 2 + first, e);
    // the target ends in white space or at a `?` (as saxes reads it)
    if (i < e && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 63) throw new XmlSyntaxError('bad processing instruction target');
    const target = s.slice(lt + 2, i);
    if (target.toLowerCase() === 'xml') {
      if (target !== 'xml' || !this.atStart || lt !== 0) throw new XmlSyntaxError('misplaced XML declaration');
      if (!XML_DECLARATION.test(s.slice(i, e))) throw new XmlSyntaxError('bad XML declaration');
    }
    if (FORBIDDEN.test(s.slice(lt + 2, e)) || hasLoneSurrogate(s.slice(lt + 2, e))) throw new XmlSyntaxError('forbidden character');
    return e + 2;
  }
}

// The body of `<?xml … ?>` after its target, as XML 1.0's grammar writes it.
const XML_DECLARATION = /^\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*$/;

/**
 * How much of a text that runs to the end of the input can be handed on: all of it but a reference
 * not yet ended by `;`, a CR whose LF may follow, `]` characters that may begin `]]>`, and the
 * first half of a surrogate pair.
 */
function safeTextEnd(s: string, from: number, to: number): number {
  let end = to;
  const amp = s.lastIndexOf('&', to - 1);
  if (amp >= from && s.indexOf(';', amp) < 0) end = amp;
  while (end > from && (s.charCodeAt(end - 1) === CR || s.charCodeAt(end - 1) === 93)) end--;
  // nor the first half of a surrogate pair whose second half comes next
  const last = s.charCodeAt(end - 1);
  if (end > from && last >= 0xd800 && last <= 0xdbff) end--;
  return end;
}

/** An attribute value as XML hands it on: references replaced, literal TAB, LF and CR as spaces. */
function attributeValue(raw: string): string {
  let v = raw;
  if (v.indexOf('\r') >= 0) v = v.replace(/\r\n?/g, ' ');
  if (v.indexOf('\n') >= 0 || v.indexOf('\t') >= 0) v = v.replace(/[\n\t]/g, ' ');
  return v.indexOf('&') >= 0 ? decodeReferences(v) : v;
}

/**
 * A whole part as tokens that keep their source, parsed strictly: an XmlSyntaxError when it is not
 * well formed. For the small parts the write-back rewrites whole (the styles), one pass both checks
 * the part and cuts it up.
 */
export function tokensOf(xml: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  new SaxParser({ raw: (t) => tokens.push(t) }).write(xml).close();
  return tokens;
}
