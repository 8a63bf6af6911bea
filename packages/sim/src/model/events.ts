/**
 * The dated event queue. Events are data (`packages/sim/data/events.yaml`, each optionally
 * pointing at the knowledge base's record in `data/events/<year>.yaml`); this module validates
 * them (pure: the browser uses it too); `event-files.ts` reads them from disk.
 */
import { z } from 'zod';
import { WEEKS, weekOf } from './calendar.ts';

export const CAMPAIGNS = [
  'theft-law',
  'purge-1933',
  'verification-1935',
  'exchange-1936',
  'hunt-1936',
  'militia-troikas',
  'mass-operation',
  'national-operations',
  'soft-line',
] as const;
export type Campaign = (typeof CAMPAIGNS)[number];

export const REGIMES = ['ogpu', 'nkvd', 'mass-terror', 'post-halt'] as const;
export type Regime = (typeof REGIMES)[number];

const effect = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threat'), size: z.union([z.number(), z.string()]) }).strict(),
  z.object({ kind: z.literal('campaign'), campaign: z.enum(CAMPAIGNS), on: z.boolean() }).strict(),
  z.object({ kind: z.literal('regime'), regime: z.enum(REGIMES) }).strict(),
  z.object({ kind: z.literal('checking'), mode: z.enum(['territorial', 'central']) }).strict(),
  z.object({ kind: z.literal('protection'), factor: z.number().min(0).max(1) }).strict(),
  z.object({ kind: z.literal('naming'), factor: z.number().min(0).max(2) }).strict(),
  z.object({ kind: z.literal('limits') }).strict(),
  z.object({ kind: z.literal('halt') }).strict(),
]);
export type Effect = z.infer<typeof effect>;

export const modelEvent = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    date: z.string(),
    title: z.string(),
    effects: z.array(effect).min(1),
    kb: z.string().optional(),
    source: z.string(),
  })
  .strict();
export type ModelEvent = z.infer<typeof modelEvent>;

export interface QueueEvent extends ModelEvent {
  week: number;
}

export interface EventIssue {
  file: string;
  message: string;
}

/** Validates a list of raw events, returning queue events sorted by week (stable) and issues. */
export function validateEvents(raw: unknown, file: string): { events: QueueEvent[]; issues: EventIssue[] } {
  const issues: EventIssue[] = [];
  const events: QueueEvent[] = [];
  if (!Array.isArray(raw)) return { events, issues: [{ file, message: 'expected a list of events' }] };
  raw.forEach((r, i) => {
    const res = modelEvent.safeParse(r);
    if (!res.success) {
      const iss = res.error.issues[0]!;
      issues.push({ file, message: `event ${i + 1}: ${iss.path.join('.')}: ${iss.message}` });
      return;
    }
    const w = weekOf(res.data.date);
    if (typeof w !== 'number') {
      issues.push({ file, message: `event ${res.data.id}: ${w.message}` });
      return;
    }
    if (w < 0 || w >= WEEKS) {
      issues.push({ file, message: `event ${res.data.id}: date ${res.data.date} is outside 1932-1939` });
      return;
    }
    events.push({ ...res.data, week: w });
  });
  const ids = new Set<string>();
  for (const e of events) {
    if (ids.has(e.id)) issues.push({ file, message: `duplicate event id '${e.id}'` });
    ids.add(e.id);
  }
  events.sort((a, b) => a.week - b.week);
  return { events, issues };
}
