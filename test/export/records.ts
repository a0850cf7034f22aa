import type { EventRecord, OperationRecord } from '../../src/domain/index.js';

/** A clash where the group's figure and the officials' figure disagree: two claims, contested fatalities. */
export const CONTESTED: EventRecord = {
  id: '3f2a9c1e7b4d5a60',
  operation_id: null,
  doc_ids: ['doc-a', 'doc-b'],
  date: { start: '2025-03-14', end: '2025-03-14', precision: 'day' },
  location: {
    name: 'Tump',
    admin2: 'Kech',
    admin1: 'Balochistan',
    country: 'PK',
    lat: 26.1,
    lon: 62.37,
    precision: 'place',
  },
  event_type: 'Battles',
  sub_event_type: 'Armed clash',
  weapon: 'firearms',
  target: 'security_forces',
  actor1: { name: 'Baloch Liberation Front', type: 'rebel_group', claimed: true },
  actor2: { name: 'Frontier Corps', type: 'state_forces' },
  fatalities: { low: 4, best: 4, high: 15 },
  injured: { low: 2, best: 2, high: 2 },
  casualties: [
    { metric: 'killed', category: 'security_forces', low: 2, best: 2, high: 12 },
    { metric: 'killed', category: 'militants', low: 2, best: 2, high: 3 },
    { metric: 'injured', category: 'security_forces', low: 2, best: 2, high: 2 },
  ],
  claims: [
    {
      claimant: 'Baloch Liberation Front',
      claimant_kind: 'armed_group',
      stance: 'claimed',
      metric: 'killed',
      category: 'security_forces',
      low: 12,
      high: 12,
      best: 12,
      approximate: false,
      quote: 'The group says its fighters killed twelve soldiers at the post.',
      doc_id: 'doc-a',
      span: [10, 72],
    },
    {
      claimant: 'district officials',
      claimant_kind: 'state_official',
      stance: 'acknowledged',
      metric: 'killed',
      category: 'security_forces',
      low: 2,
      high: 2,
      best: 2,
      approximate: false,
      quote: 'Officials put the toll at two soldiers.',
      doc_id: 'doc-b',
      span: [0, 39],
    },
  ],
  sources: [
    {
      doc_id: 'doc-a',
      publisher: 'Frontier Daily',
      url: 'https://frontier.example/a',
      published: '2025-03-15',
    },
    { doc_id: 'doc-b', publisher: 'Hill Wire', url: null, published: '2025-03-16T08:00:00Z' },
  ],
  evidence: [
    {
      doc_id: 'doc-a',
      span: [10, 72],
      text: 'The group says its fighters killed twelve soldiers at the post.',
    },
  ],
  notes: 'On 14 March 2025, the group attacked a post in Tump. It said "12 killed", officials said 2.',
  confidence: 0.8,
  background: false,
};

/** A bombing known only to the province, over a month, with no actor and no figure. */
export const PROVINCE_WIDE: EventRecord = {
  id: 'evt_0000abcd1234',
  operation_id: null,
  doc_ids: ['doc-c'],
  date: { start: '2025-02-01', end: '2025-02-28', precision: 'month' },
  location: {
    name: 'Balochistan',
    admin2: null,
    admin1: 'Balochistan',
    country: 'PK',
    lat: 28.5,
    lon: 65.5,
    precision: 'province',
  },
  event_type: 'Explosions/Remote violence',
  sub_event_type: 'Remote explosive/landmine/IED',
  weapon: 'explosives_ied',
  target: 'unknown',
  actor1: null,
  actor2: null,
  fatalities: null,
  injured: null,
  casualties: [],
  claims: [],
  sources: [{ doc_id: 'doc-c', publisher: null, url: 'https://wire.example/c', published: null }],
  evidence: [],
  notes: 'In February 2025, a roadside bomb went off somewhere in Balochistan.',
  confidence: 0.4,
  background: true,
};

/** One town of a multi-town operation, over three days, against civilians. */
export const OPERATION_TOWN: EventRecord = {
  id: 'town/Mach#2',
  operation_id: 'op-77',
  doc_ids: ['doc-d'],
  date: { start: '2025-01-30', end: '2025-02-01', precision: 'days' },
  location: {
    name: 'Mach',
    admin2: 'Kachhi',
    admin1: 'Balochistan',
    country: 'PK',
    lat: 29.86,
    lon: 67.33,
    precision: 'near_place',
  },
  event_type: 'Violence against civilians',
  sub_event_type: 'Attack',
  weapon: 'firearms',
  target: 'civilians',
  actor1: { name: 'Baloch Liberation Army', type: 'rebel_group', claimed: false },
  actor2: { name: 'Civilians (Pakistan)', type: 'civilians' },
  fatalities: { low: 5, best: 5, high: 5 },
  injured: null,
  casualties: [{ metric: 'killed', category: 'civilians', low: 5, best: 5, high: 5 }],
  claims: [],
  sources: [
    { doc_id: 'doc-d', publisher: 'Valley Post', url: 'https://valley.example/d', published: '2025-02-02' },
  ],
  evidence: [],
  notes: 'Between 30 January and 1 February 2025, gunmen shot travellers near Mach.',
  confidence: 0.6,
  background: false,
};

export const OPERATION: OperationRecord = {
  id: 'op-77',
  event_ids: ['town/Mach#2', 'town/Kalat#1'],
  doc_ids: ['doc-d'],
  date: { start: '2025-01-30', end: '2025-02-01', precision: 'days' },
  country: 'PK',
  admin1: 'Balochistan',
  actor1: 'Baloch Liberation Army',
  claims: [],
  casualties: [],
  fatalities: { low: 20, best: 31, high: 48 },
  injured: null,
  notes: 'A coordinated attack on several towns.',
};

/** A synthetic record for volume tests: distinct ids and a note of some length, nothing retained between calls. */
export function syntheticRecord(i: number): EventRecord {
  return {
    ...CONTESTED,
    id: `${(i * 2654435761) >>> 0}`.padStart(16, '0'),
    operation_id: i % 7 === 0 ? `op-${i}` : null,
    notes: `Synthetic event ${i}, with a comma and "quotes" to force quoting. ${'x'.repeat(200)}`,
    location: i % 5 === 0 ? null : CONTESTED.location,
  };
}

export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}
