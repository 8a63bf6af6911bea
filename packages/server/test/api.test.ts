/** Every route of the API against a database built from the dataset, through a real server on port 0. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kb, openKb } from '@opis/kb';
import { systemIds } from '@opis/translit';
import { apiRoutes, type RunningServer, startServer } from '../src/index.ts';
import { type TestDb, testDatabase } from './dataset.ts';
import { type Answer, assertProblem, get } from './helpers.ts';
import { checkOpenApi, responseChecker, templateFinder } from './openapi-check.ts';

let db: TestDb;
let srv: RunningServer;
let kb: Kb;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document under test
let doc: any;
let check: ReturnType<typeof responseChecker>;
let templateOf: (path: string) => string | undefined;

before(async () => {
  db = testDatabase();
  kb = openKb(db.path);
  srv = await startServer({
    port: 0,
    dbPath: db.path,
    webDir: '/nonexistent',
    checkResponses: true,
    log: () => {},
  });
  doc = (await get(srv.url, '/api/openapi.json')).json;
  check = responseChecker(doc);
  templateOf = templateFinder(doc);
});
after(async () => {
  await srv?.close();
  kb?.close();
  db?.remove();
});

/** GET through the server, checking the answer against the OpenAPI document's schema for it. */
async function api(path: string, opts: Parameters<typeof get>[2] = {}): Promise<Answer> {
  const a = await get(srv.url, path, opts);
  const template = templateOf(path);
  if (template && a.status !== 304 && opts.method !== 'HEAD' && a.status !== 405) {
    const errors = check(template, a.status, a.json);
    assert.deepEqual(
      errors,
      [],
      `${path} (${a.status}) does not match the OpenAPI document: ${errors.join('; ')}`,
    );
  }
  return a;
}

const roundtrip = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('the OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema and compiles', async () => {
    assert.deepEqual(await checkOpenApi(doc), []);
  });

  it('lists every route, with its parameters', () => {
    for (const r of apiRoutes) assert.ok(doc.paths[r.path]?.get, `${r.path} is in the document`);
    const state = doc.paths['/api/state'].get;
    const date = state.parameters.find((p: { name: string }) => p.name === 'date');
    assert.equal(date.required, true);
    assert.equal(date.schema.format, 'date');
    const romanize = doc.paths['/api/translit/romanize'].get.parameters.find(
      (p: { name: string }) => p.name === 'system',
    );
    assert.deepEqual(romanize.schema.enum, systemIds());
  });

  it('the checker catches a document that lies', async () => {
    const broken = structuredClone(doc);
    broken.paths['/api/health'].get.responses['200'].content['application/json'].schema = {
      $ref: '#/components/schemas/Nothing',
    };
    assert.match((await checkOpenApi(broken)).join('\n'), /Nothing does not resolve/);
    delete broken.info;
    assert.match((await checkOpenApi(broken)).join('\n'), /schema:/);
    const lying = responseChecker(doc);
    assert.notDeepEqual(lying('/api/health', 200, { ok: 'yes' }), []);
  });
});

describe('GET /api/health', () => {
  it('counts what the database holds', async () => {
    const a = await api('/api/health');
    assert.equal(a.status, 200);
    assert.equal(a.json.ok, true);
    assert.equal(a.json.dataset.people, kb.info().counts.people);
    assert.ok(a.json.dataset.people > 0);
    assert.equal(typeof a.json.dataset.institutions, 'number');
    assert.equal(typeof a.json.dataset.events, 'number');
  });
});

