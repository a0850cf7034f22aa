/** What ACLED writes for a country: its ISO 3166 alpha-3 and numeric codes, its name and ACLED's region. */
export interface CountryCodes {
  readonly iso3: string;
  readonly isoNumeric: number;
  readonly name: string;
  readonly region: string;
}

// Only the countries the gazetteer loads (data/gazetteer/countries.json). ACLED puts Iran in the Middle East region.
const TABLE: Readonly<Record<string, CountryCodes>> = {
  PK: { iso3: 'PAK', isoNumeric: 586, name: 'Pakistan', region: 'Southern Asia' },
  AF: { iso3: 'AFG', isoNumeric: 4, name: 'Afghanistan', region: 'Southern Asia' },
  IN: { iso3: 'IND', isoNumeric: 356, name: 'India', region: 'Southern Asia' },
  IR: { iso3: 'IRN', isoNumeric: 364, name: 'Iran', region: 'Middle East' },
};

/**
 * The codes of an ISO alpha-2 country, or null for one outside the table (the exporters then write the code
 * as given and leave the numeric code and region empty rather than guess).
 */
export function countryCodes(code: string | null | undefined): CountryCodes | null {
  if (!code) return null;
  return Object.hasOwn(TABLE, code.toUpperCase()) ? (TABLE[code.toUpperCase()] ?? null) : null;
}
