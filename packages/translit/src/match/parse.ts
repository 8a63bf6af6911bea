/**
 * Splits a written name into its parts: surname, given name and patronymic (full or as
 * initials), and alternatives such as a pseudonym and a birth name ("Molotov (Skriabin)",
 * "Osinsky, N. (V. V. Obolenskii)", "Stalin / Dzhugashvili"). Works on any script; never throws.
 */
import { canonical, coarse, wordKeys } from './key.ts';

export interface GivenPart {
  /** As written, without the full stop. */
  text: string;
  /** Written as an initial ("N.", "Ya.", "Н."). */
  initial: boolean;
}

export interface ParsedName {
  /** Surname words (a hyphenated surname is one word). Empty when the name has none. */
  surname: string[];
  /** Given name and patronymic, in that order, when known. */
  given: GivenPart[];
}

// Common Russian, Ukrainian and Baltic given names of the period (Cyrillic); recognized in any
// spelling through their keys. Used only to tell a given name from a surname.
const GIVEN_CYRILLIC =
  'Авель Агафья Акмаль Александр Александра Алексей Анастас Анатолий Андрей Анна Антон Аркадий Арон Артём Август Альберт ' +
  'Борис Бронислав Валентин Валентина Валериан Валерий Василий Вера Виктор Виссарион Виталий Влас Владимир Вячеслав ' +
  'Всеволод Галина Генрих Георгий Герман Глеб Григорий Давид Даниил Демьян Денис Дмитрий Евгений Евгения Евдокия ' +
  'Екатерина Елена Елизавета Емельян Ефим Захар Зинаида Иван Игорь Иероним Израиль Илья Иосиф Иона Исаак Карл Кирилл ' +
  'Клавдия Климент Константин Кузьма Лаврентий Лазарь Лев Леонид Лидия Любовь Людмила Макар Максим Мария Мартемьян ' +
  'Матвей Мендель Михаил Моисей Надежда Наталья Никита Никифор Николай Нина Ольга Осип Павел Пётр Петр Платон ' +
  'Полина Прокофий Роберт Роман Рудольф Самуил Семён Семен Сергей Серго Софья Станислав Степан Тарас Татьяна Тимофей ' +
  'Трофим Фёдор Федор Феликс Филипп Фома Эдуард Эммануил Юлия Юрий Яков Ян Ярослав';

let givenKeys: Set<string> | undefined;

function givenSet(): Set<string> {
  if (!givenKeys) {
    givenKeys = new Set();
    for (const g of GIVEN_CYRILLIC.split(/\s+/)) for (const k of wordKeys(g)) givenKeys.add(coarse(k.key));
  }
  return givenKeys;
}

/** Whether a word is a known given name in any spelling. */
export function isGivenName(word: string): boolean {
  const set = givenSet();
  return wordKeys(word).some((k) => set.has(coarse(k.key)));
}

const PATRONYMIC = /(?:ович|евич|ёвич|ьич|ич|овна|евна|ична|инична)$/i;
const PATRONYMIC_LATIN =
  /(?:ovich|evich|ovitch|evitch|owitsch|ewitsch|owicz|ewicz|ovič|evič|ovics|ovna|evna|ichna|ilyich|ilich|ich)$/i;

function isPatronymicLike(word: string): boolean {
  return PATRONYMIC.test(word) || PATRONYMIC_LATIN.test(word.normalize('NFC'));
}

const LETTER = /\p{L}/u;
/** A single word of letters (and hyphens, apostrophes, primes, combining marks). */
const SIMPLE = /^[\p{L}\p{M}'’ʹʺ-]+$/u;

interface Token {
  text: string;
  initial: boolean;
}

/** Splits one alternative into words and initials ("N.I." gives two initials). */
function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (const raw of s.split(/[\s,]+/)) {
    if (raw === '') continue;
    // "N.I." or "Н.И." or "Ya.E."
    if (/^(?:\p{L}{1,2}\.){2,}$/u.test(raw)) {
      for (const p of raw.split('.')) if (p) out.push({ text: p, initial: true });
      continue;
    }
    const word = raw.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, '');
    if (!LETTER.test(word)) continue;
    const bare = word.replace(/\.$/, '');
    const initial =
      (word.endsWith('.') && [...bare].length <= 3) || ([...bare].length === 1 && /\p{Lu}/u.test(bare));
    out.push({ text: bare.replace(/\./g, ''), initial });
  }
  return out;
}

