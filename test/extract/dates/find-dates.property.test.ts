import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { quickestMs } from '../../helpers/timing.js';
import { describe, expect, it } from 'vitest';
import { compileDateRules } from '../../../src/extract/dates/date-rules.js';
import { findDates } from '../../../src/extract/dates/find-dates.js';
import type { Sentence } from '../../../src/extract/types.js';
import { loadDateLexicon } from '../../../src/lexicon/date-lexicon.js';

const lexicon = loadDateLexicon(fileURLToPath(new URL('../../../data', import.meta.url)));
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Words that build date-like text, so the properties reach the rules rather than only empty results. */
const TOKENS = [
  'May',
  'may',
  'March',
  'Sept.',
  'Jan',
  'December',
  'February',
  '8',
  '8th',
  '29',
  '30',
  '31',
  '1',
  '2025',
  '2024',
  '1999',
  '03/01/2021',
  '13/13/2021',
  '2025-05-08',
  '2025-13-40',
  '29-30',
  '-',
  '–',
  'and',
  'to',
  'of',
  'from',
  'between',
  'in',
  'early',
  'mid-',
  'late',
  'on',
  'last',
  'next',
  'since',
  'Saturday',
  'Friday',
  'night',
  'yesterday',
  'today',
  'two',
  'days',
  'weeks',
  'months',
  'ago',
  'this',
  'past',
  'previous',
  'PAST',
  'hours',
  'Hours',
  '48',
  'AGO',
  'Chicago',
  'Yesterday',
  'weekend',
  'over',
  'the',
  'so',
  'far',
  'earlier',
  'recent',
  '3rd',
  'Mayday',
  'March2025',
  'week',
  'month',
  'year',
  'people',
  ',',
  '.',
  ':',
  '\n',
  '\u0000',
  '(as',
  'reported)',
  '1,500',
  '24%',
  'N-85',
];

/** The words of whole dates, relative days and periods, for runs short enough to hold one often. */
const DATE_WORDS = [
  '14',
  '15',
  '3rd',
  '2025',
  '48',
  'three',
  'few',
  'to',
  'of',
  'and',
  '-',
  'March',
  'Sept.',
  'April',
  'Friday',
  'night',
  'over',
  'the',
  'weekend',
  'this',
  'week',
  'so',
  'far',
  'last',
  'past',
  'days',
  'hours',
  'ago',
  'earlier',
  'today',
  'day',
  'before',
  'yesterday',
  'in',
  'recent',
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((words) => words.join(' ')),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((words) => words.join('')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const published = fc.oneof(
  fc.constant(null),
  fc
    .date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2025-02-30', 'yesterday', ''),
);

function sentence(body: string, start: number): Sentence {
  return { index: 0, paragraph: 0, start, end: start + body.length, text: body };
}

describe('findDates: properties', () => {
  it('never throws; dates are real, ordered, not after publication; spans slice to text', () => {
    fc.assert(
      fc.property(text, published, fc.nat({ max: 100_000 }), (body, pub, start) => {
        const found = findDates(sentence(body, start), { published: pub }, lexicon);
        const validPub = pub !== null && ISO.test(pub) && !Number.isNaN(Date.parse(`${pub}T00:00:00Z`));
        for (const m of found) {
          expect(m.date.start).toMatch(ISO);
          expect(m.date.end).toMatch(ISO);
          expect(Date.parse(`${m.date.start}T00:00:00Z`)).not.toBeNaN();
          expect(m.date.start <= m.date.end).toBe(true);
          if (validPub && pub !== '2025-02-30') expect(m.date.end <= pub).toBe(true);
          expect(m.span[0]).toBeGreaterThanOrEqual(start);
          expect(m.span[1]).toBeLessThanOrEqual(start + body.length);
          expect(body.slice(m.span[0] - start, m.span[1] - start)).toBe(m.text);
          expect(m.text.length).toBeGreaterThan(0);
        }
        for (let i = 1; i < found.length; i++) {
          expect(found[i]!.span[0]).toBeGreaterThanOrEqual(found[i - 1]!.span[1]);
        }
      }),
      { numRuns: 800 },
    );
  });

  it("never passes over a rule that would read a date: each match's needs are among the sentence's features", () => {
    const { rules, features } = compileDateRules(lexicon);
    // short runs of the words the rules read, so that whole dates come up often
    const dateWords = fc
      .array(fc.constantFrom(...DATE_WORDS), { minLength: 1, maxLength: 9 })
      .map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.oneof(text, dateWords), (body) => {
        const has = features(body);
        for (const rule of rules) {
          for (const m of body.matchAll(rule.re)) {
            if (m[0] === '' || !rule.parse(m.groups ?? {})) continue;
            expect({ rule: rule.id, missing: rule.needs & ~has }).toEqual({ rule: rule.id, missing: 0 });
          }
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('never passes over a rule that would read a date in any run of up to three date words', () => {
    const { rules, features } = compileDateRules(lexicon);
    const runs: string[] = [];
    for (const a of DATE_WORDS) {
      runs.push(a);
      for (const b of DATE_WORDS) {
        runs.push(`${a} ${b}`);
        for (const c of DATE_WORDS) runs.push(`${a} ${b} ${c}`);
      }
    }
    const missed: string[] = [];
    for (const body of runs) {
      const has = features(body);
      for (const rule of rules) {
        if ((rule.needs & has) === rule.needs) continue;
        for (const m of body.matchAll(rule.re)) {
          if (m[0] !== '' && rule.parse(m.groups ?? {})) missed.push(`${rule.id}: ${body}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('returns nothing that needs a publication date when there is none', () => {
    fc.assert(
      fc.property(text, (body) => {
        for (const m of findDates(sentence(body, 0), { published: null }, lexicon)) {
          expect(m.kind).not.toBe('relative');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('findDates: speed', () => {
  const MB = 1024 * 1024;
  const bodies: readonly [string, string][] = [
    ['words without punctuation', 'the convoy moved slowly through the hills '.repeat(MB / 42)],
    ['numbers and months', 'May 8 and 9 May 2025 1 2 3 Saturday night '.repeat(MB / 42)],
    ['one long digit run', '1'.repeat(MB)],
    ['spaces between digits', '1 '.repeat(MB / 2)],
  ];

  // The speed itself is the bench's to measure. Here, four times the text takes about four times as long (a
  // quadratic reading would take sixteen), and a megabyte ends in seconds, not minutes, whatever the machine.
  const read = (body: string) => () => findDates(sentence(body, 0), { published: '2025-05-09' }, lexicon);
  it.each(bodies)('a 1 MB sentence of %s is read in time linear in its length', (_name, body) => {
    const quarter = body.slice(0, body.length / 4);
    const small = quickestMs(read(quarter));
    const large = quickestMs(read(body));
    expect(large).toBeLessThan(8 * Math.max(small, 25));
    expect(large).toBeLessThan(10_000);
  });
});
