import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  buildDatabase,
  CohortResult,
  DatasetError,
  ensureDatabase,
  type Kb,
  KbQueryError,
  openKb,
  StateResult,
  writeDatabase,
} from '../src/index.ts';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'opis-kb-'));
const dbPath = join(dir, 'kb.sqlite');
let kb: Kb;

before(() => {
  const r = buildDatabase(join(fixtures, 'good'), dbPath);
  assert.ok(r.ok);
  kb = openKb(dbPath);
});
after(() => {
  kb?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('searchPeople: any spelling finds the person', () => {
  for (const q of [
    'Ezhov',
    'Yezhov',
    'Ežov',
    'Jeschow',
    'Ежов',
    'ЕЖОВ',
    'ezhov',
    'Iejov',
    'Nikolai Yezhov',
    'Ежов Николай',
  ])
    it(q, () => {
      const hits = kb.searchPeople(q);
      assert.equal(hits[0]?.id, 'yezhov', JSON.stringify(hits));
    });
  it('variants and pseudonyms (Molotov born Skriabin, Скрябин)', () => {
    assert.equal(kb.searchPeople('Skriabin')[0]?.id, 'molotov');
    assert.equal(kb.searchPeople('Скрябин')[0]?.id, 'molotov');
  });
  it('a near spelling is found with a lower score', () => {
    const h = kb.searchPeople('Yezov')[0];
    assert.equal(h?.id, 'yezhov');
    assert.ok((h?.score ?? 1) < 1);
  });
  it('prefixes', () => assert.equal(kb.searchPeople('Rudzu')[0]?.id, 'rudzutak'));
  it('nothing for nonsense or empty input', () => {
    assert.deepEqual(kb.searchPeople('qqqqqqqq'), []);
    assert.deepEqual(kb.searchPeople('  '), []);
    assert.deepEqual(kb.searchPeople('"*()'), []);
  });
  it('findPerson gives the detail with offices, fate and sources', () => {
    const p = kb.findPerson('Ежов');
    assert.equal(p?.id, 'yezhov');
    assert.ok(p?.tenures.some((t) => t.institution.id === 'nkvd' && t.office === "People's Commissar"));
    assert.deepEqual(
      p?.fate.map((f) => f.kind),
      ['arrested', 'shot'],
    );
    assert.ok(p?.sources.includes('book:app2:L4012'));
    assert.ok(p?.names.some((n) => n.form === 'Jeschow' && n.system === 'german'));
    assert.equal(p?.events[0]?.id, '1937-02-plenum');
  });
});

describe('stateOn', () => {
  it('1937-03-01: the NKVD headed by Yezhov, with relations and personal status', () => {
    const s = kb.stateOn('1937-03-01');
    StateResult.parse(s);
    const nkvd = s.institutions.find((i) => i.id === 'nkvd');
    assert.ok(nkvd);
    assert.equal(nkvd.status, 'holds');
    const head = nkvd.holders.find((h) => h.office === "People's Commissar");
    assert.equal(head?.person.id, 'yezhov');
    assert.equal(head?.status, 'holds');
    assert.equal(head?.personal.status, 'free');
    assert.ok(!nkvd.holders.some((h) => h.person.id === 'yagoda'), 'Yagoda left the NKVD in 1936');
    assert.deepEqual(
      nkvd.relations.map((r) => `${r.type} ${r.target}`),
      ['part-of snk'],
    );
    assert.ok(!s.institutions.some((i) => i.id === 'ogpu'), 'the OGPU ended in 1934');
  });
  it('uncertain holders are listed as may-hold with the reason, never dropped', () => {
    const cc = kb.stateOn('1937-03-01').institutions.find((i) => i.id === 'cc-17');
    const rud = cc?.holders.find((h) => h.person.id === 'rudzutak');
    assert.equal(rud?.status, 'may-hold');
    assert.match(rud?.why ?? '', /end unknown/);
    // Yagoda's CC membership ended "1937-03": on 1937-03-15 it may hold, and he may be arrested
    const y = kb
      .stateOn('1937-03-15')
      .institutions.find((i) => i.id === 'cc-17')
      ?.holders.find((h) => h.person.id === 'yagoda');
    assert.equal(y?.status, 'may-hold');
    assert.equal(y?.personal.status, 'arrested');
    assert.equal(y?.personal.certain, false);
  });
  it('no one holds office after a certain death', () => {
    const cc = kb.stateOn('1938-06-01').institutions.find((i) => i.id === 'cc-17');
    assert.ok(!cc?.holders.some((h) => h.person.id === 'yagoda'));
    assert.equal(kb.personalStatus('yagoda', '1938-06-01').status, 'dead');
  });
  it('an undated arrest is not dropped: the personal status becomes uncertain', () => {
    const p = join(dir, 'undated.sqlite');
    const person = {
      id: 'iksov',
      name: { ru: { surname: 'Иксов' }, text: 'Iksov' },
      fate: [{ kind: 'arrested' as const, source: 'book:ch1:L1' }],
      source: 'book:ch1:L1',
    };
    const empty = { sources: [], institutions: [], tenures: [], events: [], campaigns: [], statistics: [] };
    writeDatabase(p, { ...empty, people: [person] }, undefined, [], 'test');
    const k = openKb(p);
    assert.deepEqual(k.personalStatus('iksov', '1937-01-01'), {
      status: 'arrested',
      certain: false,
      why: 'arrested (undated)',
    });
    k.close();
  });
  it('1934-01-01: the OGPU, not yet the NKVD; Yagoda deputy chairman', () => {
    const s = kb.stateOn('1934-01-01');
    assert.ok(!s.institutions.some((i) => i.id === 'nkvd'));
    const ogpu = s.institutions.find((i) => i.id === 'ogpu');
    assert.equal(ogpu?.holders[0]?.person.id, 'yagoda');
    assert.deepEqual(ogpu?.relations, [], 'succeeded by the NKVD only from 1934-07-10');
  });
  it('filters by institution and kind; a bad date is a KbQueryError with a column', () => {
    assert.deepEqual(
      kb.stateOn('1937-03-01', { institutions: ['nkvd'] }).institutions.map((i) => i.id),
      ['nkvd'],
    );
    assert.ok(kb.stateOn('1937-03-01', { kind: 'police' }).institutions.every((i) => i.kind === 'police'));
    assert.throws(
      () => kb.stateOn('1937-02-30'),
      (e: unknown) => e instanceof KbQueryError && e.column === 9,
    );
  });
});

describe('other queries', () => {
  it('institution by id, with holders and incoming relations', () => {
    const i = kb.institution('snk');
    assert.equal(i?.tenures[0]?.person.id, 'molotov');
    assert.deepEqual(
      i?.incoming.map((x) => x.source),
      ['nkvd'],
    );
    assert.equal(kb.findInstitution('НКВД')?.id, 'nkvd');
    assert.equal(kb.findInstitution('Sovnarkom')?.id, 'snk');
    assert.equal(kb.findInstitution('Internal Affairs')?.id, 'nkvd');
    assert.equal(kb.institution('nope'), undefined);
  });
  it('events by window, kind, person, institution', () => {
    assert.deepEqual(
      kb.events({ from: '1937-03-01', to: '1937-03-31' }).map((e) => e.id),
      ['1937-02-plenum', 'yagoda-arrest'],
    );
    assert.deepEqual(
      kb.events({ from: '1937-03-06', kind: 'arrest' }).map((e) => e.id),
      ['yagoda-arrest'],
    );
    assert.deepEqual(
      kb.events({ person: 'molotov' }).map((e) => e.id),
      ['1937-02-plenum'],
    );
    assert.deepEqual(
      kb.events({ institution: 'nkvd' }).map((e) => e.id),
      ['yagoda-arrest'],
    );
    assert.deepEqual(kb.events({ to: '1936' }), []);
    assert.throws(() => kb.events({ from: 'March' }), KbQueryError);
  });
  it('campaigns, statistics with discrepancies, sources', () => {
    assert.deepEqual(
      kb.campaigns().map((c) => c.id),
      ['order-00447'],
    );
    assert.deepEqual(
      kb.campaign('order-00447')?.events.map((e) => e.id),
      ['yagoda-arrest'],
    );
    const s = kb.series('table-x');
    assert.equal(s?.discrepancies.length, 1);
    assert.equal(s?.rows.length, 3);
    assert.deepEqual(kb.statistics()[0], {
      id: 'table-x',
      title: 'Test table',
      unit: 'persons',
      rows: 3,
      discrepancies: 1,
    });
    const tree = kb.sourcesTree();
    assert.equal(tree[0]?.key, 'RGASPI');
    assert.equal(tree[0]?.children[0]?.children.length, 2);
    assert.deepEqual(
      kb.sourceFacts('RGASPI:17/3/1003').map((f) => `${f.kind}:${f.id}`),
      ['person:yezhov'],
    );
    assert.equal(kb.sourceFacts('RGASPI:17').length, 2);
    assert.equal(kb.sourceFacts('RGASPI').length, 2);
    const ids = (key: string) =>
      kb
        .sourceFacts(key)
        .map((f) => `${f.kind}:${f.id} people=${f.people.join(',')} inst=${f.institutions.join(',')}`);
    assert.deepEqual(ids('RGASPI:17/2/612'), ['event:1937-02-plenum people=yezhov,molotov inst=cc-17']);
    assert.deepEqual(ids('RGASPI:17/3/1003'), ['person:yezhov people=yezhov inst=']);
    const rgva = ids('RGVA:9/1');
    const tenure = rgva.find((l) => l.startsWith('tenure:'));
    assert.match(tenure ?? '', /^tenure:\d+ people=yezhov inst=nkvd$/);
    assert.deepEqual(
      rgva.filter((l) => l !== tenure),
      ['campaign:order-00447 people= inst=nkvd', 'institution:nkvd people= inst=nkvd'],
    );
    assert.deepEqual(ids('RGASPI:99'), []);
  });
  it('cohort: full members of cc-17 on 1934-02-10, fates by 1939-12-31', () => {
    const c = kb.cohort({
      institution: 'cc-17',
      office: 'full member',
      asOf: '1934-02-10',
      by: '1939-12-31',
    });
    CohortResult.parse(c);
    assert.equal(c.members, 3);
    assert.deepEqual(
      c.list.map((m) => m.person.id),
      ['molotov', 'rudzutak', 'yezhov'],
    );
    assert.deepEqual(c.counts.arrested, { yes: 2, maybe: 0 });
    assert.deepEqual(c.counts.shot, { yes: 1, maybe: 0 });
    assert.deepEqual(c.counts.died, { yes: 1, maybe: 0 });
    assert.equal(c.counts.unharmed, 1);
    const y = c.list.find((m) => m.person.id === 'yezhov');
    assert.equal(y?.arrested, 'yes');
    assert.equal(y?.shot, 'no', 'shot in 1940, after the date');
    // by 1938-06-30, Rudzutak shot "1938" may or may not have happened
    const mid = kb.cohort({
      institution: 'cc-17',
      office: 'full member',
      asOf: '1934-02-10',
      by: '1938-06-30',
    });
    assert.equal(mid.list.find((m) => m.person.id === 'rudzutak')?.shot, 'maybe');
  });
});

describe('buildDatabase / ensureDatabase', () => {
  it('does not rebuild when nothing changed, rebuilds when data changes', () => {
    const data = join(dir, 'data');
    cpSync(join(fixtures, 'good'), data, { recursive: true });
    const p = join(dir, 'e.sqlite');
    assert.equal(ensureDatabase(data, p).built, true);
    const m1 = statSync(p).mtimeMs;
    assert.equal(ensureDatabase(data, p).built, false);
    assert.equal(statSync(p).mtimeMs, m1);
    writeFileSync(
      join(data, 'events', '1938.yaml'),
      '- { id: x, date: "1938", kind: other, title: X, source: "book:ch9:L1" }\n',
    );
    assert.equal(ensureDatabase(data, p).built, true);
    const k = openKb(p);
    assert.equal(k.events({ from: '1938' }).length, 1);
    k.close();
  });
  it('a failed build writes nothing and keeps the old database', () => {
    const data = join(dir, 'data2');
    cpSync(join(fixtures, 'good'), data, { recursive: true });
    const p = join(dir, 'f.sqlite');
    ensureDatabase(data, p);
    writeFileSync(
      join(data, 'events', '1939.yaml'),
      '- { id: y, date: "1939-02-29", kind: other, title: Y, source: "book:ch9:L1" }\n',
    );
    assert.throws(
      () => ensureDatabase(data, p),
      (e: unknown) => e instanceof DatasetError && /1939\.yaml:1:\d+: bad date/.test(e.message),
    );
    const k = openKb(p);
    assert.equal(k.events({ from: '1939' }).length, 0);
    k.close();
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('.tmp-')),
      [],
    );
    const bad = buildDatabase(join(fixtures, 'bad'), join(dir, 'bad.sqlite'));
    assert.equal(bad.ok, false);
    assert.equal(existsSync(join(dir, 'bad.sqlite')), false);
  });
});

