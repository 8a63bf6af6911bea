/**
 * The parameter registry: the one home of every parameter of the model. The code reads values
 * from here (or from a scenario or posterior that overrides them by name); `docs/ODD.md` prints
 * the same table, and a test fails when the two disagree.
 */

export type ParamStatus = 'fixed' | 'calibrated';

export interface ParamSpec {
  name: string;
  /** Default (for calibrated parameters: the prior's centre, used when no posterior is given). */
  value: number;
  unit: string;
  /** Range of the prior (calibrated) or of plausible values (fixed). */
  min: number;
  max: number;
  /** Prior shape for calibrated parameters. */
  prior?: 'uniform' | 'log-uniform';
  status: ParamStatus;
  /** Where the value comes from: `book:<locator>`, `table1:<rows>` or `assumption`. */
  source: string;
  description: string;
}

const P = (s: ParamSpec): ParamSpec => s;

export const REGISTRY: readonly ParamSpec[] = [
  // ---- population (full scale, persons) ----
  P({
    name: 'popRankAndFile',
    value: 2_300_000,
    unit: 'persons',
    min: 1_500_000,
    max: 3_500_000,
    status: 'fixed',
    source: 'book:ch2:L718',
    description:
      'Rank-and-file party members in 1932 (membership swelled to 3.5 million by 1932; we take the core exposed to screening).',
  }),
  P({
    name: 'popOfficials',
    value: 103_469,
    unit: 'persons',
    min: 50_000,
    max: 200_000,
    status: 'fixed',
    source: 'book:table5:L2372-2383',
    description: 'Party cadres inside regional machines (the CC checked 103,469 of them, Table 5).',
  }),
  P({
    name: 'popOppositionists',
    value: 30_000,
    unit: 'persons',
    min: 10_000,
    max: 60_000,
    status: 'fixed',
    source: 'book:ch7:L2344',
    description: 'Members with an oppositional past (Stalin put real oppositionists at about 30,000).',
  }),
  P({
    name: 'popFormerKulaks',
    value: 1_500_000,
    unit: 'persons',
    min: 500_000,
    max: 3_000_000,
    status: 'fixed',
    source: 'assumption',
    description: 'Former kulaks, clergy and "former people": the first contingents of order 00447.',
  }),
  P({
    name: 'popCriminals',
    value: 500_000,
    unit: 'persons',
    min: 200_000,
    max: 1_000_000,
    status: 'fixed',
    source: 'assumption',
    description: 'Recidivist criminals, a contingent of order 00447 and of ordinary police work.',
  }),
  P({
    name: 'popNational',
    value: 800_000,
    unit: 'persons',
    min: 300_000,
    max: 1_500_000,
    status: 'fixed',
    source: 'assumption',
    description: 'Members of diaspora nationalities targeted by the national operations.',
  }),
  P({
    name: 'popCitizens',
    value: 1_200_000,
    unit: 'persons',
    min: 500_000,
    max: 3_000_000,
    status: 'fixed',
    source: 'assumption',
    description: 'Other citizens exposed to arrest for ordinary crimes (theft law, passport regime).',
  }),
  P({
    name: 'regions',
    value: 64,
    unit: 'regions',
    min: 8,
    max: 80,
    status: 'fixed',
    source: 'book:ch8:L2901',
    description:
      'Regions, each with a first secretary, an NKVD chief and a troika (the book counts about 80 regional leaders; 64 keeps the tables small).',
  }),
  P({
    name: 'contacts',
    value: 4,
    unit: 'edges per agent',
    min: 0,
    max: 16,
    status: 'fixed',
    source: 'assumption',
    description: 'Out-degree of the contact network on which interrogations name people.',
  }),
  // ---- ordinary arrests and processing ----
  P({
    name: 'ordinaryArrestRate',
    value: 0.0015,
    unit: 'per person-week',
    min: 0.0008,
    max: 0.008,
    prior: 'log-uniform',
    status: 'calibrated',
    source: 'table1:1932-1937',
    description: 'Weekly hazard of arrest for ordinary crimes of a criminal or citizen in normal times.',
  }),
  P({
    name: 'theftLawMultiplier',
    value: 2.2,
    unit: 'factor',
    min: 1,
    max: 5,
    prior: 'uniform',
    status: 'calibrated',
    source: 'table1:1932-1937',
    description:
      'Multiplier on ordinary arrests during the hard line of 1932 to May 1933 (collectivization, the August 1932 theft law).',
  }),
  P({
    name: 'politicalArrestRate',
    value: 0.0001,
    unit: 'per person-week per unit threat',
    min: 0.00001,
    max: 0.001,
    prior: 'log-uniform',
    status: 'calibrated',
    source: 'table1:1932-1937',
    description: 'Weekly hazard of arrest for counterrevolutionary crimes per unit of threat perception.',
  }),
  P({
    name: 'nkvdConvictShare',
    value: 0.55,
    unit: 'probability',
    min: 0.2,
    max: 0.9,
    prior: 'uniform',
    status: 'calibrated',
    source: 'table1:1932-1937',
    description:
      'Share of processed ordinary cases sentenced by the security organs themselves (the rest go to the courts or are released).',
  }),
  P({
    name: 'militiaRate',
    value: 0.0025,
    unit: 'per person-week',
    min: 0,
    max: 0.01,
    prior: 'uniform',
    status: 'calibrated',
    source: 'assumption',
    description:
      'Weekly hazard, in 1935-36, of a sentence by police troikas for "socially harmful elements": sentences the NKVD counted without an NKVD arrest (why convictions exceed arrests in 1935-36).',
  }),
  P({
    name: 'releaseShare',
    value: 0.15,
    unit: 'probability',
    min: 0,
    max: 0.5,
    status: 'fixed',
    source: 'assumption',
    description: 'Share of processed ordinary cases released for lack of grounds.',
  }),
  P({
    name: 'investigationWeeks',
    value: 8,
    unit: 'weeks',
    min: 2,
    max: 26,
    status: 'fixed',
    source: 'assumption',
    description: 'Mean length of an ordinary investigation.',
  }),
  // ---- threat perception and the party ----
  P({
    name: 'threatBase',
    value: 1,
    unit: 'index',
    min: 0.5,
    max: 2,
    status: 'fixed',
    source: 'book:ch1:L365-381',
    description: 'Threat perception of the centre in calm times (the scale of the index).',
  }),
  P({
    name: 'threatDecayWeeks',
    value: 40,
    unit: 'weeks',
    min: 10,
    max: 150,
    status: 'fixed',
    source: 'assumption',
    description: 'Time constant with which a threat shock fades.',
  }),
  P({
    name: 'threatShock1933',
    value: 5,
    unit: 'index',
    min: 0,
    max: 10,
    status: 'fixed',
    source: 'table1:1933 (the median of a first calibration, in which the data did not identify it)',
    description:
      'Size of the threat shock of the January 1933 plenum and the famine winter (withdrawn by the May 1933 instruction).',
  }),
  P({
    name: 'softLineFactor',
    value: 0.5,
    unit: 'factor',
    min: 0.1,
    max: 1,
    status: 'fixed',
    source: 'book:ch4:L1370',
    description:
      'Multiplier on ordinary arrests while the procurator must sanction every arrest (mid-1935 to the September 1936 turn). Fixed: Table 1 does not identify it (posterior about equal to the prior when it was calibrated).',
  }),
  P({
    name: 'threatShock1937',
    value: 8,
    unit: 'index',
    min: 1,
    max: 30,
    prior: 'uniform',
    status: 'calibrated',
    source: 'table1:1937',
    description:
      'Size of the threat shock of the February-March 1937 plenum and the spring of 1937 (other shocks are set in the event file relative to 1).',
  }),
  P({
    name: 'namedBoost',
    value: 20,
    unit: 'factor',
    min: 1,
    max: 100,
    status: 'fixed',
    source: 'assumption',
    description: 'Multiplier on the political hazard of someone named in an interrogation.',
  }),
  P({
    name: 'namingProb',
    value: 0.5,
    unit: 'probability',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'book:ch7:L2737',
    description:
      'Probability that a political detainee names contacts (raised by the event file in 1937-38).',
  }),
  P({
    name: 'edgeNamingProb',
    value: 0.25,
    unit: 'probability',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'assumption',
    description: 'Probability that a naming detainee names a given contact.',
  }),
  P({
    name: 'namedDecayWeeks',
    value: 26,
    unit: 'weeks',
    min: 4,
    max: 104,
    status: 'fixed',
    source: 'assumption',
    description: 'Mean time after which a name in a file stops raising the hazard.',
  }),
  P({
    name: 'expelledBoost',
    value: 6,
    unit: 'factor',
    min: 1,
    max: 30,
    status: 'fixed',
    source: 'book:table2:L1410-1418',
    description:
      'Multiplier on the political hazard of an expelled member (Table 2: about 29% of the expelled were arrested).',
  }),
  P({
    name: 'purgeRate',
    value: 0.004,
    unit: 'per member-week',
    min: 0,
    max: 0.02,
    status: 'fixed',
    source: 'book:ch3:L996',
    description: 'Weekly expulsion hazard of a rank-and-file member during the 1933 purge.',
  }),
  P({
    name: 'verificationRate',
    value: 0.0045,
    unit: 'per member-week',
    min: 0,
    max: 0.02,
    status: 'fixed',
    source: 'book:table4:L1870-1878',
    description: 'Weekly expulsion hazard during the 1935 verification (Table 4: 11.1% of the party).',
  }),
  P({
    name: 'exchangeRate',
    value: 0.0009,
    unit: 'per member-week',
    min: 0,
    max: 0.01,
    status: 'fixed',
    source: 'book:table4:L1870-1878',
    description: 'Weekly expulsion hazard during the 1936 exchange (1.8%).',
  }),
  P({
    name: 'huntRate',
    value: 0.0003,
    unit: 'per member-week',
    min: 0,
    max: 0.01,
    status: 'fixed',
    source: 'book:table4:L1870-1878',
    description: 'Weekly expulsion hazard in the hunt after the July 1936 letter (0.6%).',
  }),
  P({
    name: 'protection',
    value: 0.85,
    unit: 'fraction',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'book:ch4:L1441-1457',
    description: 'How much a family circle cuts the hazard of its own cadres (until broken in 1937).',
  }),
  P({
    name: 'territorialDeflection',
    value: 0.2,
    unit: 'factor',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'book:ch4:L1451-1455',
    description:
      'Relative expulsion weight of machine cadres under territorial checking (rank and file = 1).',
  }),
  P({
    name: 'centralRankWeight',
    value: 2.5,
    unit: 'factor',
    min: 1,
    max: 5,
    status: 'fixed',
    source: 'book:table5:L2372-2383',
    description:
      'Relative expulsion weight of cadres under central checking (Table 5: rates rise with rank).',
  }),
  P({
    name: 'oppWeightVerification',
    value: 2.2,
    unit: 'factor',
    min: 1,
    max: 10,
    status: 'fixed',
    source: 'book:table4:L1870-1878',
    description:
      'Relative expulsion weight of former oppositionists in the 1933 purge and 1935 verification (Table 4: 2.8% of those expelled).',
  }),
  P({
    name: 'oppWeightExchange',
    value: 7.4,
    unit: 'factor',
    min: 1,
    max: 30,
    status: 'fixed',
    source: 'book:table4:L1870-1878',
    description: 'The same in the 1936 exchange (8.8%).',
  }),
  P({
    name: 'oppWeightHunt',
    value: 72,
    unit: 'factor',
    min: 5,
    max: 200,
    status: 'fixed',
    source: 'book:table4:L1870-1878',
    description:
      'The same in the hunt after the July 1936 letter (48.4%): the label narrows onto the opposition.',
  }),
  // ---- mass operations ----
  P({
    name: 'limitCat1',
    value: 55_000,
    unit: 'persons',
    min: 40_000,
    max: 80_000,
    status: 'fixed',
    source: 'book:ch8:L3089',
    description: 'Original category 1 (shooting) limits of order 00447, summed over regions.',
  }),
  P({
    name: 'limitCat2',
    value: 186_500,
    unit: 'persons',
    min: 100_000,
    max: 250_000,
    status: 'fixed',
    source: 'assumption',
    description:
      'Original category 2 (camp) limits of order 00447 (the order annex; not printed in the book).',
  }),
  P({
    name: 'massPace',
    value: 0.12,
    unit: 'per week',
    min: 0.02,
    max: 0.4,
    prior: 'log-uniform',
    status: 'calibrated',
    source: 'table1:1937',
    description: 'Share of its unused limit a region tries to arrest each week.',
  }),
  P({
    name: 'approvalProb',
    value: 0.8,
    unit: 'probability',
    min: 0,
    max: 1,
    prior: 'uniform',
    status: 'calibrated',
    source: 'book:ch8:L3089',
    description:
      'Probability that the centre approves a request to raise a limit (the book: nearly all were approved).',
  }),
  P({
    name: 'requestSize',
    value: 0.35,
    unit: 'fraction of original limit',
    min: 0.05,
    max: 1,
    status: 'fixed',
    source: 'book:ch9:L3452',
    description: "Size of one increase request, as a fraction of the region's original limit.",
  }),
  P({
    name: 'requestFill',
    value: 0.85,
    unit: 'fraction',
    min: 0.5,
    max: 1,
    status: 'fixed',
    source: 'assumption',
    description: 'Share of a limit used (with cases pending) at which a region asks for more.',
  }),
  P({
    name: 'approvalDelayWeeks',
    value: 2,
    unit: 'weeks',
    min: 0,
    max: 8,
    status: 'fixed',
    source: 'book:ch9:L3452',
    description:
      "Weeks between a request and the Politburo's decision (decisions came weekly or more often).",
  }),
  P({
    name: 'cat1Share',
    value: 0.5,
    unit: 'probability',
    min: 0.3,
    max: 0.7,
    prior: 'uniform',
    status: 'calibrated',
    source: 'book:ch8:L3003',
    description:
      'Share of troika cases a troika puts in category 1 when both limits allow. Calibrated on the 1937 split between shot and camps; the prior is centred on the pooled 1937-38 figure (767,397 sentenced, 386,798 shot).',
  }),
  P({
    name: 'massInvestigationWeeks',
    value: 3,
    unit: 'weeks',
    min: 1,
    max: 10,
    status: 'fixed',
    source: 'book:ch8:L3101-3119',
    description: 'Mean time from arrest to troika under the simplified procedure.',
  }),
  P({
    name: 'formerConvictBoost',
    value: 3,
    unit: 'factor',
    min: 1,
    max: 10,
    status: 'fixed',
    source: 'book:ch8:L3101-3119',
    description: 'Extra weight of people released from camp or exile among the contingents of 00447.',
  }),
  P({
    name: 'nationalRate',
    value: 0.004,
    unit: 'per person-week',
    min: 0.0005,
    max: 0.015,
    prior: 'log-uniform',
    status: 'calibrated',
    source: 'table1:1937',
    description: 'Weekly arrest hazard of the national contingents during the national operations.',
  }),
  P({
    name: 'nationalShotShare',
    value: 0.737,
    unit: 'probability',
    min: 0.5,
    max: 0.9,
    status: 'fixed',
    source: 'book:ch8:L3003',
    description: 'Share shot among those sentenced in the national operations (247,157 of 335,513).',
  }),
  P({
    name: 'ordinaryShotShare1937',
    value: 0.25,
    unit: 'probability',
    min: 0,
    max: 0.6,
    status: 'fixed',
    source: 'assumption',
    description:
      'Share shot among NKVD sentences outside the mass operations in 1937-38 (lists, Military Collegium).',
  }),
  P({
    name: 'postHaltArrestFactor',
    value: 0.25,
    unit: 'factor',
    min: 0.05,
    max: 1,
    status: 'fixed',
    source: 'book:ch9:L3526',
    description:
      'Multiplier on political arrests after the November 1938 halt (procurator sanction restored).',
  }),
  P({
    name: 'postHaltRelease',
    value: 0.35,
    unit: 'probability',
    min: 0,
    max: 0.9,
    status: 'fixed',
    source: 'book:ch9:L3618',
    description:
      'Share of cases pending at the halt that are dropped rather than sent to court (releases were in the tens of thousands).',
  }),
  // ---- custody ----
  P({
    name: 'campTermWeeks',
    value: 260,
    unit: 'weeks',
    min: 100,
    max: 520,
    status: 'fixed',
    source: 'book:ch8:L3115',
    description: 'Mean time served in camp or prison (00447 category 2: 8-10 years; shorter before).',
  }),
  P({
    name: 'exileTermWeeks',
    value: 156,
    unit: 'weeks',
    min: 50,
    max: 400,
    status: 'fixed',
    source: 'assumption',
    description: 'Mean time in exile.',
  }),
  P({
    name: 'courtTermWeeks',
    value: 104,
    unit: 'weeks',
    min: 20,
    max: 400,
    status: 'fixed',
    source: 'assumption',
    description: 'Mean custody of those handed to the ordinary courts.',
  }),
  P({
    name: 'campMortality',
    value: 0.001,
    unit: 'per person-week',
    min: 0,
    max: 0.005,
    status: 'fixed',
    source: 'book:app1:L3963',
    description: 'Weekly death hazard in camps and prisons.',
  }),
  // ---- category weights and sentence shares ----
  P({
    name: 'crimWeightMember',
    value: 0.02,
    unit: 'factor',
    min: 0,
    max: 0.2,
    status: 'fixed',
    source: 'assumption',
    description: 'Relative ordinary-crime hazard of party members (criminals and citizens = 1).',
  }),
  P({
    name: 'crimWeightContingent',
    value: 0.3,
    unit: 'factor',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'assumption',
    description: 'Relative ordinary-crime hazard of former kulaks and national contingents.',
  }),
  P({
    name: 'polWeightOpposition',
    value: 4,
    unit: 'factor',
    min: 1,
    max: 20,
    status: 'fixed',
    source: 'book:ch6:L1866-1878',
    description: 'Relative political hazard of former oppositionists (rank-and-file members = 1).',
  }),
  P({
    name: 'polWeightContingent',
    value: 1.5,
    unit: 'factor',
    min: 0.2,
    max: 5,
    status: 'fixed',
    source: 'assumption',
    description: 'Relative political hazard of former kulaks and national contingents.',
  }),
  P({
    name: 'polWeightOther',
    value: 0.3,
    unit: 'factor',
    min: 0,
    max: 2,
    status: 'fixed',
    source: 'assumption',
    description: 'Relative political hazard of criminals and other citizens.',
  }),
  P({
    name: 'massWeightExpelled',
    value: 0.5,
    unit: 'factor',
    min: 0,
    max: 2,
    status: 'fixed',
    source: 'book:ch8:L3101-3119',
    description:
      'Weight of expelled party members among the 00447 contingents (former kulaks and criminals = 1).',
  }),
  P({
    name: 'initialFormerShare',
    value: 0.2,
    unit: 'fraction',
    min: 0,
    max: 0.6,
    status: 'fixed',
    source: 'assumption',
    description: 'Share of former kulaks and criminals who in 1932 already have a past sentence.',
  }),
  P({
    name: 'criminalConvictRatio',
    value: 0.5,
    unit: 'factor',
    min: 0.1,
    max: 1,
    status: 'fixed',
    source: 'assumption',
    description:
      'NKVD-sentence share of ordinary-crime cases relative to political cases (the rest go to courts).',
  }),
  P({
    name: 'ogpuShot',
    value: 0.0128,
    unit: 'share',
    min: 0,
    max: 0.1,
    status: 'fixed',
    source: 'table1:1932-1933',
    description:
      'OGPU regime (to July 1934): share of NKVD sentences that are shootings (Table 1, 1932-33 pooled).',
  }),
  P({
    name: 'ogpuCamps',
    value: 0.558,
    unit: 'share',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'table1:1932-1933',
    description: 'OGPU regime: share to camps and prisons.',
  }),
  P({
    name: 'ogpuExiled',
    value: 0.237,
    unit: 'share',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'table1:1932-1933',
    description: 'OGPU regime: share exiled (the rest are other sentences).',
  }),
  P({
    name: 'nkvdShot',
    value: 0.02,
    unit: 'share',
    min: 0,
    max: 0.1,
    status: 'fixed',
    source: 'table1:1934',
    description: 'NKVD regime (July 1934-1937, and after the halt): share shot (Table 1, 1934: 2.6%).',
  }),
  P({
    name: 'nkvdCamps',
    value: 0.75,
    unit: 'share',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'table1:1934',
    description: 'NKVD regime: share to camps and prisons.',
  }),
  P({
    name: 'nkvdExiled',
    value: 0.08,
    unit: 'share',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'table1:1934',
    description: 'NKVD regime: share exiled.',
  }),
  P({
    name: 'militiaCamps',
    value: 0.72,
    unit: 'share',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'assumption',
    description: 'Police troikas: share to camps (none shot).',
  }),
  P({
    name: 'militiaExiled',
    value: 0.12,
    unit: 'share',
    min: 0,
    max: 1,
    status: 'fixed',
    source: 'assumption',
    description: 'Police troikas: share exiled (the rest other sentences).',
  }),
];

export type ParamName = (typeof REGISTRY)[number]['name'];
export type Params = Record<string, number>;

const BY_NAME = new Map(REGISTRY.map((p) => [p.name, p]));

/** The registry entry, or undefined. */
export function paramSpec(name: string): ParamSpec | undefined {
  return BY_NAME.get(name);
}

/** Default values of every parameter, optionally overridden (unknown names throw). */
export function defaultParams(overrides: Record<string, number> = {}): Params {
  const p: Params = {};
  for (const s of REGISTRY) p[s.name] = s.value;
  for (const [k, v] of Object.entries(overrides)) {
    if (!BY_NAME.has(k)) throw new Error(`unknown parameter '${k}'`);
    p[k] = v;
  }
  return p;
}

/** The calibrated parameters, in registry order. */
export function calibratedParams(): ParamSpec[] {
  return REGISTRY.filter((p) => p.status === 'calibrated');
}

/** Reads a parameter, failing loudly on a name missing from the registry. */
export function get(p: Params, name: string): number {
  const v = p[name];
  if (v === undefined) throw new Error(`parameter '${name}' is not in the registry`);
  return v;
}
