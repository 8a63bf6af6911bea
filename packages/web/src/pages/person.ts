import * as Plot from '@observablehq/plot';
import { get } from '../api.ts';
import { type Child, h, link, replace, table } from '../dom.ts';
import { edtfBound } from '../edtf.ts';
import { arr, field, isObj, list, num, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { errorBox, fmtDate, fmtRange, institutionLink, loading, section, sourceRef } from '../ui.ts';

/** The name to show for a person document or list item. */
export function personLabel(p: unknown): string {
  const direct = str(p, 'fullName', 'label', 'display', 'displayName');
  if (direct) return direct;
  const name = field(p, 'name');
  if (typeof name === 'string') return name;
  const text = str(name, 'text', 'book', 'en');
  const given = str(name, 'given_text', 'givenText');
  return [text, given && `(${given})`].filter(Boolean).join(' ') || str(p, 'id');
}

/** The Cyrillic full name: surname, given name, patronymic. */
export function cyrillicName(p: unknown): string {
  const name = field(p, 'name');
  const ru = field(name, 'ru') ?? field(p, 'ru', 'cyrillic');
  if (typeof ru === 'string') return ru;
  return [str(ru, 'surname'), str(ru, 'given'), str(ru, 'patronymic')].filter(Boolean).join(' ');
}

export async function renderPeople(ctx: PageContext): Promise<void> {
  ctx.title('People');
  replace(ctx.main, h('h1', null, 'People'), loading());
  try {
    const body = await get('/people', { limit: 1000 }, { signal: ctx.signal });
    const people = list(body, 'people');
    const total = num(body, 'total', 'count');
    replace(
      ctx.main,
      h('h1', null, 'People'),
      h('p', { class: 'muted' }, `${total ?? people.length} people in the knowledge base.`),
      h(
        'ul',
        { class: 'columns' },
        people.map((p) =>
          h(
            'li',
            null,
            link(`/person/${encodeURIComponent(str(p, 'id'))}`, personLabel(p)),
            cyrillicName(p) ? h('span', { class: 'muted', lang: 'ru' }, ` ${cyrillicName(p)}`) : null,
          ),
        ),
      ),
    );
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, 'People'), errorBox(err));
  }
}

/** `born`/`died` may be a date, a { date } or a list of { date, source } statements (the first is shown). */
function lifeDate(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return lifeDate(v[0]);
  return str(v, 'date');
}

async function romanizations(p: unknown, signal: AbortSignal): Promise<[string, string][]> {
  const given = field(p, 'romanizations', 'romanized');
  if (Array.isArray(given))
    return given.map((r) => [str(r, 'label', 'systemLabel', 'system'), str(r, 'result', 'text', 'value')]);
  if (isObj(given))
    return Object.entries(given).map(([k, v]) => [k, typeof v === 'string' ? v : str(v, 'result', 'text')]);
  const cyr = cyrillicName(p);
  if (!cyr) return [];
  const systems = list(await get('/translit/systems', {}, { signal }), 'systems');
  return Promise.all(
    systems.map(async (s): Promise<[string, string]> => {
      const id = typeof s === 'string' ? s : str(s, 'id', 'name');
      const label = typeof s === 'string' ? s : `${str(s, 'name', 'label', 'title', 'id')} (${id})`;
      const r = await get('/translit/romanize', { text: cyr, system: id }, { signal });
      return [label, str(r, 'result', 'text')];
    }),
  );
}

