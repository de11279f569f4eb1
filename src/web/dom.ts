// A tiny element builder: h('button', { class: 'x', onclick: f }, 'text'). No inline styles (the CSP forbids them).

/** An attribute value: text, a number, a flag (true sets it, false/undefined leaves it out), or an event listener. */
export type AttrValue = string | number | boolean | undefined | null | ((event: never) => void);
/** A child: an element, text, or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Create an element with attributes (`on…` keys add listeners, `class` sets the class) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Append children (nested arrays flattened, empty ones skipped) to an element. */
export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** A section with a heading (h3) and content. */
export function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h3', {}, title), ...children);
}

/** A definition list from label/value pairs; pairs whose value is undefined are left out. */
export function definitions(pairs: [string, Child | Child[] | undefined][]): HTMLDListElement {
  const dl = h('dl', { class: 'facts' });
  for (const [label, value] of pairs) {
    if (value === undefined) continue;
    dl.append(h('dt', {}, label), h('dd', {}, ...(Array.isArray(value) ? value : [value])));
  }
  return dl;
}

/** A table from a header row and body rows (cells are text or nodes); numeric columns get the 'num' class. */
export function table(head: string[], rows: Child[][], numeric: (column: number) => boolean = () => false, caption?: string): HTMLElement {
  const t = h('table', {}, caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, head.map((c, k) => h('th', { scope: 'col', class: numeric(k) ? 'num' : undefined }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, k) => h('td', { class: numeric(k) ? 'num' : undefined }, c))))),
  );
  return h('div', { class: 'table-scroll' }, t);
}
