import { describe, expect, it } from 'vitest';
import {
  addDays, dayFromParts, daysBetween, dayToExcelSerial, excelSerialToDay, formatDayZh, isDay, isoToExcelSerial,
  parseDayText, parseDeadlineText, weekMonday,
} from './dates.js';

describe('parseDayText', () => {
  it.each([
    ['2014-05-10', '2014-05-10'],
    ['2014/5/10', '2014-05-10'],
    ['2014.5.10', '2014-05-10'],
    ['2014年5月10日', '2014-05-10'],
    ['２０１４年５月１０日', '2014-05-10'],
    ['5月10日', '2014-05-10'],
    ['5月10', '2014-05-10'],
    ['20140510', '2014-05-10'],
    ['2014-05-10 00:00:00', '2014-05-10'],
    [' 2014 - 5 - 10 ', '2014-05-10'],
  ])('%s', (text, day) => {
    expect(parseDayText(text, 2014)).toBe(day);
  });
  it.each(['2014-02-30', '5月32日', '明天', '', '2014-13-01', '10'])('rejects %s', (text) => {
    expect(parseDayText(text, 2014)).toBeUndefined();
  });
});

describe('parseDeadlineText', () => {
  it.each([
    ['7月下旬', '2014-07-31', true],
    ['9月底', '2014-09-30', true],
    ['9月上旬', '2014-09-10', true],
    ['9月中旬', '2014-09-20', true],
    ['2月下旬', '2014-02-28', true],
    ['8月', '2014-08-31', true],
    ['9月底前', '2014-09-30', true],
    ['2015年1月上旬', '2015-01-10', true],
    ['年底', '2014-12-31', true],
    ['2014年8月10日', '2014-08-10', false],
    ['8月10日前', '2014-08-10', false],
  ])('%s → %s', (text, day, period) => {
    expect(parseDeadlineText(text, 2014)).toEqual({ day, period });
  });
  it('rejects nonsense', () => {
    expect(parseDeadlineText('尽快', 2014)).toBeUndefined();
    expect(parseDeadlineText('13月底', 2014)).toBeUndefined();
  });
});

describe('excel serials', () => {
  it('converts both ways in the 1900 system', () => {
    expect(excelSerialToDay(41769)).toBe('2014-05-10');
    expect(dayToExcelSerial('2014-05-10')).toBe(41769);
    expect(excelSerialToDay(41769.99999)).toBe('2014-05-10');
    expect(excelSerialToDay(1)).toBe('1900-01-01');
    expect(excelSerialToDay(61)).toBe('1900-03-01');
  });
  it('knows the 1904 system', () => {
    expect(excelSerialToDay(40307, true)).toBe('2014-05-10');
  });
  it('rejects impossible serials', () => {
    expect(excelSerialToDay(0)).toBeUndefined();
    expect(excelSerialToDay(-3)).toBeUndefined();
    expect(excelSerialToDay(Number.NaN)).toBeUndefined();
  });
});

describe('calendar arithmetic', () => {
  it('finds the Monday of a week', () => {
    expect(weekMonday('2014-03-23')).toBe('2014-03-17'); // a Sunday
    expect(weekMonday('2014-03-17')).toBe('2014-03-17');
    expect(weekMonday('2015-01-01')).toBe('2014-12-29'); // across the year boundary
  });
  it('adds and counts days', () => {
    expect(addDays('2014-02-28', 1)).toBe('2014-03-01');
    expect(daysBetween('2014-08-15', '2014-09-30')).toBe(46);
  });
  it('validates days', () => {
    expect(isDay('2014-02-29')).toBe(false);
    expect(isDay('2016-02-29')).toBe(true);
    expect(dayFromParts(2014, 2, 29)).toBeUndefined();
  });
  it('says a day as a clerk does', () => {
    expect(formatDayZh('2014-03-17')).toBe('3月17日');
  });
});

describe('isoToExcelSerial', () => {
  it('reads a Strict Open XML date cell as the serial Excel shows', () => {
    expect(isoToExcelSerial('2014-08-15T00:00:00')).toBe(41866);
    expect(isoToExcelSerial('2014-08-15')).toBe(41866);
    expect(isoToExcelSerial('2014-08-15T12:00:00')).toBe(41866.5);
  });
  it('refuses what is not a day: a bare time, 2月30日, a broken hour', () => {
    expect(isoToExcelSerial('13:45:30')).toBeUndefined();
    expect(isoToExcelSerial('2014-02-30T00:00:00')).toBeUndefined();
    expect(isoToExcelSerial('2014-02-03T25:00:00')).toBeUndefined();
  });
});
