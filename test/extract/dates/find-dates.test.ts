import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findDates } from '../../../src/extract/dates/find-dates.js';
import type { Sentence } from '../../../src/extract/types.js';
import { loadDateLexicon } from '../../../src/lexicon/date-lexicon.js';

const lexicon = loadDateLexicon(fileURLToPath(new URL('../../../data', import.meta.url)));
/** Sentences sit at a non-zero offset so that every case also checks document-relative spans. */
const OFFSET = 1000;

function sentence(text: string): Sentence {
  return { index: 3, paragraph: 1, start: OFFSET, end: OFFSET + text.length, text };
}

/** [text, start, end, precision, kind] per mention, in order. */
type Expected = readonly (readonly [string, string, string, string, string])[];

interface Case {
  readonly sentence: string;
  readonly published: string | null;
  readonly expected: Expected;
}

const A = 'absolute';
const R = 'relative';
const V = 'vague';

const cases: readonly Case[] = [
  // Counted days up to publication.
  {
    sentence: 'Forces killed 34 militants over the last three days, the ISPR said.',
    published: '2025-10-16',
    expected: [['the last three days', '2025-10-13', '2025-10-16', 'days', R]],
  },
  {
    sentence: 'Five attacks were reported in the past 24 hours.',
    published: '2025-10-16',
    expected: [['the past 24 hours', '2025-10-15', '2025-10-16', 'days', R]],
  },
  // Absolute, with the year.
  {
    sentence: 'On 8 May 2025 gunmen stormed a checkpoint.',
    published: '2025-05-10',
    expected: [['8 May 2025', '2025-05-08', '2025-05-08', 'day', A]],
  },
  {
    sentence: 'On 8 May 2025 militants attacked a convoy.',
    published: '2025-05-10',
    expected: [['8 May 2025', '2025-05-08', '2025-05-08', 'day', A]],
  },
  {
    sentence: 'The raid came on the 8th May, 2025, before dawn.',
    published: '2025-05-10',
    expected: [['8th May, 2025', '2025-05-08', '2025-05-08', 'day', A]],
  },
  {
    sentence: 'Police said the 8th of May 2025 was the worst day.',
    published: '2025-05-10',
    expected: [['8th of May 2025', '2025-05-08', '2025-05-08', 'day', A]],
  },
  {
    sentence: 'On May 6, 2025, an ambush killed a patrol.',
    published: '2025-05-10',
    expected: [['May 6, 2025', '2025-05-06', '2025-05-06', 'day', A]],
  },
  {
    sentence: 'The bridge was blown up on Sept. 3, 2024 at night.',
    published: '2024-09-10',
    expected: [['Sept. 3, 2024', '2024-09-03', '2024-09-03', 'day', A]],
  },
  {
    sentence: 'Records dated 2025-05-08 list the blast.',
    published: '2025-05-10',
    expected: [['2025-05-08', '2025-05-08', '2025-05-08', 'day', A]],
  },
  {
    sentence: '03/01/2021: Gunmen fired on a police van in the bazaar.',
    published: '2021-03-05',
    expected: [['03/01/2021', '2021-03-01', '2021-03-01', 'day', A]],
  },
  {
    sentence: 'Reported on 11/30/2022 by the district office.',
    published: '2022-12-02',
    expected: [['11/30/2022', '2022-11-30', '2022-11-30', 'day', A]],
  },
  {
    sentence: 'A log entry of 25/12/2022 mentions the raid.',
    published: '2023-01-02',
    expected: [['25/12/2022', '2022-12-25', '2022-12-25', 'day', A]],
  },
  {
    sentence: 'Around 5 February 2020 (as reported), rebels fired on a camp.',
    published: '2020-02-09',
    expected: [['5 February 2020', '2020-02-05', '2020-02-05', 'day', A]],
  },
  {
    sentence: 'ON 2 MARCH 2024 A BOMB WENT OFF.',
    published: '2024-03-03',
    expected: [['2 MARCH 2024', '2024-03-02', '2024-03-02', 'day', A]],
  },
  {
    sentence: 'It happened on 14 Feb. 2023 near the border.',
    published: '2023-02-20',
    expected: [['14 Feb. 2023', '2023-02-14', '2023-02-14', 'day', A]],
  },
  {
    sentence: 'On 8 May 2025 gunmen struck.',
    published: null,
    expected: [['8 May 2025', '2025-05-08', '2025-05-08', 'day', A]],
  },
  // Year missing: the latest such day on or before publication.
  {
    sentence: 'Insurgents attacked posts on May 8 across the province.',
    published: '2025-05-09',
    expected: [['May 8', '2025-05-08', '2025-05-08', 'day', A]],
  },
  {
    sentence: 'A grenade was thrown on 9 May at the camp.',
    published: '2025-05-09',
    expected: [['9 May', '2025-05-09', '2025-05-09', 'day', A]],
  },
  {
    sentence: 'The convoy was hit on December 30 near the river.',
    published: '2026-01-03',
    expected: [['December 30', '2025-12-30', '2025-12-30', 'day', A]],
  },
  {
    sentence: 'The school burned on May 11.',
    published: '2025-05-09',
    expected: [['May 11', '2024-05-11', '2024-05-11', 'day', A]],
  },
  {
    sentence: 'Clashes erupted on February 29.',
    published: '2025-06-01',
    expected: [['February 29', '2024-02-29', '2024-02-29', 'day', A]],
  },
  { sentence: 'Insurgents attacked posts on May 8.', published: null, expected: [] },
  { sentence: 'On 9 May the shelling resumed.', published: null, expected: [] },
  // Weekdays and days counted from publication (2025-05-09 was a Friday).
  {
    sentence: 'The army said on Saturday that the raid was over.',
    published: '2025-05-09',
    expected: [['Saturday', '2025-05-03', '2025-05-03', 'day', R]],
  },
  {
    sentence: 'Gunfire was heard Saturday night in the old town.',
    published: '2025-05-09',
    expected: [['Saturday night', '2025-05-03', '2025-05-03', 'day', R]],
  },
  {
    sentence: 'The blast came late on Friday outside a mosque.',
    published: '2025-05-09',
    expected: [['late on Friday', '2025-05-09', '2025-05-09', 'day', R]],
  },
  {
    sentence: 'Last Friday a patrol was ambushed.',
    published: '2025-05-09',
    expected: [['Last Friday', '2025-05-02', '2025-05-02', 'day', R]],
  },
  {
    sentence: 'Two guards died on Monday night.',
    published: '2025-05-09',
    expected: [['Monday night', '2025-05-05', '2025-05-05', 'day', R]],
  },
  {
    sentence: 'A tower was bombed last Saturday.',
    published: '2025-05-10',
    expected: [['last Saturday', '2025-05-03', '2025-05-03', 'day', R]],
  },
  {
    sentence: 'Police found the bodies yesterday.',
    published: '2025-05-09',
    expected: [['yesterday', '2025-05-08', '2025-05-08', 'day', R]],
  },
  {
    sentence: 'Today the curfew was lifted.',
    published: '2025-05-09',
    expected: [['Today', '2025-05-09', '2025-05-09', 'day', R]],
  },
  {
    sentence: 'A bus was torched two days ago.',
    published: '2025-05-09',
    expected: [['two days ago', '2025-05-07', '2025-05-07', 'day', R]],
  },
  {
    sentence: 'The pipeline was cut 3 days ago.',
    published: '2025-05-01',
    expected: [['3 days ago', '2025-04-28', '2025-04-28', 'day', R]],
  },
  {
    sentence: 'Rockets fell on the camp last night.',
    published: '2025-05-09',
    expected: [['last night', '2025-05-08', '2025-05-08', 'day', R]],
  },
  // the night before publication is coded on the evening's day, as "last night" is (a night spans two days only
  // where the text names both)
  {
    sentence: 'Mortar shells hit the border villages overnight.',
    published: '2025-05-09',
    expected: [['overnight', '2025-05-08', '2025-05-08', 'day', R]],
  },
  { sentence: 'Troops cleared the valley on Saturday.', published: null, expected: [] },
  // Periods.
  {
    // a calendar week, Monday to Sunday: 2025-05-09 is a Friday, 2025-05-11 a Sunday
    sentence: 'Five attacks were reported last week in the district.',
    published: '2025-05-09',
    expected: [['last week', '2025-04-28', '2025-05-04', 'week', V]],
  },
  {
    sentence: 'Five attacks were reported last week.',
    published: '2025-05-12',
    expected: [['last week', '2025-05-05', '2025-05-11', 'week', V]],
  },
  {
    sentence: 'This week the highway stayed shut.',
    published: '2025-05-09',
    expected: [['This week', '2025-05-05', '2025-05-09', 'week', V]],
  },
  {
    sentence: 'Gunmen struck a convoy earlier this week.',
    published: '2025-05-09',
    expected: [['earlier this week', '2025-05-05', '2025-05-08', 'week', V]],
  },
  {
    sentence: 'Gunmen struck a convoy earlier this week.',
    published: '2025-05-12',
    expected: [['earlier this week', '2025-05-05', '2025-05-11', 'week', V]],
  },
  {
    sentence: 'Violence spread over the past week.',
    published: '2025-05-09',
    expected: [['over the past week', '2025-05-03', '2025-05-09', 'week', V]],
  },
  {
    sentence: 'Earlier this month a dam was sabotaged.',
    published: '2025-05-09',
    // "earlier": over by the day before publication
    expected: [['Earlier this month', '2025-05-01', '2025-05-08', 'month', V]],
  },
  {
    sentence: 'A checkpoint was attacked this month.',
    published: '2025-05-09',
    expected: [['this month', '2025-05-01', '2025-05-09', 'month', V]],
  },
  {
    // on the first of the month, the first itself
    sentence: 'Earlier this month a dam was sabotaged.',
    published: '2025-06-01',
    expected: [['Earlier this month', '2025-06-01', '2025-06-01', 'month', V]],
  },
  {
    sentence: 'The outpost fell last month.',
    published: '2025-01-15',
    expected: [['last month', '2024-12-01', '2024-12-31', 'month', V]],
  },
  {
    sentence: 'The group split last year.',
    published: '2025-05-09',
    expected: [['last year', '2024-01-01', '2024-12-31', 'year', V]],
  },
  {
    sentence: 'Earlier this year the road was mined.',
    published: '2025-05-09',
    expected: [['Earlier this year', '2025-01-01', '2025-05-08', 'year', V]],
  },
  {
    sentence: 'The commander spoke in early May about reprisals.',
    published: '2025-05-09',
    expected: [['early May', '2025-05-01', '2025-05-09', 'month', V]],
  },
  {
    sentence: 'The offensive began in May 2025 and has not stopped.',
    published: '2025-08-01',
    expected: [['May 2025', '2025-05-01', '2025-05-31', 'month', V]],
  },
  {
    sentence: 'The truce of May 2024 collapsed.',
    published: '2025-08-01',
    expected: [['May 2024', '2024-05-01', '2024-05-31', 'month', V]],
  },
  {
    sentence: 'In 2024 the province saw more raids than before.',
    published: '2025-05-09',
    expected: [['2024', '2024-01-01', '2024-12-31', 'year', V]],
  },
  {
    // a year that names the event after it
    sentence: 'The leader fled across the border during the 2013 army offensive in Swat.',
    published: '2025-05-09',
    expected: [['2013', '2013-01-01', '2013-12-31', 'year', V]],
  },
  {
    sentence: 'Attacks rose sharply in 2025.',
    published: '2025-05-09',
    expected: [['2025', '2025-01-01', '2025-05-09', 'year', V]],
  },
  {
    sentence: 'The camp was raided in March.',
    published: '2025-02-10',
    expected: [['March', '2024-03-01', '2024-03-31', 'month', V]],
  },
  {
    sentence: 'A ceasefire was agreed in mid-2023.',
    published: '2025-02-10',
    expected: [['mid-2023', '2023-01-01', '2023-12-31', 'year', V]],
  },
  // Ranges.
  {
    sentence: 'On July 15 and 16 the rebels ambushed two convoys.',
    published: '2025-07-17',
    expected: [['July 15 and 16', '2025-07-15', '2025-07-16', 'days', A]],
  },
  {
    sentence: 'Fighting on January 29-30 left the town empty.',
    published: '2026-02-02',
    expected: [['January 29-30', '2026-01-29', '2026-01-30', 'days', A]],
  },
  {
    sentence: 'Raids took place on 29-30 January 2026 in the hills.',
    published: '2026-02-02',
    expected: [['29-30 January 2026', '2026-01-29', '2026-01-30', 'days', A]],
  },
  {
    sentence: 'Shots rang out on the night of January 29-30.',
    published: '2026-02-02',
    expected: [['January 29-30', '2026-01-29', '2026-01-30', 'days', A]],
  },
  {
    sentence: 'Curfew was imposed between 15 - 18 March in the city.',
    published: '2025-04-01',
    expected: [['15 - 18 March', '2025-03-15', '2025-03-18', 'days', A]],
  },
  {
    sentence: 'Roads were closed from 3 to 5 June for the operation.',
    published: '2025-06-20',
    expected: [['3 to 5 June', '2025-06-03', '2025-06-05', 'days', A]],
  },
  {
    sentence: 'The siege lasted 15 and 16 July.',
    published: '2025-07-20',
    expected: [['15 and 16 July', '2025-07-15', '2025-07-16', 'days', A]],
  },
  {
    sentence: 'Clashes ran from 31 January - 1 February near the pass.',
    published: '2026-02-03',
    expected: [['31 January - 1 February', '2026-01-31', '2026-02-01', 'days', A]],
  },
  {
    sentence: 'The strike ran December 30 to January 2 in the valley.',
    published: '2026-01-05',
    expected: [['December 30 to January 2', '2025-12-30', '2026-01-02', 'days', A]],
  },
  {
    sentence: 'The talks ran July 15-16, 2024 in the capital.',
    published: '2025-01-01',
    expected: [['July 15-16, 2024', '2024-07-15', '2024-07-16', 'days', A]],
  },
  {
    sentence: 'The sweep ran July 16 and 17.',
    published: '2025-07-16',
    expected: [['July 16 and 17', '2025-07-16', '2025-07-16', 'day', A]],
  },
  // Never after publication.
  { sentence: 'The attack took place on 20 May 2025.', published: '2025-05-09', expected: [] },
  {
    sentence: 'The attack took place on 10 May 2025.',
    published: '2025-05-09',
    expected: [['10 May 2025', '2025-05-09', '2025-05-09', 'day', A]],
  },
  { sentence: 'A summit is due in 2026.', published: '2025-05-09', expected: [] },
  // Not dates.
  { sentence: 'Operation Sindoor was launched against camps.', published: '2025-05-09', expected: [] },
  {
    sentence: 'Troops killed 1,500 insurgents during a 40-hour siege.',
    published: '2025-05-09',
    expected: [],
  },
  { sentence: 'Attacks rose 24% on the N-85 highway.', published: '2025-05-09', expected: [] },
  { sentence: 'Section 144 was imposed and 450 people were held.', published: '2025-05-09', expected: [] },
  { sentence: 'Call 0300-1234567 or 021-3456-7890 for help.', published: '2025-05-09', expected: [] },
  { sentence: 'The blast happened at 9pm near the 8th checkpoint.', published: '2025-05-09', expected: [] },
  {
    sentence: 'Officials fear militants may attack again. May God protect them.',
    published: '2025-05-09',
    expected: [],
  },
  { sentence: 'This is the highest toll since 2011.', published: '2025-05-09', expected: [] },
  {
    sentence: 'The region has been restive since May 2018 and since 2011.',
    published: '2025-05-09',
    expected: [],
  },
  { sentence: 'In 2000 people were killed across the region.', published: '2025-05-09', expected: [] },
  { sentence: 'The army killed 2019 militants.', published: '2025-05-09', expected: [] },
  { sentence: 'The protest march went past the market.', published: '2025-05-09', expected: [] },
  {
    sentence: 'The vote is set for next Friday and talks continue until Saturday.',
    published: '2025-05-09',
    expected: [],
  },
  {
    sentence: 'Funds for the 2024-25 fiscal year in 2024-25 were cut.',
    published: '2025-05-09',
    expected: [],
  },
  {
    sentence: 'An invalid stamp 2025-02-30 and February 30, 2024 appear.',
    published: '2025-05-09',
    expected: [],
  },
  {
    sentence: 'Prayers are held every Friday, and the following Saturday the market reopened.',
    published: '2025-05-09',
    expected: [],
  },
  {
    sentence: 'Following May 8 clashes, roads were shut.',
    published: '2025-05-09',
    expected: [['May 8', '2025-05-08', '2025-05-08', 'day', A]],
  },
  {
    sentence: 'The ambush came on Saturday near the bridge.',
    published: '2026-01-31',
    expected: [['Saturday', '2026-01-31', '2026-01-31', 'day', R]],
  },
  {
    sentence: 'It was May the 8th when the shelling began.',
    published: '2025-05-09',
    expected: [['May the 8th', '2025-05-08', '2025-05-08', 'day', A]],
  },
  {
    sentence: 'Two posts were overrun this past weekend.',
    published: '2025-05-12',
    expected: [['this past weekend', '2025-05-10', '2025-05-11', 'days', R]],
  },
  {
    sentence: 'A second checkpoint was hit a week ago.',
    published: '2025-05-20',
    expected: [['a week ago', '2025-05-10', '2025-05-16', 'week', V]],
  },
  {
    sentence: 'On July 15 and 16 soldiers were buried in the village.',
    published: '2025-07-20',
    expected: [['July 15', '2025-07-15', '2025-07-15', 'day', A]],
  },
  {
    sentence: 'Elders will meet later this week; the road reopened later on Friday.',
    published: '2025-05-09',
    expected: [['Friday', '2025-05-09', '2025-05-09', 'day', R]],
  },
  // Several in one sentence, in text order.
  {
    sentence: 'Rebels struck on May 8, and troops hit back on Saturday night.',
    published: '2025-05-09',
    expected: [
      ['May 8', '2025-05-08', '2025-05-08', 'day', A],
      ['Saturday night', '2025-05-03', '2025-05-03', 'day', R],
    ],
  },
];

