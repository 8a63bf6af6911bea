export {
  type BeiderMorseOptions,
  beiderMorse,
  beiderMorseLanguages,
  beiderMorseTokens,
  type NameType,
  type RuleType,
} from './beider-morse.ts';
export { daitchMokotoff } from './daitch-mokotoff.ts';
