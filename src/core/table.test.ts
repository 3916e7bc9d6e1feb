import { describe, expect, it } from 'vitest';
import { config } from '../../test/helpers/core.js';
import { homeVisitSheet, ledgerSheet, rosterSheet } from './columns.js';
import { InputError } from './problems.js';
import { readTable, type RawRow } from './table.js';

const c = config();
const opts = { file: '走访记录.xlsx', sheet: '家访记录' };
const rows = (...cells: (string | number | boolean | null)[][]): RawRow[] => cells.map((r, i) => ({ row: i + 1, cells: r }));

describe('readTable', () => {
  it('finds the header under a title row, in any column order, with variants and an extra column', () => {
    const r = readTable(homeVisitSheet, rows(
      ['岳阳市七中家访记录表'],
      [],
      ['备注', '学生姓名', ' 时 间 ', '教师姓名', '家访方式（上门/电话/其他）', '家访日记'],
      ['x', '刘洋', 41769, '谭　红', '上门', '√'],
      ['', '陈晨', '2014年5月11日', '李明', '电话', '否'],
    ), c, opts);
    expect(r.layout.headerRow).toBe(3);
    expect(r.rows).toEqual([
      { row: 4, invalid: [], student: '刘洋', date: '2014-05-10', teacher: '谭红', method: '上门', diary: true },
      { row: 5, invalid: [], student: '陈晨', date: '2014-05-11', teacher: '李明', method: '电话', diary: false },
    ]);
    expect(r.findings).toEqual([]);
  });

  it('reports an unreadable cell at its row and column and goes on', () => {
    const r = readTable(homeVisitSheet, rows(['日期', '教师', '学生', '家访方式'], ['5月32日', '李明', '甲', '走访']), c, opts);
    expect(r.findings.map((f) => [f.code, f.row, f.column, f.cell])).toEqual([
      ['CELL_INVALID_DATE', 2, '日期', 'A2'],
      ['CELL_NOT_IN_LIST', 2, '家访方式', 'D2'],
    ]);
    expect(r.rows[0]!.invalid).toEqual(['date', 'method']);
  });

  it('reports an empty required cell and skips blank rows', () => {
    const r = readTable(homeVisitSheet, rows(['日期', '教师', '学生'], ['2014-03-03', '', '甲'], [null, ' ', '']), c, opts);
    expect(r.findings.map((f) => [f.code, f.row, f.column])).toEqual([['CELL_REQUIRED', 2, '教师']]);
    expect(r.rows).toHaveLength(1);
  });

  it('names the missing required column and the header row', () => {
    expect(() => readTable(homeVisitSheet, rows(['标题'], ['日期', '学生', '班级']), c, opts)).toThrowError(InputError);
    try {
      readTable(homeVisitSheet, rows(['标题'], ['日期', '学生', '班级']), c, opts);
    } catch (e) {
      expect((e as InputError).message).toBe('走访记录.xlsx，工作表“家访记录”：第2行表头中缺少必填列 “教师”');
    }
  });

  it('says so when no header is in the first 10 rows', () => {
    const late = rows(...Array.from({ length: 10 }, () => ['说明']), ['日期', '教师', '学生']);
    expect(() => readTable(homeVisitSheet, late, c, opts)).toThrow(/前10行中找不到表头/);
    expect(() => readTable(homeVisitSheet, [], c, opts)).toThrow(/前10行中找不到表头/);
  });

  it('keeps long digit strings as text and reads yes/no defaults', () => {
    const r = readTable(rosterSheet, rows(['姓名', '工号', '政治面貌', '在岗'], ['谭红', '430602198001011234', '中共党员', null], ['李明', 20140001, '群众', '否']), c, { file: '党员名册.xlsx', sheet: '名册' });
    expect(r.rows.map((x) => [x.staffId, x.onDuty, x.leader])).toEqual([['430602198001011234', true, false], ['20140001', false, false]]);
  });

  it('reads deadlines as dates or plan periods, and people lists', () => {
    const r = readTable(ledgerSheet, rows(
      ['序号', '问题描述', '问题类别', '整改主体', '整改任务', '责任人', '整改标准', '整改措施', '整改时限'],
      [1, '问题', '形式主义', '学校', '任务', '谭红、邹四雄', '标准', '措施', '7月下旬'],
      [2, '问题', '四风', '学校', '任务', '谭红', '标准', '措施', 41880],
    ), c, { file: '整改台账.xlsx', sheet: '整改台账' });
    expect(r.rows[0]).toMatchObject({ seq: '1', people: ['谭红', '邹四雄'], deadline: { day: '2014-07-31', text: '7月下旬', period: true } });
    expect(r.rows[1]).toMatchObject({ seq: '2', deadline: { day: '2014-08-29', period: false }, invalid: ['category'] });
    expect(r.findings[0]!.message).toBe('“问题类别”的值“四风”不在可选范围内（形式主义、官僚主义、享乐主义、奢靡之风、师德师风）');
  });

  it('remembers tool-owned columns and never mistakes them for the clerk’s', () => {
    const r = readTable(homeVisitSheet, rows(['日期', '教师', '学生', '【自动】校验']), c, opts);
    expect([...r.layout.owned]).toEqual([['【自动】校验', 3]]);
  });
});
