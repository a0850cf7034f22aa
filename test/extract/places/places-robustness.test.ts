import fc from 'fast-check';
import { quickestMs } from '../../helpers/timing.js';
import { describe, expect, it } from 'vitest';
import { findPlaces, inferPlaceContext } from '../../../src/extract/places/find-places.js';
import { gazetteer, sentence } from './places-fixture.js';

const CONTEXT = { country: 'PK', admin1: 'Balochistan' } as const;

/** Words that exercise the constructions, so random sentences hit the rules and not only plain text. */
const WORDS = [
  'Kech',
  'district',
  'districts',
  'area',
  'of',
  'in',
  'Turbat',
  'Zamuran',
  '(',
  ')',
  ',',
  'Balochistan',
  'Pakistan',
  "'s",
  '’s',
  'Quetta',
  'Karachi',
  '-',
  'highway',
  'and',
  'Tank',
  'tehsil',
  'Mand',
  'the',
  'Sah',
  'Dem',
  'D.I.',
  'Khan',
  'Islamabad',
  'Army',
  'town',
  'Baloch',
  '.',
  'Hub',
  'Kaur',
  'near',
  '\u0000',
  '\n',
  'É',
  'Goth',
];

const arbitrarySentence = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((w) => w.join(' ')),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((w) => w.join('')),
);

describe('findPlaces on any text', () => {
  it('never throws, and every span slices to its text inside the sentence', () => {
    fc.assert(
      fc.property(arbitrarySentence, fc.nat(1000), (text, start) => {
        const doc = ' '.repeat(start) + text;
        const places = findPlaces(sentence(text, start), gazetteer(), CONTEXT);
        for (const p of places) {
          expect(doc.slice(p.span[0], p.span[1])).toBe(p.text);
          expect(p.span[0]).toBeGreaterThanOrEqual(start);
          expect(p.span[1]).toBeLessThanOrEqual(start + text.length);
          expect(p.ruleId).toMatch(/^place\./);
        }
        expect(() => inferPlaceContext(text, gazetteer())).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['empty', ''],
    ['no punctuation, 200 KB', 'Kech district area of Turbat '.repeat(7000)],
    ['one huge word', 'K'.repeat(1_000_000)],
    ['control characters', '\u0000\u0001Kech\u0007 district\r\n(Balochistan\u0000)'],
    ['unbalanced parentheses', '(((((Kech, ((((Balochistan, (((('.repeat(2000)],
  ])('handles %s input quickly', (_label, text) => {
    const started = performance.now();
    findPlaces(sentence(text), gazetteer(), CONTEXT);
    inferPlaceContext(text, gazetteer());
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('handles a 5 MB document in linear time', () => {
    const chunk =
      'Militants attacked a post in the Sah Dem area of Zamuran (Kech district, Balochistan) on Friday. ';
    const text = chunk.repeat(Math.ceil(5_000_000 / chunk.length));
    const started = performance.now();
    const context = inferPlaceContext(text, gazetteer());
    expect(context).toEqual({ country: 'PK', admin1: 'Balochistan' });
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('findPlaces speed', () => {
  // The speed itself is the bench's to measure (extraction, one core). Here, an article four times as long takes
  // about four times as long (a quadratic reading would take sixteen), whatever the machine's speed.
  it('reads articles in time linear in their length', () => {
    const paragraph =
      'Fighters attacked a checkpost at Pirak area in Mand tehsil (Kech district, Balochistan) on Friday, while ' +
      'another group struck Quetta’s Faizabad area. Officials in Turbat said two soldiers died in Bolan and Kech ' +
      'districts; the Pakistan Army gave no figure. Traffic on the Quetta-Karachi highway near Surab was halted. ';
    const article = (bytes: number) =>
      sentence(paragraph.repeat(Math.ceil(bytes / paragraph.length)).slice(0, bytes));
    // both longer than the tokens' memory holds (10,000 characters), so neither is read from it
    const [small, large] = [article(20_000), article(80_000)];
    const read = (s: ReturnType<typeof sentence>) => () => {
      for (let i = 0; i < 10; i += 1) findPlaces(s, gazetteer(), CONTEXT);
    };
    quickestMs(read(small), 1);
    const smallTime = quickestMs(read(small));
    const largeTime = quickestMs(read(large));
    expect(findPlaces(large, gazetteer(), CONTEXT).length).toBeGreaterThan(160);
    expect(largeTime).toBeLessThan(8 * Math.max(smallTime, 10));
  });
});