describe('findDates: table', () => {
  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('$sentence (published $published)', ({ sentence: text, published, expected }) => {
    const found = findDates(sentence(text), { published }, lexicon);
    expect(found.map((m) => [m.text, m.date.start, m.date.end, m.date.precision, m.kind])).toEqual(expected);
    for (const m of found) {
      expect(m.span[0] - OFFSET).toBe(text.indexOf(m.text));
      expect(m.span[1] - m.span[0]).toBe(m.text.length);
    }
  });
});

describe('findDates: rule ids', () => {
  const ruleOf = (text: string, published: string | null = '2025-05-09'): string[] =>
    findDates(sentence(text), { published }, lexicon).map((m) => m.ruleId);

  it('names the rule that read each form', () => {
    expect(ruleOf('On 8 May 2025 it began.')).toEqual(['date.abs.dmy']);
    expect(ruleOf('On May 6, 2025 it began.')).toEqual(['date.abs.mdy']);
    expect(ruleOf('03/01/2021: it began.')).toEqual(['date.abs.numeric']);
    expect(ruleOf('On May 8 it began.')).toEqual(['date.abs.md']);
    expect(ruleOf('On 8 May it began.')).toEqual(['date.abs.dm']);
    expect(ruleOf('On July 1 and 2 it ran.')).toEqual(['date.range.mdy']);
    // a night written with a slash between its two days
    expect(ruleOf('On the night of 3/4 May it ran.')).toEqual(['date.range.dmy']);
    expect(ruleOf('On May 3/4 it ran.')).toEqual(['date.range.mdy']);
    expect(ruleOf('It began on Saturday.')).toEqual(['date.rel.weekday']);
    expect(ruleOf('It began last Saturday.')).toEqual(['date.rel.last-weekday']);
    expect(ruleOf('It began yesterday.')).toEqual(['date.period.yesterday']);
    expect(ruleOf('It began last week.')).toEqual(['date.period.last-week']);
    expect(ruleOf('It began 4 days ago.')).toEqual(['date.rel.ago']);
    expect(ruleOf('It began in 2024.')).toEqual(['date.year']);
  });

  it('keeps a dropped full date from falling back to a year-less reading of part of it', () => {
    expect(ruleOf('On 8 May 2031 it will begin.')).toEqual([]);
  });
});
