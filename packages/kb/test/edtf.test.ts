import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  asOf,
  dayNumber,
  daysInMonth,
  edtfSpan,
  fromDayNumber,
  overlaps,
  parseEdtf,
  spanOf,
} from '../src/edtf.ts';

function err(s: string): { message: string; column: number } {
  const r = parseEdtf(s);
  assert.equal(r.ok, false, `${s} should not parse`);
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

describe('parseEdtf', () => {
  it('parses the forms of data/README.md', () => {
    for (const s of [
      '1937',
      '1937-06',
      '1937-06-11',
      '1936~',
      '1934?',
      '1934%',
      '1934/1935',
      '..1938',
      '1938..',
      '..',
      '../1938',
      '1938/..',
      '/1938',
      '1938/',
      '1937-02-23/1937-03-05',
      '193X',
      '1937-06?',
    ]) {
      const r = parseEdtf(s);
      assert.ok(r.ok, `${s}: ${r.ok ? '' : r.error.message}`);
    }
  });

  it('rejects 1937-02-29 at column 9 (strict calendar)', () => {
    const e = err('1937-02-29');
    assert.equal(e.column, 9);
    assert.match(e.message, /day 29 does not exist in 1937-02/);
    assert.ok(parseEdtf('1936-02-29').ok, '1936 is a leap year');
    assert.equal(err('1900-02-29').column, 9);
    assert.ok(parseEdtf('2000-02-29').ok);
  });

  it('reports positions of other mistakes', () => {
    assert.deepEqual(err('1937-13'), { message: 'month 13 does not exist (01-12)', column: 6 });
    assert.equal(err('1937-04-31').column, 9);
    assert.equal(err('1937-00').column, 6);
    assert.equal(err('193').column, 4);
    assert.equal(err('19a7').column, 3);
    assert.equal(err('1937/1936').column, 6);
    assert.equal(err('1937-06-11/1937-02-30').column, 20);
    assert.equal(err('1937-6').column, 6);
    assert.equal(err('1937-06-11x').column, 11);
    assert.equal(err('').column, 1);
    assert.equal(err(' 1937').column, 1);
    assert.equal(err('1937?~').column, 5);
    assert.equal(err('1937/1938/1939').column, 10);
    assert.equal(err('/').column, 1);
    assert.equal(err('..1937-02-30').column, 11);
  });

  it('never throws and always gives a column inside the text (+1)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parseEdtf(s);
        if (!r.ok) {
          assert.ok(r.error.column >= 1 && r.error.column <= s.length + 1, `${s} -> ${r.error.column}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every real calendar day and rejects day 0 and days past the month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 2999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const ok = d >= 1 && d <= daysInMonth(y, m);
          const r = parseEdtf(s);
          assert.equal(r.ok, ok, s);
          // agrees with the JavaScript Date (which silently rolls over invalid days)
          const js = new Date(Date.UTC(y, m - 1, d));
          assert.equal(js.getUTCDate() === d && js.getUTCMonth() === m - 1, ok);
        },
      ),
    );
  });
});

describe('day numbers', () => {
  it('round-trip and agree with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200000, max: 200000 }), (n) => {
        const s = fromDayNumber(n);
        const [y, m, d] = s.split('-').map(Number) as [number, number, number];
        assert.equal(dayNumber(y, m, d), n);
        assert.equal(Date.UTC(y, m - 1, d) / 86400000, n);
      }),
    );
  });
});

describe('spans', () => {
  const days = (s: string) => {
    const sp = spanOf(s);
    assert.ok(sp);
    return [fromDayNumber(sp.lo), fromDayNumber(sp.hi)];
  };
  it('month-only and year-only dates cover every day of them', () => {
    assert.deepEqual(days('1937'), ['1937-01-01', '1937-12-31']);
    assert.deepEqual(days('1937-02'), ['1937-02-01', '1937-02-28']);
    assert.deepEqual(days('1936-02'), ['1936-02-01', '1936-02-29']);
    assert.deepEqual(days('193X'), ['1930-01-01', '1939-12-31']);
  });
  it('~ widens by one unit of precision; ? does not widen but is flagged', () => {
    assert.deepEqual(days('1936~'), ['1935-01-01', '1937-12-31']);
    assert.deepEqual(days('1937-01~'), ['1936-12-01', '1937-02-28']);
    const u = spanOf('1934?');
    assert.ok(u?.uncertain);
    assert.deepEqual(days('1934?'), ['1934-01-01', '1934-12-31']);
  });
  it('intervals used as one point span from the first to the last day', () => {
    assert.deepEqual(days('1934/1935'), ['1934-01-01', '1935-12-31']);
    const b = edtfSpan({ kind: 'open', text: '..' });
    assert.equal(b.lo, Number.NEGATIVE_INFINITY);
    const before = spanOf('..1938');
    assert.equal(before?.lo, Number.NEGATIVE_INFINITY);
    assert.equal(fromDayNumber(before?.hi ?? 0), '1938-12-31');
  });
  it('the span contains the date for every valid day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 20000 }), fc.constantFrom('', '~', '?'), (n, q) => {
        const day = fromDayNumber(n);
        for (const s of [day, day.slice(0, 7), day.slice(0, 4)]) {
          const sp = spanOf(s + q);
          assert.ok(sp && sp.lo <= n && n <= sp.hi, s + q);
        }
      }),
    );
  });
});

describe('asOf', () => {
  it('a day-precise tenure holds inside, including both ends, and not outside', () => {
    assert.equal(asOf('1936-09-26', '1938-11-25', '1937-03-01').status, 'holds');
    assert.equal(asOf('1936-09-26', '1938-11-25', '1936-09-26').status, 'holds');
    assert.equal(asOf('1936-09-26', '1938-11-25', '1938-11-25').status, 'holds');
    const before = asOf('1936-09-26', '1938-11-25', '1936-09-25');
    assert.equal(before.status, 'does-not-hold');
    assert.match(before.why, /starts 1936-09-26, after 1936-09-25/);
    const after = asOf('1936-09-26', '1938-11-25', '1938-11-26');
    assert.equal(after.status, 'does-not-hold');
    assert.match(after.why, /ended 1938-11-25/);
  });

  it('pins what a month-only start means', () => {
    // appointed "1938-11": may hold on any day of November, holds from December
    const on = asOf('1938-11', '..', '1938-11-10');
    assert.equal(on.status, 'may-hold');
    assert.match(on.why, /start 1938-11 is month-precise and may fall after 1938-11-10/);
    // bounds are inclusive: appointed on some day of November, so in office by its last day
    assert.equal(asOf('1938-11', '..', '1938-11-29').status, 'may-hold');
    assert.equal(asOf('1938-11', '..', '1938-11-30').status, 'holds');
    assert.equal(asOf('1938-11', '..', '1938-12-01').status, 'holds');
    assert.equal(asOf('1938-11', '..', '1938-10-31').status, 'does-not-hold');
  });

  it('pins what a month-only end means', () => {
    assert.equal(asOf('1936', '1938-11', '1938-10-31').status, 'holds');
    // the end day is the last day in office: on 1938-11-01 it still holds
    assert.equal(asOf('1936', '1938-11', '1938-11-01').status, 'holds');
    const on = asOf('1936', '1938-11', '1938-11-02');
    assert.equal(on.status, 'may-hold');
    assert.match(on.why, /end 1938-11 is month-precise and may fall before 1938-11-02/);
    assert.equal(asOf('1936', '1938-11', '1938-12-01').status, 'does-not-hold');
  });

  it('pins what a year-only bound means', () => {
    assert.equal(asOf('1934', '..', '1934-06-01').status, 'may-hold');
    assert.equal(asOf('1934', '..', '1935-01-01').status, 'holds');
    assert.equal(asOf('1934', '..', '1933-12-31').status, 'does-not-hold');
    assert.equal(asOf('1930', '1937', '1937-12-31').status, 'may-hold');
    assert.equal(asOf('1930', '1937', '1938-01-01').status, 'does-not-hold');
  });

  it('open ends hold; unknown ends may hold and say so (never dropped)', () => {
    assert.equal(asOf('1934-07-10', '..', '1939-12-31').status, 'holds');
    assert.equal(asOf('..', '1934-07-10', '1920-01-01').status, 'holds');
    const u = asOf('1934-07-10', undefined, '1939-12-31');
    assert.equal(u.status, 'may-hold');
    assert.match(u.why, /end unknown/);
    const s = asOf(undefined, '1938', '1930-01-01');
    assert.equal(s.status, 'may-hold');
    assert.match(s.why, /start unknown/);
    // an unknown start still does not hold after the known end
    assert.equal(asOf(undefined, '1938', '1939-01-01').status, 'does-not-hold');
    assert.equal(asOf('1937/', undefined, '1936-01-01').status, 'does-not-hold');
  });

  it('uncertain (?) bounds give at most may-hold', () => {
    assert.equal(asOf('1934?', '..', '1936-01-01').status, 'may-hold');
    assert.equal(asOf('1934?', '..', '1933-01-01').status, 'may-hold');
    assert.equal(asOf('1934~', '..', '1933-06-01').status, 'may-hold');
    assert.equal(asOf('1934~', '..', '1932-12-31').status, 'does-not-hold');
    assert.equal(asOf('1934~', '..', '1936-01-01').status, 'holds');
  });

  it('a month or year query asks about every day of it', () => {
    assert.equal(asOf('1937-03-02', '..', '1937-03').status, 'may-hold');
    assert.equal(asOf('1937-03-01', '..', '1937-03').status, 'holds');
    assert.equal(asOf('1937-03-01', '..', '1937-04').status, 'holds');
    assert.equal(asOf('1936', '1938', '1937').status, 'holds');
  });

  it('bad input never throws', () => {
    assert.equal(asOf('1937-02-29', '..', '1937-03-01').status, 'may-hold');
    assert.match(asOf('1937', '..', 'soon').why, /not valid/);
  });

  it('is consistent with the spans (property)', () => {
    const day = fc.integer({ min: -15000, max: 5000 }).map(fromDayNumber);
    const bound = fc.tuple(day, fc.constantFrom(10, 7, 4)).map(([d, n]) => d.slice(0, n));
    fc.assert(
      fc.property(bound, bound, day, (a, b, q) => {
        const fa = spanOf(a);
        const fb = spanOf(b);
        const qn = spanOf(q);
        if (!fa || !fb || !qn) throw new Error('bad generator');
        if (fa.lo > fb.hi) return; // not a valid fact
        const r = asOf(a, b, q);
        if (r.status === 'holds') assert.ok(fa.hi <= qn.lo && qn.hi <= fb.lo, `${a}/${b} @${q}`);
        if (r.status === 'does-not-hold') assert.ok(qn.hi < fa.lo || fb.hi < qn.lo, `${a}/${b} @${q}`);
        if (r.status === 'may-hold') {
          assert.ok(!(fa.hi <= qn.lo && qn.hi <= fb.lo));
          assert.ok(!(qn.hi < fa.lo || fb.hi < qn.lo));
        }
      }),
    );
  });

  it('overlaps tells whether an event may fall in a window', () => {
    assert.ok(overlaps('1937-02-23/1937-03-05', '1937-03-01', '1937-03-31'));
    assert.ok(!overlaps('1937-02-23/1937-03-05', '1937-03-06', undefined));
    assert.ok(overlaps('1937', '1937-06-01', '1937-06-01'));
  });
});
