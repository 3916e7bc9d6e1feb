/**
 * What a clerk needs to read a page, measured in the browser: every visible text at WCAG AA
 * contrast against what is behind it (4.5:1; 3:1 for large text), and no text under 14 px.
 */
import type { Page } from 'playwright-core';

export interface TextProblem {
  text: string;
  ratio: number;
  size: number;
  color: string;
  background: string;
}

// Runs in the page, given as text: these helpers are type-checked without the DOM's types.
const MEASURE = `(min) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p[3] ?? 1];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent ?? '').trim();
    const el = n.parentElement;
    if (!text || !el) continue;
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility === 'hidden' || el.closest('[hidden]') || style.display === 'none') continue;
    const bg = backgroundOf(el);
    const fg = over(parse(style.color), bg);
    const [a, b] = [lum(fg), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5) || size < min) out.push({ text: text.slice(0, 40), ratio: Math.round(ratio * 100) / 100, size, color: style.color, background: 'rgb(' + bg.slice(0, 3).join(',') + ')' });
  }
  return out;
}`;

/** The visible texts that fail AA contrast or are smaller than `minPx`. */
export async function readabilityProblems(page: Page, minPx = 14): Promise<TextProblem[]> {
  return page.evaluate(`(${MEASURE})(${minPx})`) as Promise<TextProblem[]>;
}
