import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordTokens } from '../../../src/extract/match/word-tokens.js';

describe('wordTokens', () => {
  it('reads each word once with its offsets, case, gazetteer folding and the gap before it', () => {
    const text = 'Gunmen hit Awārān—and D.I. Khan';
    const tokens = wordTokens(text);
    expect(tokens.map((t) => t.raw)).toEqual(['Gunmen', 'hit', 'Awārān', 'and', 'D', 'I', 'Khan']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.raw);
    const awaran = tokens[2]!;
    expect([awaran.lower, awaran.norm, awaran.cap]).toEqual(['awārān', 'awaran', true]);
    expect(tokens.map((t) => t.gap)).toEqual(['', ' ', ' ', '—', ' ', '.', '. ']);
    // a phrase holds across spaces and dashes, never across a full stop
    expect(tokens.map((t) => t.joined)).toEqual([false, true, true, true, true, false, false]);
  });

  it('gives the same tokens for the same text, and offsets that slice back to the words for any text', () => {
    expect(wordTokens('Two soldiers')).toBe(wordTokens('Two soldiers'));
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const tokens = wordTokens(text);
        let previousEnd = 0;
        for (const t of tokens) {
          expect(text.slice(t.start, t.end)).toBe(t.raw);
          expect(t.gap).toBe(t === tokens[0] ? '' : text.slice(previousEnd, t.start));
          previousEnd = t.end;
        }
      }),
    );
  });
});
