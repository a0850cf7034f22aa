import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regexMatches } from '../../../src/extract/match/regex-matches.js';

const shape = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, m[0], { ...m.groups }]);

describe('regexMatches', () => {
  it('finds what matchAll finds, empty matches and astral characters included, for any text', () => {
    const regexes = [/\d+/g, /(?<w>\p{L}+)/gu, /x*/g, /\p{L}*/gu, /(?=a)/gu, /\b(?:on|in)\b/gi];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'x', '7', ' ', 'on', 'In', '😀', 'é', '\ud800'), { maxLength: 20 }),
        fc.constantFrom(...regexes),
        (parts, re) => {
          const text = parts.join('');
          expect(shape(regexMatches(re, text))).toEqual(shape(text.matchAll(re)));
          expect(re.lastIndex).toBe(0);
        },
      ),
    );
  });

  it('leaves the regex ready for a caller that uses it again while reading the matches', () => {
    const re = /\d+/g;
    const outer = [...regexMatches(re, '1 22 333')].map((m) => [
      m[0],
      [...regexMatches(re, m[0] + m[0])].length,
    ]);
    expect(outer).toEqual([
      ['1', 1],
      ['22', 1],
      ['333', 1],
    ]);
  });

  it('refuses a regex without the global flag, which would match at one place for ever', () => {
    expect(() => [...regexMatches(/\d/, '12')]).toThrow(/global/);
  });

  it('leaves lastIndex at 0 when the reading stops early, for a test with the same regex after', () => {
    const re = /\d+/g;
    for (const m of regexMatches(re, 'a 1 b 22')) if (m[0] === '1') break;
    expect(re.lastIndex).toBe(0);
    expect(re.test('x 5')).toBe(true);
  });
});
