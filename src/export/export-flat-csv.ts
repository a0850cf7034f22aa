import { csvLine } from './csv-line.js';
import type { RecordSource } from './export-options.js';
import { FLAT_COLUMNS, flatRow } from './flat-row.js';

/** Streams a flat CSV of the record's main fields (RFC 4180, CRLF), for spreadsheets. */
export async function* exportFlatCsv(records: RecordSource): AsyncGenerator<string> {
  yield csvLine(FLAT_COLUMNS);
  for await (const record of records) yield csvLine(flatRow(record));
}
