import { describe, expect, it } from 'vitest';
import { random } from '../../scripts/random.mjs';
import { encodeText, PieceEncoder, type TextForm } from './zip.js';

// texts as a patch makes them: markup, Chinese, a pair of surrogates (𠮷), empty ones, one longer than a piece
function texts(seed: number): string[] {
  const next = random(seed);
  const words = ['<row r="2">', '<c r="H2" t="inlineStr"><is><t>', '已计入', '家访还差6户', '𠮷', '', '</t></is></c>', '&amp;', '\n'];
  const out: string[] = [];
  for (let i = 0; i < 3000; i++) out.push(words[Math.floor(next() * words.length)]!.repeat(1 + Math.floor(next() * 5)));
  out.splice(1500, 0, '长'.repeat(5000));
  return out;
}

describe('PieceEncoder', () => {
  const forms: TextForm[] = [
    { encoding: 'utf-8', bom: false },
    { encoding: 'utf-8', bom: true },
    { encoding: 'utf-16le', bom: true },
    { encoding: 'utf-16be', bom: false },
  ];
  for (const form of forms) {
    it(`gives the bytes of the joined text, in pieces no bigger than asked unless one text is (${form.encoding}${form.bom ? ', BOM' : ''})`, () => {
      const all = texts(7);
      const pieces: Uint8Array[] = [];
      const encoder = new PieceEncoder(form, 4096, (bytes) => pieces.push(bytes.slice()));
      for (const t of all) encoder.write(t);
      encoder.flush();
      const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of pieces) {
        joined.set(p, at);
        at += p.length;
      }
      expect(joined).toEqual(encodeText(all.join(''), form, true));
      expect(pieces.length).toBeGreaterThan(10);
      expect(pieces.filter((p) => p.length > 4096)).toHaveLength(1); // the 5,000 长
    });
  }
  it('hands on a piece whose memory it no longer touches (it may be transferred)', () => {
    const pieces: Uint8Array[] = [];
    const encoder = new PieceEncoder({ encoding: 'utf-8', bom: false }, 16, (bytes) => pieces.push(bytes));
    encoder.write('0123456789');
    encoder.write('abcdefghij');
    encoder.flush();
    expect(pieces.map((p) => new TextDecoder().decode(p))).toEqual(['0123456789', 'abcdefghij']);
    expect(new Set(pieces.map((p) => p.buffer)).size).toBe(2);
  });
});
