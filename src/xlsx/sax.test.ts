import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { SaxParser } from './sax.js';
import { openZip } from './zip.js';

type Event = [string, string, Record<string, string>?];

/** Events from this parser, the input cut into pieces of `size` characters. */
function ours(xml: string, size: number): Event[] {
  const events: Event[] = [];
  const p = new SaxParser({
    open: (name, a) => events.push(['open', name, a.toObject()]),
    text: (t) => events.push(['text', t]),
    close: (name) => events.push(['close', name]),
  });
  for (let i = 0; i < xml.length; i += size) p.write(xml.slice(i, i + size));
  p.close();
  return merged(events);
}

/** Events from saxes, the reference: what any conforming XML parser reports. */
function reference(xml: string): Event[] {
  const events: Event[] = [];
  const p = new SaxesParser();
  let depth = 0;
  p.on('opentag', (t) => {
    depth++;
    events.push(['open', t.name, { ...(t.attributes as Record<string, string>) }]);
  });
  // saxes also reports the white space around the root element, which carries nothing
  p.on('text', (t) => depth > 0 && events.push(['text', t]));
  p.on('cdata', (t) => events.push(['text', t]));
  p.on('closetag', (t) => {
    depth--;
    events.push(['close', t.name]);
  });
  p.write(xml).close();
  return merged(events);
}

/** Adjacent text events as one (a CDATA section next to text is one run of characters). */
function merged(events: Event[]): Event[] {
  const out: Event[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
    else out.push(e[0] === 'text' ? [e[0], e[1]] : e);
  }
  return out.filter((e) => e[0] !== 'text' || e[1] !== '');
}

const throwsOurs = (xml: string) => expect(() => ours(xml, xml.length || 1), xml).toThrow();
const throwsReference = (xml: string) => expect(() => reference(xml), xml).toThrow();

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<x:worksheet xmlns:x="urn:x" xmlns:r="urn:r"><!-- made by hand --><x:sheetData>' +
  '<x:row r="1" spans=\'1:3\'><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve"> a&amp;b &gt; &#x4E2D;&#25991;\r\nline</x:t></x:is></x:c>' +
  '<x:c r="B1" t="s"><x:v>0</x:v></x:c><x:c r="C1" s="1"/></x:row>\n' +
  '<x:row r="2"><x:c r="A2" t="str"><x:f>IF(A1&gt;"x&lt;y","&gt;",1)</x:f><x:v>&quot;&apos;</x:v></x:c><x:c r="B2" note="tab\there&#9;kept\r\nand cr"><x:v><![CDATA[<not a tag>]]></x:v></x:c></x:row>' +
  '</x:sheetData><?pi some data?></x:worksheet>\n';

describe('SaxParser', () => {
  it('reports what saxes reports, however the input is cut', () => {
    const expected = reference(SHEET);
    expect(expected.length).toBeGreaterThan(20);
    for (const size of [1, 2, 3, 5, 8, 13, 64, SHEET.length]) expect(ours(SHEET, size)).toEqual(expected);
  });

  it('reads every XML part of the sample and the LibreOffice fixtures as saxes does', async () => {
    const books: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.xlsx') && !name.startsWith('encrypted')) books.push(path);
      }
    };
    walk('workbooks/sample');
    walk('test/fixtures');
    let parts = 0;
    for (const path of books) {
      const zip = await openZip(new Uint8Array(readFileSync(path)), path);
      for (const part of zip.entries.keys()) {
        if (!/\.(xml|rels)$/.test(part)) continue;
        const xml = await zip.text(part);
        expect(ours(xml, 4096), `${path}: ${part}`).toEqual(reference(xml));
        parts++;
      }
      await zip.close();
    }
    expect(parts).toBeGreaterThan(100);
  });

  it('refuses what is not well formed, as saxes does', () => {
    const bad = [
      '<a><b></a>',
      '<a></b>',
      '<a>',
      '<a/><b/>',
      'text<a/>',
      '<a/>text',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      '<a x="1"y="2"/>',
      '<a x/>',
      '<a x="<"/>',
      '<a>&nbsp;</a>',
      '<a>&amp</a>',
      '<a>&#0;</a>',
      '<a>&#xD800;</a>',
      '<a>&#x;</a>',
      '<a>\u0001</a>',
      '<a x="\u0002"/>',
      '<a>]]></a>',
      '<1a/>',
      '<a></a >x',
      '<a><!-- -- --></a>',
      '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
      '<a><![CDATA[x</a>',
      '<a',
      '<a b="1"',
      '',
      '   ',
    ];
    for (const xml of bad) {
      throwsReference(xml);
      throwsOurs(xml);
    }
  });

  it('refuses a part cut short anywhere', () => {
    const end = SHEET.trimEnd().length;
    for (let cut = 1; cut < end; cut++) {
      const xml = SHEET.slice(0, cut);
      expect(() => ours(xml, 7), `cut at ${cut}`).toThrow();
    }
    expect(() => ours(SHEET.slice(0, end), 7)).not.toThrow();
  });
});
