import { get } from '../api.ts';
import { type Child, h, replace, table } from '../dom.ts';
import { arr, field, list, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { dateToDay, dayToDate, isIsoDate, MAX_DATE, MIN_DATE } from '../routes.ts';
import { errorBox, fmtDate, institutionLink, loading, personLink, statusBadge } from '../ui.ts';

const KIND_ORDER = ['party', 'state', 'police', 'judicial', 'extrajudicial', 'social', 'international'];
const KIND_LABEL: Record<string, string> = {
  party: 'Party',
  state: 'State',
  police: 'Police',
  judicial: 'Courts and procuracy',
  extrajudicial: 'Extrajudicial bodies',
  social: 'Social organizations',
  international: 'International',
};

/** The controls stay in place while the date changes, so that focus and the slider's drag survive. */
let controls:
  | {
      root: HTMLElement;
      date: HTMLInputElement;
      slider: HTMLInputElement;
      out: HTMLElement;
      filter: HTMLInputElement;
    }
  | undefined;

/** Hides the cards whose name does not contain the filter text (case- and accent-insensitive). */
function applyFilter(main: HTMLElement, text: string): void {
  const fold = (t: string) => t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(text.trim());
  for (const card of main.querySelectorAll<HTMLElement>('article.card')) {
    card.hidden = q !== '' && !fold(card.querySelector('h3')?.textContent ?? '').includes(q);
  }
  for (const group of main.querySelectorAll<HTMLElement>('.kind-group')) {
    group.hidden = group.querySelector('article.card:not([hidden])') === null;
  }
}

function getControls(ctx: PageContext): NonNullable<typeof controls> {
  if (controls && ctx.main.contains(controls.root)) return controls;
  const date = h('input', {
    type: 'date',
    id: 'state-date',
    name: 'date',
    min: MIN_DATE,
    max: MAX_DATE,
    required: true,
  });
  const slider = h('input', {
    type: 'range',
    id: 'state-slider',
    min: 0,
    max: dateToDay(MAX_DATE),
    step: 1,
    'aria-describedby': 'state-slider-value',
  });
  const out = h('output', { id: 'state-slider-value', for: 'state-slider' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const go = (d: string, delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (isIsoDate(d) && d >= MIN_DATE && d <= MAX_DATE) ctx.navigate(`/state/${d}`, { replace: true });
    }, delay);
  };
  date.addEventListener('change', () => go(date.value, 0));
  slider.addEventListener('input', () => {
    const d = dayToDate(Number(slider.value));
    date.value = d;
    out.textContent = fmtDate(d);
    go(d, 200);
  });
  const root = h(
    'form',
    { class: 'date-controls', onsubmit: ((e: Event) => e.preventDefault()) as EventListener },
    h('div', null, h('label', { for: 'state-date' }, 'Date'), date),
    h(
      'div',
      { class: 'slider' },
      h('label', { for: 'state-slider' }, 'Slide from 1930 to 1940'),
      slider,
      out,
    ),
  );
  const filter = h('input', {
    type: 'search',
    id: 'state-filter',
    autocomplete: 'off',
    placeholder: 'NKVD, Politburo, Leningrad…',
  });
  filter.addEventListener('input', () => applyFilter(ctx.main, filter.value));
  root.append(
    h('div', { class: 'slider' }, h('label', { for: 'state-filter' }, 'Show only bodies named'), filter),
  );
  controls = { root, date, slider, out, filter };
  return controls;
}

export async function renderState(ctx: PageContext, date: string): Promise<void> {
  ctx.title(`The system on ${fmtDate(date)}`);
  const c = getControls(ctx);
  if (document.activeElement !== c.date) c.date.value = date;
  if (document.activeElement !== c.slider) c.slider.value = String(dateToDay(date));
  c.out.textContent = fmtDate(date);
  const heading = h('h1', null, 'The system on ', h('time', { datetime: date }, fmtDate(date)));
  const results = h('div', { id: 'state-results', 'aria-live': 'polite' });
  if (!ctx.main.contains(c.root)) {
    replace(
      ctx.main,
      heading,
      h(
        'p',
        { class: 'lede' },
        'The party-state as it stood on the chosen day: the bodies that existed, how they were related, and who held which office. People already arrested or dead by that day are marked.',
      ),
      c.root,
      results,
      h('div', { class: 'state-body' }, loading()),
    );
  } else {
    ctx.main.querySelector('h1')?.replaceWith(heading);
  }
  const bodyEl = (): Element => ctx.main.querySelector('.state-body') ?? ctx.main;
  let state: unknown;
  try {
    state = await get('/state', { date }, { signal: ctx.signal });
  } catch (err) {
    if (!ctx.signal.aborted) replace(bodyEl(), errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;
  const institutions = list(state, 'institutions', 'bodies');
  // Groups by kind, the central bodies before the regional ones; within a group, bodies with office
  // holders first.
  const groups = new Map<string, unknown[]>();
  for (const inst of institutions) {
    const kind = `${str(inst, 'kind') || 'other'}${str(inst, 'region') ? ':regional' : ''}`;
    groups.set(kind, [...(groups.get(kind) ?? []), inst]);
  }
  const rank = (k: string) => {
    const [kind = '', regional] = k.split(':');
    return (KIND_ORDER.indexOf(kind) + 1 || 99) * 2 + (regional ? 1 : 0);
  };
  const kinds = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const holderCount = (i: unknown) => arr(i, 'holders', 'officeHolders', 'members').length;
  for (const list of groups.values())
    list.sort((a, b) => Number(holderCount(b) > 0) - Number(holderCount(a) > 0));
  const names = new Map(institutions.map((i) => [str(i, 'id'), shortName(i)]));
  const arrested = new Set<string>();
  const dead = new Set<string>();
  const cards = kinds.map((kind) =>
    h(
      'section',
      { class: 'kind-group', 'aria-labelledby': `kind-${kind.replace(':', '-')}` },
      h(
        'h2',
        { id: `kind-${kind.replace(':', '-')}` },
        h2Label(kind),
        h('span', { class: 'muted small' }, ` (${groups.get(kind)?.length ?? 0})`),
      ),
      h(
        'div',
        { class: 'cards' },
        (groups.get(kind) ?? []).map((inst) => {
          const holders = arr(inst, 'holders', 'officeHolders', 'members');
          for (const x of holders) {
            const st = personalStatus(x);
            const pid = str(field(x, 'person'), 'id') || str(x, 'person');
            if (st === 'arrested') arrested.add(pid);
            else if (st === 'dead') dead.add(pid);
          }
          return institutionCard(inst, holders, names);
        }),
      ),
    ),
  );
  replace(
    results,
    h(
      'p',
      { class: 'muted' },
      `${institutions.length} bodies existed on ${fmtDate(date)}; among their office holders ${arrested.size} had been arrested and ${dead.size} were dead by then.`,
    ),
  );
  replace(
    bodyEl(),
    institutions.length
      ? [
          h(
            'nav',
            { 'aria-label': 'Kinds of bodies', class: 'jump' },
            'Jump to: ',
            kinds.map((k, i) => [
              i ? ' · ' : '',
              h('a', { href: `#kind-${k.replace(':', '-')}` }, h2Label(k)),
            ]),
          ),
          cards,
        ]
      : h('p', null, 'No bodies recorded on this date.'),
  );
  applyFilter(ctx.main, c.filter.value);
}

function h2Label(kind: string): string {
  const base = kind.split(':')[0] ?? '';
  return `${KIND_LABEL[base] ?? base}${kind.endsWith(':regional') ? ': regions' : ''}`;
}

function personalStatus(holder: unknown): string {
  const s = field(holder, 'personStatus', 'personal', 'personalStatus', 'status_of_person', 'condition');
  if (typeof s === 'string') return s;
  return str(s, 'status', 'state', 'kind');
}

function shortName(inst: unknown): string {
  const abbr = String(arr(inst, 'abbr')[0] ?? '') || String(arr(field(inst, 'names'), 'abbr')[0] ?? '');
  return abbr || str(inst, 'label', 'name') || str(field(inst, 'names'), 'en') || str(inst, 'id');
}

function institutionCard(inst: unknown, holders: unknown[], names: Map<string, string>): HTMLElement {
  const id = str(inst, 'id');
  const name = str(inst, 'label', 'name') || str(field(inst, 'names'), 'en') || id;
  const abbr = String(arr(inst, 'abbr')[0] ?? '') || String(arr(field(inst, 'names'), 'abbr')[0] ?? '');
  const relations = arr(inst, 'relations');
  const rows: Child[][] = holders.map((x) => {
    const person = field(x, 'person');
    const pid = typeof person === 'string' ? person : str(person, 'id') || str(x, 'personId', 'person_id');
    const plabel =
      str(x, 'personLabel', 'person_label', 'name', 'label') || str(person, 'label', 'name') || pid;
    const asOf = str(x, 'asOf', 'as_of', 'holds', 'status');
    const st = personalStatus(x);
    const uncertain = field(field(x, 'personal'), 'certain') === false;
    const why = str(field(x, 'personal'), 'why');
    return [
      str(x, 'office', 'role'),
      h(
        'span',
        { class: st === 'arrested' || st === 'dead' ? `holder holder-${st}` : 'holder' },
        personLink(pid, plabel),
        ' ',
        statusBadge(uncertain && st !== 'free' ? `${st}?` : st, why),
        asOf === 'may-hold'
          ? [' ', h('span', { class: 'badge badge-maybe', title: str(x, 'why') }, 'may hold')]
          : null,
      ),
    ];
  });
  return h(
    'article',
    { class: 'card', id: `inst-${id}`, 'data-institution': id },
    h('h3', null, institutionLink(id, abbr && abbr !== name ? `${name} (${abbr})` : name)),
    relations.length
      ? h(
          'p',
          { class: 'relations muted small' },
          relations.map((r, i) => {
            const target = field(r, 'target');
            const tid = typeof target === 'string' ? target : str(target, 'id');
            const tlabel =
              str(r, 'targetLabel', 'target_label') || str(target, 'label', 'name') || names.get(tid) || tid;
            return [
              i ? '; ' : '',
              str(r, 'type'),
              ' ',
              institutionLink(tid, tlabel),
              str(r, 'status') === 'may-hold' ? ' (may hold)' : '',
            ];
          }),
        )
      : null,
    rows.length
      ? table(null, ['Office', 'Holder'], rows)
      : h('p', { class: 'muted small' }, 'No office holders recorded.'),
  );
}
