import fc from 'fast-check';
import { quickestMs } from '../../helpers/timing.js';
import { describe, expect, it } from 'vitest';
import { findCasualties } from '../../../src/extract/casualties/find-casualties.js';
import { findAggregates, isAggregateSentence } from '../../../src/extract/aggregates/find-aggregates.js';
import { lexicon, sentence } from './helpers.js';

const words = [
  'two',
  'soldiers',
  'were',
  'killed',
  'and',
  'another',
  '41',
  'on',
  'Friday',
  ',',
  'a',
  'few',
  'casualties',
  'according',
  'to',
  'police',
  'including',
  '(',
  ')',
  'Khan',
  'was',
  'unharmed',
  'no',
  'one',
  'hurt',
  'at',
  'least',
  '1,500',
  'the',
  'BLA',
  'claimed',
  'dozens',
  'of',
  'injured',
  'killing',
  '-',
  'who',
  '%',
  'in',
  '2025',
];
const wordSoup = fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((w) => w.join(' '));

describe('casualty and aggregate passes on any text', () => {
  it('never throw, and every span slices to its text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), wordSoup), fc.nat(1000), (text, start) => {
        const s = sentence(text, start);
        for (const m of findCasualties(s, lexicon, [])) {
          expect(text.slice(m.span[0] - start, m.span[1] - start)).toBe(m.text);
          expect(m.low).toBeLessThanOrEqual(m.best);
          expect(m.best).toBeLessThanOrEqual(m.high);
        }
        isAggregateSentence(s, lexicon);
        for (const a of findAggregates(s, lexicon, s)) {
          expect(text.slice(a.span[0] - start, a.span[1] - start)).toBe(a.text);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads a 1 MB sentence without punctuation in time linear in its length, never hanging', () => {
    const chunk = 'two soldiers and a civilian were killed while dozens of casualties 1,500 x\u0001y ';
    const of = (bytes: number) => sentence(chunk.repeat(Math.ceil(bytes / chunk.length)), 0);
    const [quarter, whole] = [of(250_000), of(1_000_000)];
    // the speed itself is the bench's to measure: here, four times the text takes about four times as long (a
    // quadratic reading would take sixteen), and a megabyte ends in seconds, not minutes
    quickestMs(() => findCasualties(quarter, lexicon, []), 1);
    const small = quickestMs(() => findCasualties(quarter, lexicon, []));
    const found = findCasualties(whole, lexicon, []);
    const large = quickestMs(() => findCasualties(whole, lexicon, []));
    expect(found.length).toBeGreaterThan(1000);
    expect(large).toBeLessThan(8 * Math.max(small, 25));
    expect(large).toBeLessThan(10_000);
    const smallAggregate = quickestMs(() => isAggregateSentence(quarter, lexicon));
    const largeAggregate = quickestMs(() => isAggregateSentence(whole, lexicon));
    expect(largeAggregate).toBeLessThan(8 * Math.max(smallAggregate, 25));
    expect(largeAggregate).toBeLessThan(10_000);
  });

  it('returns nothing for empty and control-character text', () => {
    expect(findCasualties(sentence(''), lexicon, [])).toEqual([]);
    expect(findCasualties(sentence('\u0000\u0007\t\n'), lexicon, [])).toEqual([]);
    expect(findAggregates(sentence(''), lexicon)).toEqual([]);
  });
});
