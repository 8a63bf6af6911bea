// Pure parts of the app, tested in Node: routes, EDTF bounds, JSON accessors, citation keys, and the
// colour contrast of the style sheet (WCAG AA).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { edtfBound, edtfYear } from '../src/edtf.ts';
import { arr, list, num, str } from '../src/json.ts';
import { dateToDay, dayToDate, href, isIsoDate, parseRoute, type Route, sourceHref } from '../src/routes.ts';
import { bands, quantile, readMessage } from '../src/simstats.ts';
import { archivalKey, fmtDate, fmtRange } from '../src/ui.ts';

describe('routes', () => {
  test('each page parses from its URL', () => {
    assert.deepEqual(parseRoute('/', ''), { page: 'home' });
    assert.deepEqual(parseRoute('/person/yezhov', ''), { page: 'person', id: 'yezhov' });
    assert.deepEqual(parseRoute('/people', ''), { page: 'people' });
    assert.deepEqual(parseRoute('/state/1937-03-01', ''), { page: 'state', date: '1937-03-01' });
    assert.deepEqual(parseRoute('/state', ''), { page: 'state', date: '1937-03-01' });
    assert.deepEqual(parseRoute('/institution/nkvd', ''), { page: 'institution', id: 'nkvd' });
    assert.deepEqual(parseRoute('/timeline', '?kind=plenum&person=yezhov'), {
      page: 'timeline',
      filters: { kind: 'plenum', person: 'yezhov' },
    });
    assert.deepEqual(parseRoute('/statistics/table-1', ''), { page: 'statistics', id: 'table-1' });
    assert.deepEqual(parseRoute('/search', '?q=%D0%95%D0%B6%D0%BE%D0%B2'), { page: 'search', q: 'Ежов' });
    assert.deepEqual(parseRoute('/sources/RGASPI:17/3/1003', ''), {
      page: 'sources',
      key: 'RGASPI:17/3/1003',
    });
    assert.deepEqual(parseRoute('/sources/RGASPI%3A17%2F3%2F1003', ''), {
      page: 'sources',
      key: 'RGASPI:17/3/1003',
    });
  });

  test('bad paths are not found, never a crash', () => {
    for (const p of [
      '/nope',
      '/person/Bad Id',
      '/person/a/b',
      '/state/1937-02-29',
      '/state/soon',
      '/sources/%E0%A4%A',
      '/simulation/baseline',
    ]) {
      assert.equal(parseRoute(p, '').page, 'not-found', p);
    }
    fc.assert(
      fc.property(fc.string(), fc.string(), (path, search) => {
        const r = parseRoute(`/${path}`, search);
        assert.equal(typeof r.page, 'string');
      }),
    );
  });

  test('href and parseRoute agree', () => {
    const routes: Route[] = [
      { page: 'person', id: 'yezhov' },
      { page: 'state', date: '1938-11-25' },
      { page: 'timeline', filters: { kind: 'trial', from: '1936', to: '1938' } },
      { page: 'search', q: 'Ежов & co' },
      { page: 'sources', key: 'GARF:9401/1/4157' },
      { page: 'statistics', id: 'table-1' },
      { page: 'simulation', settings: {} },
      {
        page: 'simulation',
        settings: { scenario: 'baseline', compare: 'no-halt-1938', seeds: '1..5', scale: '4000' },
      },
    ];
    for (const r of routes) {
      const u = new URL(href(r), 'http://x');
      assert.deepEqual(parseRoute(u.pathname, u.search), r);
    }
  });

  test('source pages keep the key readable, without an encoded slash', () => {
    assert.equal(sourceHref('RGASPI:17/3/1003'), '/sources/RGASPI:17/3/1003');
    assert.equal(sourceHref('TsA FSB:3/4/5'), '/sources/TsA%20FSB:3/4/5');
    assert.doesNotMatch(sourceHref('a/b/c'), /%2F/i);
  });

  test('calendar dates and the slider scale', () => {
    assert.ok(isIsoDate('1936-02-29'));
    assert.ok(!isIsoDate('1937-02-29'));
    assert.ok(!isIsoDate('1937-3-1'));
    assert.equal(dateToDay('1930-01-01'), 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4017 }), (d) => {
        assert.equal(dateToDay(dayToDate(d)), d);
      }),
    );
  });
});

