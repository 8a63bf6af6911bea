import { get } from '../api.ts';
import { type Child, h, link, replace } from '../dom.ts';
import { arr, field, list, num, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { href, sourceHref } from '../routes.ts';
import { errorBox, institutionLink, loading, personLink, section, sourceRef } from '../ui.ts';
import { institutionNames } from './institution.ts';
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

/** The ids a fact names in `people` or `institutions` (the server fills both for every fact). */
function ids(f: unknown, key: 'people' | 'institutions'): string[] {
  return arr(f, key)
    .map((v) => String(v))
    .filter(Boolean);
}

async function renderFile(ctx: PageContext, key: string): Promise<void> {
  ctx.title(key);
  replace(ctx.main, h('h1', null, key), loading());
  let body: unknown;
  let peopleById: Map<string, string>;
  let instById: Map<string, string>;
  try {
    [body, peopleById, instById] = await Promise.all([
      get(`/sources/${encodeURIComponent(key)}`, {}, { signal: ctx.signal }),
      people(ctx.signal),
      institutionNames(ctx.signal),
    ]);
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, key), errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;
  const facts = arr(body, 'facts');

  const item = (f: unknown): HTMLElement => {
    const kind = str(f, 'kind');
    const id = str(f, 'id');
    const label = str(f, 'label') || id;
    const who = ids(f, 'people');
    const bodies = ids(f, 'institutions');
    let main: Child = label;
    let extra: Child = null;
    if (kind === 'person') main = personLink(id, label);
    else if (kind === 'institution') main = institutionLink(id, label);
    else if (kind === 'statistic' || kind === 'statistics' || kind === 'series')
      main = link(`/statistics/${encodeURIComponent(id)}`, label);
    else if (kind === 'tenure' || kind === 'event' || kind === 'campaign') {
      main = h('strong', null, label);
      const timeline =
        kind === 'event' && (who[0] || bodies[0])
          ? href({
              page: 'timeline',
              filters: who[0] ? { person: who[0] } : { institution: bodies[0] },
            })
          : '';
      extra = [
        who.length
          ? h(
              'div',
              { class: 'small' },
              'People: ',
              joined(who.map((p) => personLink(p, peopleById.get(p) ?? p))),
            )
          : null,
        bodies.length
          ? h(
              'div',
              { class: 'small' },
              'Institutions: ',
              joined(bodies.map((i) => institutionLink(i, instById.get(i) ?? i))),
            )
          : null,
        timeline ? h('div', { class: 'small' }, link(`${timeline}#ev-${id}`, 'On the timeline')) : null,
      ];
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
