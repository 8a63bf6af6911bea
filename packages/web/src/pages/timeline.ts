import * as Plot from '@observablehq/plot';
import { get } from '../api.ts';
import { type Child, h, replace } from '../dom.ts';
import { edtfBound, edtfYear } from '../edtf.ts';
import { arr, field, list, num, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { href, type TimelineFilters } from '../routes.ts';
import { errorBox, fmtDate, institutionLink, loading, personLink, sourceRef } from '../ui.ts';
import { institutionLabel } from './institution.ts';
import { personLabel } from './person.ts';

export const EVENT_KINDS = [
  'plenum',
  'congress',
  'conference',
  'decree',
  'order',
  'resolution',
  'trial',
  'arrest',
  'execution',
  'campaign-start',
  'campaign-end',
  'appointment',
  'dismissal',
  'death',
  'assassination',
  'letter',
  'speech',
  'other',
];

const PAGE = 500;

let form: HTMLFormElement | undefined;
/** id → label, for events that name their participants and bodies by id. */
const personNames = new Map<string, string>();
const institutionNames = new Map<string, string>();

async function buildForm(ctx: PageContext, f: TimelineFilters): Promise<HTMLFormElement> {
  const [people, insts] = await Promise.all([
    get('/people', { limit: 1000 }, { signal: ctx.signal })
      .then((b) => list(b, 'people'))
      .catch(() => []),
    get('/institutions', {}, { signal: ctx.signal })
      .then((b) => list(b, 'institutions'))
      .catch(() => []),
  ]);
  for (const p of people) personNames.set(str(p, 'id'), personLabel(p));
  for (const i of insts) institutionNames.set(str(i, 'id'), institutionLabel(i));
  const select = (name: string, label: string, options: [string, string][], value: string | undefined) =>
    h(
      'div',
      null,
      h('label', { for: `tl-${name}` }, label),
      h(
        'select',
        { id: `tl-${name}`, name },
        h('option', { value: '' }, 'any'),
        options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)),
      ),
    );
  const year = (name: 'from' | 'to', label: string) =>
    h(
      'div',
      null,
      h('label', { for: `tl-${name}` }, label),
      h('input', {
        id: `tl-${name}`,
        name,
        type: 'number',
        min: 1917,
        max: 1941,
        inputmode: 'numeric',
        value: f[name] ?? '',
        placeholder: name === 'from' ? '1930' : '1940',
      }),
    );
  const el = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter events' },
    select(
      'kind',
      'Kind',
      EVENT_KINDS.map((k) => [k, k]),
      f.kind,
    ),
    select(
      'person',
      'Person',
      people
        .map((p): [string, string] => [str(p, 'id'), personLabel(p)])
        .sort((a, b) => a[1].localeCompare(b[1])),
      f.person,
    ),
    select(
      'institution',
      'Institution',
      insts
        .map((i): [string, string] => [str(i, 'id'), institutionLabel(i)])
        .sort((a, b) => a[1].localeCompare(b[1])),
      f.institution,
    ),
    year('from', 'From year'),
    year('to', 'To year'),
    h(
      'div',
      { class: 'filter-actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('a', { href: '/timeline' }, 'Clear'),
    ),
  );
  const apply = () => {
    const data = new FormData(el);
    const next: TimelineFilters = {};
    for (const k of ['kind', 'person', 'institution', 'from', 'to'] as const) {
      const v = String(data.get(k) ?? '').trim();
      if (v) next[k] = v;
    }
    ctx.navigate(href({ page: 'timeline', filters: next }), { replace: true });
  };
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  for (const s of el.querySelectorAll('select')) s.addEventListener('change', apply);
  return el;
}

