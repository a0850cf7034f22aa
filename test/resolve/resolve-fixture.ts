import type {
  ActorRef,
  Claim,
  DateRange,
  Location,
  Mention,
  ResolvableMention,
} from '../../src/domain/index.js';

/** Places of the tests: facts (district, province, coordinates), no text from any source. */
export const PLACES = {
  quetta: town('quetta', 'Quetta', 'Quetta', 30.18, 66.98),
  turbat: town('turbat', 'Turbat', 'Kech', 26.0, 63.05),
  zamuran: town('zamuran', 'Zamuran', 'Kech', 26.0, 63.05),
  kalat: town('kalat', 'Kalat', 'Kalat', 29.03, 66.59),
  nimrag: town('nimrag-cross', 'Nimrag Cross', 'Kalat', 29.03, 66.59),
  gwadar: town('gwadar', 'Gwadar', 'Gwadar', 25.13, 62.32),
  mastung: town('mastung', 'Mastung', 'Mastung', 29.8, 66.85),
  nushki: town('nushki', 'Nushki', 'Noshki', 29.55, 66.02),
  noshki: { ...town('nushki', 'Noshki', 'Noshki', 29.55, 66.02) },
  pasni: town('pasni', 'Pasni', 'Gwadar', 25.26, 63.47),
  kech: {
    name: 'Kech',
    admin2: 'Kech',
    admin1: 'Balochistan',
    country: 'PK',
    lat: 26.0,
    lon: 63.05,
    precision: 'district',
    placeId: 'pk-district.kech',
  },
  balochistan: {
    name: 'Balochistan',
    admin2: null,
    admin1: 'Balochistan',
    country: 'PK',
    lat: 30.18,
    lon: 67.0,
    precision: 'province',
    placeId: 'pk-province.balochistan',
  },
} satisfies Record<string, Location>;

function town(id: string, name: string, admin2: string, lat: number, lon: number): Location {
  return {
    name,
    admin2,
    admin1: 'Balochistan',
    country: 'PK',
    lat,
    lon,
    precision: 'place',
    placeId: `pk-place.${id}`,
  };
}

export const ACTORS = {
  bla: { id: 'bla', name: 'Baloch Liberation Army', type: 'rebel_group', claimed: false },
  blf: { id: 'blf', name: 'Baloch Liberation Front', type: 'rebel_group', claimed: false },
  army: { id: 'pakistan-army', name: 'Pakistan Army', type: 'state_forces', claimed: false },
  unidentified: {
    id: 'unidentified',
    name: 'Unidentified armed group',
    type: 'political_militia',
    claimed: false,
  },
  separatists: { id: 'baloch-separatists', name: 'Baloch separatists', type: 'rebel_group', claimed: false },
} satisfies Record<string, ActorRef>;

export function day(iso: string): DateRange {
  return { start: iso, end: iso, precision: 'day' };
}

export function claim(docId: string, over: Partial<Claim> = {}): Claim {
  return {
    claimant: 'unattributed',
    claimantKind: 'unattributed',
    stance: 'reported',
    metric: 'killed',
    category: 'security_forces',
    low: 1,
    high: 1,
    best: 1,
    approximate: false,
    quote: 'a figure',
    docId,
    span: [0, 10],
    ruleId: 'test',
    ...over,
  };
}

export interface MentionSpec extends Partial<Omit<Mention, 'docId'>> {
  readonly docId: string;
  readonly publisher?: string;
}

/** A resolvable mention with sensible defaults: an IED in Quetta on 8 May 2025, no actor named. */
export function mention(spec: MentionSpec): ResolvableMention {
  const { publisher, ...over } = spec;
  const index = over.index ?? 0;
  const m: Mention = {
    kind: 'Mention',
    id: `${spec.docId}-m${index}`,
    index,
    operationKey: null,
    date: day('2025-05-08'),
    location: PLACES.quetta,
    eventType: 'Explosions/Remote violence',
    subEventType: 'Remote explosive/landmine/IED',
    weapon: 'explosives_ied',
    target: 'security_forces',
    actor1: null,
    actor2: null,
    claims: [],
    operationClaims: [],
    evidence: [[0, 20]],
    provenance: [],
    confidence: 0.7,
    ...over,
  };
  return {
    mention: m,
    source: {
      docId: spec.docId,
      publisher: publisher ?? `Outlet ${spec.docId}`,
      url: `https://example.org/${spec.docId}`,
      published: '2025-05-10',
      text: 'Invented report text for the resolution tests, long enough for spans.',
    },
  };
}

/** A deterministic shuffle (seeded), to check order independence. */
export function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
