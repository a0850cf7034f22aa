// A high surrogate not followed by a low one, or a low one not preceded by a high one: not text in any encoding.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Layout controls and Unicode line separators split a one-line field; they become a space.
const LINE_LIKE = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// NUL makes PostgreSQL refuse the row; the other C0 and C1 controls, DEL and zero-width marks carry nothing.
// eslint-disable-next-line no-control-regex -- matching control characters is the purpose
const CONTROLS = /[\0-\x08\x0E-\x1F\x7F-\x84\x86-\x9F\u200B\u2060\uFEFF]/g;

/**
 * Lone surrogate halves as U+FFFD, the replacement the stores' UTF-8 encoding would otherwise make silently,
 * so both stores and the document's hash see the same characters.
 */
export function replaceLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * A one-line metadata value (title, publisher, URL, origin) as stored: no control characters, no lone
 * surrogates, one space for any run of white space, trimmed; null when nothing is left.
 */
export function cleanField(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const clean = replaceLoneSurrogates(value)
    .replace(LINE_LIKE, ' ')
    .replace(CONTROLS, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '' ? null : clean;
}
