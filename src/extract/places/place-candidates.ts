import type { Location, PlacePrecision } from '../../domain/index.js';
import type { Gazetteer, GazetteerPlace, PlaceKind } from '../../lexicon/gazetteer.js';
import { normalisePlaceName } from '../../lexicon/gazetteer.js';
import type { PlaceContext } from '../types.js';

/** What the words around a name ask for: the kinds it may be, best first, and any district or province written next to it. */
export interface Want {
  readonly kinds: readonly PlaceKind[];
  readonly admin2?: string | null;
  readonly admin1?: string | null;
}

export const KINDS_BY_CUE = {
  none: ['town', 'area', 'district', 'province', 'country'],
  district: ['district', 'town'],
  tehsil: ['town', 'area', 'district'],
  town: ['town', 'district', 'area'],
  area: ['town', 'area', 'district'],
  province: ['province', 'district', 'town'],
} as const satisfies Record<string, readonly PlaceKind[]>;

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && normalisePlaceName(a) === normalisePlaceName(b);

/**
 * A foreign town is a coincidence of spelling in a document about another country (GeoNames has a Kalat in Iran),
 * unless it is one of the major towns the countries table lists (curated); a foreign province or country is
 * named as such ("Kunar province", "Afghanistan") and counts.
 */
export function plausible(place: GazetteerPlace, context: PlaceContext): boolean {
  if (!context.country || place.country === context.country) return true;
  return place.curated || place.kind === 'province' || place.kind === 'country';
}

/**
 * Resolves an ambiguous name: the kinds the cue allows, then an explicit district or province next to it,
 * then the document's province, then its country; the gazetteer's own order (curated, most populous) breaks ties.
 */
export function choose(
  candidates: readonly GazetteerPlace[],
  want: Want,
  context: PlaceContext,
): GazetteerPlace | null {
  let best: GazetteerPlace | null = null;
  let bestScore = -Infinity;
  for (const place of candidates) {
    const kindRank = want.kinds.indexOf(place.kind);
    if (kindRank < 0 || !plausible(place, context)) continue;
    let score = -kindRank * 10;
    if (same(place.admin2, want.admin2)) score += 400;
    if (same(place.admin1, want.admin1)) score += 200;
    if (same(place.admin1, context.admin1)) score += 100;
    if (context.country && place.country === context.country) score += 50;
    if (score > bestScore) {
      best = place;
      bestScore = score;
    }
  }
  return best;
}

/** The district a town lies in, looked up by its admin2 name. */
export function districtOf(place: GazetteerPlace, gazetteer: Gazetteer): GazetteerPlace | null {
  if (place.kind === 'district') return place;
  if (!place.admin2) return null;
  const districts = gazetteer.districtsByName.get(normalisePlaceName(place.admin2)) ?? [];
  return districts.find((d) => d.country === place.country && same(d.admin1, place.admin1)) ?? null;
}

function ownPrecision(place: GazetteerPlace): PlacePrecision {
  switch (place.kind) {
    case 'country':
      return 'country';
    case 'province':
      return 'province';
    case 'district':
      return 'district';
    default:
      return place.located ? 'place' : 'district';
  }
}

/** The record of a place named on its own: a district carries its seat's coordinates, never a finer precision. */
export function locationOf(place: GazetteerPlace, gazetteer: Gazetteer, admin1?: string | null): Location {
  const seat = place.seatId ? gazetteer.places.get(place.seatId) : undefined;
  const coords = place.kind === 'district' && seat ? seat : place;
  return {
    name: place.name,
    admin2: place.kind === 'district' ? place.name : place.admin2,
    admin1: place.admin1 ?? admin1 ?? null,
    country: place.country,
    lat: coords.lat,
    lon: coords.lon,
    precision: ownPrecision(place),
    placeId: place.id,
  };
}

/** A part of a known place ("the Sah Dem area of Zamuran"): the anchor's coordinates, near it or within its district. */
export function areaLocation(name: string, anchor: GazetteerPlace, gazetteer: Gazetteer): Location {
  const base = locationOf(anchor, gazetteer);
  const precision: PlacePrecision =
    anchor.kind === 'town' || anchor.kind === 'area'
      ? anchor.located
        ? 'near_place'
        : 'district'
      : base.precision;
  return { ...base, name, precision };
}
