// A tiny hyperscript helper: h('a', { href: '/x' }, 'text'). Children may be strings, numbers,
// nodes, arrays, or null/undefined/false (skipped). Attributes set to null/undefined/false are left out.

export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
      else if (k === 'class') el.className = String(v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else
      parent.appendChild(
        typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c,
      );
  }
}

/** Replaces every child of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** An internal link (the router intercepts clicks on it). */
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href }, ...children);
}

/** A table that scrolls sideways on narrow screens instead of breaking the layout. */
export function table(
  caption: string | null,
  head: string[],
  rows: Child[][],
  opts: { numeric?: number[] } = {},
) {
  const numeric = new Set(opts.numeric ?? []);
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption ?? 'table' },
    h(
      'table',
      { class: head.length >= 4 ? 'wide' : null },
      caption ? h('caption', null, caption) : null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          head.map((c, i) => h('th', { scope: 'col', class: numeric.has(i) ? 'num' : null }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            null,
            r.map((c, i) =>
              i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: numeric.has(i) ? 'num' : null }, c),
            ),
          ),
        ),
      ),
    ),
  );
}

export function badge(text: string, kind: string): HTMLSpanElement {
  return h('span', { class: `badge badge-${kind}` }, text);
}