describe('the simulation summary, computed as opis simulate computes it', () => {
  test('linear-interpolation quantiles', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([10, 20, 30], 0.05), 11);
    assert.equal(quantile([10, 20, 30], 0.95), 29);
    assert.equal(quantile([7], 0.05), 7);
    assert.ok(Number.isNaN(quantile([], 0.5)));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, q) => {
          const s = [...xs].sort((a, b) => a - b);
          const v = quantile(s, q);
          assert.ok(v >= (s[0] ?? 0) && v <= (s[s.length - 1] ?? 0));
          assert.ok(quantile(s, Math.min(1, q + 0.1)) >= v);
        },
      ),
    );
  });

  test('bands per year: median and 5-95% over replicates, rounded', () => {
    const run = (seed: number, shot1937: number) => ({
      seed,
      paramsHash: 'x',
      years: [
        { year: 1937, shot: shot1937 },
        { year: 1938, shot: 10 * seed },
      ],
    });
    const rows = bands([run(1, 1001), run(2, 1002), run(3, 1000), run(4, 2000)], 'shot', [1937, 1938]);
    assert.deepEqual(rows[0], { year: 1937, median: 1002, lo: 1000, hi: 1850 });
    assert.deepEqual(rows[1], { year: 1938, median: 25, lo: 12, hi: 39 });
  });

  test('only the four message types of the worker are read', () => {
    assert.equal(readMessage({ type: 'done', id: 0, results: [], ms: 1 })?.type, 'done');
    for (const m of [null, 3, 'done', {}, { type: 'run' }]) assert.equal(readMessage(m), undefined);
  });
});

describe('EDTF on charts', () => {
  const iso = (d: Date | undefined) => d?.toISOString().slice(0, 10);
  test('earliest and latest day a date can mean', () => {
    assert.equal(iso(edtfBound('1937')), '1937-01-01');
    assert.equal(iso(edtfBound('1937', true)), '1937-12-31');
    assert.equal(iso(edtfBound('1936-02', true)), '1936-02-29');
    assert.equal(iso(edtfBound('1937-06~')), '1937-06-01');
    assert.equal(iso(edtfBound('1936/1938', true)), '1938-12-31');
    assert.equal(iso(edtfBound('..1935')), '1935-01-01');
    assert.equal(edtfBound('..'), undefined);
    assert.equal(edtfBound('soon'), undefined);
    assert.equal(edtfBound('1937-13'), undefined);
    assert.equal(edtfYear('1937-02-23/1937-03-05'), 1937);
  });
  test('never throws', () => {
    fc.assert(fc.property(fc.string(), fc.boolean(), (s, end) => void edtfBound(s, end)));
  });
  test('dates for people', () => {
    assert.equal(fmtDate('1937-03-01'), '1 Mar 1937');
    assert.equal(fmtDate('1937-06~'), 'Jun 1937 (approx.)');
    assert.equal(fmtDate('1934?'), '1934 (uncertain)');
    assert.equal(fmtDate('1937-02-23/1937-03-05'), '23 Feb 1937 – 5 Mar 1937');
    assert.equal(fmtRange('1936-09-26', '..'), '26 Sep 1936 – on');
    assert.equal(fmtRange(null, null), '? – ?');
    // open ('..') and unknown (missing) ends read differently
    assert.equal(fmtRange('1934-07-10', null), '10 Jul 1934 – ?');
    assert.equal(fmtRange('..', '1937'), 'open – 1937');
  });
});

