import { type CaseMode, run } from './engine.ts';
import { compiledSystem } from './systems.ts';

export type { CaseMode };

export interface RomanizeOptions {
  /**
   * `keep` (default): each word keeps its case (ЕЖОВ -> YEZHOV, Ежов -> Yezhov, ежов -> yezhov);
   * `title`: every romanized word in Title case; `upper`: all capitals; `lower`: all small.
   * Only romanized words change; other text passes through untouched.
   */
  case?: CaseMode;
}

/**
 * Romanizes Russian (and the pre-1918, Ukrainian and Belarusian letters a system defines) in
 * `text` with the system `system` (an id from `systems`). Non-Cyrillic text passes through
 * untouched; NFC and NFD input give the same output. Throws `TranslitError` only for an
 * unknown system id.
 */
export function romanize(text: string, system: string, options?: RomanizeOptions): string {
  return run(compiledSystem(system), text, options?.case ?? 'keep');
}
