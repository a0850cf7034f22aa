import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_BYTES } from '../src/config/load-config.js';
import type { Document } from '../src/domain/index.js';
import { buildDocument } from '../src/ingest/build-document.js';
import type { RawInput } from '../src/ingest/types.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { syntheticArticles } from './synthetic-corpus.js';

export interface Rate {
  readonly label: string;
  readonly docs: number;
  readonly seconds: number;
}

function rawOf(a: { name: string; format: 'html' | 'text'; content: string }): RawInput {
  return { origin: a.name, format: a.format, content: a.content, meta: {} };
}

/** Cleaning alone, then cleaning plus storing in SQLite (batches of 100, one transaction each), per format. */
export async function benchIngest(count: number): Promise<Rate[]> {
  const rates: Rate[] = [];
  for (const format of ['html', 'text'] as const) {
    let docs = 0;
    let started = performance.now();
    for (const a of syntheticArticles(count, 7)) {
      if (a.format !== format) continue;
      const doc = buildDocument(rawOf(a), { published: a.published, maxBytes: DEFAULT_MAX_BYTES });
      if (!(doc instanceof Error)) docs++;
    }
    rates.push({ label: `clean ${format}`, docs, seconds: (performance.now() - started) / 1000 });

    const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
    const store = await openSqliteStore({ path: join(dir, 'bench.db') });
    docs = 0;
    started = performance.now();
    let batch: Document[] = [];
    for (const a of syntheticArticles(count, 7)) {
      if (a.format !== format) continue;
      const doc = buildDocument(rawOf(a), { published: a.published, maxBytes: DEFAULT_MAX_BYTES });
      if (doc instanceof Error) continue;
      batch.push(doc);
      if (batch.length === 100) {
        docs += (await store.saveDocuments(batch)).length;
        batch = [];
      }
    }
    docs += (await store.saveDocuments(batch)).length;
    rates.push({
      label: `clean + store ${format} (SQLite)`,
      docs,
      seconds: (performance.now() - started) / 1000,
    });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rates;
}
