/**
 * Beider–Morse Phonetic Matching (BMPM), a TypeScript port of the engine in Apache
 * commons-codec 1.15 (`org.apache.commons.codec.language.bm`, Apache-2.0). The rule tables are
 * the reference's own text files, kept unchanged in `data/phonetic/bm/` with the licence and
 * NOTICE beside them; this module only reads and applies them.
 *
 * The port keeps the reference's observable behaviour, including its quirks (an `#include`
 * replaces the rule lists of the keys it defines, a box context like `[aeiou]` is matched as
 * a literal set of characters, the order in which name prefixes are tried is Java's HashSet
 * order), because a phonetic key is only useful when it equals the key other tools compute.
 * Conformance is checked against outputs of the reference jar (`test/fixtures/bm-reference.json`).
 */
import { readFileSync } from 'node:fs';

export type NameType = 'gen' | 'ash' | 'sep';
export type RuleType = 'approx' | 'exact';

export interface BeiderMorseOptions {
  /** Name type: generic (default), Ashkenazi Jewish, Sephardic Jewish. */
  nameType?: NameType;
  /** Approximate (default) or exact matching rules. */
  ruleType?: RuleType;
  /** Encode a multi-word name as one string (default true, as the reference encoder does). */
  concat?: boolean;
  /** Upper bound on alternatives kept while encoding (default 20). */
  maxPhonemes?: number;
}

const DATA_DIR = new URL('../../data/phonetic/bm/', import.meta.url);

// ---------------------------------------------------------------------------------------------
// Language sets

const NO_LANGUAGES = { kind: 'none' } as const;
const ANY_LANGUAGE = { kind: 'any' } as const;
type SomeLanguages = { kind: 'some'; langs: ReadonlySet<string> };
type LanguageSet = typeof NO_LANGUAGES | typeof ANY_LANGUAGE | SomeLanguages;

function langsFrom(langs: Set<string>): LanguageSet {
  return langs.size === 0 ? NO_LANGUAGES : { kind: 'some', langs };
}

function restrictTo(a: LanguageSet, other: LanguageSet): LanguageSet {
  if (a.kind === 'none') return a;
  if (a.kind === 'any') return other;
  if (other.kind === 'none') return other;
  if (other.kind === 'any') return a;
  const out = new Set<string>();
  for (const l of a.langs) if (other.langs.has(l)) out.add(l);
  return langsFrom(out);
}

function mergeLangs(a: LanguageSet, other: LanguageSet): LanguageSet {
  // The reference's ANY_LANGUAGE.merge returns the other set; kept for identical output.
  if (a.kind === 'none' || a.kind === 'any') return other;
  if (other.kind === 'none') return a;
  if (other.kind === 'any') return other;
  const out = new Set(a.langs);
  for (const l of other.langs) out.add(l);
  return langsFrom(out);
}

function isSingleton(a: LanguageSet): a is SomeLanguages {
  return a.kind === 'some' && a.langs.size === 1;
}

// ---------------------------------------------------------------------------------------------
// Resource reading

const fileCache = new Map<string, string[]>();

function readResource(name: string): string[] {
  let lines = fileCache.get(name);
  if (!lines) {
    lines = readFileSync(new URL(`${name}.txt`, DATA_DIR), 'utf8').split(/\r?\n/);
    fileCache.set(name, lines);
  }
  return lines;
}

