/**
 * What the pane needs that Edge Legacy (EdgeHTML 18: the webview of retail Office 2016/2019 without
 * WebView2) lacks, and older Chromium cores of WPS may lack, put in place before anything else of
 * the pane runs (the language's own built-ins come from core-js, put in front of this script by the
 * build; see scripts/build-web.mjs). Each is installed only where the engine has none:
 * - TextEncoder/TextDecoder (with `fatal`: a bad byte is bad input), from @sinonjs/text-encoding;
 * - the streams zip.js reads through: TransformStream is missing in EdgeHTML, and a native
 *   ReadableStream cannot pipe through a polyfilled one, so all three come from web-streams-polyfill;
 * - BigInt: zip.js and zod make a few 64-bit constants when they load (ZIP64 sizes, int64 ranges),
 *   which would stop the pane before it starts. A stand-in returning plain numbers lets them load;
 *   the pane never meets a ZIP64 workbook (over 4 GB) or an int64 schema, where it would be wrong.
 *   `DataView`'s 64-bit getters are given the same stand-in (exact below 2^53).
 */
import { TextDecoder as PolyDecoder, TextEncoder as PolyEncoder } from '@sinonjs/text-encoding';
import { ReadableStream as PolyReadable, TransformStream as PolyTransform, WritableStream as PolyWritable } from 'web-streams-polyfill';

const g = globalThis as unknown as Record<string, unknown>;

if (typeof g.TextDecoder === 'undefined') g.TextDecoder = PolyDecoder;
if (typeof g.TextEncoder === 'undefined') g.TextEncoder = PolyEncoder;

if (typeof g.TransformStream === 'undefined' || typeof g.WritableStream === 'undefined') {
  g.ReadableStream = PolyReadable;
  g.WritableStream = PolyWritable;
  g.TransformStream = PolyTransform;
}

if (typeof g.BigInt === 'undefined') {
  g.BigInt = (value: unknown) => {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new TypeError(`Cannot convert ${String(value)} to a BigInt`);
    return Math.trunc(n);
  };
}
const view = DataView.prototype as unknown as Record<string, unknown>;
if (typeof view.getBigUint64 !== 'function') {
  view.getBigUint64 = function getBigUint64(this: DataView, offset: number, little?: boolean): number {
    const a = this.getUint32(offset, little);
    const b = this.getUint32(offset + 4, little);
    return little ? b * 2 ** 32 + a : a * 2 ** 32 + b;
  };
  view.setBigUint64 = function setBigUint64(this: DataView, offset: number, value: number, little?: boolean): void {
    const high = Math.floor(Number(value) / 2 ** 32);
    const low = Number(value) % 2 ** 32;
    this.setUint32(offset, little ? low : high, little);
    this.setUint32(offset + 4, little ? high : low, little);
  };
}
