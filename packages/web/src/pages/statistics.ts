import * as Plot from '@observablehq/plot';
import { get } from '../api.ts';
import { type Child, h, link, replace, table } from '../dom.ts';
import { arr, field, isObj, list, str } from '../json.ts';
import type { PageContext } from '../main.ts';
import { errorBox, loading, section, sourceRef } from '../ui.ts';

export interface Series {
  id: string;
  title: string;
  unit: string;
  key: string;
  /** True when rows are keyed by more than one column (a list of measures, not a series to chart). */
  compositeKey: boolean;
  columns: { id: string; label: string; unit: string }[];
  rows: Record<string, number | string | null>[];
}

/** Normalizes a series document: rows as objects keyed by column id (arrays are mapped by position). */
export function toSeries(body: unknown): Series {
  const s = field(body, 'series') ?? body;
  const columns = arr(s, 'columns').map((c) =>
    typeof c === 'string'
      ? { id: c, label: c, unit: '' }
      : { id: str(c, 'id', 'name'), label: str(c, 'label', 'title', 'id'), unit: str(c, 'unit') },
  );
  const keyField = field(s, 'key') ?? field(field(s, 'record'), 'key');
  const key =
    (Array.isArray(keyField) ? String(keyField[0] ?? '') : typeof keyField === 'string' ? keyField : '') ||
    columns[0]?.id ||
    'year';
  const rows = arr(s, 'rows', 'data').map((r) => {
    const out: Record<string, number | string | null> = {};
    columns.forEach((c, i) => {
      out[c.id] = cell(Array.isArray(r) ? r[i] : isObj(r) ? r[c.id] : null);
    });
    return out;
  });
  const compositeKey = Array.isArray(keyField) && keyField.length > 1;
  return {
    id: str(s, 'id'),
    title: str(s, 'title', 'label'),
    unit: str(s, 'unit'),
    key,
    compositeKey,
    columns,
    rows,
  };
}

function cell(v: unknown): number | string | null {
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (isObj(v) && 'value' in v) return cell(v.value);
  return null;
}

export function fmtNumber(v: number | string | null): string {
  if (v === null) return '—';
  return typeof v === 'number' ? v.toLocaleString('en-US') : v;
}

