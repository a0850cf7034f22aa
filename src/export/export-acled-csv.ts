import { ACLED_COLUMNS, acledRow } from './acled-row.js';
import { csvLine } from './csv-line.js';
import type { ExportOptions, RecordSource } from './export-options.js';

/**
 * Streams the records as an ACLED-column CSV (RFC 4180, CRLF), one line per record, header first.
 * Fatalities are the reconciled best (0 when unknown), as ACLED codes one conservative figure.
 */
export async function* exportAcledCsv(
  records: RecordSource,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  yield csvLine(ACLED_COLUMNS);
  for await (const record of records) yield csvLine(acledRow(record, options.operations));
}