describe('GET /api/search', () => {
  it('finds Yezhov from any spelling', async () => {
    for (const q of ['Ezhov', 'Yezhov', 'Ежов', 'ezhov']) {
      const a = await api(`/api/search?q=${encodeURIComponent(q)}`);
      assert.equal(a.status, 200);
      assert.equal(a.json.query, q);
      const first = a.json.results[0];
      assert.equal(first?.type, 'person', q);
      assert.equal(first?.id, 'yezhov', q);
      assert.match(first.sublabel, /Ежов/);
    }
  });

  it('finds institutions by abbreviation', async () => {
    const a = await api('/api/search?q=NKVD');
    assert.ok(
      a.json.results.some((r: { type: string; id: string }) => r.type === 'institution' && r.id === 'nkvd'),
    );
  });

  it('keeps to the limit and orders by score', async () => {
    const a = await api('/api/search?q=o&limit=2');
    assert.ok(a.json.results.length <= 2);
    const scores = a.json.results.map((r: { score: number }) => r.score);
    assert.deepEqual(
      scores,
      [...scores].sort((x, y) => y - x),
    );
  });

  it('rejects a missing, empty or oversized query', async () => {
    assert.match((await api('/api/search')).json.detail, /q: is required/);
    assertProblem(await api('/api/search?q='), 400, 'invalid-parameter');
    const long = await api(`/api/search?q=${'a'.repeat(201)}`);
    assertProblem(long, 400, 'invalid-parameter');
    assert.match(long.json.detail, /201 characters long; the limit is 200/);
    assertProblem(await api('/api/search?q=x&limit=101'), 400, 'invalid-parameter');
    assertProblem(await api(`/api/search?q=${'a'.repeat(5000)}`), 414, 'uri-too-long');
  });
});

describe('GET /api/state', () => {
  it('is kb.stateOn for the day', async () => {
    const a = await api('/api/state?date=1937-03-01');
    assert.equal(a.status, 200);
    assert.deepEqual(a.json, roundtrip(kb.stateOn('1937-03-01')));
    const nkvd = a.json.institutions.find((i: { id: string }) => i.id === 'nkvd');
    assert.ok(nkvd, 'the NKVD existed on 1937-03-01');
    assert.ok(nkvd.holders.some((h: { person: { id: string } }) => h.person.id === 'yezhov'));
  });

  it('filters by kind and by certainty', async () => {
    const a = await api('/api/state?date=1937-03-01&kind=police');
    assert.ok(a.json.institutions.length > 0);
    assert.ok(a.json.institutions.every((i: { kind: string }) => i.kind === 'police'));
    const c = await api('/api/state?date=1937-03-01&certain=true');
    for (const i of c.json.institutions)
      for (const h of i.holders) assert.notEqual(h.status, 'may-hold', `${i.id}: ${h.person.id}`);
  });

  it('rejects dates that are not calendar days in range', async () => {
    const bad: [string, RegExp][] = [
      ['1937-02-30', /February 1937 has 28 days/],
      ['yesterday', /YYYY-MM-DD/],
      ['1937', /YYYY-MM-DD/],
      ['1916-12-31', /outside 1917-01-01\.\.1941-12-31/],
      ['1942-01-01', /outside/],
      ['1937-00-10', /no month 00/],
      ['%F0%9F%92%A3', /YYYY-MM-DD/],
    ];
    for (const [d, re] of bad) {
      const a = await api(`/api/state?date=${d}`);
      assertProblem(a, 400, 'invalid-parameter');
      assert.match(a.json.detail, re, d);
      assert.equal(a.json.errors[0].name, 'date');
    }
    assert.match((await api('/api/state')).json.detail, /date: is required/);
    assertProblem(await api('/api/state?date=1937-03-01&kind=secret'), 400, 'invalid-parameter');
    assertProblem(await api('/api/state?date=1937-03-01&date=1938-01-01'), 400, 'invalid-parameter');
  });
});

