import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { romanize, systems } from '../src/index.ts';

test('case is modelled per word: lower, Title, ALL CAPS', () => {
  assert.equal(romanize('ежов Ежов ЕЖОВ', 'modified-lc'), 'yezhov Yezhov YEZHOV');
  assert.equal(romanize('Щукин ЩУКИН', 'modified-lc'), 'Shchukin SHCHUKIN');
  assert.equal(romanize('Ёлкин', 'ala-lc'), 'Ëlkin');
  assert.equal(romanize('ЁЛКИН', 'ala-lc'), 'ËLKIN');
  assert.equal(romanize('ЮЛИЯ', 'ala-lc'), 'I͡ULII͡A');
  assert.equal(romanize('Юлия', 'ala-lc'), 'I͡ulii͡a');
  // A one-letter capital next to a word in capitals is in capitals too.
  assert.equal(romanize('Я ЕЖОВ', 'modified-lc'), 'YA YEZHOV');
  assert.equal(romanize('ЕЖОВ Я', 'modified-lc'), 'YEZHOV YA');
  assert.equal(romanize('Я Ежов', 'modified-lc'), 'Ya Yezhov');
  assert.equal(romanize('ТРОЦКИЙ', 'modified-lc'), 'TROTSKY');
});

test('case can be forced', () => {
  assert.equal(romanize('ЕЖОВ николай', 'modified-lc', { case: 'title' }), 'Yezhov Nikolai');
  assert.equal(romanize('Ежов николай', 'modified-lc', { case: 'upper' }), 'YEZHOV NIKOLAI');
  assert.equal(romanize('ЕЖОВ Николай', 'modified-lc', { case: 'lower' }), 'yezhov nikolai');
  // Latin words are not touched by a forced case.
  assert.equal(romanize('NKVD и Ежов', 'modified-lc', { case: 'lower' }), 'NKVD i yezhov');
});

test('word boundaries are any non-letter: quotes, dashes, hyphens, digits', () => {
  assert.equal(romanize('«Ежов»', 'modified-lc'), '«Yezhov»');
  assert.equal(romanize('Петров-Ежов', 'modified-lc'), 'Petrov-Yezhov');
  assert.equal(romanize('1937—Ежов', 'modified-lc'), '1937—Yezhov');
  assert.equal(romanize('"Ежов"', 'wikipedia'), '"Yezhov"');
  assert.equal(romanize('Юго-Западная', 'wikipedia'), 'Yugo-Zapadnaya');
});

test('non-Cyrillic text passes through untouched, also in mixed words', () => {
  const s = 'RGASPI, f. 17, op. 3, d. 939 — ñ ü 中文 😀 \u0301 a\u0301';
  assert.equal(romanize(s, 'modified-lc'), s);
  assert.equal(romanize('NKVD Ежова', 'modified-lc'), 'NKVD Yezhova');
  assert.equal(romanize('😀Ежов😀', 'modified-lc'), '😀Yezhov😀');
  assert.equal(romanize('', 'modified-lc'), '');
});

test('NFC and NFD input give the same output', () => {
  for (const w of ['Йошкар-Ола', 'Ёлкин', 'Хрущёв', 'ЙЁ', 'Київ', 'ї', 'Її', 'ѐ', 'Ѝ', 'й\u0301']) {
    for (const s of systems) {
      assert.equal(romanize(w.normalize('NFD'), s.id), romanize(w.normalize('NFC'), s.id), `${s.id} ${w}`);
    }
  }
  assert.equal(romanize('Хрущёв'.normalize('NFD'), 'ala-lc'), 'Khrushchëv');
});

test('ala-lc: diacritics, tie bars, pre-1918 and Ukrainian/Belarusian letters', () => {
  assert.equal(romanize('Цюрупа', 'ala-lc'), 'T͡si͡urupa');
  assert.equal(romanize('Эйхе съезд', 'ala-lc'), 'Ėĭkhe sʺezd');
  assert.equal(romanize('Бѣлый Ѳома Мѵро Россія', 'ala-lc'), 'Bi͡elyĭ Ḟoma Mẏro Rossīi͡a');
  assert.equal(romanize('ҐЄЇЎ Єва', 'ala-lc'), 'GI͡EÏŬ I͡eva');
  assert.equal(romanize('Бѣлый Ѳома Россія', 'ala-lc-ascii'), 'Bielyi Foma Rossiia');
});

test('German, French and Polish spellings', () => {
  assert.equal(romanize('Ежов Зиновьев Тухачевский', 'german'), 'Jeschow Sinowjew Tuchatschewski');
  assert.equal(romanize('Ежов Тухачевский', 'french'), 'Iejov Toukhatchevski');
  assert.equal(romanize('Ежов', 'polish'), 'Jeżow');
});

test('long text and long words', () => {
  const word = 'Щ'.repeat(100_000);
  assert.equal(romanize(word, 'modified-lc'), 'SHCH'.repeat(100_000));
  const text = 'Ежов и Ягода. '.repeat(20_000);
  assert.equal(romanize(text, 'modified-lc'), 'Yezhov i Yagoda. '.repeat(20_000));
});

test('fuzz: never throws on arbitrary Unicode, and text without Cyrillic is unchanged', () => {
  const ids = systems.map((s) => s.id);
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...ids), (s, id) => {
      const out = romanize(s, id);
      assert.equal(typeof out, 'string');
      if (!/[\u0400-\u052f]/.test(s)) assert.equal(out, s);
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom(...'аАеЕёЁйЙьЪъыЫіїЇўЎ-\u0306\u0308 ыйия'), maxLength: 30 }),
      fc.constantFrom(...ids),
      (s, id) => {
        assert.equal(romanize(s.normalize('NFD'), id), romanize(s.normalize('NFC'), id));
      },
    ),
    { numRuns: 2000 },
  );
});
