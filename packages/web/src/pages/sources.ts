import { get } from '../api.ts';
import { type Child, h, link, replace } from '../dom.ts';
import { arr, field, list, num, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { sourceHref } from '../routes.ts';
import { errorBox, fmtDate, institutionLink, loading, personLink, section, sourceRef } from '../ui.ts';
import { personLabel } from './person.ts';

const CHILD_KEYS = ['children', 'fonds', 'opisi', 'opises', 'inventories', 'dela', 'files', 'items'];
const LEVEL = ['archive', 'fond', 'opis', 'delo'];

function children(node: unknown): unknown[] {
  for (const k of CHILD_KEYS) {
    const v = field(node, k);
    if (Array.isArray(v)) return v;
  }
  return [];
}

function nodeLabel(node: unknown, depth: number): string {
  const level = LEVEL[depth] ?? '';
  const own = str(node, 'label', 'name', 'title');
  if (own) return own;
  const v = str(node, level, 'id', 'value');
  const prefix = depth === 1 ? 'f. ' : depth === 2 ? 'op. ' : depth === 3 ? 'd. ' : '';
  return `${prefix}${v}`;
}

function treeNode(node: unknown, depth: number): HTMLElement {
  const kids = children(node);
  const count = num(node, 'count', 'facts', 'total', 'citations');
  const countText = count !== undefined ? h('span', { class: 'muted small' }, ` (${count})`) : null;
  const key = str(node, 'key', 'fileKey');
  if (kids.length === 0 || depth >= 3) {
    const label = nodeLabel(node, depth);
    return h('li', null, key ? link(sourceHref(key), label) : label, countText);
  }
  return h(
    'li',
    null,
    h(
      'details',
      { open: depth === 0 && kids.length <= 3 },
      h(
        'summary',
        null,
        h('span', { class: `level level-${LEVEL[depth]}` }, nodeLabel(node, depth)),
        countText,
      ),
      h(
        'ul',
        null,
        kids.map((k) => treeNode(k, depth + 1)),
      ),
    ),
  );
}

export async function renderSources(ctx: PageContext, key?: string): Promise<void> {
  if (key) return renderFile(ctx, key);
  ctx.title('Sources');
  replace(ctx.main, h('h1', null, 'Sources'), loading());
  try {
    const body = await get('/sources', {}, { signal: ctx.signal });
    const archives = list(body, 'archives', 'tree', 'children');
    replace(
      ctx.main,
      h('h1', null, 'Sources'),
      h(
        'p',
        { class: 'lede' },
        'The archival files the book cites, as archive → fond → opis → delo. Open a file to see the facts and events that rest on it.',
      ),
      archives.length
        ? [
            h(
              'p',
              null,
              h(
                'button',
                {
                  type: 'button',
                  'aria-pressed': 'false',
                  onclick: ((e: Event) => {
                    const btn = e.currentTarget as HTMLButtonElement;
                    const open = btn.getAttribute('aria-pressed') !== 'true';
                    for (const d of ctx.main.querySelectorAll('.tree details'))
                      (d as HTMLDetailsElement).open = open;
                    btn.setAttribute('aria-pressed', String(open));
                  }) as EventListener,
                },
                'Open all',
              ),
            ),
            h(
              'ul',
              { class: 'tree' },
              archives.map((a) => treeNode(a, 0)),
            ),
          ]
        : h('p', { class: 'muted' }, 'No archival citations in the knowledge base.'),
    );
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, 'Sources'), errorBox(err));
  }
}

/** Every event, by id (the sources answer names events by id only). Loaded once, page by page. */
let eventIndex: Promise<Map<string, unknown>> | undefined;
function events(signal: AbortSignal): Promise<Map<string, unknown>> {
  eventIndex ??= (async () => {
    const all = new Map<string, unknown>();
    for (let offset = 0; offset < 100_000; offset += 1000) {
      const page = list(await get('/events', { limit: 1000, offset }, { signal }), 'events');
      for (const e of page) all.set(str(e, 'id'), e);
      if (page.length < 1000) break;
    }
    return all;
  })();
  eventIndex.catch(() => {
    eventIndex = undefined;
  });
  return eventIndex;
}

async function people(signal: AbortSignal): Promise<Map<string, string>> {
  const body = await get('/people', { limit: 1000 }, { signal }).catch(() => null);
  return new Map(list(body, 'people').map((p) => [str(p, 'id'), personLabel(p)]));
}

