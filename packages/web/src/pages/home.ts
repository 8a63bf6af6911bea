import { get } from '../api.ts';
import { h, link, replace } from '../dom.ts';
import { field, num } from '../json.ts';
import type { PageContext } from '../main.ts';

export async function renderHome(ctx: PageContext): Promise<void> {
  ctx.title('');
  const counts = h('p', { class: 'muted' });
  replace(
    ctx.main,
    h('h1', null, 'The Soviet party-state, 1932–1939'),
    h(
      'p',
      { class: 'lede' },
      'Explore the bodies of the party and the state, the people who held their offices, the events and campaigns of the terror, its numbers, and the archival files behind every fact.',
    ),
    counts,
    h(
      'ul',
      { class: 'tiles' },
      h(
        'li',
        null,
        link('/search', 'Search'),
        h('p', null, 'Find a person in any spelling, or in Cyrillic.'),
      ),
      h(
        'li',
        null,
        link('/state/1937-03-01', 'The system on a date'),
        h('p', null, 'Who held which office on any day from 1930 to 1940.'),
      ),
      h(
        'li',
        null,
        link('/timeline', 'Timeline'),
        h('p', null, 'Plenums, decrees, orders, trials and arrests.'),
      ),
      h(
        'li',
        null,
        link('/statistics', 'Statistics'),
        h('p', null, 'The tables of arrests, sentences and executions as charts.'),
      ),
      h(
        'li',
        null,
        link('/sources', 'Sources'),
        h('p', null, 'Archives, fonds, opisi and dela, with what rests on each.'),
      ),
      h(
        'li',
        null,
        link('/simulation', 'Simulation'),
        h('p', null, 'Run the model of the terror in the browser and set it against the record.'),
      ),
      h('li', null, link('/people', 'People'), h('p', null, 'Everyone in the knowledge base.')),
      h(
        'li',
        null,
        link('/institutions', 'Institutions'),
        h('p', null, 'Politburo, Central Committee, NKVD and the rest.'),
      ),
    ),
  );
  try {
    const health = await get('/health', {}, { signal: ctx.signal });
    const d = field(health, 'dataset');
    const p = num(d, 'people');
    if (p !== undefined)
      counts.textContent = `${p} people, ${num(d, 'institutions') ?? 0} institutions and ${num(d, 'events') ?? 0} events in the knowledge base.`;
  } catch {
    // The counts are a nicety; the links work without them.
  }
}
