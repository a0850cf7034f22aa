import type { Insertable, Selectable } from 'kysely';
import type { GazetteerPlacesTable } from './schema.js';
import type { GazetteerRow } from './store.js';

/** Every column but the id: what an upsert of a gazetteer row replaces. */
export const GAZETTEER_UPDATED_COLUMNS = [
  'name',
  'ascii_name',
  'alternate_names',
  'lat',
  'lon',
  'feature_class',
  'feature_code',
  'country',
  'admin1_code',
  'admin2_code',
  'admin1_name',
  'admin2_name',
  'population',
] as const satisfies readonly Exclude<keyof GazetteerPlacesTable, 'id'>[];

export function gazetteerToRow(row: GazetteerRow): Insertable<GazetteerPlacesTable> {
  return {
    id: row.id,
    name: row.name,
    ascii_name: row.asciiName,
    alternate_names: JSON.stringify(row.alternateNames),
    lat: row.lat,
    lon: row.lon,
    feature_class: row.featureClass,
    feature_code: row.featureCode,
    country: row.country,
    admin1_code: row.admin1Code,
    admin2_code: row.admin2Code,
    admin1_name: row.admin1Name,
    admin2_name: row.admin2Name,
    population: row.population,
  };
}

export function rowToGazetteer(row: Selectable<GazetteerPlacesTable>): GazetteerRow {
  return {
    id: row.id,
    name: row.name,
    asciiName: row.ascii_name,
    alternateNames: JSON.parse(row.alternate_names) as string[],
    lat: Number(row.lat),
    lon: Number(row.lon),
    featureClass: row.feature_class,
    featureCode: row.feature_code,
    country: row.country,
    admin1Code: row.admin1_code,
    admin2Code: row.admin2_code,
    admin1Name: row.admin1_name,
    admin2Name: row.admin2_name,
    population: Number(row.population),
  };
}
