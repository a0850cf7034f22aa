/** A CSV cell: strings are written as given, numbers in JavaScript's shortest form, null and non-finite numbers empty. */
export type CsvCell = string | number | boolean | null;

// RFC 4180 quotes a field holding a comma, a quote or a line break; a lone CR counts, or spreadsheets split the row.
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}

/** One RFC 4180 record, CRLF-terminated as the RFC asks. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(cell).join(',')}\r\n`;
}
