import type { EventRecord } from '../domain/index.js';

/**
 * The words an event is found by, folded in JavaScript once, for writing and for querying alike: both backends
 * then index the same plain words (lower-case, without diacritics, split at anything that is not a letter or a
 * digit), so that SQLite FTS5 and PostgreSQL's 'simple' configuration match the same events, and no backend
 * extension (unaccent, ICU) is needed.
 */

/** Letters NFKD does not split into a base letter and a mark. */
const UNSPLIT: Readonly<Record<string, string>> = {
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};
const UNSPLIT_PATTERN = new RegExp(`[${Object.keys(UNSPLIT).join('')}]`, 'g');

/** Lower-case, compatibility-decomposed, without combining marks: "Nōshki" and "NOSHKI" fold alike. */
export function foldSearchText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      // transliteration's ayn and hamza (ʿ ʾ ʼ) are modifier letters, not marks: "Ismāʿīl" is found as "ismail"
      .replace(/[\u02b9-\u02c1]/g, '')
      .toLowerCase()
      .replace(UNSPLIT_PATTERN, (c) => UNSPLIT[c] ?? c)
  );
}

/** The folded words of a text, in order: runs of letters and digits. */
export function searchTokens(text: string): string[] {
  return foldSearchText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words indexed per event at most. PostgreSQL keeps word positions only up to 16,383 and a tsvector under 1 MB;
 * an event merged from many reports stays far below this, and the cap keeps one pathological event from
 * bloating the index. The fields come in the order of `searchFields`, so the cap cuts source sentences first.
 */
export const MAX_SEARCH_TOKENS = 5_000;

/**
 * What an event is found by, most specific first: its place names, actors, ACLED types, notes, each claim's
 * claimant, the source sentences it was read from (its evidence) and each claim's quote. Not the whole text of its
 * documents: an article reporting ten incidents would be indexed ten times over, and a word from another
 * incident's paragraph would find this one.
 */
export function searchFields(record: EventRecord): string[] {
  const loc = record.location;
  return [
    loc?.name,
    loc?.admin2,
    loc?.admin1,
    record.actor1?.name,
    record.actor2?.name,
    record.event_type,
    record.sub_event_type,
    record.notes,
    ...record.claims.map((c) => c.claimant),
    ...record.evidence.map((e) => e.text),
    // after the evidence, so that a quote taken from an evidence sentence is found there and not stored twice
    ...record.claims.map((c) => c.quote),
  ].filter((f): f is string => typeof f === 'string' && f.trim() !== '');
}

/**
 * The stored search text of an event: its fields' folded words separated by single spaces. A field whose words
 * already appear, in order, in an earlier one (a claim quoted from an evidence sentence, a district named like
 * its town) adds nothing and is left out.
 */
export function eventSearchText(record: EventRecord): string {
  const kept: string[] = [];
  let joined = ' ';
  let count = 0;
  for (const field of searchFields(record)) {
    const words = searchTokens(field);
    if (words.length === 0) continue;
    const text = words.join(' ');
    if (joined.includes(` ${text} `)) continue;
    const room = MAX_SEARCH_TOKENS - count;
    if (room <= 0) break;
    const taken = words.length > room ? words.slice(0, room).join(' ') : text;
    kept.push(taken);
    joined += `${taken} `;
    count += Math.min(words.length, room);
  }
  return kept.join(' ');
}
