import { DEFAULT_MAX_BYTES } from '../src/config/load-config.js';
import { extractDocument, type ExtractInput } from '../src/extract/extract-document.js';
import { buildDocument } from '../src/ingest/build-document.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import type { Rate } from './bench-ingest.js';
import { syntheticArticles } from './synthetic-corpus.js';

/** Clean 5 KB articles to extract: built once, outside the timing. */
function inputs(count: number): ExtractInput[] {
  const out: ExtractInput[] = [];
  for (const a of syntheticArticles(count, 11)) {
    const doc = buildDocument(
      { origin: a.name, format: a.format, content: a.content, meta: {} },
      { published: a.published, maxBytes: DEFAULT_MAX_BYTES },
    );
    if (!(doc instanceof Error)) out.push({ id: doc.id, text: doc.text, published: doc.published });
  }
  return out;
}

/** Extraction on one core, as `ingest` runs it. */
export function benchExtract(count: number, dataDir: string): Rate {
  const docs = inputs(count);
  const knowledge = loadKnowledge({ dataDir, countries: ['PK', 'AF', 'IR', 'IN'], extraRows: [] });
  for (const d of docs.slice(0, 50)) extractDocument(d, knowledge); // warm up the JIT
  const started = performance.now();
  for (const d of docs) extractDocument(d, knowledge);
  return { label: 'extract, one core', docs: docs.length, seconds: (performance.now() - started) / 1000 };
}
