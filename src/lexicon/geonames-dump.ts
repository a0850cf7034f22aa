import type { GazetteerRow } from '../store/store.js';
import { cleanAdminName } from './gazetteer-normalise.js';

/** One line of admin1CodesASCII.txt or admin2Codes.txt. */
export interface AdminCode {
  /** "PK.02" or "PK.02.1163052". */
  readonly code: string;
  readonly name: string;
  readonly asciiName: string;
  readonly geonameId: string;
}

/** Feature classes kept: P (populated places) and A (administrative divisions). */
const KEPT_CLASSES = new Set(['P', 'A']);
const PLACE_COLUMNS = 19;
const INTEGER = /^\d{1,12}$/;
const DECIMAL = /^-?\d{1,3}(?:\.\d{1,12})?$/;
const COUNTRY = /^[A-Z]{2}$/;
const ADMIN_CODE = /^[A-Z]{2}\.[0-9A-Za-z]{1,20}(?:\.[0-9A-Za-z]{1,20})?$/;
/** GeoNames alternate names hold every script; only Latin-script names can match English text. */
const LATIN_NAME = /^[\p{Script=Latin}\p{M}\d .'’-]{2,80}$/u;

function stripLineEnd(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function coordinate(text: string, limit: number): number | null {
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/**
 * One line of a GeoNames place dump (cities500.txt, PK.txt, allCountries.txt): 19 tab-separated columns.
 * Returns null for comments, malformed lines (column count, id, coordinates, country) and feature classes other than P and A.
 */
export function parseGeoNamesPlaceLine(line: string): GazetteerRow | null {
  const text = stripLineEnd(line);
  if (text.length === 0 || text.startsWith('#') || text.length > 20_000) return null;
  const cols = text.split('\t');
  if (cols.length !== PLACE_COLUMNS) return null;
  const [id, name, ascii, alternates, latText, lonText, featureClass, featureCode, country] = cols;
  const admin1Code = cols[10] ?? '';
  const admin2Code = cols[11] ?? '';
  const populationText = cols[14] ?? '';
  if (!id || !INTEGER.test(id) || !name || !country || !COUNTRY.test(country)) return null;
  if (!featureClass || !KEPT_CLASSES.has(featureClass)) return null;
  const lat = coordinate(latText ?? '', 90);
  const lon = coordinate(lonText ?? '', 180);
  if (lat === null || lon === null) return null;
  const population = INTEGER.test(populationText) ? Number(populationText) : 0;
  const alternateNames = (alternates ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0 && LATIN_NAME.test(n));
  return {
    id,
    name: name.trim(),
    asciiName: (ascii ?? '').trim() || name.trim(),
    alternateNames: [...new Set(alternateNames)],
    lat,
    lon,
    featureClass,
    featureCode: featureCode ?? '',
    country,
    admin1Code: admin1Code.trim(),
    admin2Code: admin2Code.trim(),
    admin1Name: null,
    admin2Name: null,
    population,
  };
}

/** One line of admin1CodesASCII.txt ("PK.02\tBalochistan\tBalochistan\t1183606") or admin2Codes.txt; null when malformed. */
export function parseAdminCodeLine(line: string): AdminCode | null {
  const text = stripLineEnd(line);
  if (text.length === 0 || text.startsWith('#') || text.length > 2_000) return null;
  const cols = text.split('\t');
  if (cols.length !== 4) return null;
  const [code, name, asciiName, geonameId] = cols;
  if (!code || !ADMIN_CODE.test(code) || !name || !geonameId || !INTEGER.test(geonameId)) return null;
  return { code, name: name.trim(), asciiName: (asciiName ?? '').trim() || name.trim(), geonameId };
}

/** Lines of a whole file, each parsed; rejected counts the non-empty, non-comment lines that did not parse. */
export function parseLines<T>(
  text: string,
  parse: (line: string) => T | null,
): { readonly items: readonly T[]; readonly rejected: number } {
  const items: T[] = [];
  let rejected = 0;
  for (const line of text.split('\n')) {
    const item = parse(line);
    if (item !== null) items.push(item);
    else if (line.trim().length > 0 && !line.startsWith('#')) rejected += 1;
  }
  return { items, rejected };
}

/**
 * Fills admin1Name and admin2Name from the admin code tables, cleaned ("Kech District" → "Kech").
 * Rows whose codes are not in the tables keep null.
 */
export function attachAdminNames(
  rows: readonly GazetteerRow[],
  admin1: readonly AdminCode[],
  admin2: readonly AdminCode[],
): readonly GazetteerRow[] {
  const names1 = new Map(admin1.map((a) => [a.code, cleanAdminName(a.asciiName)]));
  const names2 = new Map(admin2.map((a) => [a.code, cleanAdminName(a.asciiName)]));
  return rows.map((row) => {
    const key1 = `${row.country}.${row.admin1Code}`;
    const key2 = `${key1}.${row.admin2Code}`;
    return {
      ...row,
      admin1Name: row.admin1Code ? (names1.get(key1) ?? row.admin1Name) : row.admin1Name,
      admin2Name: row.admin2Code ? (names2.get(key2) ?? row.admin2Name) : row.admin2Name,
    };
  });
}
