import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startDocument } from '../../../src/extract/match/document-memory.js';
import { matches, SIGNAL_RULES } from '../../../src/extract/segment/sentence-signals.js';

const RULES = Object.values(SIGNAL_RULES).filter(
  (rule): rule is typeof rule & { pattern: RegExp } => 'pattern' in rule,
);

const WORDS = ['the', 'same', 'day', 'separately', 'another', 'attack', 'had', 'earlier', 'two', 'blasts'];
const sentence = fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(' '));

describe('matches', () => {
  it('answers every rule as its pattern does, asked in any order, again, and past the memory bound', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: RULES.length - 1 }), sentence), { minLength: 1, maxLength: 60 }),
        (questions) => {
          for (const [r, text] of [...questions, ...questions]) {
            const rule = RULES[r]!;
            expect(matches(rule, text)).toBe(rule.pattern.test(text));
          }
        },
      ),
      { numRuns: 200 },
    );
    // a text several rules hold, every rule asked in turn and then again the other way round
    const many =
      'On the same day two blasts hit the district; separately, another attack had earlier hit there';
    for (const rule of [...RULES, ...[...RULES].reverse()]) {
      expect(matches(rule, many)).toBe(rule.pattern.test(many));
    }
    // more distinct texts than the memory holds, each asked two rules twice
    startDocument();
    for (let i = 0; i < 5000; i += 1) {
      const text = i % 3 === 0 ? `on the same day ${i}` : `a separate attack ${i}`;
      for (const rule of [SIGNAL_RULES.sameDay, SIGNAL_RULES.separate, SIGNAL_RULES.sameDay]) {
        expect(matches(rule, text)).toBe(rule.pattern.test(text));
      }
    }
  });

  it('answers a rule whose words a text lacks as its pattern would, for every rule with an anyOf list', () => {
    const listed = RULES.filter((rule) => 'anyOf' in rule);
    expect(listed.length).toBeGreaterThan(3);
    // as `matches` reads a text: editorial brackets are dropped when one opens
    const asRead = (t: string) => (t.includes('[') ? t.replace(/[[\]]/g, '') : t);
    for (const rule of listed) {
      const literals = [
        ...new Set((rule.pattern.source.match(/[a-z]{2,}/gi) ?? []).map((w) => w.toLowerCase())),
      ];
      const words = [...literals, 'a', 'one', '3'];
      // every run of up to three of the pattern's own words: each phrase of these patterns is that short
      for (const x of words)
        for (const y of ['', ...words])
          for (const z of y === '' ? [''] : ['', ...words]) {
            const t = `${[x, y, z].filter(Boolean).join(' ')} `;
            startDocument();
            expect({ t, answer: matches(rule, t) }).toEqual({ t, answer: rule.pattern.test(t) });
          }
      // and in any case, beside what word tokens and a regex's \b read differently
      const pool = [
        ...literals,
        ...literals.map((w) => w.toUpperCase()),
        'the',
        '\u00e9',
        'caf\u00e9',
        '[',
        ']',
      ];
      const text = fc
        .array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom(' ', ' ', '', '-', ', ', "'")), {
          maxLength: 8,
        })
        .map((parts) => parts.map(([word, gap]) => word + gap).join(''));
      fc.assert(
        fc.property(text, (t) => {
          startDocument();
          expect(matches(rule, t)).toBe(rule.pattern.test(asRead(t)));
        }),
        { numRuns: 1000 },
      );
    }
  });
});