describe('GET /api/people and /api/people/{id}', () => {
  it('lists people with paging', async () => {
    const all = await api('/api/people?limit=1000');
    assert.deepEqual(all.json.people, roundtrip(kb.people({ limit: 1000 })));
    assert.equal(all.json.total, kb.info().counts.people);
    const page = await api('/api/people?limit=2&offset=1');
    assert.deepEqual(page.json.people, all.json.people.slice(1, 3));
    assert.equal(page.json.limit, 2);
    assert.equal(page.json.offset, 1);
    for (const bad of ['limit=0', 'limit=1001', 'offset=-1', 'limit=abc', 'page=2'])
      assertProblem(await api(`/api/people?${bad}`), 400, 'invalid-parameter');
  });

  it('answers a person with names, fate, tenures and sources', async () => {
    const a = await api('/api/people/yezhov');
    assert.equal(a.status, 200);
    const { citations, ...rest } = a.json;
    assert.deepEqual(rest, roundtrip(kb.person('yezhov')));
    assert.equal(a.json.ru.startsWith('Ежов'), true);
    assert.ok(a.json.names.length > 3, 'names in several systems');
    assert.ok(a.json.fate.some((f: { kind: string }) => f.kind === 'shot'));
    assert.ok(a.json.tenures.length > 0);
    assert.ok(citations.length > 0);
    for (const c of citations) assert.ok(['book', 'archive', 'work'].includes(c.kind), c.ref);
    const book = citations.find((c: { kind: string }) => c.kind === 'book');
    assert.match(book.part, /^(ch\d+|app\d|intro|conclusion|table\d|front|index)$/);
  });

  it('an unknown person is 404, a malformed id 400', async () => {
    const a = await api('/api/people/nobody-at-all');
    assertProblem(a, 404, 'not-found');
    assert.match(a.json.detail, /no person has the id 'nobody-at-all'/);
    assertProblem(await api('/api/people/%3Cscript%3E'), 400, 'invalid-parameter');
    assertProblem(await api(`/api/people/${'x'.repeat(200)}`), 400, 'invalid-parameter');
    assertProblem(await api('/api/people/yezhov?extra=1'), 400, 'invalid-parameter');
  });
});

describe('GET /api/institutions and /api/institutions/{id}', () => {
  it('lists institutions, optionally by kind', async () => {
    const a = await api('/api/institutions');
    assert.deepEqual(a.json.institutions, roundtrip(kb.institutions()));
    const p = await api('/api/institutions?kind=party');
    assert.ok(p.json.institutions.length > 0);
    assert.ok(p.json.institutions.every((i: { kind: string }) => i.kind === 'party'));
    assertProblem(await api('/api/institutions?kind=club'), 400, 'invalid-parameter');
  });

  it('answers one institution with its holders over time', async () => {
    const a = await api('/api/institutions/nkvd');
    const { citations, ...rest } = a.json;
    assert.deepEqual(rest, roundtrip(kb.institution('nkvd')));
    assert.ok(Array.isArray(citations));
    assert.ok(a.json.tenures.some((t: { person: { id: string } }) => t.person.id === 'yezhov'));
    assertProblem(await api('/api/institutions/no-such-body'), 404, 'not-found');
  });
});

describe('GET /api/events', () => {
  it('lists events, filtered by date range, kind and person', async () => {
    const all = await api('/api/events?limit=1000');
    assert.deepEqual(all.json.events, roundtrip(kb.events({ limit: 1000 })));
    assert.ok(all.json.events.length > 0);
    const y = await api('/api/events?from=1937&to=1937');
    assert.deepEqual(y.json.events, roundtrip(kb.events({ from: '1937', to: '1937', limit: 100 })));
    const first = all.json.events[0];
    const k = await api(`/api/events?kind=${first.kind}`);
    assert.ok(k.json.events.every((e: { kind: string }) => e.kind === first.kind));
    const p = await api('/api/events?person=yezhov');
    assert.ok(p.json.events.every((e: { participants: string[] }) => e.participants.includes('yezhov')));
    const page = await api('/api/events?limit=1&offset=1');
    assert.deepEqual(page.json.events, all.json.events.slice(1, 2));
  });

  it('rejects bad filters', async () => {
    const cases: [string, RegExp][] = [
      ['from=1938&to=1937', /to: 1937 is before from=1938/],
      ['from=1937-02-30', /February 1937 has 28 days/],
      ['to=soon', /YYYY, YYYY-MM or YYYY-MM-DD/],
      ['kind=party', /expected one of plenum/],
      ['person=nobody', /no person has the id 'nobody'/],
      ['institution=nothing', /no institution has the id 'nothing'/],
      ['limit=5000', /limit: expected a whole number from 1 to 1000/],
    ];
    for (const [q, re] of cases) {
      const a = await api(`/api/events?${q}`);
      assertProblem(a, 400, 'invalid-parameter');
      assert.match(a.json.detail, re, q);
    }
  });
});

