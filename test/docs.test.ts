/** The project's own documentation of the workbook formats is written from the column tables: it must not drift. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC, withFormats } from '../scripts/docs.js';

describe('docs/工作簿格式与检查规则.md', () => {
  it('describes every column as the column tables do, and every code as the catalogues do (regenerate with `npx tsx scripts/docs.ts`)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(doc).toBe(withFormats(doc));
    expect(doc).toContain('| 整改责任人 | 责任人、整改责任、责任领导、责任人员、具体责任人 | 是 |');
    // and every code a report or an error can carry, with what it means
    expect(doc).toContain('| `LEDGER_OVERDUE` | 错误 |');
    expect(doc).toContain('| `ROSTER_EMPTY` | 无法运行（退出码 2） | 名册为空 |');
  });
});
