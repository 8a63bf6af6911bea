import type { ArchivalReference } from './types.ts';

// Cyrillic letters that occur in fond, opis' and delo numbers, romanized for the key.
const CYR: Record<string, string> = {
  А: 'A',
  а: 'a',
  Б: 'B',
  б: 'b',
  В: 'V',
  в: 'v',
  Г: 'G',
  г: 'g',
  Д: 'D',
  д: 'd',
  Е: 'E',
  е: 'e',
  Ж: 'Zh',
  ж: 'zh',
  З: 'Z',
  з: 'z',
  И: 'I',
  и: 'i',
  К: 'K',
  к: 'k',
  Л: 'L',
  л: 'l',
  М: 'M',
  м: 'm',
  Н: 'N',
  н: 'n',
  О: 'O',
  о: 'o',
  П: 'P',
  п: 'p',
  Р: 'R',
  р: 'r',
  С: 'S',
  с: 's',
  Т: 'T',
  т: 't',
  У: 'U',
  у: 'u',
  Ф: 'F',
  ф: 'f',
  Х: 'Kh',
  х: 'kh',
  Ц: 'Ts',
  ц: 'ts',
  Ч: 'Ch',
  ч: 'ch',
  Ш: 'Sh',
  ш: 'sh',
  Щ: 'Shch',
  щ: 'shch',
  Э: 'E',
  э: 'e',
  Ю: 'Iu',
  ю: 'iu',
  Я: 'Ia',
  я: 'ia',
  Ё: 'E',
  ё: 'e',
};

/** A level's value as it goes into a key: Cyrillic romanized, dashes unified. */
export function keyPart(value: string): string {
  let plain = true;
  for (let i = 0; i < value.length; i++)
    if (value.charCodeAt(i) > 127) {
      plain = false;
      break;
    }
  if (plain) return value;
  let out = '';
  for (const ch of value) out += CYR[ch] ?? ch;
  return out.replace(/[‒–—]/g, '-');
}

/**
 * The stable key of the file a reference points to: `ARCHIVE:fond/opis/delo`, e.g.
 * `RGASPI:17/3/1003`. A missing level is `_`; missing levels at the end are left out
 * (`RGASPI:17/163`). Sheets and parts are not in the key: every citation of one file shares it.
 * A Cyrillic letter prefix is romanized (`Р-9401` gives `R-9401`).
 */
export function referenceKey(ref: Pick<ArchivalReference, 'archive' | 'fond' | 'opis' | 'delo'>): string {
  const { fond, opis, delo } = ref;
  // Missing levels at the end are left out; one in the middle is "_".
  let tail: string;
  if (delo !== null)
    tail = `${fond === null ? '_' : keyPart(fond)}/${opis === null ? '_' : keyPart(opis)}/${keyPart(delo)}`;
  else if (opis !== null) tail = `${fond === null ? '_' : keyPart(fond)}/${keyPart(opis)}`;
  else tail = fond === null ? '' : keyPart(fond);
  return `${ref.archive ?? '?'}:${tail}`;
}
