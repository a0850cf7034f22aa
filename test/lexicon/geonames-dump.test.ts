import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  attachAdminNames,
  parseAdminCodeLine,
  parseGeoNamesPlaceLine,
  parseLines,
} from '../../src/lexicon/geonames-dump.js';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/geonames/${name}`, import.meta.url)), 'utf8');

describe('parseGeoNamesPlaceLine', () => {
  it('reads the 19 columns of a place line', () => {
    const line = fixture('ZZ.txt').split('\n')[2] as string;
    const row = parseGeoNamesPlaceLine(line);
    expect(row).toMatchObject({
      id: '9900003',
      name: 'Port Vemo',
      lat: 25.5,
      lon: 65.2,
      featureClass: 'P',
      featureCode: 'PPLA',
      country: 'ZZ',
      admin1Code: '01',
      admin2Code: '9900100',
      population: 85000,
      admin1Name: null,
    });
    // Non-Latin alternate names cannot match English text and are dropped.
    expect(row?.alternateNames).toEqual(['Vemo']);
  });

  it.each([
    ['a comment', '# geonameid\tname'],
    ['an empty line', ''],
    ['too few columns', '9900007\tShort Line\tShort Line\t\t26.0\t65.0\tP'],
    [
      'a latitude out of range',
      '1\tX\tX\t\t95.0\t65.0\tP\tPPL\tZZ\t\t01\t\t\t\t0\t\t\tAsia/Karachi\t2024-01-01',
    ],
    [
      'a longitude that is not a number',
      '1\tX\tX\t\t25.0\teast\tP\tPPL\tZZ\t\t01\t\t\t\t0\t\t\tAsia/Karachi\t2024-01-01',
    ],
    [
      'an id that is not a number',
      'abc\tX\tX\t\t25.0\t65.0\tP\tPPL\tZZ\t\t01\t\t\t\t0\t\t\tAsia/Karachi\t2024-01-01',
    ],
    [
      'a stream (feature class H)',
      '1\tX\tX\t\t25.0\t65.0\tH\tSTM\tZZ\t\t01\t\t\t\t0\t\t\tAsia/Karachi\t2024-01-01',
    ],
    ['a bad country code', '1\tX\tX\t\t25.0\t65.0\tP\tPPL\tzz1\t\t01\t\t\t\t0\t\t\tAsia/Karachi\t2024-01-01'],
  ])('rejects %s', (_label, line) => {
    expect(parseGeoNamesPlaceLine(line)).toBeNull();
  });

  it('accepts Windows line ends and keeps admin (A) features', () => {
    const row = parseGeoNamesPlaceLine(
      '5\tVemo District\tVemo District\t\t25.6\t65.3\tA\tADM2\tZZ\t\t01\t9900100\t\t\t0\t\t\tAsia/Karachi\t2024-01-01\r',
    );
    expect(row?.featureCode).toBe('ADM2');
    expect(row?.id).toBe('5');
  });
});

describe('parseAdminCodeLine', () => {
  it('reads admin1 and admin2 code lines', () => {
    expect(parseAdminCodeLine('PK.02\tBalochistan\tBalochistan\t1183606')).toEqual({
      code: 'PK.02',
      name: 'Balochistan',
      asciiName: 'Balochistan',
      geonameId: '1183606',
    });
    expect(parseAdminCodeLine('PK.02.1163052\tKech District\tKech District\t1163052')?.code).toBe(
      'PK.02.1163052',
    );
  });

  it('rejects lines with a wrong column count or code', () => {
    expect(parseAdminCodeLine('ZZ.03\tmissing columns')).toBeNull();
    expect(parseAdminCodeLine('nonsense\tA\tA\t1')).toBeNull();
  });
});

describe('parseLines and attachAdminNames', () => {
  it('counts rejected lines of a whole file', () => {
    const places = parseLines(fixture('ZZ.txt'), parseGeoNamesPlaceLine);
    // 8 valid-looking rows: one stream (H) is skipped on purpose, three are malformed.
    expect(places.items.map((r) => r.id)).toEqual([
      '9900001',
      '9900002',
      '9900003',
      '9900004',
      '9900100',
      '9900200',
    ]);
    expect(places.rejected).toBe(4);
    const admin1 = parseLines(fixture('admin1CodesASCII.txt'), parseAdminCodeLine);
    expect(admin1.items).toHaveLength(2);
    expect(admin1.rejected).toBe(1);
  });

  it('fills clean admin names from the code tables', () => {
    const rows = parseLines(fixture('ZZ.txt'), parseGeoNamesPlaceLine).items;
    const admin1 = parseLines(fixture('admin1CodesASCII.txt'), parseAdminCodeLine).items;
    const admin2 = parseLines(fixture('admin2Codes.txt'), parseAdminCodeLine).items;
    const named = attachAdminNames(rows, admin1, admin2);
    const lakhra = named.find((r) => r.name === 'Lakhra');
    expect(lakhra?.admin1Name).toBe('Sorwa');
    expect(lakhra?.admin2Name).toBe('Vemo');
    const qarlan = named.find((r) => r.name === 'Qarlan');
    expect(qarlan?.admin1Name).toBe('North Tarn');
    expect(qarlan?.admin2Name).toBeNull();
    // The input rows are not modified.
    expect(rows.find((r) => r.name === 'Lakhra')?.admin1Name).toBeNull();
  });
});
