/**
 * The findings view in the DOM, the same in the page and the pane: a bar (按问题 / 按人员, 全部 /
 * 只看错误, a search box, and where the host gives one, 本工作簿 / 全部工作簿), the sentence of what the
 * list covers, the list of one page, and the pager. Every control is a button or an input, so it
 * all works from the keyboard; a finding with a cell the host can go to is a button, any other is
 * plain text. Written for the oldest webview the pane meets (see ./dom.ts).
 */
import { SEVERITY_WORDS } from '../core/words.js';
import type { Finding } from '../core/findings.js';
import { el, setChildren } from './dom.js';
import { buildView, viewSummary, type Line, type ViewInput, type ViewState } from './model.js';

export interface FindingsOptions {
  /** Goes to a finding's cell; findings it cannot go to are shown as plain text. */
  onSelect?: (f: Finding) => void;
  canSelect?: (f: Finding) => boolean;
  /** Choices of what the list covers (the pane: this workbook or all), the first chosen at start. */
  scopes?: { label: string; what: string; test: NonNullable<ViewState['scope']> }[];
  /** Lines per page. */
  pageSize?: number;
}

export interface FindingsView {
  show(input: ViewInput): void;
  /** The sentence over the list, as shown (for tests and the tally). */
  summary(): string;
}

const SEVERITY_WORD = SEVERITY_WORDS.zh;

