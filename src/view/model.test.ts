import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../core/findings.js';
import { buildView, fixedInOf, FOLD_AFTER, viewSummary, type ViewState } from './model.js';

const state = (extra: Partial<ViewState> = {}): ViewState => ({ mode: 'problems', errorsOnly: false, query: '', opened: new Set(), closed: new Set(), page: 0, ...extra });
const visits = { file: '走访记录.xlsx', sheet: '家访记录' };
const noDiary = (row: number, teacher: string) => finding('VISIT_NO_DIARY', { ...visits, row, column: '家访日记', cell: `G${row}` }, { teacher, student: `学生${row}` });

const findings: Finding[] = [
  finding('VISIT_UNDER_QUOTA', { file: '党员名册.xlsx', sheet: '名册', row: 23, column: '姓名', cell: 'A23' }, { teacher: '马建华', role: '班主任', counted: 18, quota: 20, missing: 2 }),
  finding('ROSTER_BRANCH_MISSING', { file: '党员名册.xlsx', sheet: '名册', row: 9, column: '党支部' }, { name: '张三', status: '中共党员' }),
  ...Array.from({ length: 85 }, (_, i) => noDiary(3 + i, i % 2 ? '李永强' : '马建华')),
  finding('VISIT_DUPLICATE', { ...visits, row: 40, column: '学生' }, { teacher: '李永强', student: '周佳宇', date: '2014-03-01', firstRow: 12 }),
  finding('LEDGER_OVERDUE', { file: '整改台账.xlsx', sheet: '整改台账', row: 5, column: '整改时限', cell: 'J5' }, { item: '3号', days: 15, deadline: '7月下旬', people: '陈志刚、罗志强' }),
  finding('LEDGER_DUE_SOON', { file: '整改台账.xlsx', sheet: '整改台账', row: 4, column: '整改时限', cell: 'J4' }, { item: '2号', days: 3, deadline: '8月18日', people: '谭红' }),
  finding('LEDGER_ELEMENT_MISSING', { file: '整改台账.xlsx', sheet: '整改台账', row: 10, column: '整改标准', cell: 'H10' }, { item: '8号', element: '整改标准' }),
];
const input = { report: { findings }, people: [], fixedIn: fixedInOf({ homeVisits: [visits, { file: '走访记录.xlsx', sheet: '家访记录（高二）' }] }) };

describe('the findings view', () => {
  it('groups where the clerk fixes them, most errors first, errors before reminders, many of a kind folded', () => {
    const view = buildView(input, state());
    expect(view.lines.map((l) => (l.type === 'group' ? `# ${l.title} ${l.errors}/${l.warnings}` : l.type === 'fold' ? `+ ${l.label}` : l.type === 'finding' ? `- ${l.finding.code} ${l.where}` : ''))).toEqual([
      '# 整改台账.xlsx › 整改台账 2/1',
      '- LEDGER_OVERDUE 第5行 整改时限(J列)',
      '- LEDGER_ELEMENT_MISSING 第10行 整改标准(H列)',
      '- LEDGER_DUE_SOON 第4行 整改时限(J列)',
      '# 党员名册.xlsx › 名册 1/0',
      '- ROSTER_BRANCH_MISSING 第9行 党支部',
      '# 走访记录.xlsx › 家访记录 1/86',
      '- VISIT_UNDER_QUOTA 第23行 姓名(A列)',
      '+ 未写家访日记 85 条',
      '- VISIT_DUPLICATE 第40行 学生',
    ]);
    expect([view.total, view.errors, view.warnings]).toEqual([91, 4, 87]);
    expect(viewSummary(view, state())).toBe('当前检查：共 91 条（错误 4 条，提醒 87 条）');
  });

  it('opens a folded line into its findings, and pages what is longer than a page', () => {
    const key = buildView(input, state()).lines.find((l) => l.type === 'fold')!.key;
    const open = buildView(input, state({ opened: new Set([key]) }), 50);
    expect(open.pages).toBe(2);
    expect(open.lines).toHaveLength(50);
    const second = buildView(input, state({ opened: new Set([key]), page: 1 }), 50);
    expect(second.lines.filter((l) => l.type === 'finding' && l.folded)).toHaveLength(85 - (50 - 9));
    expect(viewSummary(second, state({ page: 1 }))).toBe('当前检查：共 91 条（错误 4 条，提醒 87 条），分 2 页，这是第 2 页');
  });

  it('只看错误 leaves the reminders out; a search finds a person in every group, unfolded', () => {
    const errors = buildView(input, state({ errorsOnly: true }));
    expect(errors.lines.filter((l) => l.type === 'finding').map((l) => l.type === 'finding' && l.finding.code)).toEqual(['LEDGER_OVERDUE', 'LEDGER_ELEMENT_MISSING', 'ROSTER_BRANCH_MISSING', 'VISIT_UNDER_QUOTA']);
    const ma = buildView(input, state({ query: ' 马建 华' }));
    const found = ma.lines.filter((l) => l.type === 'finding');
    expect(found).toHaveLength(1 + Math.ceil(85 / 2));
    expect(ma.lines.some((l) => l.type === 'fold')).toBe(false);
    expect(viewSummary(ma, state({ query: '马建华' }))).toBe(`当前检查：共 91 条（错误 4 条，提醒 87 条），符合条件的 ${found.length} 条`);
    expect(buildView(input, state({ query: '罗志强' })).matching).toBe(1);
  });

  it('a closed group keeps its head line and counts', () => {
    const closed = buildView(input, state({ closed: new Set(['走访记录.xlsx\u0000家访记录']) }));
    expect(closed.lines.at(-1)).toMatchObject({ type: 'group', title: '走访记录.xlsx › 家访记录', closed: true });
    expect(FOLD_AFTER).toBeLessThan(85);
  });

  it('按人员 with 只看错误: the people with something late, and only what is late of each', () => {
    const people = [
      { name: '李建国', about: '校长', owed: [{ kind: '整改' as const, text: '整改事项3号已逾期', late: true }, { kind: '整改' as const, text: '整改事项5号即将到期（还剩5天）', late: false }] },
      { name: '谭红', about: '教师', owed: [{ kind: '心得体会' as const, text: '心得体会未交', late: false }] },
    ];
    const all = buildView({ ...input, people }, state({ mode: 'people' }));
    expect(all.lines.map((l) => l.type === 'person' && [l.person.name, l.person.owed.length])).toEqual([['李建国', 2], ['谭红', 1]]);
    const late = buildView({ ...input, people }, state({ mode: 'people', errorsOnly: true }));
    expect(late.lines.map((l) => l.type === 'person' && [l.person.name, l.person.owed.map((o) => o.text)])).toEqual([['李建国', ['整改事项3号已逾期']]]);
  });
});
