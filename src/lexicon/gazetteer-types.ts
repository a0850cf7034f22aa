/** What a gazetteer entry names. 'area' is a locality smaller than a town or without a fixed centre. */
export type PlaceKind = 'town' | 'district' | 'province' | 'country' | 'area';

export interface GazetteerPlace {
  /** Stable id: 'pk-place.zamuran', 'pk-district.kech', 'geonames:1163052', 'cities.PK.02.turbat'. */
  readonly id: string;
  readonly name: string;
  readonly kind: PlaceKind;
  /** Clean district name ("Kech", never "Kech District"), or null. */
  readonly admin2: string | null;
  /** Clean province name ("Balochistan"), or null for countries. */
  readonly admin1: string | null;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  /** 0 when unknown. */
  readonly population: number;
  /** For districts: the id of the seat town whose coordinates the district carries. */
  readonly seatId?: string;
  /** For a district split from another (Lower Kurram from Kurram): the name of the district it was part of. */
  readonly parent?: string;
  /**
   * False when the entry's own coordinates are unknown and lat/lon are those of its district seat:
   * a mention of it must then carry district precision, never pretend to be exact.
   */
  readonly located: boolean;
  /** True for entries of the project's own tables, which win over imported data. */
  readonly curated: boolean;
}

/** A normalised name as the places pass matches it: its tokens, and the places that bear it (as in `byName`). */
export interface GazetteerName {
  readonly tokens: readonly string[];
  readonly name: string;
  readonly places: readonly GazetteerPlace[];
}

/** The words the places pass reads around a name; each set holds lowercase tokens. */
export interface PlaceCues {
  readonly district: ReadonlySet<string>;
  readonly tehsil: ReadonlySet<string>;
  readonly town: ReadonlySet<string>;
  readonly area: ReadonlySet<string>;
  readonly province: ReadonlySet<string>;
  readonly road: ReadonlySet<string>;
  readonly locative: ReadonlySet<string>;
  readonly organisation: ReadonlySet<string>;
  /** Capitalised words that never start or continue a place name ("The", "Northern", "May"). */
  readonly function: ReadonlySet<string>;
  /** Two-word phrases after a name that make it a police or levies jurisdiction ("Daraban police station"): an area. */
  readonly jurisdiction: ReadonlySet<string>;
  /** Words that make a new name of a known one written before them ("Mir Ali Khel", "Shah Killi"). */
  readonly nameSuffix: ReadonlySet<string>;
  /** Words between a name and its district cue ("Orakzai tribal district"). */
  readonly districtModifier: ReadonlySet<string>;
  /** Normalised names that count only next to a place cue ("tank", "hub"). */
  readonly needsCue: ReadonlySet<string>;
  /** Normalised names that are never places ("baloch"). */
  readonly notPlaces: ReadonlySet<string>;
  /** Normalised names of seats of government that can stand for the government ("islamabad"). */
  readonly capitals: ReadonlySet<string>;
  /** Words that never make part of an unlisted name: the function words and the district, tehsil, town, area,
   * province and road cues, in one set (asked of every capitalised token). */
  readonly nameBreakers: ReadonlySet<string>;
}

export interface Gazetteer {
  readonly places: ReadonlyMap<string, GazetteerPlace>;
  /** Normalised name (see normalisePlaceName) → every place that bears it, curated first. */
  readonly byName: ReadonlyMap<string, readonly GazetteerPlace[]>;
  /** First token of a normalised name → the names starting with it, longest first. */
  readonly byFirstToken: ReadonlyMap<string, readonly GazetteerName[]>;
  /** Normalised district name → districts of that name (for "Kech district", admin2 checks). */
  readonly districtsByName: ReadonlyMap<string, readonly GazetteerPlace[]>;
  /** Country code → country place. */
  readonly countries: ReadonlyMap<string, GazetteerPlace>;
  readonly cues: PlaceCues;
}
