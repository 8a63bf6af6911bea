/**
 * The shapes `openKb` queries return, as zod schemas (for the server's validation and JSON
 * Schema via `z.toJSONSchema`) with their inferred TypeScript types.
 */
import { z } from 'zod';
import {
  Campaign,
  ComputedDiscrepancy,
  Event,
  Fate,
  Institution,
  Person,
  Statistic,
  Tenure,
} from './schema.ts';

export const AsOfStatus = z.enum(['holds', 'may-hold', 'does-not-hold']);

/** A person's own situation on a date, from their fate and death records. */
export const PersonalStatus = z.object({
  status: z.enum(['free', 'arrested', 'dead']),
  certain: z.boolean(),
  why: z.string(),
});
export type PersonalStatus = z.infer<typeof PersonalStatus>;

export const PersonRef = z.object({ id: z.string(), name: z.string(), ru: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const Holder = z.object({
  person: PersonRef,
  office: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  status: AsOfStatus,
  why: z.string(),
  personal: PersonalStatus,
  sources: z.array(z.string()),
});
export type Holder = z.infer<typeof Holder>;

export const StateInstitution = z.object({
  id: z.string(),
  name: z.string(),
  abbr: z.array(z.string()),
  kind: z.string(),
  region: z.string().nullable(),
  status: AsOfStatus,
  why: z.string(),
  relations: z.array(z.object({ type: z.string(), target: z.string(), status: AsOfStatus, why: z.string() })),
  holders: z.array(Holder),
});
export type StateInstitution = z.infer<typeof StateInstitution>;

export const StateResult = z.object({
  date: z.string(),
  institutions: z.array(StateInstitution),
  counts: z.object({ institutions: z.number(), holders: z.number(), mayHold: z.number() }),
});
export type StateResult = z.infer<typeof StateResult>;

export const StateOptions = z.object({
  /** Only these institutions (ids). */
  institutions: z.array(z.string()).optional(),
  /** Only institutions of this kind (party, state, police...). */
  kind: z.string().optional(),
  /** Leave out holders whose tenure may hold but is not certain. */
  certainOnly: z.boolean().optional(),
});
export type StateOptions = z.infer<typeof StateOptions>;

export const PersonHit = z.object({
  id: z.string(),
  name: z.string(),
  ru: z.string(),
  born: z.string().nullable(),
  died: z.string().nullable(),
  /** 1 exact name, 0.8 exact given name + surname, 0.6 prefix, 0.4 near spelling. */
  score: z.number(),
  matched: z.string(),
});
export type PersonHit = z.infer<typeof PersonHit>;

export const NameForm = z.object({ form: z.string(), system: z.string(), part: z.string() });

export const PersonTenure = z.object({
  institution: z.object({ id: z.string(), name: z.string(), abbr: z.array(z.string()) }),
  office: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  sources: z.array(z.string()),
  origin: z.string().nullable(),
});

export const EventSummary = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.string(),
  title: z.string(),
  participants: z.array(z.string()),
  institutions: z.array(z.string()),
  sources: z.array(z.string()),
});
export type EventSummary = z.infer<typeof EventSummary>;

