#!/usr/bin/env node
// `npm start`: installs what is missing, then runs opis's main job: `opis serve`, which builds
// the embedded database from data/ and the web app when they are missing or out of date, serves
// both and prints the URL. Arguments are passed on (`npm start -- --port 3000`).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('opis: installing dependencies (npm install)...');
  execFileSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

const bin = join(root, 'packages/cli/bin/opis.mjs');
// The server runs until interrupted: pass Ctrl-C and `kill` on to it and exit as it does.
const child = spawn(process.execPath, [bin, 'serve', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
