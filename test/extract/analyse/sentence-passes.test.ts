import { describe, expect, it } from 'vitest';
import { analyseSentence } from '../../../src/extract/analyse/analyse-sentence.js';
import {
  SENTENCE_PASSES,
  checkPassOrder,
  type SentencePass,
} from '../../../src/extract/analyse/sentence-passes.js';
import { PASSES } from '../../../src/extract/extract-document.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

const passNamed = (field: string): SentencePass => SENTENCE_PASSES.find((p) => p.writes === field)!;

describe('sentence pass registry', () => {
  it('runs every registered pass and fills every field of the analysis', () => {
    const text = 'On Monday, gunmen of the Baloch Liberation Army killed two soldiers in Turbat.';
    const a = analyseSentence(
      { index: 0, paragraph: 0, start: 0, end: text.length, text },
      projectKnowledge(),
      { published: '2025-03-14' },
      { country: 'PK', admin1: 'Balochistan' },
    );
    for (const p of SENTENCE_PASSES) expect(a[p.writes], p.writes).toBeDefined();
    expect(a.dates.map((d) => d.date.start)).toEqual(['2025-03-10']);
    expect(a.places.map((p) => p.location.name)).toEqual(['Turbat']);
    expect(a.casualties.map((c) => c.best)).toEqual([2]);
  });

  it('refuses a pass that reads a field no earlier pass wrote, or a field written twice', () => {
    expect(() => checkPassOrder(SENTENCE_PASSES)).not.toThrow();
    // the responsibility pass reads the actors: moved first, it would read nothing
    const moved = [
      passNamed('responsibility'),
      ...SENTENCE_PASSES.filter((p) => p.writes !== 'responsibility'),
    ];
    expect(() => checkPassOrder(moved)).toThrow(/'responsibility' reads 'actors'/);
    expect(() => checkPassOrder([...SENTENCE_PASSES, passNamed('dates')])).toThrow(/written by two passes/);
  });

  it('lists the sentence passes among the document passes, in their order', () => {
    const names = SENTENCE_PASSES.map((p) => p.writes);
    const at = PASSES.indexOf(names[0]!);
    expect(PASSES.slice(at, at + names.length)).toEqual(names);
  });
});
