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
});
