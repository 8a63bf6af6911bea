export { flag, numberOption, requiredOption, stringOption } from './args.ts';
export type { Command, CommandContext, OptionSpec } from './command.ts';
export { formatLocated, type InputLocation, UserError } from './errors.ts';
export { openInput, readAll, readLines } from './input.ts';
export { main, version } from './main.ts';
export { Output } from './output.ts';
export { type Progress, type ProgressFactory, progressFactory, stagedProgress } from './progress.ts';
