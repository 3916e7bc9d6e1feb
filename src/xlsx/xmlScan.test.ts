import { describe, expect, it } from 'vitest';
import { attribute, withAttribute, XmlScanner, type XmlToken } from './xmlScan.js';

const XML =
  '<?xml version="1.0"?>\n<x:worksheet xmlns:x="urn:x"><!-- a > b --><x:row r="1" spans=\'1:2\'><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve"> a&amp;b &gt; </x:t></x:is></x:c>' +
  '<x:c r="B1"><x:f>IF(A1&gt;"x&lt;y","&gt;",1)</x:f></x:c><x:c r="C1" s="1"/></x:row><![CDATA[<not a tag>]]></x:worksheet>';

function scanInChunks(xml: string, size: number): XmlToken[] {
  const tokens: XmlToken[] = [];
  const s = new XmlScanner((t) => tokens.push(t));
  for (let i = 0; i < xml.length; i += size) s.write(xml.slice(i, i + size));
  s.end();
  return tokens;
}

describe('XmlScanner', () => {
  it('gives back every byte, however the input is cut', () => {
    const whole = scanInChunks(XML, XML.length);
    for (const size of [1, 2, 3, 7, 13, 64]) {
      const tokens = scanInChunks(XML, size);
      expect(tokens.map((t) => t.raw).join('')).toBe(XML);
      expect(tokens.filter((t) => t.kind !== 'text').map((t) => [t.kind, t.name])).toEqual(whole.filter((t) => t.kind !== 'text').map((t) => [t.kind, t.name]));
    }
  });
  it('names tags by their local name and tells open, close and empty apart', () => {
    const tags = scanInChunks(XML, 5).filter((t) => t.kind !== 'text' && t.kind !== 'other');
    expect(tags.slice(0, 4).map((t) => [t.kind, t.name])).toEqual([['open', 'worksheet'], ['open', 'row'], ['open', 'c'], ['open', 'is']]);
    expect(tags.find((t) => t.raw.startsWith('<x:c r="C1"'))!.kind).toBe('empty');
  });
});

it('reads and sets attributes in place', () => {
  expect(attribute('<c r="A1" t="s">', 't')).toBe('s');
  expect(attribute("<row spans='1:2'>", 'spans')).toBe('1:2');
  expect(withAttribute('<row r="1" spans="1:2">', 'spans', '1:5')).toBe('<row r="1" spans="1:5">');
  expect(withAttribute('<dimension/>', 'ref', 'A1:B2')).toBe('<dimension ref="A1:B2"/>');
  // the quick way for the usual form must not be fooled by a value that looks like an attribute
  expect(attribute('<c x="a r=" r="A1">', 'r')).toBe('A1');
  expect(attribute("<c x=' r=\"B2\"' r=\"A1\">", 'r')).toBe('A1');
  expect(attribute('<c r="A1&amp;">', 'r')).toBe('A1&');
  expect(attribute('<c\tr="A1">', 'r')).toBe('A1');
  expect(attribute('<c rr="A1">', 'r')).toBeUndefined();
  expect(withAttribute('<row x="a spans=" spans="1:2">', 'spans', '1:5')).toBe('<row x="a spans=" spans="1:5">');
  expect(withAttribute('<row r="1" spans="1:2">', 'r', 'a&b')).toBe('<row r="a&amp;b" spans="1:2">');
});