describe('GET /api/campaigns, /api/statistics, /api/sources', () => {
  it('campaigns: list and one', async () => {
    const a = await api('/api/campaigns');
    assert.deepEqual(a.json.campaigns, roundtrip(kb.campaigns()));
    const id = a.json.campaigns[0]?.id;
    assert.ok(id, 'there is a campaign');
    const c = await api(`/api/campaigns/${id}`);
    const { citations, ...rest } = c.json;
    assert.deepEqual(rest, roundtrip(kb.campaign(id)));
    assert.ok(Array.isArray(citations));
    assertProblem(await api('/api/campaigns/no-such-campaign'), 404, 'not-found');
  });

  it('statistics: list and one series', async () => {
    const a = await api('/api/statistics');
    assert.deepEqual(a.json.statistics, roundtrip(kb.statistics()));
    const id = a.json.statistics[0]?.id;
    assert.ok(id, 'there is a series');
    const s = await api(`/api/statistics/${id}`);
    assert.equal(s.json.id, id);
    assert.ok(s.json.columns.length > 0);
    assert.ok(s.json.rows.length > 0);
    assert.ok(Array.isArray(s.json.discrepancies));
    assertProblem(await api('/api/statistics/table-99'), 404, 'not-found');
  });

  it('sources: the tree and the facts on one file', async () => {
    const a = await api('/api/sources');
    assert.deepEqual(a.json.tree, roundtrip(kb.sourcesTree()));
    // A leaf (delo) of the tree.
    let node = a.json.tree[0];
    assert.ok(node, 'some archival file is cited');
    while (node.children.length > 0) node = node.children[0];
    const f = await api(`/api/sources/${encodeURIComponent(node.key)}`);
    assert.equal(f.status, 200);
    assert.equal(f.json.key, node.key);
    assert.deepEqual(f.json.facts, roundtrip(kb.sourceFacts(node.key)));
    assert.ok(f.json.facts.length > 0);
    const missing = await api(`/api/sources/${encodeURIComponent('RGASPI:999/9/9')}`);
    assertProblem(missing, 404, 'not-found');
    assert.match(missing.json.detail, /RGASPI:999\/9\/9/);
    assertProblem(await api('/api/sources/%00'), 400, 'invalid-parameter');
  });
});

describe('citations in detail answers', () => {
  it('parse archival sources down to the file the sources tree lists', async () => {
    const routes: Record<string, string> = {
      person: '/api/people/',
      institution: '/api/institutions/',
      campaign: '/api/campaigns/',
      statistic: '/api/statistics/',
    };
    const files: string[] = [];
    const walk = (n: { key: string; children: unknown[] }) => {
      if (n.children.length === 0) files.push(n.key);
      for (const c of n.children) walk(c as typeof n);
    };
    for (const n of kb.sourcesTree()) walk(n);
    const facts = files.flatMap((k) => kb.sourceFacts(k).map((f) => ({ ...f, key: k })));
    const fact = facts.find((f) => routes[f.kind]);
    assert.ok(
      fact,
      `something with a detail route rests on an archival file: ${JSON.stringify(facts.slice(0, 3))}`,
    );
    const a = await api(`${routes[fact.kind]}${fact.id}`);
    assert.equal(a.status, 200);
    const archival = a.json.citations.filter((c: { kind: string }) => c.kind === 'archive');
    for (const c of archival) assert.ok(c.citation, 'archival citations carry their text');
    assert.ok(
      archival.some((c: { key?: string }) => c.key === fact.key),
      `${fact.kind} ${fact.id} cites ${fact.key}: ${JSON.stringify(archival)}`,
    );
  });
});