export const PersonDetail = z.object({
  id: z.string(),
  name: z.string(),
  fullName: z.string(),
  ru: z.string(),
  record: Person,
  names: z.array(NameForm),
  fate: z.array(Fate),
  tenures: z.array(PersonTenure),
  events: z.array(EventSummary),
  sources: z.array(z.string()),
  origin: z.string().nullable(),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

export const InstitutionSummary = z.object({
  id: z.string(),
  name: z.string(),
  abbr: z.array(z.string()),
  kind: z.string(),
  region: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type InstitutionSummary = z.infer<typeof InstitutionSummary>;

export const InstitutionDetail = InstitutionSummary.extend({
  record: Institution,
  /**
   * `from`/`to` as for tenures: `'..'` is open, null is unknown; a relation the data leave undated
   * at one end takes that end from the body it belongs to.
   */
  relations: z.array(
    z.object({
      type: z.string(),
      target: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
  ),
  /** Relations of other bodies that point at this one (e.g. X part-of this). */
  incoming: z.array(
    z.object({
      type: z.string(),
      source: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
  ),
  tenures: z.array(
    z.object({
      person: PersonRef,
      office: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      sources: z.array(z.string()),
    }),
  ),
  events: z.array(EventSummary),
  origin: z.string().nullable(),
});
export type InstitutionDetail = z.infer<typeof InstitutionDetail>;

export const EventQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  kind: z.string().optional(),
  person: z.string().optional(),
  institution: z.string().optional(),
  text: z.string().optional(),
  limit: z.number().int().positive().optional(),
  offset: z.number().int().nonnegative().optional(),
});
export type EventQuery = z.infer<typeof EventQuery>;

export const EventDetail = EventSummary.extend({ record: Event, origin: z.string().nullable() });

export const CampaignDetail = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  record: Campaign,
  events: z.array(EventSummary),
  origin: z.string().nullable(),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const SeriesSummary = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  rows: z.number(),
  discrepancies: z.number(),
});
export type SeriesSummary = z.infer<typeof SeriesSummary>;

/** The discrepancies of a series are the compiler's computed ones, as stored. */
export const SeriesDiscrepancy = ComputedDiscrepancy;

export const SeriesDetail = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  source: z.string().nullable(),
  record: Statistic,
  columns: z.array(z.object({ id: z.string(), label: z.string(), unit: z.string().optional() })),
  rows: z.array(z.record(z.string(), z.union([z.number(), z.string(), z.null()]))),
  discrepancies: z.array(SeriesDiscrepancy),
  origin: z.string().nullable(),
});
export type SeriesDetail = z.infer<typeof SeriesDetail>;

export interface SourceTreeNode {
  /** e.g. `RGASPI`, `f. 17`, `op. 3`, `d. 1003`. */
  label: string;
  /** The key for sourceFacts: `RGASPI`, `RGASPI:17`, `RGASPI:17/3`, `RGASPI:17/3/1003`. */
  key: string;
  count: number;
  children: SourceTreeNode[];
}
export const SourceTreeNode: z.ZodType<SourceTreeNode> = z.lazy(() =>
  z.object({ label: z.string(), key: z.string(), count: z.number(), children: z.array(SourceTreeNode) }),
);

export const SourceFact = z.object({
  kind: z.string(),
  id: z.string(),
  field: z.string(),
  ref: z.string(),
  label: z.string(),
  /** Ids of the people the fact is about: a tenure's holder, an event's participants, the person itself. */
  people: z.array(z.string()),
  /** Ids of the institutions: a tenure's body, an event's or a campaign's bodies, the institution itself. */
  institutions: z.array(z.string()),
});
export type SourceFact = z.infer<typeof SourceFact>;

export const CohortQuery = z.object({
  institution: z.string(),
  /** Office text to match (case-insensitive, exact), e.g. "full member". */
  office: z.string().optional(),
  asOf: z.string(),
  by: z.string(),
});
export type CohortQuery = z.infer<typeof CohortQuery>;

const Yes = z.enum(['yes', 'maybe', 'no']);
export const CohortMember = z.object({
  person: PersonRef,
  office: z.string(),
  membership: AsOfStatus,
  arrested: Yes,
  shot: Yes,
  died: Yes,
  /** The fate statements used, with dates. */
  fate: z.array(z.object({ kind: z.string(), date: z.string().nullable(), source: z.string().nullable() })),
  why: z.string(),
});
export type CohortMember = z.infer<typeof CohortMember>;

export const CohortResult = z.object({
  query: CohortQuery,
  members: z.number(),
  counts: z.object({
    arrested: z.object({ yes: z.number(), maybe: z.number() }),
    shot: z.object({ yes: z.number(), maybe: z.number() }),
    died: z.object({ yes: z.number(), maybe: z.number() }),
    /** Neither arrested nor dead by the date, with certainty. */
    unharmed: z.number(),
  }),
  list: z.array(CohortMember),
});
export type CohortResult = z.infer<typeof CohortResult>;

export const KbInfo = z.object({
  hash: z.string(),
  schemaVersion: z.number(),
  builtAt: z.string(),
  counts: z.record(z.string(), z.number()),
});
export type KbInfo = z.infer<typeof KbInfo>;

export { Tenure };
