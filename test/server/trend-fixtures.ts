import type { Mention } from '../../src/domain/index.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { makeStoredEvent } from '../store/event-fixtures.js';
import { claim, makeDocument, makeExtraction, makeMention } from '../store/fixtures.js';

const DOC = makeDocument(901);

const PLACES = {
  Kech: { name: 'Turbat', admin2: 'Kech', admin1: 'Balochistan' },
  Panjgur: { name: 'Panjgur', admin2: 'Panjgur', admin1: 'Balochistan' },
  Bannu: { name: 'Bannu', admin2: 'Bannu', admin1: 'Khyber Pakhtunkhwa' },
} as const;

const BLA = { name: 'Baloch Liberation Army', id: 'bla', type: 'rebel_group', claimed: true } as const;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** `count` days from `first`, `step` days apart. */
function days(first: string, count: number, step: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(first, i * step));
}

/**
 * A district that escalates: Kech has one event every other Monday from 2024-11-04 to 2025-04-21 (13, one killed
 * each), two a year before the spike (2024-05-07 and -08, three killed each), then six in ISO week 2025-W19
 * (2025-05-05 to -10, IEDs of the BLA, two killed each). Panjgur has one event every Monday from 2025-03-03 to
 * 2025-05-05 (ten, one killed each); Bannu one on 2025-04-29 (four killed).
 */
export const TREND_PLAN: readonly (readonly [keyof typeof PLACES, string, number, Partial<Mention>?])[] = [
  ...days('2024-11-04', 13, 14).map((d) => ['Kech', d, 1] as const),
  ['Kech', '2024-05-07', 3],
  ['Kech', '2024-05-08', 3],
  ...days('2025-05-05', 6, 1).map(
    (d) =>
      [
        'Kech',
        d,
        2,
        {
          actor1: BLA,
          eventType: 'Explosions/Remote violence',
          subEventType: 'Remote explosive/landmine/IED',
        },
      ] as const,
  ),
  ...days('2025-03-03', 10, 7).map((d) => ['Panjgur', d, 1] as const),
  ['Bannu', '2025-04-29', 4],
];

export function trendEvents(): StoredEvent[] {
  return TREND_PLAN.map(([district, day, killed, overrides], i) => {
    const p = PLACES[district];
    const mention = makeMention(DOC.id, 10 + i, {
      date: { start: day, end: day, precision: 'day' },
      location: { ...p, country: 'PK', lat: 26.1, lon: 63.1, precision: 'place', placeId: null },
      claims: [claim(DOC.id, { low: killed, high: killed, best: killed })],
      ...overrides,
    });
    return makeStoredEvent(
      `tr-${String(i).padStart(2, '0')}-${district.toLowerCase()}-${day}`,
      [mention],
      [DOC],
    );
  });
}

/** Stores the plan's events (and the document they cite) in an empty store. */
export async function seedTrends(store: Store): Promise<void> {
  await store.saveDocuments([DOC]);
  await store.saveExtraction({ ...makeExtraction(DOC.id), aggregates: [] });
  await store.replaceResolution({ mentionIds: [], events: trendEvents(), operations: [] });
}
