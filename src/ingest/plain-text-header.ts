import { normalizeDate } from './normalize-date.js';

/** What the first lines of a plain-text article say about it. */
export interface PlainTextHeader {
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
}

const MAX_TITLE = 200;
const MAX_OUTLET = 80;
// A headline ends without a full stop; a first line ending in one is the article's first sentence.
const SENTENCE_END = /[.;:,]$/;
// "Outlet | 17 July 2025", "Outlet · 2025-07-17", "Outlet - July 17, 2025" (cleaned text has single spaces)
const BYLINE_SEPARATOR = / [|·•–—-] /;
// "QUETTA, November 22, 2025": a dateline on its own line, under the outlet's name
const DATELINE_PLACE = /^[A-Z][A-Za-z .'-]{1,40}$/;

const NOTHING: PlainTextHeader = { title: null, publisher: null, published: null };

function headline(line: string): boolean {
  return line.length <= MAX_TITLE && line.includes(' ') && !SENTENCE_END.test(line);
}

function outletName(text: string): string | null {
  const name = text.trim();
  return name.length >= 2 && name.length <= MAX_OUTLET && !SENTENCE_END.test(name) ? name : null;
}

/** A whole line that is a date, or a dateline ("PLACE, date"), as YYYY-MM-DD. */
function dateLine(line: string): string | null {
  const date = normalizeDate(line);
  if (date !== null && line.length <= 40) return date;
  const comma = line.indexOf(',');
  if (comma < 0 || !DATELINE_PLACE.test(line.slice(0, comma))) return null;
  const rest = line.slice(comma + 1).trim();
  return rest.length <= 40 ? normalizeDate(rest) : null;
}

/** "Outlet | date" on one line, or the outlet's name over a date line. */
function byline(paragraph: readonly string[]): { publisher: string; published: string } | null {
  const [first, second] = paragraph;
  if (first === undefined) return null;
  const separator = BYLINE_SEPARATOR.exec(first);
  if (paragraph.length === 1 && separator) {
    const publisher = outletName(first.slice(0, separator.index));
    const date = first.slice(separator.index + separator[0].length);
    const published = date.length <= 40 ? normalizeDate(date) : null;
    if (publisher !== null && published !== null) return { publisher, published };
  }
  if (paragraph.length === 2 && second !== undefined) {
    const publisher = outletName(first);
    const published = dateLine(second);
    if (publisher !== null && published !== null && normalizeDate(first) === null)
      return { publisher, published };
  }
  return null;
}

/**
 * Reads the header a plain-text article often starts with: a headline on a line of its own, then a byline
 * paragraph ("Outlet | 17 July 2025", or the outlet's name over "QUETTA, July 17, 2025"). The lines stay in
 * the text; this only names what they are. Text that does not start that way gives nothing. Expects cleaned
 * text: lines trimmed, paragraphs apart by one blank line.
 */
export function readPlainTextHeader(text: string): PlainTextHeader {
  const paragraphs = text.slice(0, 2_000).split('\n\n', 3);
  const [head, next] = paragraphs;
  if (head === undefined || head.includes('\n') || paragraphs.length < 2 || !headline(head)) return NOTHING;
  const by = next === undefined ? null : byline(next.split('\n'));
  return { title: head, publisher: by?.publisher ?? null, published: by?.published ?? null };
}