describe('JSON accessors', () => {
  test('read what is there, default what is not', () => {
    const o = { a: 'x', n: 3, l: [1], nested: { items: [2] } };
    assert.equal(str(o, 'missing', 'a'), 'x');
    assert.equal(str(o, 'n'), '3');
    assert.equal(str(null, 'a'), '');
    assert.equal(num(o, 'a', 'n'), 3);
    assert.deepEqual(arr(o, 'l'), [1]);
    assert.deepEqual(arr('nope', 'l'), []);
    assert.deepEqual(list(o.nested), [2]);
    assert.deepEqual(list([5]), [5]);
  });
});

describe('archival citations', () => {
  test('the file key of a plain citation', () => {
    assert.equal(archivalKey('RGASPI, f. 17, op. 3, d. 1003, l. 82'), 'RGASPI:17/3/1003');
    assert.equal(archivalKey('GARF, f. 9401, op. 1, d. 4157, ll. 201-5'), 'GARF:9401/1/4157');
    assert.equal(archivalKey('Pravda, 12 March 1937'), undefined);
  });
});

// WCAG 2.x relative luminance and contrast ratio.
function luminance(hex: string): number {
  const n = hex.replace('#', '');
  const full = n.length === 3 ? [...n].map((c) => c + c).join('') : n;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return ((x ?? 0) + 0.05) / ((y ?? 0) + 0.05);
}

describe('colour contrast (WCAG AA, 4.5:1 for text)', () => {
  const css = readFileSync(new URL('../src/style.css', import.meta.url), 'utf8');
  const vars = Object.fromEntries(
    [...css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{3,6})/gi)].map((m) => [m[1], m[2]]),
  );
  const v = (name: string) => {
    const c = vars[name];
    assert.ok(c, `--${name} is defined`);
    return c;
  };
  const pairs: [string, string][] = [
    ['fg', 'bg'],
    ['muted', 'bg'],
    ['muted', 'panel'],
    ['link', 'bg'],
    ['link', 'panel'],
    ['link-visited', 'bg'],
    ['fg', 'panel'],
    ['arrested-fg', 'arrested-bg'],
    ['dead-fg', 'dead-bg'],
    ['maybe-fg', 'maybe-bg'],
    ['header-fg', 'header-bg'],
    ['bg', 'accent'],
    ['sim-a', 'bg'],
    ['sim-b', 'bg'],
  ];
  for (const [fg, bg] of pairs)
    test(`--${fg} on --${bg}`, () => {
      const r = contrast(v(fg), v(bg));
      assert.ok(r >= 4.5, `${r.toFixed(2)}:1`);
    });
  test('the checker itself: black on white is 21:1, grey #777 on white fails', () => {
    assert.equal(contrast('#000000', '#ffffff').toFixed(0), '21');
    assert.ok(contrast('#777777', '#ffffff') < 4.5);
  });
});

describe('api', () => {
  test('one caller giving up does not fail another caller of the same URL (one request, shared)', async () => {
    const { get } = await import('../src/api.ts');
    const real = globalThis.fetch;
    let calls = 0;
    let answer: (r: Response) => void = () => {};
    globalThis.fetch = (() => {
      calls++;
      return new Promise<Response>((resolve) => {
        answer = resolve;
      });
    }) as typeof fetch;
    try {
      const first = new AbortController();
      const a = get('/state', { date: '1937-03-01' }, { signal: first.signal });
      const second = new AbortController();
      const b = get('/state', { date: '1937-03-01' }, { signal: second.signal });
      first.abort();
      await assert.rejects(a, { name: 'AbortError' });
      answer(new Response(JSON.stringify({ date: '1937-03-01' }), { status: 200 }));
      assert.deepEqual(await b, { date: '1937-03-01' });
      assert.equal(calls, 1);
      // an aborted signal rejects at once, without a request
      await assert.rejects(get('/state', { date: '1937-03-01' }, { signal: AbortSignal.abort() }), {
        name: 'AbortError',
      });
    } finally {
      globalThis.fetch = real;
    }
  });
});
