/**
 * The few DOM helpers the page and the pane share, written for the oldest engine the pane meets
 * (EdgeHTML 18: no replaceChildren, no Blob.arrayBuffer, no <details>), so both run anywhere.
 */

/** An element with its text and class. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** Replaces the children of `parent` (Element.replaceChildren is missing in EdgeHTML). */
export function setChildren(parent: Element, ...children: (Node | string)[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  for (const c of children) parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
}

/** A file's bytes through FileReader (Blob.arrayBuffer is missing in EdgeHTML). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.readAsArrayBuffer(file);
  });
}