export async function renderStatistics(ctx: PageContext, id?: string): Promise<void> {
  if (!id) return renderList(ctx);
  ctx.title(id);
  replace(ctx.main, loading());
  let body: unknown;
  try {
    body = await get(`/statistics/${encodeURIComponent(id)}`, {}, { signal: ctx.signal });
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, 'Statistics'), errorBox(err));
    return;
  }
  if (ctx.signal.aborted) return;
  const s = toSeries(body);
  const raw = field(body, 'series') ?? body;
  const record = field(raw, 'record') ?? raw;
  const archival =
    field(raw, 'archival_source', 'archivalSource') ?? field(record, 'archival_source', 'archivalSource');
  ctx.title(s.title || id);
  // Only columns in the series' own unit go on one chart (a percentage beside head counts would mislead).
  // A table keyed by several columns lists unlike measures; it is shown as numbers only.
  const numeric = s.compositeKey
    ? []
    : s.columns.filter(
        (c) =>
          c.id !== s.key && (!c.unit || c.unit === s.unit) && s.rows.some((r) => typeof r[c.id] === 'number'),
      );
  const chartBox = h('div', { class: 'chart-box' });
  const chosen = new Set(numeric.slice(0, 6).map((c) => c.id));
  const picker = h(
    'fieldset',
    { class: 'series-picker' },
    h('legend', null, 'Columns on the chart'),
    numeric.map((c) => {
      const box = h('input', { type: 'checkbox', id: `col-${c.id}`, value: c.id, checked: chosen.has(c.id) });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(c.id);
        else chosen.delete(c.id);
        draw();
      });
      return h('label', { for: `col-${c.id}` }, box, ` ${c.label}`);
    }),
  );
  const keyLabel = s.columns.find((c) => c.id === s.key)?.label ?? s.key;
  type Datum = { x: string | number; series: string; value: number };
  const xNumeric = s.rows.every((r) => typeof r[s.key] === 'number' || /^\d{4}$/.test(String(r[s.key])));
  const fmt = (v: number) => v.toLocaleString('en-US');
  const draw = () => {
    const data: Datum[] = s.rows.flatMap((r) =>
      numeric
        .filter((c) => chosen.has(c.id) && typeof r[c.id] === 'number')
        .map((c) => ({
          x: xNumeric ? Number(r[s.key]) : String(r[s.key] ?? ''),
          series: c.label,
          value: r[c.id] as number,
        })),
    );
    const width = Math.min(960, Math.max(320, (ctx.main.clientWidth || 800) - 16));
    // Years: one line per column. Categories (regions, ranks...): grouped horizontal bars, one group per row.
    const fig = xNumeric
      ? Plot.plot({
          width,
          height: 380,
          marginLeft: 70,
          x: {
            label: keyLabel,
            tickFormat: 'd',
            ticks: s.rows.length <= 20 ? s.rows.map((r) => Number(r[s.key])) : undefined,
          },
          y: { label: s.unit || null, grid: true, tickFormat: 's' },
          color: { legend: true, scheme: 'tableau10' },
          marks: [
            Plot.line(data, { x: 'x', y: 'value', stroke: 'series', strokeWidth: 2 }),
            Plot.dot(data, { x: 'x', y: 'value', fill: 'series', r: 2.5 }),
            Plot.tip(
              data,
              Plot.pointer({
                x: 'x',
                y: 'value',
                title: (d: Datum) => `${d.series}, ${d.x}: ${fmt(d.value)}`,
              }),
            ),
          ],
        })
      : Plot.plot({
          width,
          marginLeft: 12,
          marginRight: 70,
          marginTop: 30,
          height: 40 + s.rows.length * (chosen.size * 16 + 30),
          x: { label: s.unit || null, grid: true, tickFormat: 's' },
          y: { axis: null },
          fy: { axis: null, padding: 0.35, domain: s.rows.map((r) => String(r[s.key] ?? '')) },
          color: { legend: true, scheme: 'tableau10' },
          marks: [
            Plot.barX(data, { fy: 'x', y: 'series', x: 'value', fill: 'series' }),
            Plot.text(data, {
              fy: 'x',
              y: 'series',
              x: 'value',
              text: (d: Datum) => fmt(d.value),
              dx: 4,
              textAnchor: 'start',
              fill: '#1a1a1a',
            }),
            Plot.text(
              data,
              Plot.selectFirst({
                fy: 'x',
                text: 'x',
                frameAnchor: 'top-left',
                dy: -14,
                fontWeight: 'bold',
                fill: '#1a1a1a',
              }),
            ),
          ],
        });
    fig.setAttribute('aria-hidden', 'true');
    replace(chartBox, fig);
  };
  const discrepancies = arr(raw, 'discrepancies');
  replace(
    ctx.main,
    h('p', { class: 'crumbs' }, link('/statistics', 'Statistics'), ' / ', s.id),
    h('h1', null, s.title || s.id),
    h(
      'p',
      { class: 'lede' },
      'Source: ',
      field(raw, 'source') !== undefined ? sourceRef(field(raw, 'source')) : 'not stated',
      archival !== undefined
        ? [
            '; archival source: ',
            (Array.isArray(archival) ? archival : [archival]).map((a, i) => [i ? '; ' : '', sourceRef(a)]),
          ]
        : null,
      s.unit ? `. Unit: ${s.unit}.` : '.',
    ),
    numeric.length
      ? h(
          'figure',
          { class: 'chart' },
          picker,
          chartBox,
          h('figcaption', null, 'The chart draws the numbers in the table below.'),
        )
      : null,
    section(
      'The numbers',
      table(
        s.title || s.id,
        s.columns.map((c) => c.label),
        s.rows.map((r) =>
          s.columns.map((c): Child => (c.id === s.key ? String(r[c.id] ?? '') : fmtNumber(r[c.id] ?? null))),
        ),
        { numeric: s.columns.map((c, i) => (c.id === s.key ? -1 : i)).filter((i) => i >= 0) },
      ),
    ),
    discrepancies.length
      ? section(
          'Discrepancies',
          h(
            'ul',
            null,
            discrepancies.map((d) =>
              h(
                'li',
                null,
                str(d, 'where', 'row', 'identity')
                  ? h('strong', null, `${str(d, 'where', 'row', 'identity')}: `)
                  : null,
                typeof d === 'string' ? d : str(d, 'note', 'message', 'detail'),
                field(d, 'source') !== undefined ? [' ', sourceRef(field(d, 'source'))] : null,
              ),
            ),
          ),
        )
      : null,
  );
  if (numeric.length) draw();
}

async function renderList(ctx: PageContext): Promise<void> {
  ctx.title('Statistics');
  replace(ctx.main, h('h1', null, 'Statistics'), loading());
  try {
    const items = list(await get('/statistics', {}, { signal: ctx.signal }), 'statistics', 'series');
    replace(
      ctx.main,
      h('h1', null, 'Statistics'),
      h(
        'p',
        { class: 'lede' },
        'The book’s tables of arrests, sentences and camp populations, each with its source.',
      ),
      h(
        'ul',
        { class: 'stat-list' },
        items.map((s) =>
          h(
            'li',
            null,
            link(`/statistics/${encodeURIComponent(str(s, 'id'))}`, str(s, 'title', 'label') || str(s, 'id')),
            h('span', { class: 'muted small' }, ` ${str(s, 'id')}`),
          ),
        ),
      ),
    );
  } catch (err) {
    if (!ctx.signal.aborted) replace(ctx.main, h('h1', null, 'Statistics'), errorBox(err));
  }
}
