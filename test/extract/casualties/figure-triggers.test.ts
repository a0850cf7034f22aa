import { describe, expect, it } from 'vitest';
import { mayBeStatistic, mayHoldFigures } from '../../../src/extract/casualties/figure-triggers.js';
import { findCasualties } from '../../../src/extract/casualties/find-casualties.js';
import { lexicon, sentence } from './helpers.js';

/** Every phrase of a table, written out as the casualty tokens would read it. */
function phrases(table: ReadonlyMap<string, readonly { readonly words: readonly string[] }[]>): string[] {
  return [...table.values()].flatMap((entries) => entries.map((e) => e.words.join(' ')));
}

describe('figure triggers', () => {
  it('let through a sentence holding any metric, outcome or remains phrase of the lexicon', () => {
    const all = [
      ...phrases(lexicon.metrics),
      ...phrases(lexicon.outcomes),
      ...phrases(lexicon.grammar.remains),
    ];
    expect(all.length).toBeGreaterThan(50);
    for (const phrase of all)
      expect(mayHoldFigures(`On the road, ${phrase} there.`, lexicon), phrase).toBe(true);
  });

  it('let through a sentence naming a period with a trend, a source or a metric, and a trend of a metric', () => {
    const of = (type: string) =>
      [...lexicon.aggregates.values()].flatMap((entries) =>
        entries.filter((e) => e.value.type === type).map((e) => e.words.join(' ')),
      );
    for (const period of of('period')) {
      for (const other of [...of('trend'), ...of('source')])
        expect(mayBeStatistic(`${period} the ${other} here`, lexicon), `${period} / ${other}`).toBe(true);
    }
    for (const trend of of('trend')) expect(mayBeStatistic(`${trend} in deaths`, lexicon), trend).toBe(true);
  });

  it('pass over a sentence that holds none of them, and casualty figures are then not looked for', () => {
    const text = 'The chief minister chaired a meeting on development spending in Quetta.';
    expect(mayHoldFigures(text, lexicon)).toBe(false);
    expect(mayBeStatistic(text, lexicon)).toBe(false);
    expect(findCasualties(sentence(text), lexicon, [])).toEqual([]);
  });

  it('read a word run together with digits by its letters, as the casualty tokens split it', () => {
    expect(mayHoldFigures('Report: 3killed near the post', lexicon)).toBe(true);
    expect(findCasualties(sentence('Report: 3killed near the post'), lexicon, []).length).toBeGreaterThan(0);
  });
});
