import type { Gazetteer, GazetteerName, GazetteerPlace, PlaceCues } from './gazetteer-types.js';
import { normalisePlaceName } from './gazetteer-normalise.js';

/** A place with every name it answers to, while the gazetteer is being built. */
export interface NamedPlace {
  place: GazetteerPlace;
  names: readonly string[];
  /** Replaced by a better record (an imported GeoNames row replacing a package town). */
  removed?: boolean;
}

/** Same place when the name, country and province agree (a null province agrees with any). */
export function sameKey(name: string, country: string, admin1: string | null): string {
  return `${country}|${normalisePlaceName(name)}|${admin1 ?? ''}`;
}

const KIND_ORDER = { country: 0, province: 1, district: 2, town: 3, area: 4 } as const;

/** Curated first, then the more populous, then by id, so that every tie breaks the same way on every run. */
function byPreference(a: GazetteerPlace, b: GazetteerPlace): number {
  if (a.curated !== b.curated) return a.curated ? -1 : 1;
  if (a.population !== b.population) return b.population - a.population;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The place with its fields written in one order. Places are built by spreads in several orders; V8 gives each
 * order its own hidden class, and the places pass's reads of a place's fields became many-shaped (V8's inline
 * cache log showed them megamorphic). `seatId` and `parent` are always present, undefined when the place has none.
 */
function oneShape(p: GazetteerPlace): GazetteerPlace {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    admin2: p.admin2,
    admin1: p.admin1,
    country: p.country,
    lat: p.lat,
    lon: p.lon,
    population: p.population,
    seatId: p.seatId,
    parent: p.parent,
    located: p.located,
    curated: p.curated,
  };
}

/** Names longer than this many tokens are not indexed: no real place name is, and it bounds the matcher's work. */
const MAX_NAME_TOKENS = 6;

export function indexPlaces(entries: readonly NamedPlace[], cues: PlaceCues): Gazetteer {
  const places = new Map<string, GazetteerPlace>();
  const byName = new Map<string, GazetteerPlace[]>();
  const districtsByName = new Map<string, GazetteerPlace[]>();
  const countries = new Map<string, GazetteerPlace>();
  const tokenLists = new Map<string, Map<string, readonly string[]>>();
  for (const entry of entries) {
    if (entry.removed || places.has(entry.place.id)) continue;
    const place = oneShape(entry.place);
    const names = entry.names;
    places.set(place.id, place);
    if (place.kind === 'country') countries.set(place.country, place);
    for (const name of new Set(names.map(normalisePlaceName))) {
      if (name.length < 2 || cues.notPlaces.has(name)) continue;
      const tokens = name.split(' ');
      if (tokens.length > MAX_NAME_TOKENS) continue;
      const list = byName.get(name) ?? [];
      if (!list.includes(place)) list.push(place);
      byName.set(name, list);
      if (place.kind === 'district') {
        const districts = districtsByName.get(name) ?? [];
        districts.push(place);
        districtsByName.set(name, districts);
      }
      const first = tokens[0] as string;
      const lists = tokenLists.get(first) ?? new Map<string, readonly string[]>();
      lists.set(name, tokens);
      tokenLists.set(first, lists);
    }
  }
  for (const [name, list] of byName) {
    // A GeoNames alternate name that is the project's name for a district or province ("Las Bela" for Bela town)
    // names the division: the town keeps only its own name there.
    if (list.some((p) => p.curated && (p.kind === 'district' || p.kind === 'province')))
      byName.set(
        name,
        list.filter((p) => p.curated || p.kind !== 'town' || normalisePlaceName(p.name) === name),
      );
  }
  for (const list of byName.values()) list.sort(byPreference);
  // each name carries its places, so that a match needs no second lookup by the joined name
  const byFirstToken = new Map<string, readonly GazetteerName[]>();
  for (const [first, lists] of tokenLists)
    byFirstToken.set(
      first,
      [...lists]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([name, tokens]) => ({ tokens, name, places: byName.get(name) ?? [] })),
    );
  return { places, byName, byFirstToken, districtsByName, countries, cues };
}
