/**
 * Daitch–Mokotoff Soundex, a TypeScript port of `DaitchMokotoffSoundex` in Apache commons-codec
 * 1.15 (Apache-2.0). The rules are the reference's `dmrules.txt`, kept unchanged in
 * `data/phonetic/dm/`. Codes are six digits; a name may have several (branching), which
 * `daitchMokotoff` returns all of, in the reference's order.
 */
import { readFileSync } from 'node:fs';

interface DmRule {
  pattern: string;
  atStart: string[];
  beforeVowel: string[];
  other: string[];
}

const MAX_LENGTH = 6;

let loaded: { rules: Map<string, DmRule[]>; foldings: Map<string, string> } | undefined;

function stripQuotes(s: string): string {
  if (s.startsWith('"')) s = s.substring(1);
  if (s.endsWith('"')) s = s.substring(0, s.length - 1);
  return s;
}

function load(): { rules: Map<string, DmRule[]>; foldings: Map<string, string> } {
  if (loaded) return loaded;
  const text = readFileSync(new URL('../../data/phonetic/dm/dmrules.txt', import.meta.url), 'utf8');
  const rules = new Map<string, DmRule[]>();
  const foldings = new Map<string, string>();
  let inComment = false;
  for (const raw of text.split(/\r?\n/)) {
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
    if (line.includes('=')) {
      const [l, r] = line.split('=') as [string, string];
      foldings.set(l, r);
      continue;
    }
    const parts = line.split(/\s+/).map(stripQuotes);
    if (parts.length !== 4) throw new Error(`malformed Daitch-Mokotoff rule: ${raw}`);
    const [pattern, a, b, c] = parts as [string, string, string, string];
    // Java's split("\\|") drops trailing empty strings but keeps a lone empty one.
    const alts = (s: string) => {
      const p = s.split('|');
      while (p.length > 1 && p[p.length - 1] === '') p.pop();
      return p;
    };
    const rule: DmRule = { pattern, atStart: alts(a), beforeVowel: alts(b), other: alts(c) };
    const key = pattern[0]!;
    let list = rules.get(key);
    if (!list) {
      list = [];
      rules.set(key, list);
    }
    list.push(rule);
  }
  // Longest pattern first; Array.prototype.sort is stable, as Java's Collections.sort is.
  for (const list of rules.values()) list.sort((x, y) => y.pattern.length - x.pattern.length);
  loaded = { rules, foldings };
  return loaded;
}

/** Java's `Character.isWhitespace` for one UTF-16 code unit. */
function isJavaWhitespace(c: string): boolean {
  const code = c.charCodeAt(0);
  if ((code >= 9 && code <= 13) || (code >= 0x1c && code <= 0x20)) return true;
  if (code === 0xa0 || code === 0x2007 || code === 0x202f) return false;
  return /[\p{Zs}\p{Zl}\p{Zp}]/u.test(c);
}

function isVowel(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
}

class Branch {
  text = '';
  last: string | null = null;
  copy(): Branch {
    const b = new Branch();
    b.text = this.text;
    b.last = this.last;
    return b;
  }
  next(replacement: string, force: boolean): void {
    const append = this.last === null || !this.last.endsWith(replacement) || force;
    if (append && this.text.length < MAX_LENGTH) {
      this.text = (this.text + replacement).substring(0, MAX_LENGTH);
    }
    this.last = replacement;
  }
}

/**
 * All Daitch–Mokotoff codes of a name (six digits each), as commons-codec's `soundex()` gives
 * them. Letters outside the rules are skipped; never throws.
 */
export function daitchMokotoff(name: string): string[] {
  const { rules, foldings } = load();
  let input = '';
  for (const raw of name) {
    for (const unit of raw.length === 1 ? [raw] : raw.split('')) {
      if (isJavaWhitespace(unit)) continue;
      const lower = unit.toLowerCase();
      const ch = lower.length === 1 ? lower : unit;
      input += foldings.get(ch) ?? ch;
    }
  }
  let branches: Branch[] = [new Branch()];
  let lastChar = '';
  for (let index = 0; index < input.length; index++) {
    const ch = input[index]!;
    const list = rules.get(ch);
    if (!list) continue;
    const context = input.substring(index);
    for (const rule of list) {
      if (!context.startsWith(rule.pattern)) continue;
      const replacements =
        lastChar === ''
          ? rule.atStart
          : isVowel(context[rule.pattern.length])
            ? rule.beforeVowel
            : rule.other;
      const branching = replacements.length > 1;
      const force = (lastChar === 'm' && ch === 'n') || (lastChar === 'n' && ch === 'm');
      const next: Branch[] = [];
      for (const branch of branches) {
        for (const r of replacements) {
          const b = branching ? branch.copy() : branch;
          b.next(r, force);
          next.push(b);
        }
      }
      // A LinkedHashSet keyed by the code so far: the first branch with a given code wins.
      const seen = new Set<string>();
      branches = [];
      for (const b of next) {
        if (seen.has(b.text)) continue;
        seen.add(b.text);
        branches.push(b);
      }
      index += rule.pattern.length - 1;
      break;
    }
    lastChar = ch;
  }
  const out: string[] = [];
  for (const b of branches) out.push(b.text.padEnd(MAX_LENGTH, '0'));
  return out;
}
