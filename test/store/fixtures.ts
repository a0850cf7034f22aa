import type { AggregateStatistic, Claim, Document, FramingMarkers, Mention } from '../../src/domain/index.js';
import type { ExtractionRecord, GazetteerRow } from '../../src/store/store.js';

/** A hand-written report; `n` varies the text so that every document has its own id. */
export function reportText(n: number): string {
  return (
    `Report ${n}. Gunmen on motorbikes fired on a police checkpoint outside Turbat late on Tuesday, ` +
    `killing two constables and wounding three passers-by, officials said. ` +
    `A spokesman for the insurgents claimed that seven personnel had died. ` +
    `The provincial home department said 41 attacks were recorded in the district this year.`
  );
}

export function makeDocument(n: number, overrides: Partial<Document> = {}): Document {
  return {
    kind: 'Document',
    id: `doc-${String(n).padStart(6, '0')}`,
    url: `https://news.example.org/2025/05/report-${n}`,
    title: `Checkpoint attacked near Turbat (${n})`,
    publisher: n % 2 === 0 ? 'Example Daily' : 'Frontier Wire',
    published: '2025-05-08',
    publishedSource: 'given',
    language: 'eng',
    text: reportText(n),
    origin: `samples/report-${n}.txt`,
    ...overrides,
  };
}

export function claim(docId: string, overrides: Partial<Claim>): Claim {
  return {
    claimant: 'officials',
    claimantKind: 'state_official',
    stance: 'confirmed',
    metric: 'killed',
    category: 'security_forces',
    low: 2,
    high: 2,
    approximate: false,
    best: 2,
    quote: 'killing two constables',
    docId,
    span: [120, 142],
    ruleId: 'casualty.killing-n',
    ...overrides,
  };
}

/** A town-level mention with a state claim, an armed group's counter-claim and an injury figure. */
export function makeMention(docId: string, index: number, overrides: Partial<Mention> = {}): Mention {
  return {
    kind: 'Mention',
    id: `${docId}#m${index}`,
    docId,
    index,
    operationKey: null,
    date: { start: '2025-05-06', end: '2025-05-06', precision: 'day' },
    location: {
      name: 'Turbat',
      admin2: 'Kech',
      admin1: 'Balochistan',
      country: 'PK',
      lat: 26.00122,
      lon: 63.04849,
      precision: 'near_place',
      placeId: '1163054',
    },
    eventType: 'Battles',
    subEventType: 'Armed clash',
    weapon: 'firearms',
    target: 'security_forces',
    actor1: { name: 'Unidentified Armed Group', id: 'unidentified', type: 'rebel_group', claimed: false },
    actor2: {
      name: 'Police Forces of Pakistan',
      id: 'pakistan-police',
      type: 'state_forces',
      claimed: false,
    },
    claims: [
      claim(docId, {}),
      claim(docId, {
        claimant: 'a spokesman for the insurgents',
        claimantKind: 'armed_group',
        stance: 'claimed',
        low: 7,
        high: 7,
        best: 7,
        quote: 'seven personnel had died',
        span: [190, 214],
        ruleId: 'casualty.n-had-died',
      }),
      claim(docId, {
        metric: 'injured',
        category: 'civilians',
        low: 3,
        high: 3,
        best: 3,
        quote: 'wounding three passers-by',
        span: [147, 172],
        ruleId: 'casualty.wounding-n',
      }),
    ],
    operationClaims: [],
    evidence: [
      [8, 143],
      [145, 214],
    ],
    provenance: [
      { field: 'date', ruleId: 'date.weekday-before-published', span: [100, 107], text: 'Tuesday' },
      { field: 'location', ruleId: 'place.outside-town', span: [77, 91], text: 'outside Turbat' },
      { field: 'weapon', ruleId: 'weapon.fired-on', span: [34, 42], text: 'fired on' },
    ],
    confidence: 0.7361,
    ...overrides,
  };
}

/** One town of a two-town operation: a vague operation-wide figure travels with each town's mention. */
export function makeOperationMention(docId: string, index: number, town: string): Mention {
  return makeMention(docId, index, {
    operationKey: `${docId}#op1`,
    location: {
      name: town,
      admin2: null,
      admin1: 'Balochistan',
      country: 'PK',
      lat: null,
      lon: null,
      precision: 'district',
      placeId: null,
    },
    actor2: null,
    claims: [],
    operationClaims: [
      claim(docId, {
        claimant: 'unattributed',
        claimantKind: 'unattributed',
        stance: 'reported',
        category: 'unknown',
        low: 24,
        high: 36,
        best: 24,
        approximate: true,
        quote: 'more than two dozen people',
        span: [300, 326],
        ruleId: 'casualty.more-than-dozens',
      }),
    ],
  });
}

export function makeAggregate(
  docId: string,
  overrides: Partial<AggregateStatistic> = {},
): AggregateStatistic {
  return {
    kind: 'AggregateStatistic',
    docId,
    source: 'the provincial home department',
    period: '2025',
    area: 'the district',
    metric: 'attacks',
    value: '41',
    span: [216, 300],
    ruleId: 'aggregate.n-recorded-this-year',
    ...overrides,
  };
}

export const FRAMING: FramingMarkers = {
  insurgent: {},
  state: { terrorists: 1 },
  neutral: { militants: 2, insurgents: 1 },
};

export function makeExtraction(docId: string, extractorVersion = '1.0.0'): ExtractionRecord {
  return {
    docId,
    mentions: [
      makeMention(docId, 0),
      makeOperationMention(docId, 1, 'Panjgur'),
      makeOperationMention(docId, 2, 'Kech'),
    ],
    aggregates: [
      makeAggregate(docId),
      makeAggregate(docId, { metric: 'deaths', value: 'over 90', span: [301, 340] }),
    ],
    framing: FRAMING,
    extractorVersion,
  };
}

export function makeGazetteerRow(id: string, overrides: Partial<GazetteerRow> = {}): GazetteerRow {
  return {
    id,
    name: 'Nushki',
    asciiName: 'Nushki',
    alternateNames: ['Noshki', 'نوشکی'],
    lat: 29.55218,
    lon: 66.02288,
    featureClass: 'P',
    featureCode: 'PPLA2',
    country: 'PK',
    admin1Code: '02',
    admin2Code: '',
    admin1Name: 'Balochistan',
    admin2Name: null,
    population: 25_000,
    ...overrides,
  };
}
