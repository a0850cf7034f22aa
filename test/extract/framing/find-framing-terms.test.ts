import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadFramingLexicon } from '../../../src/lexicon/framing-lexicon.js';
import { countFraming, findFramingTerms } from '../../../src/extract/framing/find-framing-terms.js';
import type { Sentence } from '../../../src/extract/types.js';

const lexicon = loadFramingLexicon(join(import.meta.dirname, '../../../data'));
const sentence = (text: string, start = 3): Sentence => ({
  index: 0,
  paragraph: 0,
  start,
  end: start + text.length,
  text,
});
const terms = (text: string): string[] =>
  findFramingTerms(sentence(text), lexicon).map((t) => `${t.text}=${t.termId}`);

describe('findFramingTerms', () => {
  const cases: readonly (readonly [string, readonly string[]])[] = [
    ['The freedom fighters struck at dawn.', ['freedom fighters=ins-freedom-fighters']],
    [
      'Two young men were martyred, and the martyrs were buried.',
      ['martyred=ins-martyred', 'martyrs=ins-martyrs'],
    ],
    [
      'They resist the occupation and the occupying forces.',
      ['occupation=ins-occupation', 'occupying forces=ins-occupying-forces'],
    ],
    ['A sarmachar unit withdrew.', ['sarmachar=ins-sarmachar']],
    [
      'The liberation movement and the Baloch freedom movement grew.',
      ['liberation movement=ins-liberation-movement', 'Baloch freedom movement=ins-baloch-freedom-movement'],
    ],
    ['They call it a colonial project.', ['colonial=ins-colonial']],
    [
      'Terrorists fled; terrorism will be crushed.',
      ['Terrorists=state-terrorists', 'terrorism=state-terrorism'],
    ],
    [
      'Fitna al-Hindustan is Indian-sponsored.',
      ['Fitna al-Hindustan=state-fitna-al-hindustan', 'Indian-sponsored=state-indian-sponsored'],
    ],
    [
      'Indian-sponsored terrorists were killed.',
      ['Indian-sponsored=state-indian-sponsored', 'terrorists=state-terrorists'],
    ],
    [
      'Indian proxies and miscreants were named.',
      ['Indian proxies=state-indian-proxies', 'miscreants=state-miscreants'],
    ],
    [
      'Fitna al-Khawarij cadres, the hell-bound khawarij, fled.',
      ['Fitna al-Khawarij=state-fitna-al-khawarij', 'hell-bound=state-hell-bound', 'khawarij=state-khawarij'],
    ],
    [
      'Militants and separatists clashed with insurgents.',
      ['Militants=neu-militants', 'separatists=neu-separatists', 'insurgents=neu-insurgents'],
    ],
    [
      'The rebels, an armed group, hired gunmen.',
      ['rebels=neu-rebels', 'armed group=neu-armed-group', 'gunmen=neu-gunmen'],
    ],
    ['The assailants escaped.', ['assailants=neu-assailants']],
    ['A quiet day in the valley.', []],
    ['His occupational therapy went well.', []],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('counts each term id under its register', () => {
    const mentions = ['The freedom fighters, martyrs all.', 'Terrorists, terrorists, militants.'].flatMap(
      (t) => findFramingTerms(sentence(t), lexicon),
    );
    expect(countFraming(mentions)).toEqual({
      insurgent: { 'ins-freedom-fighters': 1, 'ins-martyrs': 1 },
      state: { 'state-terrorists': 2 },
      neutral: { 'neu-militants': 1 },
    });
    expect(countFraming([])).toEqual({ insurgent: {}, state: {}, neutral: {} });
  });

  it('never throws and its spans slice to the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const t of findFramingTerms(sentence(text), lexicon))
          expect(text.slice(t.span[0] - 3, t.span[1] - 3)).toBe(t.text);
      }),
    );
  });
});
