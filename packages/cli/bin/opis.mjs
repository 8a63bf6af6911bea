#!/usr/bin/env node
// The sources are TypeScript; tsx compiles them on load (with a disk cache), so a fresh
// clone runs `npx opis` after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
