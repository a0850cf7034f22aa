import { searchTokens } from './search-text.js';

/**
 * A free-text query as the store runs it: phrases of folded words, every phrase required. A phrase of one word is
 * a word. Each backend renders it in its own syntax (sqlite/sqlite-search.ts, postgres/postgres-search.ts) from
 * these words alone, which hold only letters and digits: nothing a user types reaches the backend's query
 * language, so no input can raise a syntax error there.
 */
export interface SearchTerms {
  readonly phrases: readonly (readonly string[])[];
}

/** Characters of a query read at most; the API refuses longer ones before they get here (MAX_Q_LENGTH). */
export const MAX_QUERY_CHARS = 1_000;
/** Phrases kept at most: more narrows nothing a researcher would notice and only lengthens the statement. */
export const MAX_PHRASES = 16;
/** Words kept per phrase at most. */
export const MAX_PHRASE_WORDS = 32;

/** Typographic quotation marks count as the plain double quote. */
const QUOTES = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/g;

/**
 * Reads what a researcher typed: words are and-ed, text between double quotes is a phrase (an unclosed quote runs
 * to the end), and a word with punctuation inside ("al-Qaeda", "Pakistan's") is the phrase of its parts, as it
 * is indexed. There are no operators: AND, OR, NOT, NEAR, `*` and `-` are words or nothing. Null when nothing
 * searchable is left: no filter at all.
 */
export function parseSearch(q: string | undefined): SearchTerms | null {
  if (q === undefined) return null;
  const segments = q.slice(0, MAX_QUERY_CHARS).replace(QUOTES, '"').split('"');
  const phrases: string[][] = [];
  const seen = new Set<string>();
  const add = (words: readonly string[]) => {
    if (words.length === 0 || phrases.length >= MAX_PHRASES) return;
    const phrase = words.slice(0, MAX_PHRASE_WORDS);
    const key = phrase.join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    phrases.push(phrase);
  };
  segments.forEach((segment, i) => {
    // odd segments lie between quotes
    if (i % 2 === 1) add(searchTokens(segment));
    else for (const word of segment.split(/\s+/)) add(searchTokens(word));
  });
  return phrases.length > 0 ? { phrases } : null;
}
