import { cpus } from 'node:os';
import { DEFAULT_MAX_BYTES } from '../src/config/load-config.js';
import { extractDocument, type ExtractInput } from '../src/extract/extract-document.js';
import { buildDocument } from '../src/ingest/build-document.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import { openExtractPool } from '../src/pipeline/extract-pool.js';
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

/** Extraction on one core, then on a worker pool over all cores; both must produce the same mentions. */
export async function benchExtract(
  count: number,
  dataDir: string,
): Promise<{ rates: Rate[]; agree: boolean }> {
  const docs = inputs(count);
  const knowledge = loadKnowledge({ dataDir, countries: ['PK', 'AF', 'IR', 'IN'], extraRows: [] });
  for (const d of docs.slice(0, 50)) extractDocument(d, knowledge); // warm up the JIT
  let started = performance.now();
  let single = 0;
  for (const d of docs) single += extractDocument(d, knowledge).mentions.length;
  const one: Rate = {
    label: 'extract, one core',
    docs: docs.length,
    seconds: (performance.now() - started) / 1000,
  };

  const workers = cpus().length;
  const pool = openExtractPool({ workers, dataDir, countries: ['PK', 'AF', 'IR', 'IN'] });
  await pool.extract(docs.slice(0, 50 * workers)); // start-up and warm-up of every worker
  started = performance.now();
  const results = await pool.extract(docs);
  const all: Rate = {
    label: `extract, ${workers} worker threads`,
    docs: docs.length,
    seconds: (performance.now() - started) / 1000,
  };
  await pool.close();
  const pooled = results.reduce((n, r) => n + (r.ok ? r.result.mentions.length : 0), 0);
  return { rates: [one, all], agree: pooled === single };
}
