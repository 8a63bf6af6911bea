import type { Command } from './command.ts';

export function mainHelp(commands: Map<string, Command>, version: string): string {
  const names = [...commands.keys()];
  const w = Math.max(8, ...names.map((n) => n.length));
  const lines = [
    `opis ${version}: the Soviet party-state and its repression machinery, 1932-1939`,
    '',
    'Usage: opis <command> [options] [file]',
    '',
    'Commands:',
    ...[...commands.values()].map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also: opis <command> --help)',
    '  -V, --version  print the version',
    '  --debug        print stack traces of internal errors',
    '',
    'Input is a file argument or standard input, one record per line; --json prints JSON Lines.',
    'Exit codes: 0 success, 1 bad input or usage, 2 internal failure.',
  ];
  const examples = [...commands.values()].flatMap((c) => c.examples.slice(0, 1));
  if (examples.length > 0) lines.push('', 'Examples (one per command):', ...examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

export function commandHelp(cmd: Command): string {
  const opts = Object.entries(cmd.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
    const def = o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : '';
    return { flag, text: `${o.description}${def}` };
  });
  opts.push(
    { flag: '-h, --help', text: 'show this help' },
    { flag: '    --debug', text: 'print stack traces of internal errors' },
  );
  const w = Math.max(...opts.map((o) => o.flag.length));
  return [
    `opis ${cmd.name}: ${cmd.summary}`,
    '',
    'Usage:',
    ...cmd.usage.map((u) => `  ${u}`),
    ...(cmd.description ? ['', cmd.description] : []),
    '',
    'Options:',
    ...opts.map((o) => `  ${o.flag.padEnd(w)}  ${o.text}`),
    '',
    'Examples:',
    ...cmd.examples.map((e) => `  ${e}`),
  ].join('\n');
}