export async function renderTimeline(ctx: PageContext, f: TimelineFilters): Promise<void> {
  ctx.title('Timeline');
  const results = h('div', { class: 'timeline-results' }, loading());
  if (!form || !ctx.main.contains(form)) {
    replace(ctx.main, h('h1', null, 'Timeline'), loading());
    form = await buildForm(ctx, f);
    if (ctx.signal.aborted) return;
    replace(ctx.main, h('h1', null, 'Timeline'), form, results);
  } else {
    ctx.main.querySelector('.timeline-results')?.replaceWith(results);
  }
  const params = {
    kind: f.kind,
    person: f.person,
    institution: f.institution,
    from: f.from,
    to: f.to,
    limit: PAGE,
  };
  let body: unknown;
  try {
    body = await get('/events', params, { signal: ctx.signal });
  } catch (err) {
    if (!ctx.signal.aborted) replace(results, errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;
  const events = list(body, 'events');
  const total = num(body, 'total', 'count') ?? events.length;
  const byYear = new Map<string, unknown[]>();
  for (const e of events) {
    const y = String(edtfYear(str(e, 'date', 'from')) ?? 'undated');
    byYear.set(y, [...(byYear.get(y) ?? []), e]);
  }
  const points = events
    .map((e) => ({
      date: edtfBound(str(e, 'date', 'from')),
      kind: str(e, 'kind'),
      title: str(e, 'title', 'label'),
    }))
    .filter((p): p is { date: Date; kind: string; title: string } => p.date !== undefined);
  let chart: Child = null;
  if (points.length > 1) {
    const fig = Plot.plot({
      height: 60 + new Set(points.map((p) => p.kind)).size * 20,
      marginLeft: 110,
      x: { type: 'utc', label: null, grid: true },
      y: { label: null },
      marks: [Plot.dot(points, { x: 'date', y: 'kind', fill: '#2f6fb0', r: 3.5, title: 'title' })],
    });
    fig.setAttribute('aria-hidden', 'true');
    chart = h(
      'figure',
      { class: 'chart' },
      fig,
      h('figcaption', null, 'Events by date and kind; the list below has each one.'),
    );
  }
  replace(
    results,
    h(
      'p',
      { role: 'status', class: 'muted' },
      `${total} event${total === 1 ? '' : 's'}${total > events.length ? ` (showing the first ${events.length})` : ''}.`,
    ),
    chart,
    [...byYear].map(([year, items]) =>
      h(
        'section',
        { 'aria-labelledby': `y-${year}` },
        h('h2', { id: `y-${year}` }, year),
        h('ol', { class: 'events' }, items.map(eventItem)),
      ),
    ),
  );
}

function eventItem(e: unknown): HTMLElement {
  const people = arr(e, 'participants', 'people', 'persons');
  const insts = arr(e, 'institutions');
  const ref = (x: unknown, kind: 'person' | 'institution') => {
    const id = typeof x === 'string' ? x : str(x, 'id');
    const names = kind === 'person' ? personNames : institutionNames;
    const label =
      typeof x === 'string' ? (names.get(x) ?? x) : kind === 'person' ? personLabel(x) : institutionLabel(x);
    return kind === 'person' ? personLink(id, label) : institutionLink(id, label);
  };
  const srcs = [field(e, 'source'), ...arr(e, 'sources')].filter((x) => x !== undefined);
  return h(
    'li',
    { id: `ev-${str(e, 'id')}` },
    h('span', { class: 'date' }, fmtDate(str(e, 'date', 'from'))),
    ' ',
    h('span', { class: 'type' }, str(e, 'kind')),
    ' ',
    h('strong', null, str(e, 'title', 'label')),
    people.length
      ? h(
          'div',
          { class: 'small' },
          'People: ',
          people.map((p, i) => [i ? ', ' : '', ref(p, 'person')]),
        )
      : null,
    insts.length
      ? h(
          'div',
          { class: 'small' },
          'Bodies: ',
          insts.map((p, i) => [i ? ', ' : '', ref(p, 'institution')]),
        )
      : null,
    arr(e, 'documents').length
      ? h('div', { class: 'small' }, 'Documents: ', arr(e, 'documents').map(String).join('; '))
      : null,
    srcs.length
      ? h(
          'div',
          { class: 'small muted' },
          'Source: ',
          srcs.map((x, i) => [i ? '; ' : '', sourceRef(x)]),
        )
      : null,
  );
}
