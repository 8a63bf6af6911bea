import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  jaroWinkler,
  keyDistance,
  matchName,
  NameIndex,
  nameKey,
  nameKeys,
  nameSimilarity,
  parseName,
} from '../src/match/index.ts';

describe('nameKey', () => {
  const groups: string[][] = [
    ['Yezhov', 'Ezhov', 'Ežov', 'Jeschow', 'Iejov', 'Jeżow', 'Ежов', 'ЕЖОВ', 'ежов', 'Ježov', 'EZHOV'],
    ['Zinoviev', "Zinov'ev", 'Zinovʹev', "Zinov'yev", 'Sinowjew', 'Zinowjew', 'Зиновьев'],
    ['Trotsky', 'Trotskii', 'Trot͡skiĭ', 'Trotskiy', 'Trotzki', 'Trotski', 'Trocki', 'Trockij', 'Троцкий'],
    ['Khrushchev', 'Chruschtschow', 'Khrouchtchev', 'Chruszczow', 'Chruščev', 'Hruŝëv', 'Хрущёв', 'Хрущев'],
    ['Tukhachevsky', 'Tuchatschewski', 'Toukhatchevski', 'Tuchaczewski', 'Tuchačevskij', 'Тухачевский'],
    ['Piatakov', 'Pyatakov', 'Pjatakow', 'Pâtakov', 'Пятаков'],
    ['Yagoda', 'Iagoda', 'Jagoda', 'I͡agoda', 'Ягода'],
  ];
  for (const group of groups) {
    it(`gives one key to ${group[0]} in every spelling`, () => {
      const keys = new Set(group.map((n) => nameKey(n)));
      assert.equal(keys.size, 1, group.map((n) => `${n}: ${nameKey(n)}`).join(', '));
    });
  }
  it('keeps different names apart', () => {
    const keys = ['Ежов', 'Ершов', 'Жуков', 'Ежиков', 'Зиновьев', 'Зимин'].map(nameKey);
    assert.equal(new Set(keys).size, keys.length);
  });
  it('takes the surname of a full name', () => {
    for (const n of [
      'Yezhov, N. I.',
      'N. I. Yezhov',
      'Николай Иванович Ежов',
      'Ежов Николай Иванович',
      'Ежов Н. И.',
    ])
      assert.equal(nameKey(n), nameKey('Ежов'), n);
  });
  it('gives an empty key to text without letters, and never throws', () => {
    assert.equal(nameKey(''), '');
    assert.equal(nameKey('  ,.;() 123 '), '');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        assert.equal(typeof nameKey(s), 'string');
        nameKeys(s);
        parseName(s);
      }),
      { numRuns: 500 },
    );
  });
  it('lists the readings of a Latin name, with inflected forms', () => {
    const keys = nameKeys('Ezhovym').surname.map((k) => k.key);
    assert.ok(keys.includes('eZov'), keys.join(' '));
  });
});

describe('parseName', () => {
  it('reads surname and initials around a comma', () => {
    const [p] = parseName('Yezhov, N. I.');
    assert.deepEqual(p?.surname, ['Yezhov']);
    assert.deepEqual(
      p?.given.map((g) => [g.text, g.initial]),
      [
        ['N', true],
        ['I', true],
      ],
    );
  });
  it('finds the surname in given-patronymic-surname and surname-given-patronymic order', () => {
    assert.deepEqual(parseName('Николай Иванович Ежов')[0]?.surname, ['Ежов']);
    assert.deepEqual(parseName('Ежов Николай Иванович')[0]?.surname, ['Ежов']);
    assert.deepEqual(parseName('Каганович Лазарь Моисеевич')[0]?.surname, ['Каганович']);
    assert.deepEqual(parseName('L. M. Kaganovich')[0]?.surname, ['Kaganovich']);
    assert.deepEqual(parseName('N.I. Yezhov')[0]?.surname, ['Yezhov']);
  });
  it('reads pseudonyms and other names in brackets or after a slash', () => {
    assert.deepEqual(
      parseName('Molotov (Skriabin), V. M.').map((p) => p.surname),
      [['Molotov'], ['Skriabin']],
    );
    assert.deepEqual(
      parseName('Osinsky, N. (V. V. Obolenskii)').map((p) => p.surname),
      [['Osinsky'], ['Obolenskii']],
    );
    assert.deepEqual(
      parseName('Stalin / Dzhugashvili').map((p) => p.surname),
      [['Stalin'], ['Dzhugashvili']],
    );
  });
  it('has no surname for a bare given name and patronymic', () => {
    assert.deepEqual(parseName('Николай Иванович')[0]?.surname, []);
  });
  it('survives unbalanced brackets and empty input', () => {
    assert.deepEqual(parseName(''), []);
    assert.deepEqual(parseName('((('), []);
    assert.deepEqual(parseName('Ежов (')[0]?.surname, ['Ежов']);
  });
});

