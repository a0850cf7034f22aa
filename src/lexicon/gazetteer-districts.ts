import type { GazetteerPlace } from './gazetteer-types.js';
import type { AdminTable, DistrictEntry } from './gazetteer-tables.js';
import { sameKey, type NamedPlace } from './gazetteer-index.js';
import { normalisePlaceName } from './gazetteer-normalise.js';

/** The places being built, with the lookups the build steps share. */
export interface Registry {
  readonly entries: NamedPlace[];
  /** Town and area entries by sameKey (name, country, province or none). */
  readonly byKey: Map<string, NamedPlace>;
  /** GeoNames town entries by GeoNames id. */
  readonly byGeonames: Map<string, NamedPlace>;
  add(place: GazetteerPlace, names: readonly string[]): NamedPlace;
}

/** Running sums of coordinates by key: the mean point of a province's or district's GeoNames towns. */
export class Centroids {
  private readonly sums = new Map<string, { lat: number; lon: number; n: number }>();
  add(key: string, lat: number, lon: number): void {
    const sum = this.sums.get(key) ?? { lat: 0, lon: 0, n: 0 };
    this.sums.set(key, { lat: sum.lat + lat, lon: sum.lon + lon, n: sum.n + 1 });
  }
  mean(key: string): { lat: number; lon: number } | null {
    const sum = this.sums.get(key);
    return sum ? { lat: sum.lat / sum.n, lon: sum.lon / sum.n } : null;
  }
}

/** A district's seat: the GeoNames town by id, else the project's entry of that name in the province. */
function seatOf(d: DistrictEntry, country: string, registry: Registry): NamedPlace {
  const seat = d.seatGeonames
    ? registry.byGeonames.get(d.seatGeonames)
    : registry.byKey.get(sameKey(d.seat, country, d.admin1));
  if (!seat)
    throw new Error(`district ${d.name}: seat ${d.seat} is neither a GeoNames town nor a project place`);
  return seat;
}

/**
 * Districts, placed at their seat. A seat GeoNames lacks has no point of its own: the district then stands at the
 * mean of its GeoNames towns, else at its parent district's point, else at its province's point (no source gives
 * one closer), and the seat and every unlocated place of the district take that point with district precision.
 * Parents come before the districts split from them.
 */
export function addDistricts(
  table: AdminTable,
  registry: Registry,
  centroids: Centroids,
  unlocated: readonly NamedPlace[],
  provinces: ReadonlyMap<string, { lat: number; lon: number }>,
): void {
  const placed = new Map<string, GazetteerPlace>();
  const ordered = [...table.districts].sort((a, b) => Number(!!a.parent) - Number(!!b.parent));
  for (const d of ordered) {
    const seat = seatOf(d, table.country, registry);
    const located = seat.place.located;
    const parent = d.parent ? placed.get(normalisePlaceName(d.parent)) : undefined;
    const point = located
      ? { lat: seat.place.lat, lon: seat.place.lon }
      : (centroids.mean(`admin2|${table.country}|${d.name}`) ?? parent ?? provinces.get(d.admin1) ?? null);
    if (!point)
      throw new Error(`district ${d.name}: no located seat, GeoNames town, parent or province to place it`);
    // A district named after its seat shares its spellings with the town (Noshki, Sibbi).
    if (normalisePlaceName(d.seat) === normalisePlaceName(d.name))
      seat.names = [...seat.names, ...d.variants];
    const district: GazetteerPlace = {
      population: 0,
      curated: true,
      id: d.id,
      name: d.name,
      kind: 'district',
      admin2: d.name,
      admin1: d.admin1,
      country: table.country,
      lat: point.lat,
      lon: point.lon,
      located,
      ...(located ? { seatId: seat.place.id } : {}),
      ...(d.parent ? { parent: d.parent } : {}),
    };
    placed.set(normalisePlaceName(d.name), district);
    registry.add(district, d.variants);
  }
  for (const entry of unlocated) {
    if (entry.place.country !== table.country) continue;
    const district = placed.get(normalisePlaceName(entry.place.admin2 ?? ''));
    if (!district)
      throw new Error(`place ${entry.place.name}: unknown district ${entry.place.admin2 ?? 'none'}`);
    entry.place = {
      ...entry.place,
      lat: district.lat,
      lon: district.lon,
      admin1: entry.place.admin1 ?? district.admin1,
    };
  }
}
