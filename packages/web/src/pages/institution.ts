import * as Plot from '@observablehq/plot';
import { get } from '../api.ts';
import { type Child, h, link, replace, table } from '../dom.ts';
import { edtfBound } from '../edtf.ts';
import { arr, field, list, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { errorBox, fmtRange, institutionLink, loading, personLink, section, sourceRef } from '../ui.ts';

export function institutionLabel(inst: unknown): string {
  const names = field(inst, 'names');
  const name = str(inst, 'label', 'name') || str(names, 'en') || str(inst, 'id');
  const abbr = String(arr(inst, 'abbr')[0] ?? '') || String(arr(names, 'abbr')[0] ?? '');
  return abbr && abbr !== name ? `${name} (${abbr})` : name;
}

/** id → label of every institution, for relations that name their target by id. */
export async function institutionNames(signal: AbortSignal): Promise<Map<string, string>> {
  try {
    const all = list(await get('/institutions', {}, { signal }), 'institutions');
    return new Map(all.map((i) => [str(i, 'id'), institutionLabel(i)]));
  } catch {
    return new Map();
  }
}

export async function renderInstitutions(ctx: PageContext): Promise<void> {
  ctx.title('Institutions');
  replace(ctx.main, h('h1', null, 'Institutions'), loading());
  try {
    const all = list(await get('/institutions', {}, { signal: ctx.signal }), 'institutions');
    const byKind = new Map<string, unknown[]>();
    for (const i of all)
      byKind.set(str(i, 'kind') || 'other', [...(byKind.get(str(i, 'kind') || 'other') ?? []), i]);
    replace(
      ctx.main,
      h('h1', null, 'Institutions'),
      [...byKind].map(([kind, items]) =>
        section(
          kind,
          h(
            'ul',
            { class: 'columns' },
            items.map((i) =>
              h(
                'li',
                null,
                institutionLink(str(i, 'id'), institutionLabel(i)),
                h('span', { class: 'muted small' }, ` ${fmtRange(str(i, 'from'), str(i, 'to'))}`),
              ),
            ),
          ),
        ),
      ),
    );
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, 'Institutions'), errorBox(err));
  }
}

export async function renderInstitution(ctx: PageContext, id: string): Promise<void> {
  ctx.title(id);
  replace(ctx.main, loading());
  let body: unknown;
  try {
    body = await get(`/institutions/${encodeURIComponent(id)}`, {}, { signal: ctx.signal });
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, 'Institution'), errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;
  const inst = field(body, 'institution') ?? body;
  const record = field(inst, 'record') ?? inst;
  const label = institutionLabel(inst);
  ctx.title(label);
  const labels = await institutionNames(ctx.signal);
  if (ctx.signal.aborted) return;
  const names = field(record, 'names');
  const ru = str(names, 'ru') || str(inst, 'ru');
  const ruAbbr = arr(names, 'ru_abbr', 'ruAbbr').join(', ');
  const relations = arr(inst, 'relations');
  const holders = arr(body, 'holders', 'tenures', 'officeHolders').length
    ? arr(body, 'holders', 'tenures', 'officeHolders')
    : arr(inst, 'holders', 'tenures', 'officeHolders');
  const incoming = arr(body, 'parts', 'children', 'incoming');
  replace(
    ctx.main,
    h('h1', null, label),
    ru ? h('p', { class: 'cyrillic', lang: 'ru' }, ru, ruAbbr ? ` (${ruAbbr})` : '') : null,
    h(
      'p',
      { class: 'lede' },
      [
        str(inst, 'kind') && `Kind: ${str(inst, 'kind')}`,
        `Existed ${fmtRange(str(inst, 'from'), str(inst, 'to'))}`,
      ]
        .filter(Boolean)
        .join(' · '),
      str(inst, 'region') ? ` · Region: ${str(inst, 'region')}` : '',
    ),
    str(record, 'description', 'note') ? h('p', null, str(record, 'description', 'note')) : null,
    section(
      'Relations',
      relations.length === 0 && incoming.length === 0
        ? h('p', { class: 'muted' }, 'No relations recorded.')
        : h(
            'ul',
            null,
            relations.map((r) => h('li', null, relationLine(r, 'target', labels))),
            incoming.map((r) => h('li', null, relationLine(r, 'source', labels, true))),
          ),
    ),
    holdersSection(holders),
    section(
      'Events',
      h('p', null, link(`/timeline?institution=${encodeURIComponent(id)}`, `Events involving ${label}`)),
    ),
    sourcesOf(inst, record),
  );
}

