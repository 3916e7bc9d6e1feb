import { describe, expect, it } from 'vitest';
import { todayInShanghai } from './context.js';

describe('todayInShanghai', () => {
  it('is the date Intl gives for Asia/Shanghai, around midnight there and across the years', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    const instants = [Date.UTC(2014, 7, 14, 15, 59, 59, 999), Date.UTC(2014, 7, 14, 16), Date.UTC(2014, 11, 31, 16), Date.UTC(2016, 1, 28, 16, 30), Date.UTC(2026, 10, 30, 0, 19)];
    for (let t = Date.UTC(1995, 0, 1); t < Date.UTC(2040, 0, 1); t += 37 * 3600_000 + 17 * 60_000) instants.push(t);
    for (const t of instants) expect(todayInShanghai(new Date(t)), new Date(t).toISOString()).toBe(intl.format(new Date(t)));
  });
});
