/**
 * The data model: one zod schema per record kind of `data/` (see data/README.md and
 * docs/data-model.md). The TypeScript types are inferred from them. Objects are strict: an
 * unknown key is an error, so a misspelled `soruce:` is caught rather than ignored.
 */
import { z } from 'zod';

/** Bump when the schema or the database layout changes: it forces a rebuild of the database. */
export const SCHEMA_VERSION = 3;

export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is lower-case a-z, 0-9 and "-"');

/** A source reference: `book:<locator>`, `archive:<citation>` or `work:<id>`. */
export const SourceRef = z
  .string()
  .regex(/^(book|archive|work):\S/, 'a source is book:..., archive:... or work:...');

/** An EDTF date string; YAML numbers (an unquoted year) are accepted and turned into text. */
export const EdtfText = z.preprocess(
  (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : v),
  z.string().min(1),
);

/** Fields every sourced fact may carry (statements of sources, factoid-style). */
const factFields = {
  source: SourceRef.optional(),
  sources: z.array(SourceRef).min(1).optional(),
  note: z.string().optional(),
  /** How the source words the date(s) (a short label, our words). */
  date_text: z.string().optional(),
  /** A remark on how the dates are given (our words). */
  date_note: z.string().optional(),
  preferred: z.boolean().optional(),
  reason: z.string().optional(),
};

export const DatedFact = z.strictObject({
  date: EdtfText,
  ...factFields,
});
export type DatedFact = z.infer<typeof DatedFact>;

/**
 * One statement or several that disagree (factoid style: both stay, one may be `preferred`
 * with a `reason`). Always a list after parsing.
 */
export const Statements = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [v] : v),
  z.array(DatedFact).min(1),
);

/** The statement to use: the one marked preferred, else the first. */
export function primary<T extends { preferred?: boolean | undefined }>(
  list: readonly T[] | undefined,
): T | undefined {
  return list?.find((x) => x.preferred === true) ?? list?.[0];
}

export const FATE_KINDS = [
  'arrested',
  'expelled',
  'shot',
  'died-in-prison',
  'died-in-camp',
  'suicide',
  'assassinated',
  'died',
  'survived',
  'rehabilitated',
  'released',
  'exiled',
] as const;
export const FateKind = z.enum(FATE_KINDS);

export const Fate = z.strictObject({
  kind: FateKind,
  date: EdtfText.optional(),
  place: z.string().optional(),
  ...factFields,
});
export type Fate = z.infer<typeof Fate>;

export const RuName = z.strictObject({
  surname: z.string().min(1),
  given: z.string().optional(),
  patronymic: z.string().optional(),
});

export const Variant = z.strictObject({
  name: z.string().min(1),
  ru: z.string().optional(),
  kind: z.enum(['pseudonym', 'birth-name', 'spelling', 'party-name', 'other']).optional(),
  ...factFields,
});

export const Person = z.strictObject({
  id: Id,
  name: z.strictObject({
    ru: RuName,
    text: z.string().min(1),
    given_text: z.string().optional(),
  }),
  variants: z.array(Variant).optional(),
  born: Statements.optional(),
  died: Statements.optional(),
  fate: z.array(Fate).optional(),
  roles: z.array(z.string()).optional(),
  ...factFields,
});
export type Person = z.infer<typeof Person>;

export const INSTITUTION_KINDS = [
  'party',
  'state',
  'police',
  'judicial',
  'extrajudicial',
  'social',
  'international',
] as const;
export const RELATION_TYPES = ['part-of', 'attached-to', 'succeeded-by', 'subordinate-to'] as const;

export const Relation = z.strictObject({
  type: z.enum(RELATION_TYPES),
  target: Id,
  from: EdtfText.optional(),
  to: EdtfText.optional(),
  ...factFields,
});
export type Relation = z.infer<typeof Relation>;

export const Institution = z.strictObject({
  id: Id,
  names: z.strictObject({
    en: z.string().min(1),
    ru: z.string().optional(),
    abbr: z.array(z.string()).optional(),
    ru_abbr: z.array(z.string()).optional(),
    other: z.array(z.string()).optional(),
  }),
  kind: z.enum(INSTITUTION_KINDS),
  region: z.string().optional(),
  from: EdtfText.optional(),
  from_text: z.string().optional(),
  to: EdtfText.optional(),
  to_text: z.string().optional(),
  relations: z.array(Relation).optional(),
  ...factFields,
});
export type Institution = z.infer<typeof Institution>;