describe('relation ends: open vs unknown', () => {
  it("an undated end takes the body's end; '..' stays open and a missing end stays unknown", () => {
    const d = mkdtempSync(join(tmpdir(), 'opis-kb-rel-'));
    try {
      cpSync(join(fixtures, 'good'), join(d, 'data'), { recursive: true });
      const extra = `
- id: body-open
  names: { en: A body still in being }
  kind: state
  from: "1930"
  to: ".."
  relations:
    - { type: part-of, target: snk, source: "book:front:L190" }
  source: "book:front:L190"
- id: body-unknown
  names: { en: A body whose end is not known }
  kind: state
  from: "1930"
  relations:
    - { type: part-of, target: snk, from: "1931", source: "book:front:L190" }
  source: "book:front:L190"
`;
      const file = join(d, 'data', 'institutions.yaml');
      writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n${extra}`);
      const r = buildDatabase(join(d, 'data'), join(d, 'kb.sqlite'));
      assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems.slice(0, 3)));
      const k = openKb(join(d, 'kb.sqlite'));
      try {
        assert.deepEqual(k.institution('body-open')?.relations, [
          { type: 'part-of', target: 'snk', from: '1930', to: '..' },
        ]);
        assert.deepEqual(k.institution('body-unknown')?.relations, [
          { type: 'part-of', target: 'snk', from: '1931', to: null },
        ]);
        // written out in the data
        assert.deepEqual(k.institution('ogpu')?.relations, [
          { type: 'succeeded-by', target: 'nkvd', from: '1934-07-10', to: '..' },
        ]);
        const incoming = k.institution('snk')?.incoming.map((x) => `${x.source} ${x.from} ${x.to}`);
        assert.deepEqual(incoming?.sort(), [
          'body-open 1930 ..',
          'body-unknown 1931 null',
          'nkvd 1934-07-10 ..',
        ]);
      } finally {
        k.close();
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
