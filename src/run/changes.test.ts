import { describe, expect, it } from 'vitest';
import { parseSnapshot } from './changes.js';

describe('parseSnapshot', () => {
  it('reads back what was saved', () => {
    const s = { asOf: '2014-08-15', ledger: [{ key: '3', label: '3号 会议多', status: '已逾期' }], visits: [{ teacher: '马建华', done: false }], plan: [{ item: '6', title: '家访', status: '进行中' }] };
    expect(parseSnapshot(JSON.stringify(s))).toEqual(s);
    expect(parseSnapshot(JSON.stringify({ ...s, plan: undefined }))).toEqual({ ...s, plan: undefined });
  });
  it('takes a file that is not one for none, so nothing is compared and nothing breaks', () => {
    for (const text of ['', '{', 'null', '[]', '{"asOf":"2014-08-01","ledger":[null],"visits":[]}', '{"asOf":"2014-08-01","ledger":[],"visits":[{"teacher":1,"done":true}]}', '{"asOf":"2014-08-01","ledger":[],"visits":[],"plan":{}}']) {
      expect(parseSnapshot(text), text).toBeUndefined();
    }
  });
});