export async function renderPerson(ctx: PageContext, id: string): Promise<void> {
  ctx.title(id);
  replace(ctx.main, loading());
  let p: unknown;
  try {
    p = await get(`/people/${encodeURIComponent(id)}`, {}, { signal: ctx.signal });
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, 'Person'), errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;
  const person = field(p, 'person') ?? p;
  const label = personLabel(person);
  ctx.title(label);
  const cyr = cyrillicName(person);
  const names = h('div', { class: 'names' }, loading('Romanizing'));
  const record = field(person, 'record') ?? person;
  const born = lifeDate(field(record, 'born'));
  const died = lifeDate(field(record, 'died'));
  const roles = arr(record, 'roles').filter((r): r is string => typeof r === 'string');

  replace(
    ctx.main,
    h('h1', null, label),
    cyr ? h('p', { class: 'cyrillic', lang: 'ru' }, cyr) : null,
    h(
      'p',
      { class: 'lede' },
      [
        born || died ? `${fmtDate(born)} – ${died ? fmtDate(died) : '?'}` : null,
        roles.length ? roles.join('; ') : null,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    section('Names', names),
    fateSection(person),
    officesSection(person),
    eventsSection(person, id),
    sourcesSection(person),
  );

  try {
    const rows = await romanizations(person, ctx.signal);
    const variants = arr(record, 'variants', 'aliases');
    // Many systems agree on a name: one row per distinct form, with the systems that give it.
    const bySpelling = new Map<string, string[]>();
    for (const [sys, text] of rows) if (text) bySpelling.set(text, [...(bySpelling.get(text) ?? []), sys]);
    replace(
      names,
      table(
        `Romanizations of the Cyrillic name in ${rows.length} systems`,
        ['Form', 'Systems'],
        [
          [h('span', { lang: 'ru' }, cyr), 'Cyrillic'],
          ...[...bySpelling].map(([text, systems]): Child[] => [text, systems.join('; ')]),
        ],
      ),
      variants.length
        ? h(
            'p',
            null,
            'Other names: ',
            variants.map((v, i) => [
              i ? '; ' : '',
              typeof v === 'string' ? v : str(v, 'name', 'text'),
              str(v, 'ru') ? h('span', { lang: 'ru' }, ` (${str(v, 'ru')})`) : null,
              str(v, 'kind') ? h('span', { class: 'muted' }, ` ${str(v, 'kind')}`) : null,
            ]),
          )
        : null,
    );
  } catch (err) {
    if (!ctx.signal.aborted) replace(names, errorBox(err));
  }
}

function fateSection(p: unknown): Child {
  const fate = arr(p, 'fate');
  if (fate.length === 0)
    return section('Fate', h('p', { class: 'muted' }, 'The sources used here state no fate.'));
  return section(
    'Fate',
    h(
      'ul',
      { class: 'fate' },
      fate.map((f) =>
        h(
          'li',
          null,
          h('strong', null, str(f, 'kind')),
          str(f, 'date') ? ` ${fmtDate(str(f, 'date'))}` : '',
          str(f, 'note') ? ` — ${str(f, 'note')}` : '',
          ' ',
          sourcesInline(f),
        ),
      ),
    ),
  );
}

function sourcesInline(o: unknown): Child {
  const s = field(o, 'source');
  const many = arr(o, 'sources');
  const all = s !== undefined ? [s, ...many] : many;
  if (all.length === 0) return null;
  return h(
    'span',
    { class: 'cite-inline' },
    '[',
    all.map((x, i) => [i ? '; ' : '', sourceRef(x)]),
    ']',
  );
}

interface Tenure {
  institution: string;
  institutionLabel: string;
  office: string;
  from: string;
  to: string;
  src: unknown;
}

function tenures(p: unknown): Tenure[] {
  return arr(p, 'tenures', 'offices').map((t) => {
    const inst = field(t, 'institution');
    const instId =
      typeof inst === 'string' ? inst : str(inst, 'id') || str(t, 'institutionId', 'institution_id');
    return {
      institution: instId,
      institutionLabel:
        str(t, 'institutionLabel', 'institution_label', 'institutionName', 'institution_name') ||
        String(arr(inst, 'abbr')[0] ?? '') ||
        str(inst, 'label', 'abbr', 'name') ||
        instId,
      office: str(t, 'office', 'role'),
      from: str(t, 'from', 'start'),
      to: str(t, 'to', 'end'),
      src: t,
    };
  });
}

function officesSection(p: unknown): Child {
  const ts = tenures(p);
  if (ts.length === 0) return section('Offices', h('p', { class: 'muted' }, 'No offices recorded.'));
  const lastDay = new Date(Date.UTC(1940, 11, 31));
  const bars = ts
    .map((t) => ({
      label: `${t.institutionLabel} — ${t.office}`,
      start: edtfBound(t.from),
      end: t.to === '..' ? lastDay : (edtfBound(t.to, true) ?? edtfBound(t.from, true)),
    }))
    .filter(
      (b): b is { label: string; start: Date; end: Date } => b.start !== undefined && b.end !== undefined,
    );
  let chart: Child = null;
  if (bars.length > 0) {
    const MAX = 42;
    const cut = (t: string) => (t.length > MAX ? `${t.slice(0, MAX - 1)}…` : t);
    const longest = Math.max(...bars.map((b) => cut(b.label).length));
    const fig = Plot.plot({
      marginLeft: 12 + longest * 6.2,
      height: 40 + bars.length * 28,
      x: { type: 'utc', label: null, grid: true },
      y: { label: null, domain: bars.map((b) => b.label), tickFormat: cut },
      marks: [
        Plot.barX(bars, {
          x1: 'start',
          x2: 'end',
          y: 'label',
          fill: '#2f6fb0',
          title: 'label',
          insetTop: 4,
          insetBottom: 4,
        }),
      ],
    });
    fig.setAttribute('aria-hidden', 'true');
    chart = h(
      'figure',
      { class: 'chart' },
      fig,
      h('figcaption', null, 'Offices over time; the table below lists them.'),
    );
  }
  return section(
    'Offices',
    chart,
    table(
      null,
      ['Institution', 'Office', 'Held', 'Source'],
      ts.map((t) => [
        institutionLink(t.institution, t.institutionLabel),
        t.office,
        fmtRange(t.from, t.to),
        sourcesInline(t.src),
      ]),
    ),
  );
}

function eventsSection(p: unknown, id: string): Child {
  const events = arr(p, 'events');
  return section(
    'Events',
    events.length === 0
      ? h('p', { class: 'muted' }, 'No events recorded.')
      : h(
          'ul',
          { class: 'events' },
          events.map((e) =>
            h(
              'li',
              null,
              h('span', { class: 'date' }, fmtDate(str(e, 'date'))),
              ' ',
              h('span', { class: 'type' }, str(e, 'kind')),
              ' ',
              str(e, 'title', 'label'),
            ),
          ),
        ),
    h('p', null, link(`/timeline?person=${encodeURIComponent(id)}`, 'These events on the timeline')),
  );
}

function sourcesSection(p: unknown): Child {
  const sources = arr(p, 'citations').length ? arr(p, 'citations') : arr(p, 'sources');
  if (sources.length === 0) return null;
  return section(
    'Sources',
    h(
      'ul',
      { class: 'sources' },
      sources.map((s) => h('li', null, sourceRef(s))),
    ),
  );
}
