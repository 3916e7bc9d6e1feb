import { describe, expect, it } from 'vitest';
import { normalizeHeader, normalizeText, parseYesNo, splitList } from './text.js';

describe('normalizeText', () => {
  it('removes full-width and ordinary spaces', () => {
    expect(normalizeText('谭\u3000红')).toBe('谭红');
    expect(normalizeText(' 谭 红 ')).toBe('谭红');
  });
  it('folds full-width letters and digits', () => {
    expect(normalizeText('ＡＢ１２')).toBe('AB12');
  });
});

describe('splitList', () => {
  it('splits on every separator clerks use', () => {
    expect(splitList('谭红、邹四雄')).toEqual(['谭红', '邹四雄']);
    expect(splitList('教务处,政教处，总务处;团委；工会')).toEqual(['教务处', '政教处', '总务处', '团委', '工会']);
    expect(splitList('  ')).toEqual([]);
  });
});

describe('parseYesNo', () => {
  it.each([
    ['是', true], ['否', false], ['√', true], ['×', false], ['Y', true], ['n', false],
    ['有', true], ['无', false], ['已写', true], ['未写', false], [' 是 ', true],
  ])('%s → %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });
  it('gives undefined for anything else', () => {
    expect(parseYesNo('也许')).toBeUndefined();
  });
});

describe('normalizeHeader', () => {
  it('drops the required mark and spaces', () => {
    expect(normalizeHeader(' 姓 名* ')).toBe('姓名');
    expect(normalizeHeader('（日期）')).toBe('(日期)');
  });
});
