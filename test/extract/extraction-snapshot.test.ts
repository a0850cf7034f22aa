/**
 * The safety net of the engine work (issue 10): extraction over every sample, every ingest fixture and a slice of
 * the bench's generated articles, compared field by field with a committed snapshot. Any change in what is
 * extracted (a date, a span, a rule id, a figure) fails here; an intended change is reviewed in the snapshot's
 * diff and written with `npx vitest run test/extract/extraction-snapshot.test.ts -u`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticArticles } from '../../bench/synthetic-corpus.js';
import { extractDocument, type ExtractInput } from '../../src/extract/extract-document.js';
import { buildDocument, readInputs, type RawInput } from '../../src/ingest/index.js';
import { projectKnowledge } from '../helpers/knowledge.js';

const root = join(import.meta.dirname, '..', '..');
/** Inputs without a date of their own are read as published on this day, so the snapshot never depends on the clock. */
const PUBLISHED = '2025-03-14';
const SYNTHETIC_ARTICLES = 30;

async function corpus(): Promise<{ origin: string; input: ExtractInput }[]> {
  const raws: RawInput[] = [];
  const folders = [join(root, 'samples'), join(root, 'test', 'fixtures', 'ingest')];
  for await (const read of readInputs(folders, { maxBytes: 5 * 1024 * 1024, timeoutMs: 5000 })) {
    if (read.ok) raws.push(read.raw);
  }
  for (const a of syntheticArticles(SYNTHETIC_ARTICLES, 7)) {
    raws.push({ origin: a.name, format: a.format, content: a.content, meta: { published: a.published } });
  }
  const out: { origin: string; input: ExtractInput }[] = [];
  for (const raw of raws) {
    const doc = buildDocument(raw, { published: PUBLISHED, maxBytes: 5 * 1024 * 1024 });
    if (doc instanceof Error) continue;
    // origins are absolute paths: the snapshot names them from the repository root
    const origin = doc.origin.startsWith(root) ? doc.origin.slice(root.length + 1) : doc.origin;
    out.push({ origin, input: { id: doc.id, text: doc.text, published: doc.published } });
  }
  return out.sort((a, b) => a.origin.localeCompare(b.origin));
}

describe('extraction snapshot', () => {
  it('extracts from every sample and fixture exactly what the committed snapshot holds', async () => {
    const knowledge = projectKnowledge();
    const docs = await corpus();
    expect(docs.length).toBeGreaterThan(SYNTHETIC_ARTICLES + 10);
    const records = docs.map(({ origin, input }) => ({ origin, ...extractDocument(input, knowledge) }));
    // the corpus exercises every kind of output the snapshot is to guard
    expect(records.filter((r) => r.mentions.length > 0).length).toBeGreaterThan(SYNTHETIC_ARTICLES);
    expect(records.some((r) => r.aggregates.length > 0)).toBe(true);
    expect(records.some((r) => Object.keys(r.framing.insurgent).length > 0)).toBe(true);
    await expect(`${JSON.stringify(records, null, 1)}\n`).toMatchFileSnapshot(
      './__snapshots__/extraction-snapshot.json',
    );
  });
});
