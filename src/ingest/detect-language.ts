import { franc } from 'franc-min';
import type { EnglishFastPath } from '../lexicon/boilerplate-rules.js';
import { defaultBoilerplateRules } from '../lexicon/boilerplate-rules.js';

// Below this, trigram statistics are noise.
const MIN_LENGTH = 40;
// franc guesses wildly on a sentence or two (a short English report came out Dutch): below this it is not asked.
const MIN_FRANC_LENGTH = 250;
// The opening of an article settles its language; franc's cost grows with the sample.
const FAST_SAMPLE = 2000;
const FRANC_SAMPLE = 1000;
const WORD = /[a-z']+/g;

function looksEnglish(sample: string, fast: EnglishFastPath): boolean {
  const tokens = sample.toLowerCase().match(WORD);
  if (tokens === null || tokens.length < fast.minTokens) return false;
  let hits = 0;
  let the = 0;
  for (const token of tokens) {
    if (fast.words.has(token)) hits++;
    if (token === 'the') the++;
  }
  return hits / tokens.length >= fast.minShare && the / tokens.length >= fast.minTheShare;
}

/** ISO 639-3 code of the text's language ('eng'), or 'und' when the text is too short or undetermined. */
export function detectLanguage(
  text: string,
  fast: EnglishFastPath = defaultBoilerplateRules().englishFastPath,
): string {
  const sample = text.slice(0, FAST_SAMPLE).trim();
  if (sample.length < MIN_LENGTH) return 'und';
  if (looksEnglish(sample, fast)) return 'eng';
  if (sample.length < MIN_FRANC_LENGTH) return 'und';
  return franc(sample.slice(0, FRANC_SAMPLE), { minLength: MIN_LENGTH });
}
