import { describe, expect, it } from 'vitest';
import { buildEventRecord } from '../../src/domain/build-event-record.js';
import { MAX_PHRASES, parseSearch } from '../../src/store/search-query.js';
import {
  eventSearchText,
  foldSearchText,
  MAX_SEARCH_TOKENS,
  searchTokens,
} from '../../src/store/search-text.js';
import { fts5Match } from '../../src/store/sqlite/sqlite-search.js';
import { makeDocument, makeMention } from './fixtures.js';

describe('search words', () => {
  it('folds case, diacritics, ligatures and transliteration marks alike', () => {
    expect(foldSearchText('Ḍērā Ismāʿīl Khān')).toBe('dera ismail khan');
    expect(searchTokens('NŌSHKI, Øresund; Straße — Œuvre')).toEqual([
      'noshki',
      'oresund',
      'strasse',
      'oeuvre',
    ]);
    expect(searchTokens('ﬁve ２７ killed')).toEqual(['five', '27', 'killed']);
    expect(searchTokens('سیکیورٹی فورسز')).toEqual(['سیکیورٹی', 'فورسز']);
  });

  it('reads words and-ed, quoted phrases, and punctuated words as phrases, with no operators', () => {
    expect(parseSearch('Turbat  "Baloch Liberation Army" al-Qaeda')).toEqual({
      phrases: [['turbat'], ['baloch', 'liberation', 'army'], ['al', 'qaeda']],
    });
    expect(parseSearch('“Dera Bugti” attack')?.phrases).toEqual([['dera', 'bugti'], ['attack']]);
    expect(parseSearch('"unclosed phrase here')?.phrases).toEqual([['unclosed', 'phrase', 'here']]);
    expect(parseSearch('a OR b NOT -c* NEAR(d)')?.phrases).toEqual([
      ['a'],
      ['or'],
      ['b'],
      ['not'],
      ['c'],
      ['near', 'd'],
    ]);
    expect(parseSearch('army ARMY Army')?.phrases).toEqual([['army']]);
  });

  it('leaves no filter when nothing searchable remains, and bounds what it keeps', () => {
    for (const q of [undefined, '', '  ', '"', '""', '*', '-', '()', '🚒', '.'.repeat(10_000)])
      expect(parseSearch(q)).toBeNull();
    const many = parseSearch(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '));
    expect(many?.phrases).toHaveLength(MAX_PHRASES);
  });

  it('renders FTS5 queries of quoted words only', () => {
    expect(fts5Match(parseSearch('a "b c" d-e')!)).toBe('"a" AND "b c" AND "d e"');
  });
});

describe('the search text of an event', () => {
  const doc = makeDocument(1);
  const record = buildEventRecord({
    id: 'ev',
    operationId: null,
    mentions: [makeMention(doc.id, 0)],
    sources: [
      { docId: doc.id, publisher: doc.publisher, url: doc.url, published: doc.published, text: doc.text },
    ],
  });

  it('holds place, actors, types, notes, claimants and evidence, and a quote already in the evidence once', () => {
    const text = eventSearchText(record);
    for (const words of ['turbat kech balochistan', 'police forces of pakistan', 'armed clash', 'officials'])
      expect(text).toContain(words);
    expect(text.split('killing two constables').length - 1).toBe(1);
    expect(text).toBe(text.toLowerCase());
  });

  it('stops at MAX_SEARCH_TOKENS words', () => {
    const long = 'word '.repeat(MAX_SEARCH_TOKENS * 2);
    const big = { ...record, evidence: [{ doc_id: doc.id, span: [0, 1] as const, text: `${long} end` }] };
    expect(eventSearchText(big).split(' ').length).toBe(MAX_SEARCH_TOKENS);
  });
});
