import { describe, expect, it } from 'vitest';
import { config } from '../../test/helpers/core.js';
import { homeVisitSheet, ledgerSheet, rosterSheet } from './columns.js';
import { InputError } from './problems.js';
import { readTable, TableReader, type RawRow } from './table.js';

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
      { row: 4, sheet: opts.sheet, invalid: [], absent: ['className', 'parentOpinion'], student: '刘洋', date: '2014-05-10', teacher: '谭红', method: '上门', diary: true },
      { row: 5, sheet: opts.sheet, invalid: [], absent: ['className', 'parentOpinion'], student: '陈晨', date: '2014-05-11', teacher: '李明', method: '电话', diary: false },
    ]);
    expect(r.findings).toEqual([]);
  });

  it('reports an unreadable cell at its row and column and goes on', () => {
    const r = readTable(homeVisitSheet, rows(['日期', '教师', '学生', '家访方式', '家访日记'], ['5月32日', '李明', '甲', '走访', '是']), c, opts);
    expect(r.findings.map((f) => [f.code, f.row, f.column, f.cell])).toEqual([
      ['CELL_INVALID_DATE', 2, '日期', 'A2'],
      ['CELL_NOT_IN_LIST', 2, '家访方式', 'D2'],
    ]);
    expect(r.rows[0]!.invalid).toEqual(['date', 'method']);
  });

  it('reports an empty required cell and skips blank rows', () => {
    const r = readTable(homeVisitSheet, rows(['日期', '教师', '学生'], ['2014-03-03', '', '甲'], [null, ' ', '']), c, opts);
    expect(r.findings.filter((f) => f.code !== 'COLUMN_ABSENT').map((f) => [f.code, f.row, f.column])).toEqual([['CELL_REQUIRED', 2, '教师']]);
    expect(r.rows).toHaveLength(1);
  });

  it('names the missing required column and the header row', () => {
    expect(() => readTable(homeVisitSheet, rows(['标题'], ['日期', '学生', '班级']), c, opts)).toThrowError(InputError);
    try {
      readTable(homeVisitSheet, rows(['标题'], ['日期', '学生', '班级']), c, opts);
    } catch (e) {
      expect((e as InputError).message).toBe('走访记录.xlsx，工作表“家访记录”：第2行表头中缺少必填列 “教师”（如表头写法不同，可在配置 headers 中对应，例如 "headers": {"家访记录": {"教师": "表中实际的列名"}}）');
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
    expect(r.findings.find((f) => f.code === 'CELL_NOT_IN_LIST')!.message).toBe('“问题类别”的值“四风”不在可选范围内（形式主义、官僚主义、享乐主义、奢靡之风、师德师风）');
  });

  it('remembers tool-owned columns and never mistakes them for the clerk’s', () => {
    const r = readTable(homeVisitSheet, rows(['日期', '教师', '学生', '【自动】校验']), c, opts);
    expect([...r.layout.owned]).toEqual([['【自动】校验', 3]]);
  });

  describe('two-level headers', () => {
    const ledgerOpts = { file: '整改台账.xlsx', sheet: '整改台账' };
    // Row 1 a merged title; row 2 the upper headers, 六落实 merged over E2:J2, the rest merged down over rows 2–3.
    const upper = ['序号', '问题描述', '问题类别', '问题来源', '六落实', null, null, null, null, null, '完成情况'];
    const lower = [null, null, null, null, '整改主体', '整改任务', '整改责任人', '整改标准', '整改措施', '整改时限', null];
    const item = [1, '会议多', '形式主义', '群众提', '办公室', '精简会议', '谭红', '减三成', '合并例会', '7月下旬', '整改中'];
    const merges = [
      { c1: 0, r1: 1, c2: 10, r2: 1 },
      { c1: 4, r1: 2, c2: 9, r2: 2 },
      ...[0, 1, 2, 3, 10].map((c) => ({ c1: c, r1: 2, c2: c, r2: 3 })),
    ];

    it('reads the columns under a merged caption; the caption is a group, never a column; data starts under the lower row', () => {
      const r = readTable(ledgerSheet, rows(['整改台账'], upper, lower, item), c, { ...ledgerOpts, merges });
      expect(r.layout).toMatchObject({ headerTop: 2, headerRow: 3, groups: [{ caption: '六落实', from: 4, to: 9 }] });
      expect(r.layout.index).toMatchObject({ seq: 0, problem: 1, subject: 4, deadline: 9, progress: 10 });
      expect(r.rows).toHaveLength(1);
      expect(r.rows[0]).toMatchObject({ row: 4, subject: '办公室', deadline: { day: '2014-07-31' }, progress: '整改中' });
      expect(r.findings).toEqual([]);
    });

    it('reads the same layout without any merge information (captions typed, not merged)', () => {
      const r = readTable(ledgerSheet, rows(['整改台账'], upper, lower, item), c, ledgerOpts);
      expect(r.layout.headerRow).toBe(3);
      expect(r.rows[0]).toMatchObject({ row: 4, subject: '办公室', task: '精简会议' });
    });

    it('never takes a caption for a column, even one that reads like a header', () => {
      // 家访情况 is no column; but a caption 日记 (a variant of 家访日记) over two columns must not become one either.
      const r = readTable(homeVisitSheet, rows(
        ['日期', '教师', '学生', '日记', null],
        [null, null, null, '家访方式', '家访日记'],
        ['2014-03-03', '李明', '甲', '电话', '是'],
      ), c, { ...opts, merges: [{ c1: 3, r1: 1, c2: 4, r2: 1 }] });
      expect(r.layout.index).toMatchObject({ method: 3, diary: 4 });
      expect(r.rows[0]).toMatchObject({ method: '电话', diary: true });
    });

    it('keeps a one-level header with a title row and a first data row as one level', () => {
      const r = readTable(homeVisitSheet, rows(['家访记录'], ['日期', '教师', '学生', '家访方式'], ['2014-03-03', '李明', '甲', '上门']), c, { ...opts, merges: [{ c1: 0, r1: 1, c2: 3, r2: 1 }] });
      expect(r.layout).toMatchObject({ headerTop: 2, headerRow: 2 });
      expect(r.rows).toHaveLength(1);
    });
  });

  describe('merged cells and the end of the table', () => {
    it('gives a cell merged down over sub-rows to each of them, and marks the value as merged', () => {
      const r = readTable(ledgerSheet, rows(
        ['序号', '问题描述', '问题类别', '整改主体', '整改任务', '整改责任人', '整改标准', '整改措施', '整改时限'],
        [1, '会议多', '形式主义', '办公室', '精简会议', '谭红', '减三成', '合并例会', '7月下旬'],
        [null, null, null, null, '压缩文件', '吴敏华', '减三成', '统一审批', '8月下旬'],
        [2, '服务差', '官僚主义', '总务处', '首问负责', '谭红', '满意', '挂牌', '9月底'],
      ), c, { file: '整改台账.xlsx', sheet: '整改台账', merges: [0, 1, 2, 3].map((col) => ({ c1: col, r1: 2, c2: col, r2: 3 })) });
      expect(r.rows.map((x) => [x.row, x.seq, x.problem, x.subject, x.task, x.merged])).toEqual([
        [2, '1', '会议多', '办公室', '精简会议', undefined],
        [3, '1', '会议多', '办公室', '压缩文件', ['seq', 'problem', 'category', 'subject']],
        [4, '2', '服务差', '总务处', '首问负责', undefined],
      ]);
      expect(r.findings.filter((f) => f.code !== 'COLUMN_ABSENT')).toEqual([]);
    });

    it('a row covered only by a merge is no record', () => {
      const r = readTable(homeVisitSheet, rows(['日期', '教师', '学生', '家访方式', '家访日记'], ['2014-03-03', '李明', '甲', '上门', '是'], [null, null, null, null, null]), c, { ...opts, merges: [{ c1: 1, r1: 2, c2: 1, r2: 3 }] });
      expect(r.rows).toHaveLength(1);
    });

    it('ends the table at a signature line or a note, says so once, and reads nothing under it', () => {
      const r = readTable(homeVisitSheet, rows(
        ['日期', '教师', '学生', '家访方式', '家访日记'],
        ['2014-03-03', '李明', '甲', '上门', '是'],
        [],
        ['填表人：邹四雄', null, '审核人：吴敏华', null, '填报日期：2014年7月10日'],
        ['注：只有上门家访计入。'],
      ), c, opts);
      expect(r.rows).toHaveLength(1);
      expect(r.findings).toEqual([]);
      expect(r.notes.map((n) => [n.code, n.row, n.message])).toEqual([['TABLE_ENDED', 4, '表格在第2行结束；第4行起（“填表人”）是表尾，未作为数据读取']]);
      expect(r.layout.endRow).toBe(4);
    });

    it('warns, never drops in silence, when rows that look like data follow the table’s end', () => {
      const r = readTable(homeVisitSheet, rows(
        ['日期', '教师', '学生', '家访方式', '家访日记'],
        ['2014-03-03', '李明', '甲', '上门', '是'],
        ['合计'],
        ['2014-03-04', '李明', '乙', '上门', '是'],
        ['2014-03-05', '李明', '丙', '上门', '是'],
      ), c, opts);
      expect(r.rows).toHaveLength(1);
      expect(r.findings.map((f) => [f.code, f.severity, f.row, f.message])).toEqual([
        ['TABLE_ROWS_AFTER_END', 'warning', 4, '表尾（第3行“合计”）之后还有2行像数据（第4行起），未计入；请把表尾移到全部数据之下'],
      ]);
    });
  });

  describe('columns that are absent, and the office’s own headers', () => {
    it('says once per sheet what an absent column means, and marks the rows', () => {
      const r = readTable(homeVisitSheet, rows(['日期', '教师', '学生'], ['2014-03-03', '李明', '甲'], ['2014-03-04', '李明', '乙']), c, opts);
      expect(r.findings.map((f) => [f.code, f.row, f.column, f.message])).toEqual([
        ['COLUMN_ABSENT', 1, '家访方式', '表中没有“家访方式”列：每条家访都按“上门”计入；如有此列但表头写法不同，可在配置 headers 中对应'],
        ['COLUMN_ABSENT', 1, '家访日记', '表中没有“家访日记”列：无法核实是否写了家访日记；如有此列但表头写法不同，可在配置 headers 中对应'],
      ]);
      expect(r.rows[0]!.absent).toEqual(['className', 'method', 'parentOpinion', 'diary']);
    });

    it('reads the common district variants without any config', () => {
      const r = readTable(ledgerSheet, rows(
        ['序号', '问题表现', '问题类别', '整改主体', '整改任务', '责任领导', '整改目标', '整改措施', '完成时限', '完成时间'],
      ), c, { file: '整改台账.xlsx', sheet: '整改台账' });
      expect(r.layout.index).toMatchObject({ problem: 1, people: 5, standard: 6, deadline: 8, doneDate: 9 });
    });

    it('maps the office’s own header text to a standard column through the config, before any built-in variant', () => {
      const head = ['序号', '问题描述', '问题类别', '整改主体', '整改任务', '牵头领导', '验收要求', '整改措施', '整改时限', '责任人'];
      expect(() => readTable(ledgerSheet, rows(head), c, { file: '整改台账.xlsx', sheet: '整改台账' })).toThrow(/缺少必填列 “整改标准”.*配置 headers/);
      const mapped = config({ headers: { 整改台账: { 整改责任人: ['牵头领导'], 整改标准: '验收要求' } } });
      const r = readTable(ledgerSheet, rows(head), mapped, { file: '整改台账.xlsx', sheet: '整改台账' });
      expect(r.layout.index).toMatchObject({ people: 5, standard: 6 });
    });
  });

  describe('merges known only after the rows', () => {
    const head = ['日期', '教师', '学生', '家访方式', '家访日记'];
    const reader = () => {
      const t = new TableReader(homeVisitSheet, c, opts);
      for (const r of rows(['家访记录'], head, ['2014-03-03', '李明', '甲', '上门', '是'], [null, null, '乙', '上门', '是'])) t.push(r);
      return t;
    };
    it('a title merge does not change the reading: the sheet is not read again', () => {
      expect(reader().mergesMatter([{ c1: 0, r1: 1, c2: 4, r2: 1 }])).toBe(false);
    });
    it('a cell merged down over data rows does: the sheet is read again with it', () => {
      expect(reader().mergesMatter([{ c1: 0, r1: 3, c2: 1, r2: 4 }])).toBe(true);
    });
  });
});