function parseOne(s: string): ParsedName {
  const comma = s.indexOf(',');
  if (comma >= 0) {
    const surname = tokenize(s.slice(0, comma)).map((t) => t.text);
    const given = tokenize(s.slice(comma + 1));
    if (surname.length > 0) return { surname, given };
  }
  const tokens = tokenize(s);
  const words = tokens.filter((t) => !t.initial);
  const initials = tokens.filter((t) => t.initial);
  if (words.length === 0) return { surname: [], given: initials };
  if (initials.length > 0) {
    // "N. I. Yezhov", "Yezhov N. I.", "Nikolai I. Yezhov"
    const surname = words.filter((w) => !isGivenName(w.text) || words.length === 1).map((w) => w.text);
    const full = words.filter((w) => !surname.includes(w.text));
    return { surname, given: [...full, ...initials] };
  }
  if (words.length === 1) return { surname: [words[0]!.text], given: [] };
  const texts = words.map((w) => w.text);
  const g = texts.findIndex((t) => isGivenName(t));
  if (g >= 0) {
    const given: GivenPart[] = [words[g]!];
    let used = new Set([g]);
    if (g + 1 < texts.length && isPatronymicLike(texts[g + 1]!) && texts.length > 2) {
      given.push(words[g + 1]!);
      used = new Set([g, g + 1]);
    } else if (g + 1 < texts.length && isPatronymicLike(texts[g + 1]!) && g === 0 && texts.length === 2) {
      // "Николай Иванович": no surname at all
      return { surname: [], given: words };
    }
    const surname = texts.filter((_, i) => !used.has(i));
    return { surname, given };
  }
  if (texts.length === 3) {
    if (isPatronymicLike(texts[1]!) && !isPatronymicLike(texts[2]!))
      return { surname: [texts[2]!], given: [words[0]!, words[1]!] };
    if (isPatronymicLike(texts[2]!)) return { surname: [texts[0]!], given: [words[1]!, words[2]!] };
  }
  // Undecided: every word may be the surname.
  return { surname: texts, given: [] };
}

/**
 * Parses a name into its alternatives: the name itself first, then each pseudonym or other
 * name given in brackets or after a slash or "=".
 */
export function parseName(name: string): ParsedName[] {
  const text = name.normalize('NFC');
  // Most names in a list are one word: no need for the general path.
  if (SIMPLE.test(text)) return [{ surname: [text], given: [] }];
  const alts: string[] = [];
  const main = text.replace(/[([{]([^)\]}]*)[)\]}]?/g, (_, inner: string) => {
    alts.push(inner);
    return ' ';
  });
  const parts = main.split(/\s*(?:\/|=|\bor\b|\bили\b)\s*/);
  const out: ParsedName[] = [];
  for (const p of [...parts, ...alts]) {
    const parsed = parseOne(p);
    if (parsed.surname.length > 0 || parsed.given.length > 0) out.push(parsed);
  }
  // A lone given part in brackets (a nickname such as "Sergo") belongs to the main name.
  return out.filter((p, i) => i === 0 || p.surname.length > 0);
}

const CYRILLIC_VOWEL_START: Record<string, string[]> = {
  а: ['a'],
  е: ['je'],
  ё: ['jo', 'je'],
  и: ['i'],
  й: ['j'],
  о: ['o'],
  у: ['u'],
  ы: ['i'],
  э: ['e'],
  ю: ['ju'],
  я: ['ja'],
  і: ['i'],
  ї: ['ji'],
  є: ['je'],
};

/** First-sound classes of a name that starts with a vowel or an iotated vowel; null otherwise. */
function vowelStart(text: string): string[] | null {
  const t = text.normalize('NFC').toLowerCase();
  const first = t[0] ?? '';
  const cyr = CYRILLIC_VOWEL_START[first];
  if (cyr) return cyr;
  // A bare I, J or Y stands for И, Й, Я, Ю, Е or Ё.
  if (/^[ijy]$/.test(t)) return ['i', 'j', 'ja', 'ju', 'je', 'jo'];
  if (/^(?:ya|ia|ja|â|ä)/.test(t)) return ['ja'];
  if (/^(?:yu|iu|ju|û|ü)/.test(t)) return ['ju'];
  if (/^(?:yo|io|jo|ë|ö)/.test(t)) return ['jo', 'je'];
  if (/^(?:ye|ie|je)/.test(t)) return ['je'];
  if (/^[eèéė]/.test(t)) return ['je', 'e'];
  if (/^[aoui]/.test(t)) return [first];
  if (/^[yï]/.test(t)) return ['i', 'j'];
  return null;
}

/**
 * The first-sound classes of a given name or initial: Ya., Ia., Ja. and Я. share one, A. and
 * А. another (iotation is kept here, unlike in surname keys); consonants take the first symbol
 * of the coarse key under each reading.
 */
export function initialClasses(part: GivenPart): Set<string> {
  const vowel = vowelStart(part.text);
  if (vowel) return new Set(vowel);
  const out = new Set<string>();
  for (const k of wordKeys(part.text)) {
    const c = coarse(k.key);
    if (c[0] !== undefined) out.add(c[0]);
  }
  if (out.size === 0) out.add(canonical(part.text.normalize('NFC').toLowerCase())[0] ?? '?');
  return out;
}