export function mountFindings(root: HTMLElement, options: FindingsOptions = {}): FindingsView {
  let input: ViewInput = { report: { findings: [] }, people: [] };
  let scopeIndex = 0;
  const state: ViewState & { opened: Set<string>; closed: Set<string> } = { mode: 'problems', errorsOnly: false, query: '', opened: new Set(), closed: new Set(), page: 0 };

  const bar = el('div', undefined, 'fv-bar');
  const toggle = (labels: string[], current: () => number, choose: (i: number) => void, name: string) => {
    const box = el('div', undefined, 'fv-toggle');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', name);
    const buttons = labels.map((label, i) => {
      const b = el('button', label);
      b.type = 'button';
      b.addEventListener('click', () => {
        choose(i);
        state.page = 0;
        mark();
        draw();
      });
      return b;
    });
    const mark = () => buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(i === current())));
    mark();
    for (const b of buttons) box.appendChild(b);
    return { box, mark };
  };
  const modes = toggle(['按问题', '按人员'], () => (state.mode === 'people' ? 1 : 0), (i) => (state.mode = i ? 'people' : 'problems'), '怎样列出');
  const filter = toggle(['全部', '只看错误'], () => (state.errorsOnly ? 1 : 0), (i) => (state.errorsOnly = i === 1), '列出哪些');
  bar.appendChild(modes.box);
  bar.appendChild(filter.box);
  // a person's duties span the workbooks: the 按人员 view is the whole check's, and says so
  const scopes = options.scopes && options.scopes.length > 1 ? toggle(options.scopes.map((s) => s.label), () => scopeIndex, (i) => (scopeIndex = i), '范围').box : undefined;
  if (scopes) bar.appendChild(scopes);
  const search = el('input');
  search.type = 'search';
  search.placeholder = '按姓名或文字查找';
  search.setAttribute('aria-label', '按姓名或文字查找');
  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.query = search.value.trim();
      state.page = 0;
      draw();
    }, 150);
  });
  bar.appendChild(search);

  const said = el('p', undefined, 'fv-summary');
  said.setAttribute('aria-live', 'polite');
  const list = el('ul', undefined, 'fv-list');
  const pager = el('div', undefined, 'fv-pager');
  setChildren(root, bar, said, list, pager);

  const line = (l: Line): HTMLElement => {
    const li = el('li', undefined, `fv-${l.type}`);
    if (l.type === 'group') {
      const b = el('button', undefined, 'fv-group-head');
      b.type = 'button';
      b.setAttribute('aria-expanded', String(!l.closed));
      b.appendChild(el('span', `${l.closed ? '▸' : '▾'} ${l.title}`, 'fv-title'));
      b.appendChild(el('span', `错误 ${l.errors} 条，提醒 ${l.warnings} 条`, 'fv-count'));
      b.addEventListener('click', () => {
        if (state.closed.has(l.key)) state.closed.delete(l.key);
        else state.closed.add(l.key);
        draw();
      });
      li.appendChild(b);
    } else if (l.type === 'fold') {
      li.className += ` ${l.severity}`;
      const b = el('button', `${l.open ? '▾' : '▸'} ${SEVERITY_WORD[l.severity]}：${l.label}`, 'fv-fold-head');
      b.type = 'button';
      b.setAttribute('aria-expanded', String(l.open));
      b.addEventListener('click', () => {
        if (state.opened.has(l.key)) state.opened.delete(l.key);
        else state.opened.add(l.key);
        draw();
      });
      li.appendChild(b);
    } else if (l.type === 'finding') {
      const f = l.finding;
      li.className += ` ${f.severity}${l.folded ? ' fv-inner' : ''}`;
      const can = !!options.onSelect && (options.canSelect?.(f) ?? !!f.cell);
      const body = can ? el('button', undefined, 'fv-go') : el('div', undefined, 'fv-text');
      if (body instanceof HTMLButtonElement) {
        body.type = 'button';
        body.title = `转到 ${f.sheet ?? ''} ${f.cell ?? ''}`;
        body.addEventListener('click', () => options.onSelect!(f));
      }
      body.appendChild(el('span', SEVERITY_WORD[f.severity], `fv-badge ${f.severity}`));
      if (l.where) body.appendChild(el('span', l.where, 'fv-where fv-at'));
      body.appendChild(el('span', f.message, 'fv-message'));
      li.appendChild(body);
    } else {
      const p = l.person;
      li.className += l.late ? ' error' : ' warning';
      const head = el('div', undefined, 'fv-person-head');
      head.appendChild(el('strong', p.name));
      if (p.about) head.appendChild(el('span', p.about, 'fv-where'));
      head.appendChild(el('span', `${p.owed.length} 项`, 'fv-count'));
      li.appendChild(head);
      const items = el('ul', undefined, 'fv-owed');
      for (const o of p.owed) items.appendChild(el('li', o.pace ? `${o.text}，${o.pace}` : o.text, o.late ? 'late' : 'open'));
      li.appendChild(items);
    }
    return li;
  };

  const draw = (): void => {
    const scope = state.mode === 'people' ? undefined : options.scopes?.[scopeIndex];
    if (scopes) scopes.hidden = state.mode === 'people';
    const view = buildView(input, { ...state, ...(scope ? { scope: scope.test } : {}) }, options.pageSize);
    said.textContent = viewSummary(view, state, scope?.what);
    if (view.lines.length === 0) setChildren(list, el('li', view.total === 0 ? (state.mode === 'people' ? '没有人还欠着事项。' : '未发现问题。') : '没有符合条件的。', 'fv-none'));
    else setChildren(list, ...view.lines.map(line));
    const buttons: HTMLElement[] = [];
    if (view.pages > 1) {
      const go = (label: string, to: number, enabled: boolean) => {
        const b = el('button', label);
        b.type = 'button';
        b.disabled = !enabled;
        b.addEventListener('click', () => {
          state.page = to;
          draw();
          list.scrollIntoView?.();
        });
        return b;
      };
      buttons.push(go('上一页', view.page - 1, view.page > 0), el('span', `第 ${view.page + 1} / ${view.pages} 页`, 'fv-count'), go('下一页', view.page + 1, view.page < view.pages - 1));
    }
    setChildren(pager, ...buttons);
  };

  return {
    show(next: ViewInput): void {
      input = next;
      state.page = 0;
      draw();
    },
    summary: () => said.textContent ?? '',
  };
}
