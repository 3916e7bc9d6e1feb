import { describe, expect, it } from 'vitest';
import type { MaterialRow } from '../columns.js';
import { config, person, roster, rosterPlace } from '../../../test/helpers/core.js';
import { materials } from './materials.js';

const c = config();
const places = { materials: { file: '学习教育.xlsx', sheet: '对照检查' }, roster: rosterPlace };
const staff = roster([
  person('吴敏华', { leader: true, politicalStatus: '中共党员' }),
  person('谭红', { leader: true, politicalStatus: '中共党员' }),
  person('邹四雄', { cadre: true, politicalStatus: '中共党员' }),
  person('罗志强', { cadre: true, politicalStatus: '群众' }), // a cadre who is not a Party member: no material needed
  person('李明', { politicalStatus: '中共党员' }),
]);
const mat = (row: number, name: string, extra: Partial<MaterialRow>): MaterialRow => ({ row, invalid: [], name, ...extra });

describe('materials', () => {
  it('wants leaders and Party cadres, reviewed, and leaders’ sent to the supervision group', () => {
    const r = materials([
      mat(2, '吴敏华', { submitted: '2014-06-20', review: '已审核', sent: true }),
      mat(3, '谭红', { submitted: '2014-06-10', review: '已审核', sent: false }), // reviewed, not sent
      mat(4, '邹四雄', { submitted: '2014-06-21', review: '已审核' }), // a day late
    ], staff, c, '2014-08-15', places);
    expect(r.materials.map((m) => [m.name, m.submitted, m.reviewed, m.sent, m.ok])).toEqual([
      ['吴敏华', true, true, true, true],
      ['谭红', true, true, false, false],
      ['邹四雄', false, true, false, false],
    ]);
    expect(r.findings.map((f) => [f.code, f.sheet, f.row])).toEqual([
      ['MATERIAL_NOT_SENT', '对照检查', 3],
      ['MATERIAL_MISSING', '对照检查', 4],
    ]);
    expect(r.findings[1]!.message).toBe('邹四雄（中层干部）未按时（2014-06-20前）提交对照检查材料，2014-06-21才提交');
  });
  it('points at the roster row when nothing was handed in, and waits for the due date', () => {
    expect(materials([], staff, c, '2014-06-19', places).findings).toEqual([]);
    const r = materials([], staff, c, '2014-06-20', places);
    expect(r.findings.map((f) => [f.code, f.sheet, f.column])).toEqual([
      ['MATERIAL_MISSING', '名册', '姓名'], ['MATERIAL_MISSING', '名册', '姓名'], ['MATERIAL_MISSING', '名册', '姓名'],
    ]);
  });
});
