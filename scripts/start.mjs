#!/usr/bin/env node
// `npm start`: installs what is missing, then runs opis's main job. Once the explorer exists
// (a `serve` command), that job is building the embedded database and serving the explorer;
// until then it is a short tour of the `opis` command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('opis: installing dependencies (npm install)...');
  execFileSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

const bin = join(root, 'packages/cli/bin/opis.mjs');
const opis = (...args) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;
const commands = readdirSync(join(root, 'packages/cli/src/commands')).map((f) => f.replace(/\.ts$/, ''));

if (commands.includes('serve')) {
  process.exit(opis('serve', ...process.argv.slice(2)));
}

console.log('opis: a tour of the command (the explorer is not built yet)\n');
console.log('$ opis --version');
opis('--version');
console.log('\n$ opis --help');
opis('--help');
