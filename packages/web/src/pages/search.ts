import { get } from '../api.ts';
import { h, link, replace } from '../dom.ts';
import { list, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { errorBox, loading } from '../ui.ts';

/** Where a search hit leads. Events go to their year on the timeline (the sublabel starts with the date). */
export function resultHref(type: string, id: string, sublabel = ''): string {
  if (type === 'event') {
    const year = /^(\d{4})/.exec(sublabel)?.[1];
    return year ? `/timeline?from=${year}&to=${year}#ev-${encodeURIComponent(id)}` : '/timeline';
  }
  if (type === 'person') return `/person/${encodeURIComponent(id)}`;
  if (type === 'institution') return `/institution/${encodeURIComponent(id)}`;
  return `/search?q=${encodeURIComponent(id)}`;
}

export async function renderSearch(ctx: PageContext, q: string): Promise<void> {
  ctx.title(q ? `Search: ${q}` : 'Search');
  const heading = h('h1', null, 'Search');
  const intro = h(
    'p',
    { class: 'lede' },
    'Type a name in any spelling or system (Ezhov, Yezhov, Ežov, Jeschow) or in Cyrillic (Ежов), an institution (NKVD, Politburo) or an event.',
  );
  if (!q) {
    replace(ctx.main, heading, intro);
    return;
  }
  if (!ctx.main.querySelector('h1')) replace(ctx.main, heading, intro, loading('Searching'));
  let body: unknown;
  try {
    body = await get('/search', { q: q.slice(0, 200), limit: 30 }, { signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(ctx.main, heading, errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;
  const results = list(body, 'results');
  const status = h(
    'p',
    { role: 'status', class: 'muted' },
    results.length === 0
      ? `Nothing found for “${q}”.`
      : `${results.length === 30 ? 'The first 30' : results.length} result${results.length === 1 ? '' : 's'} for “${q}”`,
  );
  const items = results.map((r) => {
    const type = str(r, 'type', 'kind');
    const id = str(r, 'id');
    return h(
      'li',
      null,
      link(resultHref(type, id, str(r, 'sublabel')), str(r, 'label', 'name', 'title') || id),
      ' ',
      h('span', { class: `type type-${type}` }, type),
      str(r, 'sublabel', 'description')
        ? h('div', { class: 'muted small' }, str(r, 'sublabel', 'description'))
        : null,
    );
  });
  replace(ctx.main, heading, status, h('ol', { class: 'results' }, items));
}