function joined(items: Child[]): Child[] {
  return items.map((x, i) => [i ? ', ' : '', x]);
}

const KIND_TITLE: Record<string, string> = {
  person: 'People',
  tenure: 'Offices held',
  event: 'Events',
  institution: 'Institutions',
  campaign: 'Campaigns',
  statistic: 'Statistics',
  statistics: 'Statistics',
};

async function renderFile(ctx: PageContext, key: string): Promise<void> {
  ctx.title(key);
  replace(ctx.main, h('h1', null, key), loading());
  let body: unknown;
  let peopleById: Map<string, string>;
  try {
    [body, peopleById] = await Promise.all([
      get(`/sources/${encodeURIComponent(key)}`, {}, { signal: ctx.signal }),
      people(ctx.signal),
    ]);
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, key), errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;
  const facts = arr(body, 'facts');
  const evIndex = facts.some((f) => str(f, 'kind') === 'event')
    ? await events(ctx.signal).catch(() => new Map())
    : new Map();
  if (ctx.signal.aborted) return;
  const peopleByName = new Map<string, string | null>();
  for (const [id, name] of peopleById) peopleByName.set(name, peopleByName.has(name) ? null : id);

  const item = (f: unknown): HTMLElement => {
    const kind = str(f, 'kind');
    const id = str(f, 'id');
    const label = str(f, 'label') || id;
    let main: Child = label;
    let extra: Child = null;
    if (kind === 'person') main = personLink(id, label);
    else if (kind === 'institution') main = institutionLink(id, label);
    else if (kind === 'statistic' || kind === 'statistics' || kind === 'series')
      main = link(`/statistics/${encodeURIComponent(id)}`, label);
    else if (kind === 'tenure') {
      // "Yezhov: People's Commissar, nkvd": link the person (by name) and the body (by id).
      const m = /^(.*?): (.*), ([a-z0-9-]+)$/.exec(label);
      const pid = m?.[1] ? peopleByName.get(m[1]) : undefined;
      if (m?.[1] && m[2] && m[3])
        main = [pid ? personLink(pid, m[1]) : m[1], `: ${m[2]}, `, institutionLink(m[3], m[3])];
    } else if (kind === 'event') {
      const e = evIndex.get(id);
      if (e) {
        const who = arr(e, 'participants').map((p) => String(p));
        main = [
          h('span', { class: 'date' }, fmtDate(str(e, 'date'))),
          ' ',
          h('strong', null, str(e, 'title') || label),
        ];
        extra = [
          who.length
            ? h(
                'div',
                { class: 'small' },
                'People: ',
                joined(who.map((p) => personLink(p, peopleById.get(p) ?? p))),
              )
            : null,
          h(
            'div',
            { class: 'small' },
            link(
              `/timeline?from=${str(e, 'date').slice(0, 4)}&to=${str(e, 'date').slice(0, 4)}#ev-${id}`,
              'On the timeline',
            ),
          ),
        ];
      }
    }
    return h(
      'li',
      null,
      main,
      // Which part of the record the file supports (fate, born...), unless it is the record as a whole.
      /^(source|sources)$/.test(str(f, 'field')) || !str(f, 'field')
        ? null
        : h('span', { class: 'muted small' }, ` (${str(f, 'field').replace(/\[\d+\]/g, '')})`),
      extra,
      str(f, 'ref') ? h('div', { class: 'small muted' }, sourceRef(str(f, 'ref'))) : null,
    );
  };
  const groups = new Map<string, unknown[]>();
  for (const f of facts)
    groups.set(str(f, 'kind') || 'other', [...(groups.get(str(f, 'kind') || 'other') ?? []), f]);
  const parts = key.split(/[:/]/);
  const title = [
    parts[0],
    parts[1] && `f. ${parts[1]}`,
    parts[2] && `op. ${parts[2]}`,
    parts[3] && `d. ${parts[3]}`,
  ]
    .filter(Boolean)
    .join(', ');
  replace(
    ctx.main,
    h('p', { class: 'crumbs' }, link('/sources', 'Sources'), ' / ', key),
    h('h1', null, title || key),
    h(
      'p',
      { class: 'lede' },
      facts.length === 1 ? 'One fact rests on this file.' : `${facts.length} facts rest on this file.`,
    ),
    facts.length === 0
      ? h('p', { class: 'muted' }, 'None.')
      : [...groups].map(([kind, items]) =>
          section(KIND_TITLE[kind] ?? kind, h('ul', { class: 'facts' }, items.map(item))),
        ),
  );
}
