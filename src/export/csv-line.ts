/**
 * A CSV cell: strings are written as text (a formula-like opening behind a quote, see `cell`), numbers in
 * JavaScript's shortest form, null and non-finite numbers empty.
 */
export type CsvCell = string | number | boolean | null;

// RFC 4180 quotes a field holding a comma, a quote or a line break; a lone CR counts, or spreadsheets split the row.
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;
// The openings that make a spreadsheet evaluate a cell as a formula (CWE-1236, CSV injection); a leading tab or CR
// counts because some spreadsheets strip it and then read what follows.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text cells come from articles (titles, notes, places, actors, URLs), so text that opens like a formula gets a
 * leading single quote, as OWASP advises: a spreadsheet then shows it as text and never evaluates it. The guard
 * goes by the JavaScript type of the value, not by its look: numbers (a longitude of -0.5, a toll) are typed as
 * numbers by the row builders and stay numbers, while text that merely looks numeric ("-2+3") is text and guarded.
 */
function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** One RFC 4180 record, CRLF-terminated as the RFC asks; text cells are guarded against formula injection. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(cell).join(',')}\r\n`;
}
