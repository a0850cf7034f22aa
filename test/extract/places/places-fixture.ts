import { fileURLToPath } from 'node:url';
import { loadGazetteer, type Gazetteer } from '../../../src/lexicon/gazetteer.js';
import type { Sentence } from '../../../src/extract/types.js';

let cached: Gazetteer | null = null;

/** The real gazetteer, loaded once per test file. */
export function gazetteer(): Gazetteer {
  cached ??= loadGazetteer({
    dataDir: fileURLToPath(new URL('../../../data/gazetteer', import.meta.url)),
    countries: ['PK', 'AF', 'IR', 'IN'],
  });
  return cached;
}

/** A sentence as the sentence pass hands it over, placed at `start` in a document. */
export function sentence(text: string, start = 0): Sentence {
  return { index: 0, paragraph: 0, start, end: start + text.length, text };
}
