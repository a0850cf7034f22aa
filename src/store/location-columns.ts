import type { Location } from '../domain/index.js';

/** The place columns that events and mentions share, from a record's location (null columns when it has none). */
export function locationColumns(
  loc: Pick<Location, 'name' | 'admin1' | 'admin2' | 'country' | 'lat' | 'lon' | 'precision'> | null,
) {
  return {
    location_name: loc?.name ?? null,
    admin1: loc?.admin1 ?? null,
    admin2: loc?.admin2 ?? null,
    country: loc?.country ?? null,
    lat: loc?.lat ?? null,
    lon: loc?.lon ?? null,
    place_precision: loc?.precision ?? null,
  };
}
