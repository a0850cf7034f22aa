import { csvLine } from './csv-line.js';
import type { RecordSource } from './export-options.js';
import { UCDP_COLUMNS, ucdpRow } from './ucdp-row.js';

/** Streams the records as a UCDP-GED-style CSV (RFC 4180, CRLF): best/low/high, deaths by side, precision codes. */
export async function* exportUcdpCsv(records: RecordSource): AsyncGenerator<string> {
  yield csvLine(UCDP_COLUMNS);
  for await (const record of records) yield csvLine(ucdpRow(record));
}