function sourcesOf(inst: unknown, record: unknown): Child {
  const cited = arr(inst, 'citations');
  const list = cited.length
    ? cited
    : [field(record, 'source'), ...arr(record, 'sources')].filter((x) => x !== undefined);
  if (list.length === 0) return null;
  return section(
    'Sources',
    h(
      'ul',
      { class: 'sources' },
      list.map((s) => h('li', null, sourceRef(s))),
    ),
  );
}

/** `X part-of Y`; for incoming relations (`source` side) the words read "has part ... X". */
function relationLine(
  r: unknown,
  side: 'target' | 'source',
  labels: Map<string, string>,
  incoming = false,
): Child {
  const t = field(r, side);
  const tid = typeof t === 'string' ? t : str(t, 'id');
  const tlabel =
    str(r, `${side}Label`, `${side}_label`) ||
    (typeof t === 'string' ? (labels.get(t) ?? t) : institutionLabel(t));
  const type = str(r, 'type').replace(/-/g, ' ');
  const dated = str(r, 'from') || str(r, 'to');
  const when = dated
    ? h('span', { class: 'muted small' }, ` ${fmtRange(str(r, 'from'), str(r, 'to'))}`)
    : null;
  return incoming
    ? [institutionLink(tid, tlabel), ` is ${type} this body`, when]
    : [type, ' ', institutionLink(tid, tlabel), when];
}

function holdersSection(holders: unknown[]): Child {
  if (holders.length === 0)
    return section('Office holders', h('p', { class: 'muted' }, 'No office holders recorded.'));
  const rows = holders.map((x) => {
    const person = field(x, 'person');
    const pid = typeof person === 'string' ? person : str(person, 'id') || str(x, 'personId', 'person_id');
    const plabel =
      str(x, 'personLabel', 'person_label', 'name', 'label') || str(person, 'label', 'name') || pid;
    return { pid, plabel, office: str(x, 'office', 'role'), from: str(x, 'from'), to: str(x, 'to'), src: x };
  });
  rows.sort((a, b) => (edtfBound(a.from)?.getTime() ?? 0) - (edtfBound(b.from)?.getTime() ?? 0));
  const lastDay = new Date(Date.UTC(1940, 11, 31));
  const bars = rows
    .map((r) => ({
      who: r.plabel,
      office: r.office,
      start: edtfBound(r.from),
      end: r.to === '..' ? lastDay : (edtfBound(r.to, true) ?? edtfBound(r.from, true)),
    }))
    .filter((b): b is { who: string; office: string; start: Date; end: Date } => !!b.start && !!b.end);
  let chart: Child = null;
  if (bars.length > 0 && bars.length <= 120) {
    const fig = Plot.plot({
      marginLeft: 150,
      height: 40 + new Set(bars.map((b) => b.who)).size * 22,
      x: { type: 'utc', label: null, grid: true },
      y: { label: null },
      color: { legend: true },
      marks: [
        Plot.barX(bars, {
          x1: 'start',
          x2: 'end',
          y: 'who',
          fill: 'office',
          title: (d: { office: string; who: string }) => `${d.who}: ${d.office}`,
          insetTop: 2,
          insetBottom: 2,
        }),
      ],
    });
    fig.setAttribute('aria-hidden', 'true');
    chart = h(
      'figure',
      { class: 'chart' },
      fig,
      h('figcaption', null, 'Who held which office over time; the table below lists the same.'),
    );
  }
  return section(
    'Office holders',
    chart,
    table(
      null,
      ['Person', 'Office', 'Held', 'Source'],
      rows.map((r) => [
        personLink(r.pid, r.plabel),
        r.office,
        fmtRange(r.from, r.to),
        [field(r.src, 'source'), ...arr(r.src, 'sources')]
          .filter((x) => x !== undefined)
          .map((x, i) => [i ? '; ' : '', sourceRef(x)]),
      ]),
    ),
  );
}
