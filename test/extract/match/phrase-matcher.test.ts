import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePhrases, matchAll, parsePhrase } from '../../../src/extract/match/phrase-matcher.js';
import { wordTokens } from '../../../src/extract/match/word-tokens.js';

const run = (phrases: readonly string[], text: string, caseSensitive = false): string[] => {
  const m = compilePhrases(phrases.map((phrase, key) => ({ phrase, key, caseSensitive })));
  return matchAll(m, wordTokens(text)).map((x) => `${text.slice(x.start, x.end)}#${x.key}`);
};

describe('phrase matcher', () => {
  it('prefers the longest phrase at the leftmost start', () => {
    expect(run(['army', 'Baloch Liberation Army'], 'the Baloch Liberation Army and the army')).toEqual([
      'Baloch Liberation Army#1',
      'army#0',
    ]);
  });
  it('treats hyphens and spaces alike and joins words with _ inside an alternative', () => {
    expect(run(['Tehrik-i-Taliban'], 'Tehrik i Taliban; Tehrik-i-Taliban')).toHaveLength(2);
    expect(run(['land_mine|landmine blast'], 'a land mine blast and a landmine blast')).toEqual([
      'land mine blast#0',
      'landmine blast#0',
    ]);
  });
  it('supports optional words and bounded skips', () => {
    expect(run(['no group has? claimed'], 'no group claimed; no group has claimed')).toHaveLength(2);
    expect(run(['attacked *2 post'], 'attacked a military post')).toEqual(['attacked a military post#0']);
    expect(run(['attacked *2 post'], 'attacked a big old military post')).toEqual([]);
  });
  it('does not join words across punctuation', () => {
    expect(run(['security forces'], 'security. Forces')).toEqual([]);
    expect(run(['security forces'], 'security, forces')).toEqual([]);
  });
  it('matches acronyms with their case only', () => {
    expect(run(['FC'], 'FC and fc', true)).toEqual(['FC#0']);
    expect(run(['Dawn'], 'at dawn', true)).toEqual([]);
  });
  it('breaks a tie between equally long phrases by rank, then by the earlier entry, trie or skip pattern alike', () => {
    const text = 'the armed men fled';
    const keysOf = (entries: { phrase: string; key: number; rank?: number }[]) =>
      matchAll(compilePhrases(entries), wordTokens(text)).map((m) => m.key);
    expect(
      keysOf([
        { phrase: 'armed men', key: 0 },
        { phrase: 'armed men', key: 1 },
      ]),
    ).toEqual([0]);
    expect(
      keysOf([
        { phrase: 'armed men', key: 0 },
        { phrase: 'armed|armoured men', key: 1, rank: 1 },
      ]),
    ).toEqual([1]);
    // a skip pattern (matched element by element) and a trie phrase of the same length compete on the same terms
    expect(
      keysOf([
        { phrase: 'armed *1 fled', key: 0 },
        { phrase: 'armed men fled', key: 1, rank: 1 },
      ]),
    ).toEqual([1]);
    expect(
      keysOf([
        { phrase: 'armed *1 fled', key: 0, rank: 1 },
        { phrase: 'armed men fled', key: 1 },
      ]),
    ).toEqual([0]);
    expect(
      keysOf([
        { phrase: 'armed men fled', key: 0 },
        { phrase: 'armed *1 fled', key: 1 },
      ]),
    ).toEqual([0]);
    // longer beats higher rank
    expect(
      keysOf([
        { phrase: 'armed men fled', key: 0 },
        { phrase: 'armed men', key: 1, rank: 5 },
      ]),
    ).toEqual([0]);
  });
  it('rejects malformed phrases', () => {
    expect(parsePhrase('')).toBeNull();
    expect(parsePhrase('*2 post')).toBeNull();
    expect(parsePhrase('post *2')).toBeNull();
    expect(parsePhrase('opt? x')).toBeNull();
    expect(parsePhrase('a *9 b')).toBeNull();
  });
  it('never throws on any text and keeps matches inside it', () => {
    const m = compilePhrases([{ phrase: 'a b? *2 c', key: 0 }]);
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const x of matchAll(m, wordTokens(text))) {
          expect(x.start).toBeGreaterThanOrEqual(0);
          expect(x.end).toBeLessThanOrEqual(text.length);
        }
      }),
    );
  });
});
