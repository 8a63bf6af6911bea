/** Start-up time of the `opis` command against a bare Node.js process: the floor of any CLI. */
import { execFileSync } from 'node:child_process';
import { compare } from './harness.ts';

const bin = new URL('../packages/cli/bin/opis.mjs', import.meta.url).pathname;

export default async function (): Promise<void> {
  await compare({
    name: 'cli start-up (opis --version vs node -e "")',
    opis: { label: 'opis --version', run: () => execFileSync(process.execPath, [bin, '--version']) },
    peer: { label: 'node -e ""', run: () => execFileSync(process.execPath, ['-e', '']) },
    warmup: 2,
    iterations: 10,
  });
  await compare({
    name: 'cli help (opis --help loads every command module)',
    opis: { label: 'opis --help', run: () => execFileSync(process.execPath, [bin, '--help']) },
    peer: { label: 'node -e ""', run: () => execFileSync(process.execPath, ['-e', '']) },
    warmup: 2,
    iterations: 10,
  });
}
