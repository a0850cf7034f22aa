import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/extract/casualties/tokens.js';
import { lexicon, sentence } from './helpers.js';

describe('casualty tokens', () => {
  it('reads numbers with units, hyphenated words and single marks, at document offsets', () => {
    const s = sentence('Gunmen killed 12-year-old boys, police said [on] Friday.', 40);
    const t = tokenize(s, lexicon);
    expect(t.tokens.map((k) => `${k.kind}:${k.text}`)).toEqual([
      'word:Gunmen',
      'word:killed',
      'num:12-year-old',
      'word:boys',
      'punct:,',
      'word:police',
      'word:said',
      'word:on',
      'word:Friday',
      'punct:.',
    ]);
    for (const k of t.tokens) expect(s.text.slice(k.start - 40, k.end - 40)).toBe(k.text);
  });

  it('finds every token at its own offset in any text, the transparent marks left out', () => {
    // offsets are found by indexOf after the token before: this holds only if no token is skipped or misplaced
    const reference = /\d+(?:[.,]\d+)*(?:-\p{L}+)*|\p{L}+(?:['’-]\p{L}+)*|[^\s\p{L}\d]/gu;
    const transparent = new Set(['"', "'", '\u201c', '\u201d', '\u2018', '\u2019', '[', ']']);
    const pieces = fc.constantFrom(
      'a',
      'Ab',
      '7',
      '1.5',
      '-',
      "'",
      '\u2019',
      '"',
      '[',
      ' ',
      '  ',
      '\n',
      'é',
      '²',
      '😀',
      ',',
      'x-y',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const t = tokenize(sentence(text, 0), lexicon);
        const expected = [...text.matchAll(reference)]
          .filter((m) => !transparent.has(m[0]))
          .map((m) => [m.index, m[0]]);
        expect(t.tokens.map((k) => [k.start, k.text])).toEqual(expected);
      }),
    );
  });
});
