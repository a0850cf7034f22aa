import type {
  ActorRef,
  Claim,
  DateRange,
  EventType,
  Location,
  Mention,
  ResolvableMention,
  SubEventType,
  Weapon,
} from '../src/domain/index.js';
import { planMerges } from '../src/resolve/plan-merges.js';

type Rng = () => number;

// mulberry32: determinism matters more than quality here.
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** district/province/seat/lat/lon: districts of Pakistan that conflict reporting names most. */
const DISTRICTS = `Quetta/Balochistan/Quetta/30.18/66.98|Kech/Balochistan/Turbat/26.00/63.05|Gwadar/Balochistan/Gwadar/25.13/62.32|
Panjgur/Balochistan/Panjgur/26.97/64.09|Kalat/Balochistan/Kalat/29.03/66.59|Mastung/Balochistan/Mastung/29.80/66.85|
Noshki/Balochistan/Nushki/29.55/66.02|Khuzdar/Balochistan/Khuzdar/27.81/66.61|Awaran/Balochistan/Awaran/26.46/65.23|
Kachhi/Balochistan/Dhadar/29.48/67.65|Sibi/Balochistan/Sibi/29.54/67.88|Dera Bugti/Balochistan/Dera Bugti/29.04/69.16|
Kohlu/Balochistan/Kohlu/29.90/69.25|Zhob/Balochistan/Zhob/31.34/69.45|Chagai/Balochistan/Dalbandin/28.89/64.41|
Washuk/Balochistan/Washuk/27.73/64.80|Kharan/Balochistan/Kharan/28.58/65.42|Lasbela/Balochistan/Uthal/25.81/66.62|
Nasirabad/Balochistan/Dera Murad Jamali/28.55/68.22|Peshawar/Khyber Pakhtunkhwa/Peshawar/34.01/71.58|
Bannu/Khyber Pakhtunkhwa/Bannu/32.99/70.60|Lakki Marwat/Khyber Pakhtunkhwa/Lakki Marwat/32.61/70.91|
Dera Ismail Khan/Khyber Pakhtunkhwa/Dera Ismail Khan/31.83/70.90|North Waziristan/Khyber Pakhtunkhwa/Miranshah/33.00/70.07|
South Waziristan/Khyber Pakhtunkhwa/Wana/32.30/69.57|Khyber/Khyber Pakhtunkhwa/Landi Kotal/34.10/71.15|
Bajaur/Khyber Pakhtunkhwa/Khar/34.73/71.52|Kurram/Khyber Pakhtunkhwa/Parachinar/33.90/70.10|Tank/Khyber Pakhtunkhwa/Tank/32.22/70.38|
Karachi/Sindh/Karachi/24.86/67.01`;

interface District {
  readonly town: Location;
  readonly village: Location;
  readonly district: Location;
  readonly province: Location;
}

function districts(): District[] {
  return DISTRICTS.split('|').map((row) => {
    const [admin2 = '', admin1 = '', seat = '', lat = '0', lon = '0'] = row.trim().split('/');
    const base = { admin2, admin1, country: 'PK', lat: Number(lat), lon: Number(lon) };
    const slug = (s: string) => s.toLowerCase().replace(/\s+/g, '-');
    return {
      town: { ...base, name: seat, precision: 'place', placeId: `pk-place.${slug(seat)}` },
      village: {
        ...base,
        name: `${seat} outskirts`,
        precision: 'near_place',
        placeId: `pk-place.${slug(seat)}-out`,
      },
      district: { ...base, name: admin2, precision: 'district', placeId: `pk-district.${slug(admin2)}` },
      province: {
        ...base,
        name: admin1,
        admin2: null,
        precision: 'province',
        placeId: `pk-province.${slug(admin1)}`,
      },
    };
  });
}

const actor = (id: string, name: string, type: ActorRef['type']): ActorRef => ({
  id,
  name,
  type,
  claimed: false,
});
const ACTORS: readonly (ActorRef | null)[] = [
  actor('bla', 'Baloch Liberation Army', 'rebel_group'),
  actor('blf', 'Baloch Liberation Front', 'rebel_group'),
  actor('ttp', 'Tehrik-i-Taliban Pakistan', 'rebel_group'),
  actor('unidentified', 'Unidentified armed group', 'political_militia'),
  actor('pakistan-army', 'Pakistan Army', 'state_forces'),
  null,
];

