/**
 * A lexer over XML text that keeps every byte: it cuts the input into tags and the text between
 * them, each token carrying its raw source, so that a writer can copy what it does not change
 * exactly as it was (entity forms, attribute order, quotes, namespace prefixes) and rewrite only
 * what it owns. It does not check well-formedness: the reader (sax.ts) has already parsed the same
 * part before any write-back, and refused it if it was malformed.
 */

import { decodeReferences, escapeXml, localNameAt } from './xmlChars.js';

export { escapeXml };

/** A text or attribute value of a part the reader has already parsed, references replaced. */
export const unescapeXml = decodeReferences;

export type TokenKind = 'open' | 'close' | 'empty' | 'text' | 'other';

export interface XmlToken {
  kind: TokenKind;
  /** Local name of a tag (`row` for `<x:row>`); '' for text and other tokens. */
  name: string;
  raw: string;
}

/** Index just past the tag starting at `lt`, or -1 when the text ends first. */
export function tagEnd(s: string, lt: number): number {
  if (s.startsWith('<!--', lt)) {
    const e = s.indexOf('-->', lt + 4);
    return e < 0 ? -1 : e + 3;
  }
  if (s.startsWith('<![CDATA[', lt)) {
    const e = s.indexOf(']]>', lt + 9);
    return e < 0 ? -1 : e + 3;
  }
  if (s.startsWith('<?', lt)) {
    const e = s.indexOf('?>', lt + 2);
    return e < 0 ? -1 : e + 2;
  }
  if (lt + 1 >= s.length) return -1;
  let quote = 0;
  for (let j = lt + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return j + 1;
  }
  return -1;
}

/** A tag longer than this is refused (as by the parser that read the part first). */
export const MAX_TAG_CHARS = 8 << 20;

/**
 * Where the tag at `lt` ends, resuming a search that stopped at `from` (inside a quote `quote`):
 * a tag that spans many chunks is searched once. -1 and where to resume when it has not ended.
 */
function tagEndFrom(s: string, lt: number, from: number, quote: number): { end: number; from: number; quote: number } {
  if (s.startsWith('<!--', lt) || s.startsWith('<![CDATA[', lt) || s.startsWith('<?', lt)) {
    const close = s.startsWith('<!--', lt) ? '-->' : s.startsWith('<?', lt) ? '?>' : ']]>';
    const at = s.indexOf(close, Math.max(lt + 2, from - close.length));
    return { end: at < 0 ? -1 : at + close.length, from: s.length, quote: 0 };
  }
  for (let j = Math.max(lt + 1, from); j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return { end: j + 1, from: 0, quote: 0 };
  }
  return { end: -1, from: s.length, quote };
}

/** Cuts XML text, fed in chunks, into tokens. */
export class XmlScanner {
  private buffer = '';
  /** How far the tag at the start of the buffer was searched for its end, and the quote it was in. */
  private searched = 0;
  private quote = 0;

  /**
   * Lets the consumer take a whole stretch of the input itself, without tokens (a fast path for
   * the bulk of a sheet): called before each token with the buffered text and the position;
   * returns the position it consumed to, `i` when it declines, or -1 when it needs more input
   * (never -1 when `final`).
   */
  fastForward?: (s: string, i: number, final: boolean) => number;

  constructor(private readonly onToken: (token: XmlToken) => void) {}

  write(chunk: string): void {
    this.buffer = this.buffer.length ? this.buffer + chunk : chunk;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.buffer.length) this.onToken({ kind: 'text', name: '', raw: this.buffer });
    this.buffer = '';
  }

  private scan(final: boolean): void {
    const s = this.buffer;
    let i = 0;
    while (i < s.length) {
      if (this.fastForward) {
        const j = this.fastForward(s, i, final);
        if (j < 0) break;
        if (j > i) {
          // the fast path took the pending tag too: a search for its end no longer applies
          this.searched = 0;
          this.quote = 0;
          i = j;
          continue;
        }
      }
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // text to the end of what came so far: handed on now (a text token may come in pieces;
        // what is copied is the same), so a long run of it is not scanned again with every chunk
        this.onToken({ kind: 'text', name: '', raw: s.slice(i) });
        i = s.length;
        break;
      }
      if (lt > i) this.onToken({ kind: 'text', name: '', raw: s.slice(i, lt) });
      i = lt;
      const found = tagEndFrom(s, lt, lt === 0 ? this.searched : 0, lt === 0 ? this.quote : 0);
      const end = found.end;
      if (end < 0) {
        // incomplete: wait for the next chunk, remembering how far the search got
        if (s.length - lt > MAX_TAG_CHARS) throw new Error(`a tag of more than ${MAX_TAG_CHARS} characters`);
        this.searched = found.from - lt;
        this.quote = found.quote;
        break;
      }
      this.searched = 0;
      this.quote = 0;
      const raw = s.slice(lt, end);
      const second = raw.charCodeAt(1);
      if (second === 33 /* ! */) {
        this.onToken({ kind: raw.startsWith('<![CDATA[') ? 'text' : 'other', name: '', raw });
      } else if (second === 63 /* ? */) {
        this.onToken({ kind: 'other', name: '', raw });
      } else if (second === 47 /* / */) {
        this.onToken({ kind: 'close', name: localNameAt(raw, 2), raw });
      } else {
        this.onToken({ kind: raw.charCodeAt(raw.length - 2) === 47 ? 'empty' : 'open', name: localNameAt(raw, 1), raw });
      }
      i = end;
    }
    this.buffer = s.slice(i);
  }

}

const ATTR = /([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Where the value of ` name="…"` starts in a tag written the usual way (double quotes, one space,
 * no single quotes anywhere), or -1: then the general scan decides. An even number of quotes
 * before the match proves it is not inside another attribute's value.
 */
function plainValueStart(tag: string, name: string): number {
  if (tag.includes("'")) return -1;
  const key = ` ${name}="`;
  const k = tag.indexOf(key);
  if (k < 0) return -1;
  let quotes = 0;
  for (let q = tag.indexOf('"'); q >= 0 && q < k; q = tag.indexOf('"', q + 1)) quotes++;
  return quotes % 2 === 0 ? k + key.length : -1;
}

/** The attribute `name` of a tag, found by reading the attributes in order: where its value starts and ends. */
function locate(tag: string, name: string): { valueStart: number; valueEnd: number } | undefined {
  const start = plainValueStart(tag, name);
  if (start >= 0) {
    const end = tag.indexOf('"', start);
    if (end >= 0) return { valueStart: start, valueEnd: end };
  }
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) {
    if (m[1] !== name) continue;
    const valueEnd = m.index + m[0].length - 1; // the closing quote
    const value = m[2] ?? m[3] ?? '';
    return { valueStart: valueEnd - value.length, valueEnd };
  }
  return undefined;
}

/** One attribute of a tag (unescaped), or undefined. Runs once or twice per row and cell of a big sheet. */
export function attribute(tag: string, name: string): string | undefined {
  const at = locate(tag, name);
  return at ? unescapeXml(tag.slice(at.valueStart, at.valueEnd)) : undefined;
}

/** The tag with one attribute set (replaced in place, or added before the end). */
export function withAttribute(tag: string, name: string, value: string): string {
  const at = locate(tag, name);
  if (at) {
    const escaped = tag[at.valueEnd] === "'" ? escapeXml(value).replace(/'/g, '&apos;') : escapeXml(value);
    return `${tag.slice(0, at.valueStart)}${escaped}${tag.slice(at.valueEnd)}`;
  }
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${escapeXml(value)}"${tag.slice(close)}`;
}