function languagesOf(nameType: NameType): string[] {
  const out: string[] = [];
  let inComment = false;
  for (const raw of readResource(`${nameType}_languages`)) {
    const line = raw.trim();
    if (inComment) {
      if (line.endsWith('*/')) inComment = false;
    } else if (line.startsWith('/*')) inComment = true;
    else if (line.length > 0) out.push(line);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rules

interface Phoneme {
  text: string;
  langs: LanguageSet;
}

type Matcher = (s: string) => boolean;

interface Rule {
  pattern: string;
  lContext: Matcher;
  rContext: Matcher;
  phonemes: Phoneme[];
}

type RuleMap = Map<string, Rule[]>;

function contains(chars: string, ch: string | undefined): boolean {
  return ch !== undefined && chars.includes(ch);
}

/** The reference's context matcher, with its shortcuts (which treat boxes as literal sets). */
function compileContext(regex: string): Matcher {
  const startsWith = regex.startsWith('^');
  const endsWith = regex.endsWith('$');
  const content = regex.substring(startsWith ? 1 : 0, endsWith ? regex.length - 1 : regex.length);
  if (!content.includes('[')) {
    if (startsWith && endsWith) {
      if (content.length === 0) return (s) => s.length === 0;
      return (s) => s === content;
    }
    if ((startsWith || endsWith) && content.length === 0) return () => true;
    if (startsWith) return (s) => s.startsWith(content);
    if (endsWith) return (s) => s.endsWith(content);
  } else {
    const startsWithBox = content.startsWith('[');
    const endsWithBox = content.endsWith(']');
    if (startsWithBox && endsWithBox) {
      let box = content.substring(1, content.length - 1);
      if (!box.includes('[')) {
        const negate = box.startsWith('^');
        if (negate) box = box.substring(1);
        const should = !negate;
        if (startsWith && endsWith) return (s) => s.length === 1 && contains(box, s[0]) === should;
        if (startsWith) return (s) => s.length > 0 && contains(box, s[0]) === should;
        if (endsWith) return (s) => s.length > 0 && contains(box, s[s.length - 1]) === should;
      }
    }
  }
  const re = new RegExp(regex);
  return (s) => re.test(s);
}

function stripQuotes(s: string): string {
  if (s.startsWith('"')) s = s.substring(1);
  if (s.endsWith('"')) s = s.substring(0, s.length - 1);
  return s;
}

function parsePhoneme(ph: string): Phoneme {
  const open = ph.indexOf('[');
  if (open >= 0) {
    if (!ph.endsWith(']')) throw new Error(`phoneme '${ph}' has '[' but does not end in ']'`);
    const langs = new Set(ph.substring(open + 1, ph.length - 1).split('+'));
    return { text: ph.substring(0, open), langs: langsFrom(langs) };
  }
  return { text: ph, langs: ANY_LANGUAGE };
}

function parsePhonemeExpr(ph: string): Phoneme[] {
  if (ph.startsWith('(')) {
    if (!ph.endsWith(')')) throw new Error(`phoneme '${ph}' starts with '(' but does not end with ')'`);
    const body = ph.substring(1, ph.length - 1);
    const out = javaSplit(body, '|').map(parsePhoneme);
    if (body.startsWith('|') || body.endsWith('|')) out.push({ text: '', langs: ANY_LANGUAGE });
    return out;
  }
  return [parsePhoneme(ph)];
}

/** `String.split` of Java for a literal separator: trailing empty strings are dropped. */
function javaSplit(s: string, sep: string | RegExp): string[] {
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function parseRules(name: string): RuleMap {
  const lines: RuleMap = new Map();
  let inComment = false;
  for (const raw of readResource(name)) {
    if (inComment) {
      if (raw.endsWith('*/')) inComment = false;
      continue;
    }
    if (raw.startsWith('/*')) {
      inComment = true;
      continue;
    }
    let line = raw;
    const cmt = line.indexOf('//');
    if (cmt >= 0) line = line.substring(0, cmt);
    line = line.trim();
    if (line.length === 0) continue;
    if (line.startsWith('#include')) {
      const incl = line.substring('#include'.length).trim();
      for (const [k, v] of parseRules(incl)) lines.set(k, v);
      continue;
    }
    const parts = line.split(/\s+/);
    if (parts.length !== 4) throw new Error(`malformed rule in ${name}: ${raw}`);
    const [pat, lCon, rCon, ph] = parts.map(stripQuotes) as [string, string, string, string];
    const rule: Rule = {
      pattern: pat,
      lContext: compileContext(`${lCon}$`),
      rContext: compileContext(`^${rCon}`),
      phonemes: parsePhonemeExpr(ph),
    };
    const key = pat.substring(0, 1);
    let list = lines.get(key);
    if (!list) {
      list = [];
      lines.set(key, list);
    }
    list.push(rule);
  }
  return lines;
}

const ruleCache = new Map<string, RuleMap>();

function rulesFor(nameType: NameType, ruleType: RuleType | 'rules', lang: string): RuleMap {
  const name = `${nameType}_${ruleType}_${lang}`;
  let m = ruleCache.get(name);
  if (!m) {
    m = parseRules(name);
    ruleCache.set(name, m);
  }
  return m;
}

function rulesForSet(nameType: NameType, ruleType: RuleType | 'rules', langs: LanguageSet): RuleMap {
  return rulesFor(nameType, ruleType, isSingleton(langs) ? [...langs.langs][0]! : 'any');
}

function matches(rule: Rule, input: string, i: number): boolean {
  const ipl = i + rule.pattern.length;
  if (ipl > input.length) return false;
  if (input.substring(i, ipl) !== rule.pattern) return false;
  if (!rule.rContext(input.substring(ipl))) return false;
  return rule.lContext(input.substring(0, i));
}

// ---------------------------------------------------------------------------------------------
// Language guessing

interface LangRule {
  re: RegExp;
  langs: Set<string>;
  accept: boolean;
}

const langCache = new Map<NameType, { rules: LangRule[]; all: string[] }>();

function langRules(nameType: NameType): { rules: LangRule[]; all: string[] } {
  let l = langCache.get(nameType);
  if (l) return l;
  const rules: LangRule[] = [];
  let inComment = false;
  for (const raw of readResource(`${nameType}_lang`)) {
    if (inComment) {
      if (raw.endsWith('*/')) inComment = false;
      continue;
    }
    if (raw.startsWith('/*')) {
      inComment = true;
      continue;
    }
    let line = raw;
    const cmt = line.indexOf('//');
    if (cmt >= 0) line = line.substring(0, cmt);
    line = line.trim();
    if (line.length === 0) continue;
    const parts = line.split(/\s+/);
    if (parts.length !== 3) throw new Error(`malformed language rule: ${raw}`);
    rules.push({
      re: new RegExp(parts[0]!),
      langs: new Set(parts[1]!.split('+')),
      accept: parts[2] === 'true',
    });
  }
  l = { rules, all: languagesOf(nameType) };
  langCache.set(nameType, l);
  return l;
}

function guessLanguages(nameType: NameType, input: string): LanguageSet {
  const { rules, all } = langRules(nameType);
  const text = input.toLowerCase();
  let langs = new Set(all);
  for (const r of rules) {
    if (!r.re.test(text)) continue;
    if (r.accept) langs = new Set([...langs].filter((x) => r.langs.has(x)));
    else for (const x of r.langs) langs.delete(x);
  }
  const ls = langsFrom(langs);
  return ls.kind === 'none' ? ANY_LANGUAGE : ls;
}

/** The languages BMPM guesses for a name (e.g. `['russian']`), or `['any']` when undecided. */
export function beiderMorseLanguages(name: string, nameType: NameType = 'gen'): string[] {
  const ls = guessLanguages(nameType, name);
  return ls.kind === 'some' ? [...ls.langs].sort() : ['any'];
}

// ---------------------------------------------------------------------------------------------
// Name prefixes, iterated in the order Java's HashSet yields them

function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

function javaHashSetOrder(items: string[]): string[] {
  let cap = 1;
  const want = Math.max(Math.floor(items.length / 0.75) + 1, 16);
  while (cap < want) cap <<= 1;
  const bucket = (s: string) => {
    const h = javaHash(s);
    return (h ^ (h >>> 16)) & (cap - 1);
  };
  return items
    .map((s, i) => ({ s, i, b: bucket(s) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.s);
}

const NAME_PREFIXES: Record<NameType, string[]> = {
  ash: javaHashSetOrder(['bar', 'ben', 'da', 'de', 'van', 'von']),
  sep: javaHashSetOrder([
    'al',
    'el',
    'da',
    'dal',
    'de',
    'del',
    'dela',
    'de la',
    'della',
    'des',
    'di',
    'do',
    'dos',
    'du',
    'van',
    'von',
  ]),
  gen: javaHashSetOrder([
    'da',
    'dal',
    'de',
    'del',
    'dela',
    'de la',
    'della',
    'des',
    'di',
    'do',
    'dos',
    'du',
    'van',
    'von',
  ]),
};

// ---------------------------------------------------------------------------------------------
// The engine

function applyExpr(phonemes: Phoneme[], expr: Phoneme[], maxPhonemes: number): Phoneme[] {
  const out: Phoneme[] = [];
  outer: for (const left of phonemes) {
    for (const right of expr) {
      const langs = restrictTo(left.langs, right.langs);
      if (langs.kind === 'none') continue;
      if (out.length < maxPhonemes) {
        out.push({ text: left.text + right.text, langs });
        if (out.length >= maxPhonemes) break outer;
      }
    }
  }
  return out;
}

/** One step over `input` at `i`: returns the new phonemes (or null when no rule matched) and the next index. */
function step(
  rules: RuleMap,
  input: string,
  i: number,
  phonemes: Phoneme[],
  maxPhonemes: number,
): { phonemes: Phoneme[] | null; next: number } {
  const list = rules.get(input[i]!);
  if (list) {
    for (const rule of list) {
      if (matches(rule, input, i)) {
        return { phonemes: applyExpr(phonemes, rule.phonemes, maxPhonemes), next: i + rule.pattern.length };
      }
    }
  }
  return { phonemes: null, next: i + 1 };
}

function applyFinalRules(phonemes: Phoneme[], rules: RuleMap, maxPhonemes: number): Phoneme[] {
  if (rules.size === 0) return phonemes;
  const merged = new Map<string, Phoneme>();
  for (const phoneme of phonemes) {
    let sub: Phoneme[] = [{ text: '', langs: phoneme.langs }];
    const text = phoneme.text;
    for (let i = 0; i < text.length; ) {
      const r = step(rules, text, i, sub, maxPhonemes);
      if (r.phonemes) sub = r.phonemes;
      else sub = sub.map((p) => ({ text: p.text + text[i], langs: p.langs }));
      i = r.next;
    }
    for (const p of sub) {
      const old = merged.get(p.text);
      merged.set(p.text, old ? { text: p.text, langs: mergeLangs(old.langs, p.langs) } : p);
    }
  }
  return [...merged.values()].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** Java's `String.trim`: strips code units up to U+0020 at both ends. */
function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.substring(a, b);
}

function encodeWith(
  input: string,
  langs: LanguageSet,
  nameType: NameType,
  ruleType: RuleType,
  concat: boolean,
  maxPhonemes: number,
): string {
  const again = (s: string) =>
    encodeWith(s, guessLanguages(nameType, s), nameType, ruleType, concat, maxPhonemes);
  const rules = rulesForSet(nameType, 'rules', langs);
  const final1 = rulesFor(nameType, ruleType, 'common');
  const final2 = rulesForSet(nameType, ruleType, langs);
  input = javaTrim(input.toLowerCase().replaceAll('-', ' '));
  if (nameType === 'gen') {
    if (input.length >= 2 && input.startsWith("d'")) {
      const remainder = input.substring(2);
      return `(${again(remainder)})-(${again(`d${remainder}`)})`;
    }
    for (const l of NAME_PREFIXES.gen) {
      if (input.startsWith(`${l} `)) {
        const remainder = input.substring(l.length + 1);
        return `(${again(remainder)})-(${again(l + remainder)})`;
      }
    }
  }
  const words = javaSplit(input, /\s+/);
  if (words.length === 0) words.push('');
  let words2: string[];
  if (nameType === 'sep') {
    const prefixes = new Set(NAME_PREFIXES.sep);
    words2 = words.map((w) => {
      const parts = javaSplit(w, "'");
      return parts[parts.length - 1] ?? '';
    });
    words2 = words2.filter((w) => !prefixes.has(w));
  } else if (nameType === 'ash') {
    const prefixes = new Set(NAME_PREFIXES.ash);
    words2 = words.filter((w) => !prefixes.has(w));
  } else words2 = words;

  if (concat) input = words2.join(' ');
  else if (words2.length === 1) input = words[0]!;
  else return words2.map((w) => again(w)).join('-');

  let phonemes: Phoneme[] = [{ text: '', langs }];
  for (let i = 0; i < input.length; ) {
    const r = step(rules, input, i, phonemes, maxPhonemes);
    if (r.phonemes) phonemes = r.phonemes;
    i = r.next;
  }
  phonemes = applyFinalRules(phonemes, final1, maxPhonemes);
  phonemes = applyFinalRules(phonemes, final2, maxPhonemes);
  return phonemes.map((p) => p.text).join('|');
}

/**
 * The Beider–Morse phonetic key of a name: alternatives separated by `|` (and, for names with
 * a prefix such as "de la", `(a)-(b)` groups), exactly as commons-codec's `BeiderMorseEncoder`
 * prints them. Never throws on text; non-Latin, non-Cyrillic letters are skipped as the
 * reference skips them.
 */
export function beiderMorse(name: string, options: BeiderMorseOptions = {}): string {
  const nameType = options.nameType ?? 'gen';
  const ruleType = options.ruleType ?? 'approx';
  const concat = options.concat ?? true;
  const maxPhonemes = options.maxPhonemes ?? 20;
  return encodeWith(name, guessLanguages(nameType, name), nameType, ruleType, concat, maxPhonemes);
}

/** The alternatives of a Beider–Morse key as a set of tokens (for overlap tests). */
export function beiderMorseTokens(name: string, options: BeiderMorseOptions = {}): Set<string> {
  return new Set(
    beiderMorse(name, options)
      .split(/[|()-]/)
      .filter((s) => s.length > 0),
  );
}
