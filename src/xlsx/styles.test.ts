import { describe, expect, it } from 'vitest';
import { ensureStyles } from './styles.js';

const EXCEL =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="1"><numFmt numFmtId="176" formatCode="0.0%"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>' +
  '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><font><b/></font></dxf></dxfs><tableStyles count="0"/></styleSheet>';

describe('ensureStyles', () => {
  it('appends a date format, a date style and three highlight formats, leaving every existing index alone', () => {
    const { xml, styles } = ensureStyles(EXCEL);
    expect(styles).toEqual({ dateStyle: 2, dxf: { red: 1, amber: 2, yellow: 3 } });
    expect(xml).toContain('<numFmts count="2"><numFmt numFmtId="176" formatCode="0.0%"/><numFmt numFmtId="177" formatCode="yyyy\\-mm\\-dd"/></numFmts>');
    expect(xml).toContain('<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf><xf numFmtId="177"');
    expect(xml).toContain('<dxfs count="4"><dxf><font><b/></font></dxf><dxf><font><color rgb="FF9C0006"/></font>');
  });
  it('finds them again on the next run: the part stops changing', () => {
    const once = ensureStyles(EXCEL);
    const twice = ensureStyles(once.xml);
    expect(twice.xml).toBe(once.xml);
    expect(twice.styles).toEqual(once.styles);
  });
  it('creates the lists a minimal styles part lacks, with its namespace prefix', () => {
    const bare = '<x:styleSheet xmlns:x="urn:main"><x:fonts count="1"><x:font/></x:fonts><x:cellXfs count="1"><x:xf numFmtId="0"/></x:cellXfs></x:styleSheet>';
    const { xml, styles } = ensureStyles(bare);
    expect(styles).toEqual({ dateStyle: 1, dxf: { red: 0, amber: 1, yellow: 2 } });
    expect(xml.startsWith('<x:styleSheet xmlns:x="urn:main"><x:numFmts count="1"><x:numFmt numFmtId="164"')).toBe(true);
    expect(xml).toContain('</x:cellXfs><x:dxfs count="3"><x:dxf>');
    expect(ensureStyles(xml).xml).toBe(xml);
  });
});
