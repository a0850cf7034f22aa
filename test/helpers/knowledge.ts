import { join } from 'node:path';
import type { Knowledge } from '../../src/extract/knowledge.js';
import { loadKnowledge } from '../../src/lexicon/load-knowledge.js';

let cached: Knowledge | null = null;

/** The project's real knowledge files, loaded once per test file. */
export function projectKnowledge(): Knowledge {
  cached ??= loadKnowledge({
    dataDir: join(import.meta.dirname, '..', '..', 'data'),
    countries: ['PK', 'AF', 'IR', 'IN'],
    extraRows: [],
  });
  return cached;
}