describe('GET /api/translit/* and /api/cite/parse', () => {
  it('lists the systems', async () => {
    const a = await api('/api/translit/systems');
    assert.deepEqual(
      a.json.systems.map((s: { id: string }) => s.id),
      systemIds(),
    );
  });

  it('romanizes', async () => {
    const a = await api(`/api/translit/romanize?text=${encodeURIComponent('Ежов')}&system=ala-lc`);
    assert.deepEqual(a.json, { text: 'Ежов', system: 'ala-lc', result: 'Ezhov' });
    const up = await api(
      `/api/translit/romanize?text=${encodeURIComponent('ежов')}&system=ala-lc&case=upper`,
    );
    assert.equal(up.json.result, 'EZHOV');
    const bad = await api('/api/translit/romanize?text=x&system=klingon');
    assertProblem(bad, 400, 'invalid-parameter');
    assert.match(bad.json.detail, /system: expected one of .*ala-lc/);
    assert.match((await api('/api/translit/romanize?system=ala-lc')).json.detail, /text: is required/);
  });

  it('matches a name against a list', async () => {
    const a = await api(`/api/translit/match?q=${encodeURIComponent('Ежов')}&candidates=Yagoda,Yezhov,Beria`);
    assert.equal(a.json.match?.name, 'Yezhov');
    assert.equal(a.json.match?.index, 1);
    assert.equal(a.json.candidates[0].name, 'Yezhov');
    const none = await api('/api/translit/match?q=Molotov&candidates=Yagoda,Yezhov');
    assert.equal(none.json.match, null);
    assert.match(
      (await api('/api/translit/match?q=x&candidates=,,')).json.detail,
      /candidates: needs at least one name/,
    );
    const many = Array.from({ length: 101 }, (_, i) => `n${i}`).join(',');
    assert.match(
      (await api(`/api/translit/match?q=x&candidates=${many}`)).json.detail,
      /101 names; the limit is 100/,
    );
    assert.match((await api('/api/translit/match?candidates=a')).json.detail, /q: is required/);
  });

  it('parses archival citations, and says why when there is none', async () => {
    const a = await api(`/api/cite/parse?text=${encodeURIComponent('RGASPI, f. 17, op. 3, d. 1003, l. 82')}`);
    assert.equal(a.json.citations.length, 1);
    assert.equal(a.json.citations[0].reference.key, 'RGASPI:17/3/1003');
    assert.deepEqual(a.json.diagnostics, []);
    const none = await api('/api/cite/parse?text=hello');
    assert.deepEqual(none.json.citations, []);
    assert.equal(none.json.diagnostics[0].code, 'not-a-citation');
    assertProblem(await api('/api/cite/parse'), 400, 'invalid-parameter');
  });
});

describe('HTTP behaviour of the API', () => {
  it('unknown routes are 404 problems, other methods 405', async () => {
    for (const p of ['/api/nope', '/api/people/yezhov/extra', '/api/translit']) {
      const a = await api(p);
      assertProblem(a, 404, 'not-found');
    }
    for (const m of ['POST', 'PUT', 'DELETE']) {
      const a = await get(srv.url, '/api/people/yezhov', { method: m, body: '{}' });
      assertProblem(a, 405, 'method-not-allowed');
      assert.equal(a.headers.allow, 'GET, HEAD');
    }
    assertProblem(await get(srv.url, '/api/people', { body: 'x'.repeat(2000) }), 413, 'content-too-large');
  });

  it('answers conditional requests and HEAD', async () => {
    const a = await api('/api/people/yezhov');
    const again = await api('/api/people/yezhov', { headers: { 'If-None-Match': String(a.headers.etag) } });
    assert.equal(again.status, 304);
    const head = await api('/api/people/yezhov', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.equal(head.headers['content-length'], a.headers['content-length']);
  });

  it('compresses large answers when asked', async () => {
    const a = await get(srv.url, '/api/state?date=1937-03-01', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(a.status, 200);
    assert.equal(a.headers['content-encoding'], 'gzip');
    assert.equal(a.headers.vary, 'Accept-Encoding');
    const plain = await get(srv.url, '/api/state?date=1937-03-01');
    assert.ok(Number(a.headers['content-length']) < Number(plain.headers['content-length']));
  });

  it('sends security headers with every answer', async () => {
    for (const p of ['/api/health', '/api/nope', '/']) {
      const a = await get(srv.url, p);
      assert.equal(a.headers['x-content-type-options'], 'nosniff', p);
      assert.equal(a.headers['referrer-policy'], 'no-referrer', p);
      assert.equal(a.headers['x-frame-options'], 'DENY', p);
      assert.match(String(a.headers['content-security-policy']), /frame-ancestors 'none'/, p);
    }
  });
});
