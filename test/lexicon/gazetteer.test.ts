import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer, normalisePlaceName, type Gazetteer } from '../../src/lexicon/gazetteer.js';
import {
  attachAdminNames,
  parseAdminCodeLine,
  parseGeoNamesPlaceLine,
  parseLines,
} from '../../src/lexicon/geonames-dump.js';

const dataDir = fileURLToPath(new URL('../../data/gazetteer', import.meta.url));
const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/geonames/${name}`, import.meta.url)), 'utf8');

let gazetteer: Gazetteer;

beforeAll(() => {
  gazetteer = loadGazetteer({ dataDir, countries: ['PK', 'AF', 'IR', 'IN'] });
});

const lookup = (name: string) => gazetteer.byName.get(normalisePlaceName(name)) ?? [];

describe('normalisePlaceName', () => {
  it.each([
    ['Awārān District', 'awaran district'],
    ['D.I. Khan', 'd i khan'],
    ['Gilgit-Baltistan', 'gilgit baltistan'],
    ["Quetta's", 'quettas'],
    ['  Dera   Bugti ', 'dera bugti'],
  ])('%s → %s', (raw, expected) => expect(normalisePlaceName(raw)).toBe(expected));
});

describe('loadGazetteer', () => {
  // how long it takes is the bench's to measure (`npm run bench -- --section=extract`), not a test's
  it('loads the four countries of the default set', () => {
    expect(gazetteer.places.size).toBeGreaterThan(4000);
  });

  it.each([
    ['Kech', 'Kech', 'geonames:1163054'],
    ['Kej', 'Kech', 'geonames:1163054'],
    ['Bolan', 'Kachhi', 'geonames:1180825'],
    ['Kachi', 'Kachhi', 'geonames:1180825'],
    ['Noshki', 'Nushki', undefined],
    ['DI Khan', 'Dera Ismail Khan', undefined],
    ['Bajaur', 'Bajaur', undefined],
    ['Upper South Waziristan', 'Upper South Waziristan', undefined],
    ['Lower Kurram', 'Lower Kurram', undefined],
    ['Chaman', 'Chaman', undefined],
    ['Surab', 'Surab', undefined],
    ['Jhal Magsi', 'Jhal Magsi', undefined],
    ['Killa Abdullah', 'Qila Abdullah', undefined],
    ['D.I. Khan', 'Dera Ismail Khan', undefined],
    ['Las Bela', 'Lasbela', undefined],
    ['North Waziristan', 'North Waziristan', 'geonames:1170367'],
  ])('district variant %s names %s', (variant, name, seatId) => {
    const district = lookup(variant).find((p) => p.kind === 'district');
    expect(district?.name).toBe(name);
    if (seatId) expect(district?.seatId).toBe(seatId);
    expect(district?.admin1).toMatch(/Balochistan|Khyber Pakhtunkhwa/);
    expect(district?.country).toBe('PK');
  });

  it('gives districts their seat coordinates and GeoNames admin2 names cleaned', () => {
    const kachhi = gazetteer.places.get('pk-district.kachhi');
    const dhadar = gazetteer.places.get(kachhi?.seatId ?? '');
    expect(dhadar?.name).toBe('Dadhar');
    expect([kachhi?.lat, kachhi?.lon]).toEqual([dhadar?.lat, dhadar?.lon]);
    // GeoNames gives Awaran town the admin2 code of "Awārān District".
    const awaran = lookup('Awaran').find((p) => p.kind === 'town');
    expect(awaran).toMatchObject({ admin2: 'Awaran', admin1: 'Balochistan', country: 'PK' });
    expect(lookup('Islamabad').find((p) => p.kind === 'town')?.admin1).toBe('Islamabad Capital Territory');
  });

  it.each([
    ['KPK', 'Khyber Pakhtunkhwa'],
    ['NWFP', 'Khyber Pakhtunkhwa'],
    ['Baluchistan', 'Balochistan'],
    ['Sind', 'Sindh'],
    ['AJK', 'Azad Kashmir'],
  ])('province variant %s → %s', (variant, name) => {
    expect(lookup(variant).find((p) => p.kind === 'province')?.name).toBe(name);
  });

  it('holds the project places the package lacks, curated first', () => {
    expect(lookup('Zamuran')[0]).toMatchObject({ id: 'pk-place.zamuran', admin2: 'Kech', located: false });
    expect(lookup('Jhal Jao')[0]?.id).toBe('pk-place.jhal-jhao');
    expect(lookup('Miranshah')[0]?.id).toBe('geonames:1170367');
    // A town GeoNames codes under the older district is recoded to the district split from it.
    expect(lookup('Chaman').find((p) => p.kind === 'town')?.admin2).toBe('Chaman');
    expect(lookup('Wana').find((p) => p.kind === 'town')?.admin2).toBe('Lower South Waziristan');
    expect(
      lookup('Noshki')
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['district', 'town']);
  });

  it('never indexes ethnonyms as places', () => {
    expect(lookup('Baloch')).toEqual([]);
    expect(lookup('Hazara')).toEqual([]);
  });

  it('indexes names by first token, longest first, each with the places that bear it', () => {
    const names = gazetteer.byFirstToken.get('dera') ?? [];
    const lengths = names.map((n) => n.tokens.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    const dik = names.find((n) => n.tokens.join(' ') === 'dera ismail khan');
    expect(dik?.name).toBe('dera ismail khan');
    expect(dik?.places).toEqual(gazetteer.byName.get('dera ismail khan'));
    for (const n of names) expect(n.places).toEqual(gazetteer.byName.get(n.name) ?? []);
  });

  it('gathers the words that break an unlisted name into one set: function words and the place cues', () => {
    const { cues } = gazetteer;
    const parts = [cues.function, cues.district, cues.tehsil, cues.town, cues.area, cues.province, cues.road];
    expect(new Set(cues.nameBreakers)).toEqual(new Set(parts.flatMap((set) => [...set])));
    expect([...cues.locative].some((w) => !parts.some((set) => set.has(w)) && cues.nameBreakers.has(w))).toBe(
      false,
    );
  });

  it('keeps only the requested countries', () => {
    const only = loadGazetteer({ dataDir, countries: ['PK'] });
    expect([...only.places.values()].every((p) => p.country === 'PK')).toBe(true);
    expect(only.byName.get('kabul')).toBeUndefined();
  });
});

describe('loadGazetteer with imported rows', () => {
  it('adds imported places and alternate names; the project table wins on conflict', () => {
    const rows = attachAdminNames(
      parseLines(fixture('ZZ.txt'), parseGeoNamesPlaceLine).items,
      parseLines(fixture('admin1CodesASCII.txt'), parseAdminCodeLine).items,
      parseLines(fixture('admin2Codes.txt'), parseAdminCodeLine).items,
    );
    const g = loadGazetteer({ dataDir, countries: ['PK'], extraRows: rows });
    const vemo = g.byName.get('vemo')?.find((p) => p.kind === 'town');
    expect(vemo).toMatchObject({
      id: 'geonames:9900003',
      name: 'Port Vemo',
      admin2: 'Vemo',
      admin1: 'Sorwa',
      population: 85000,
    });
    expect(g.byName.get('vemo')?.some((p) => p.kind === 'district')).toBe(true);
    // The imported Zamuran row only lends its alternate names to the project's entry.
    const zamoran = g.byName.get('zamoran') ?? [];
    expect(zamoran.map((p) => p.id)).toEqual(['pk-place.zamuran']);
    expect(g.places.has('geonames:9900001')).toBe(false);
  });
});