export const Tenure = z.strictObject({
  id: Id.optional(),
  person: Id,
  institution: Id,
  office: z.string().min(1),
  from: EdtfText.optional(),
  from_text: z.string().optional(),
  to: EdtfText.optional(),
  to_text: z.string().optional(),
  ...factFields,
});
export type Tenure = z.infer<typeof Tenure>;

export const EVENT_KINDS = [
  'plenum',
  'congress',
  'conference',
  'decree',
  'order',
  'resolution',
  'trial',
  'arrest',
  'execution',
  'campaign-start',
  'campaign-end',
  'appointment',
  'dismissal',
  'death',
  'assassination',
  'letter',
  'speech',
  'other',
] as const;

export const Event = z.strictObject({
  id: Id,
  date: EdtfText,
  kind: z.enum(EVENT_KINDS),
  title: z.string().min(1),
  participants: z.array(Id).optional(),
  institutions: z.array(Id).optional(),
  documents: z.array(z.string()).optional(),
  campaign: Id.optional(),
  ...factFields,
});
export type Event = z.infer<typeof Event>;

export const Statement = z.strictObject({
  text: z.string().min(1),
  ...factFields,
});

const Cell = z.union([z.number(), z.string(), z.null()]);

export const Result = z.strictObject({
  measure: z.string().min(1),
  value: z.union([z.number(), z.null()]),
  unit: z.string().optional(),
  date: EdtfText.optional(),
  region: z.string().optional(),
  ...factFields,
});

export const Limit = z.strictObject({
  region: z.string().optional(),
  category: z.union([z.literal(1), z.literal(2), z.string()]).optional(),
  value: z.union([z.number(), z.null()]),
  kind: z.enum(['limit', 'request', 'increase', 'total']).optional(),
  date: EdtfText.optional(),
  ...factFields,
});

export const CAMPAIGN_KINDS = ['purge', 'verification', 'exchange', 'mass-operation'] as const;

export const Campaign = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: z.enum(CAMPAIGN_KINDS),
  from: EdtfText.optional(),
  to: EdtfText.optional(),
  institutions: z.array(Id).optional(),
  rules: z.array(z.union([z.string(), Statement])).optional(),
  results: z.array(Result).optional(),
  limits: z.array(Limit).optional(),
  events: z.array(Id).optional(),
  ...factFields,
});
export type Campaign = z.infer<typeof Campaign>;

export const Column = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/, 'a column id is lower-case a-z, 0-9 and "_"'),
  label: z.string(),
  unit: z.string().optional(),
});

export const Discrepancy = z.strictObject({
  ...factFields,
  where: z.string(),
  note: z.string(),
});
export type Discrepancy = z.infer<typeof Discrepancy>;

export const Statistic = z.strictObject({
  id: Id,
  title: z.string().min(1),
  unit: z.string(),
  source: SourceRef.optional(),
  sources: z.array(SourceRef).optional(),
  archival_source: z.union([SourceRef, z.array(SourceRef)]).optional(),
  note: z.string().optional(),
  key: z.array(z.string()).min(1),
  columns: z.array(Column).min(1),
  rows: z.array(z.record(z.string(), Cell)),
  totals_row: z.string().optional(),
  identities: z.array(z.string()).optional(),
  discrepancies: z.array(Discrepancy).optional(),
});
export type Statistic = z.infer<typeof Statistic>;

export const Work = z.looseObject({
  id: Id,
  kind: z.string().optional(),
  title: z.string().min(1),
});
export type Work = z.infer<typeof Work>;

/** Everything in `data/`, validated. */
export interface Dataset {
  sources: Work[];
  people: Person[];
  institutions: Institution[];
  tenures: Tenure[];
  events: Event[];
  campaigns: Campaign[];
  statistics: Statistic[];
}

/** A problem in `data/`: `file:line:column: message`. */
export const Problem = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

/** A statistic whose numbers disagree with an identity or with each other (never corrected). */
export const ComputedDiscrepancy = z.object({
  series: z.string(),
  where: z.string(),
  identity: z.string().optional(),
  left: z.number().optional(),
  right: z.number().optional(),
  difference: z.number().optional(),
  note: z.string(),
  source: z.string().optional(),
  computed: z.boolean(),
});
export type ComputedDiscrepancy = z.infer<typeof ComputedDiscrepancy>;