const TYPES: readonly (readonly [EventType, SubEventType, Weapon])[] = [
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED', 'explosives_ied'],
  ['Battles', 'Armed clash', 'firearms'],
  ['Violence against civilians', 'Attack', 'firearms'],
  ['Explosions/Remote violence', 'Grenade', 'grenade'],
];

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2023, 0, 1) / DAY_MS;
const iso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

function reportedDate(rng: Rng, day: number): DateRange {
  const r = rng();
  if (r < 0.8) return { start: iso(day), end: iso(day), precision: 'day' };
  if (r < 0.9) return { start: iso(day - 1), end: iso(day), precision: 'days' };
  const end = day + int(rng, 0, 2);
  return { start: iso(end - 6), end: iso(end), precision: 'week' };
}

function figure(docId: string, low: number, kind: Claim['claimantKind']): Claim {
  return {
    claimant:
      kind === 'armed_group' ? 'Baloch Liberation Army' : kind === 'state' ? 'Pakistan Army' : 'unattributed',
    claimantKind: kind,
    stance: kind === 'armed_group' ? 'claimed' : 'reported',
    metric: 'killed',
    category: 'security_forces',
    low,
    high: low,
    best: low,
    approximate: false,
    quote: '',
    docId,
    span: [0, 10],
    ruleId: 'bench',
  };
}

const TEXT = 'Synthetic report text for the resolution benchmark.';

/** Mentions per day of the synthetic corpus: 100,000 over three years, about 90 reports a day in 30 districts. */
export const MENTIONS_PER_DAY = 100_000 / (3 * 365);

/**
 * `count` mentions of synthetic incidents in thirty districts: one to three reports per incident with small
 * differences in place and date precision and in figures, and now and then a multi-town operation. A larger corpus
 * covers more days at the same density (`days`, by default `count / MENTIONS_PER_DAY`), as an archive grows;
 * pass `days` to pack more reports into the same days instead. Deterministic for a seed.
 */
export function syntheticMentions(
  count: number,
  seed = 7,
  days = Math.max(1, Math.round(count / MENTIONS_PER_DAY)),
): ResolvableMention[] {
  const rng = mulberry32(seed);
  const table = districts();
  const out: ResolvableMention[] = [];
  let doc = 0;
  const add = (m: Mention) =>
    out.push({
      mention: m,
      source: { docId: m.docId, publisher: `Outlet ${doc % 12}`, url: null, published: null, text: TEXT },
    });
  while (out.length < count) {
    const day = FIRST_DAY + int(rng, 0, days - 1);
    const [eventType, subEventType, weapon] = pick(rng, TYPES);
    const actor1 = pick(rng, ACTORS);
    const killed = int(rng, 0, 12);
    const home = pick(rng, table);
    const places =
      rng() < 0.03
        ? table.filter((d) => d.town.admin1 === home.town.admin1).slice(0, int(rng, 2, 5))
        : [home];
    const spot = rng() < 0.5 ? 'town' : 'village';
    for (let r = int(rng, 1, 3); r > 0 && out.length < count; r--) {
      const docId = `d${(doc++).toString(16).padStart(8, '0')}`;
      const date = reportedDate(rng, day);
      const operationKey = places.length > 1 ? `${docId}-op0` : null;
      const operationClaims = operationKey ? [figure(docId, killed * 3 + int(rng, 0, 4), 'state')] : [];
      places.forEach((d, i) => {
        const p = rng();
        const location = p < 0.8 ? d[spot] : p < 0.95 ? d.district : d.province;
        const kind = pick(rng, ['armed_group', 'state', 'media'] as const);
        add({
          kind: 'Mention',
          id: `${docId}-m0-${i}`,
          docId,
          index: 0,
          operationKey,
          date,
          location,
          eventType,
          subEventType,
          weapon,
          target: 'security_forces',
          actor1: rng() < 0.2 ? null : actor1,
          actor2: null,
          claims: [figure(docId, Math.max(0, killed + int(rng, -1, 2)), kind)],
          operationClaims,
          evidence: [[0, 10]],
          provenance: [],
          confidence: 0.7,
        });
      });
    }
  }
  return out.slice(0, count);
}

/** Times planMerges on `count` synthetic mentions over `days` (generated outside the timing). */
export function benchResolve(
  count: number,
  days?: number,
): { mentions: number; seconds: number; cpuSeconds: number; events: number } {
  const inputs = syntheticMentions(count, 7, days);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const resolution = planMerges(inputs);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU time counts the garbage collector's helper threads too
  return {
    mentions: inputs.length,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    events: resolution.events.length,
  };
}
