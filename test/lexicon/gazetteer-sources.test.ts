import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AdminTable, CountriesTable, PlacesTable } from '../../src/lexicon/gazetteer-tables.js';

const read = <T>(name: string): T =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../data/gazetteer/${name}`, import.meta.url)), 'utf8'),
  ) as T;

const places = read<PlacesTable>('pk-places.json').places;
const admin = read<AdminTable>('pk-admin.json');
const countries = read<CountriesTable>('countries.json').countries;

describe('every gazetteer entry names its source', () => {
  it('a place is a GeoNames id, or names the source of its facts', () => {
    const unsourced = places.filter((p) => !p.geonames && !p.source?.trim());
    expect(unsourced.map((p) => p.name)).toEqual([]);
  });

  it('a place names its own coordinates only with a source, never beside a GeoNames id', () => {
    const withPoint = places.filter((p) => p.lat !== undefined || p.lon !== undefined);
    expect(withPoint.filter((p) => p.geonames || !p.source || p.located === false)).toEqual([]);
    expect(places.filter((p) => !p.geonames && p.located !== false && p.lat === undefined)).toEqual([]);
  });

  it('a district is a GeoNames division or cites one, and its seat is a GeoNames town or a sourced place', () => {
    const sourced = new Set(places.filter((p) => p.source).map((p) => `${p.name}|${p.admin1 ?? ''}`));
    for (const d of admin.districts) {
      expect(d.geonames ?? d.source, d.name).toBeTruthy();
      expect(
        d.seatGeonames ?? (sourced.has(`${d.seat}|${d.admin1}`) ? 'place' : undefined),
        d.name,
      ).toBeTruthy();
      expect(d).not.toHaveProperty('lat');
    }
    for (const p of admin.provinces) expect(p.source, p.name).toBeTruthy();
    for (const c of countries) expect(c.geonames && c.source, c.name).toBeTruthy();
  });

  it('covers the merged tribal and the new districts', () => {
    const names = new Set(admin.districts.map((d) => d.name));
    for (const name of [
      'Bajaur',
      'Mohmand',
      'Khyber',
      'Orakzai',
      'Kurram',
      'North Waziristan',
      'South Waziristan',
      'Upper South Waziristan',
      'Lower South Waziristan',
      'Upper Kurram',
      'Lower Kurram',
      'Upper Dir',
      'Lower Dir',
      'Chaman',
      'Surab',
      'Hub',
      'Usta Muhammad',
    ])
      expect(names.has(name), name).toBe(true);
    expect(admin.districts.length).toBeGreaterThan(160);
  });
});
