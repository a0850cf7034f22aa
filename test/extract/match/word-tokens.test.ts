import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phraseWords, wordTokens } from '../../../src/extract/match/word-tokens.js';

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

  it('reads as words exactly the runs of letters and digits of any script, astral ones included', () => {
    const pieces = [
      'a',
      'Z',
      '7',
      ' ',
      '-',
      '_',
      'é',
      'Ω',
      '٣',
      '\u0301',
      '𝒜',
      '😀',
      '\ud800',
      '\udc00',
      "'",
      '.',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const tokens = wordTokens(text);
        expect(tokens.map((t) => t.raw)).toEqual(text.match(/[\p{L}\p{N}]+/gu) ?? []);
        // plain: ASCII letters only
        for (const t of tokens) expect(t.plain).toBe(/^[a-z]+$/i.test(t.raw));
      }),
    );
  });

  it('joins two words across at most four spaces, hyphens, dashes or apostrophes of any kind, and nothing else', () => {
    const joining = /^[\s\-\u2010-\u2014'\u2019]{0,4}$/u;
    for (let code = 0; code <= 0xffff; code += 1) {
      const c = String.fromCharCode(code);
      if (/[\p{L}\p{N}]/u.test(c) || (code >= 0xd800 && code <= 0xdfff)) continue;
      for (const gap of [c, `${c} `, ` ${c}${c}${c}`, `${c}${c}${c}${c}${c}`]) {
        const tokens = wordTokens(`a${gap}b`);
        expect({ code, gap, joined: tokens[1]?.joined }).toEqual({ code, gap, joined: joining.test(gap) });
      }
    }
  });

  it('knows a word of ASCII letters from one holding a digit or another script', () => {
    expect(wordTokens('Kech ab12 Awārān').map((t) => t.plain)).toEqual([true, false, false]);
  });
});

describe('phraseWords', () => {
  it('reads a lexicon phrase into the words the tokeniser reads from a sentence, for any text', () => {
    expect(phraseWords('Tehrik-i-Taliban  (TTP), Awārān 𝐀b')).toEqual([
      'Tehrik',
      'i',
      'Taliban',
      'TTP',
      'Awārān',
      '𝐀b',
    ]);
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), (text) => {
        expect(phraseWords(text)).toEqual(wordTokens(text).map((t) => t.raw));
      }),
    );
  });
});