describe('matchName', () => {
  const list = ['Ершов', 'Ежов', 'Жуков', 'Молотов (Скрябин)', 'Зиновьев', 'Хрущев', 'Тухачевский', 'Иванов'];

  it('accepts the person in German, French, Polish and scholarly spellings', () => {
    for (const q of ['Jeschow', 'Iejov', 'Jeżow', 'Ežov', 'Yezhov', 'Ezhov', 'ЕЖОВ']) {
      const r = matchName(q, list);
      assert.equal(r.match?.name, 'Ежов', q);
      assert.equal(r.candidates[0]?.name, 'Ежов', q);
    }
    assert.equal(matchName('Chruschtschow', list).match?.name, 'Хрущев');
    assert.equal(matchName('Sinowjew', list).match?.name, 'Зиновьев');
    assert.equal(matchName('Toukhatchevski', list).match?.name, 'Тухачевский');
  });
  it('accepts inflected forms', () => {
    for (const q of ['Ежова', 'Ежову', 'Ежовым', 'Yezhova', 'Тухачевского', 'Тухачевским'])
      assert.ok(matchName(q, list).match !== null, q);
  });
  it('finds a person by either name of a double name', () => {
    assert.equal(matchName('Skriabin', list).match?.name, 'Молотов (Скрябин)');
    assert.equal(matchName('Molotov', list).match?.name, 'Молотов (Скрябин)');
    assert.equal(matchName('Molotov (Skriabin), V. M.', ['Молотов', 'Скрыпин']).match?.name, 'Молотов');
  });
  it('accepts nobody when the person is not in the list', () => {
    for (const q of ['Petrov', 'Yagoda', 'Kaganovich', 'Bukharin']) {
      const r = matchName(q, list);
      assert.equal(r.match, null, `${q} accepted ${r.match?.name}`);
    }
    const r = matchName('Yezhov', ['Ершов', 'Жуков', 'Ежиков', 'Рыжов']);
    assert.equal(r.match, null);
  });
  it('ranks the right name first despite one or two wrong letters', () => {
    assert.equal(matchName('Tukhachevskv', list).candidates[0]?.name, 'Тухачевский');
    assert.equal(matchName('Zinovlev', list).candidates[0]?.name, 'Зиновьев');
    assert.equal(matchName('Khrnshchev', list).candidates[0]?.name, 'Хрущев');
  });
  it('uses initials and given names to tell people of one surname apart', () => {
    const people = ['Иванов, А. Б.', 'Иванов, В. Г.', 'Смирнов Александр Петрович', 'Смирнов Иван Никитич'];
    assert.equal(matchName('Ivanov, V.', people).match?.name, 'Иванов, В. Г.');
    assert.equal(matchName('A. P. Smirnov', people).match?.name, 'Смирнов Александр Петрович');
    assert.equal(matchName('Ivan Nikitich Smirnov', people).match?.name, 'Смирнов Иван Никитич');
    // Initials that fit neither: ranked, not accepted
    const r = matchName('Ivanov, D. E.', people);
    assert.equal(r.match, null);
    assert.equal(r.candidates.length >= 2, true);
  });
  it('matches initials to full names in either order and script, and keeps iotation apart', () => {
    const full = ['Ежов Николай Иванович', 'Ежов Андрей Петрович'];
    for (const q of [
      'Yezhov, N. I.',
      'N. I. Yezhov',
      'Nikolai Ivanovich Yezhov',
      'Jeschow, Nikolai Iwanowitsch',
    ])
      assert.equal(matchName(q, full).match?.name, 'Ежов Николай Иванович', q);
    assert.equal(matchName('Yezhov, A. P.', full).match?.name, 'Ежов Андрей Петрович');
    // I. may be И, Й, Я, Ю, Е or Ё, never А or Н
    assert.equal(matchName('Yezhov, I.', full).match, null);
    const initials = ['Ежов Н. И.', 'Ежов Я. А.', 'Ежов А. Я.'];
    for (const q of ['Ya. Yezhov', 'Ezhov, Ia. A.', 'Jeschow, J. A.', 'Ежов Я. А.'])
      assert.equal(matchName(q, initials).match?.name, 'Ежов Я. А.', q);
    assert.equal(matchName('Yezhov, A. Ya.', initials).match?.name, 'Ежов А. Я.');
  });
  it('tells Cyrillic spellings apart where romanizations merge them', () => {
    assert.equal(matchName('Гринько', ['Гринко', 'Гринько']).match?.name, 'Гринько');
    assert.equal(matchName('Гринько', ['Гринко', 'Жуков']).match, null);
    assert.equal(matchName('Ульянов', ['Юлианов', 'Ульянов']).match?.name, 'Ульянов');
    assert.equal(matchName('Ulianov', ['Юлианов', 'Ульянов']).match?.name, 'Ульянов');
    assert.equal(matchName('Zinoviev', ['Зиновеев', 'Зиновьев']).match?.name, 'Зиновьев');
    // the same name written with and without ё is one spelling
    assert.equal(matchName('Хрущёв', ['Хрущев', 'Жуков']).match?.name, 'Хрущев');
  });
  it('does not accept when two different people fit equally', () => {
    const r = matchName('Smirnov', ['Смирнов, А. П.', 'Смирнов, И. Н.']);
    assert.equal(r.match, null);
    assert.equal(r.candidates.length, 2);
  });
  it('treats repeated lines as one name', () => {
    const r = matchName('Yezhov', ['Ежов', 'Ежов', 'Ершов']);
    assert.equal(r.match?.index, 0);
    assert.equal(r.candidates.filter((c) => c.name === 'Ежов').length, 1);
  });
  it('obeys threshold, margin and limit', () => {
    assert.equal(matchName('Jeschow', list, { threshold: 1 }).match, null);
    assert.equal(matchName('Jeschow', list, { threshold: 0.5 }).match?.name, 'Ежов');
    assert.equal(matchName('Yezhov', list, { limit: 1 }).candidates.length, 1);
    assert.equal(matchName('Yezhov', ['Ежов', 'Ежев'], { margin: 0.5 }).match, null);
  });
  it('can leave candidates out', () => {
    const r = matchName('Yezhov', list, { skip: (i) => i === 1 });
    assert.equal(r.match, null);
    assert.ok(r.candidates.every((c) => c.name !== 'Ежов'));
  });
  it('handles empty lists and empty queries', () => {
    assert.deepEqual(matchName('Ежов', []), { query: 'Ежов', match: null, candidates: [] });
    assert.deepEqual(matchName('', list).candidates, []);
    assert.deepEqual(matchName('!!!', list).match, null);
  });
  it('never throws on arbitrary text as query or candidates (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 24 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 24 }), { maxLength: 12 }),
        (query, names) => {
          const r = matchName(query, names);
          assert.ok(r.candidates.length <= 5);
          for (const c of r.candidates) assert.ok(c.score >= 0 && c.score <= 1);
        },
      ),
      { numRuns: 400 },
    );
  });
  it('reports indexing progress', () => {
    const seen: [number, number][] = [];
    new NameIndex(['Ежов', 'Ершов', 'Жуков'], { onProgress: (d, t) => seen.push([d, t]) });
    assert.deepEqual(seen.at(-1), [3, 3]);
  });
  it('scores two names without an index', () => {
    assert.equal(nameSimilarity('Yezhov', 'Ежов'), 1);
    assert.ok(nameSimilarity('Yezhov', 'Жуков') < 0.5);
    assert.ok(nameSimilarity('Yezhov, N. I.', 'Ежов, А. Б.') < 0.9);
  });
  it('always ranks a name first for itself (property)', () => {
    const name = fc.stringMatching(/^[А-ЯЁ][а-яё]{2,10}$|^[A-Z][a-z]{2,10}$/);
    fc.assert(
      fc.property(name, fc.array(name, { maxLength: 30 }), fc.nat(), (self, others, at) => {
        const names = [...others];
        names.splice(at % (names.length + 1), 0, self);
        const r = new NameIndex(names).search(self, { limit: 100 });
        assert.equal(r.candidates[0]?.score, 1);
        assert.ok(r.candidates.some((c) => c.name === self && c.score === 1));
      }),
      { numRuns: 200 },
    );
  });
});

describe('distances', () => {
  it('weighted key distance: zero on equal keys, cheap for near sounds, stops early past a bound', () => {
    assert.equal(keyDistance('eZov', 'eZov'), 0);
    assert.ok(keyDistance('eXov', 'eZov') < 0.1);
    assert.ok(keyDistance('eZov', 'erSov') >= 1);
    assert.ok(keyDistance('abcdefgh', 'zyxwvuts', 1) > 1);
    assert.equal(keyDistance('', 'ab'), 1.5);
  });
  it('Jaro-Winkler matches the textbook values', () => {
    assert.equal(jaroWinkler('MARTHA', 'MARHTA').toFixed(3), '0.961');
    assert.equal(jaroWinkler('DWAYNE', 'DUANE').toFixed(3), '0.840');
    assert.equal(jaroWinkler('DIXON', 'DICKSONX').toFixed(3), '0.813');
    assert.equal(jaroWinkler('', 'abc'), 0);
    assert.equal(jaroWinkler('abc', 'abc'), 1);
  });
});
