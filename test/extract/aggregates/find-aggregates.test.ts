import { describe, expect, it } from 'vitest';
import { findAggregates, isAggregateSentence } from '../../../src/extract/aggregates/find-aggregates.js';
import { lexicon, sentence } from '../casualties/helpers.js';

interface Row {
  readonly text: string;
  readonly previous?: string;
  /** value/metric/period/source/area of each statistic, in order. */
  readonly want: readonly string[];
}

const rows: readonly Row[] = [
  {
    text: 'The monitor counted 412 soldiers killed in 2023, according to the CRSS yearly review.',
    want: ['412/killed security_forces/2023/CRSS/'],
  },
  {
    text: 'In 2022 alone, more than 900 militants were killed in Khyber Pakhtunkhwa.',
    want: ['900/killed militants/2022//Khyber Pakhtunkhwa'],
  },
  {
    text: 'Police deaths fell by 12% during the year.',
    want: ['12%/change in killed security_forces/during the year//'],
  },
  {
    text: 'Civilian deaths climbed by 31 percent to 740.',
    previous: 'The PIPS security report for 2024 was published on Monday.',
    want: ['31%/change in killed civilians/2024/PIPS/', '740/killed civilians/2024/PIPS/'],
  },
  {
    text: 'Over 300 civilians were killed in Balochistan last year, the think tank said.',
    want: ['300/killed civilians/last year/the think tank/Balochistan'],
  },
  {
    text: 'SATP data show a 25% increase in militant fatalities since 2019.',
    want: ['25%/change in killed militants/2019/SATP/'],
  },
  // the day the review came out is no day the deaths fell on
  {
    text: 'Attacks killed 412 soldiers in 2024, the highest toll in a decade, the think tank said in its review on Monday.',
    want: ['412/killed security_forces/2024/the think tank/'],
  },
  {
    text: 'Annual figures compiled by PICSS put the death toll at 510.',
    want: ['510/killed unknown/Annual/PICSS/'],
  },
  {
    text: 'During 2021, 58 policemen were killed and 120 were injured.',
    want: ['58/killed security_forces/2021//', '120/injured security_forces/2021//'],
  },
  // a month alone is a statistic's period when a monitor counts it
  {
    text: 'In March, the CRSS recorded 96 deaths across the country.',
    want: ['96/killed unknown/March/CRSS/'],
  },
  // a month's own attacks are its statistics; a monitor's trend over a month keeps its period whatever day it spoke
  {
    text: "Those killed in May's attacks included 20 civilians and 15 soldiers.",
    want: [],
  },
  {
    text: 'Attacks rose by 40 per cent in May, according to figures released by the Islamabad-based PICSS on Tuesday.',
    want: [],
  },
  // a monitor's figure for no day, no town and no single incident
  {
    text: 'The violence left 35 people dead across the province, according to PICSS.',
    want: ['35/killed civilians//PICSS/'],
  },
];

const notAggregate: readonly string[] = [
  "In May's attack on the bank, two guards were killed.",
  'On 14 March 2021, two soldiers were killed in Turbat.',
  'Three policemen were injured on Saturday when a grenade hit their post.',
  'The BLA claimed 19 soldiers were killed in the assault.',
  'Gunmen attacked a bus and 12 passengers were abducted.',
  // an incident dated by its month alone stays an incident, whoever reports it
  'In March, a bomb killed five people in Mastung, according to police.',
];

describe('findAggregates', () => {
  it.each(rows)('$text', (row) => {
    const s = sentence(row.text);
    const prev = row.previous ? sentence(row.previous, 0) : undefined;
    expect(isAggregateSentence(s, lexicon)).toBe(true);
    const found = findAggregates(s, lexicon, prev);
    expect(found.map((a) => `${a.value}/${a.metric}/${a.period}/${a.source}/${a.area}`)).toEqual(row.want);
    for (const a of found) expect(a.text).toBe(row.text.slice(a.span[0] - s.start, a.span[1] - s.start));
  });

  it("keeps apart a monitor's figure for a sentence that names a town or a district", () => {
    const text = 'Gunmen killed two policemen in the bazaar, according to PICSS.';
    expect(isAggregateSentence(sentence(text), lexicon)).toBe(true);
    expect(isAggregateSentence(sentence(text), lexicon, true)).toBe(false);
  });

  it('reads a tally of many incidents with their dead, for no day or town, as a statistic', () => {
    const text = 'The region saw 38 attacks that left 61 people dead and 70 wounded.';
    expect(isAggregateSentence(sentence(text), lexicon)).toBe(true);
    // a lead's two or three attacks, a town, or a day make it incidents told together
    for (const incident of [
      'Two attacks left five people dead.',
      'Militants carried out three attacks that killed six soldiers on Monday.',
    ])
      expect(isAggregateSentence(sentence(incident), lexicon), incident).toBe(false);
    expect(isAggregateSentence(sentence(text), lexicon, true)).toBe(false);
  });

  it.each(notAggregate)('keeps the incident sentence "%s" apart', (text) => {
    expect(isAggregateSentence(sentence(text), lexicon)).toBe(false);
    expect(findAggregates(sentence(text), lexicon)).toEqual([]);
  });
});
