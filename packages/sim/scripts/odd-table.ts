// Prints the registry table for docs/ODD.md, or with --write replaces it in place.
import { readFileSync, writeFileSync } from 'node:fs';
import { ODD_END, ODD_START, registryTable } from '../src/odd.ts';

const file = new URL('../../../docs/ODD.md', import.meta.url).pathname;
if (process.argv.includes('--write')) {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(ODD_START);
  const b = text.indexOf(ODD_END);
  if (a < 0 || b < a) throw new Error('markers not found in docs/ODD.md');
  writeFileSync(file, `${text.slice(0, a + ODD_START.length)}\n${registryTable()}\n${text.slice(b)}`);
} else console.log(registryTable());
