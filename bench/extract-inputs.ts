import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DEFAULT_MAX_BYTES } from '../src/config/load-config.js';
import type { ExtractInput } from '../src/extract/extract-document.js';
import { buildDocument } from '../src/ingest/build-document.js';
import type { RawInput } from '../src/ingest/types.js';
import { syntheticArticles } from './synthetic-corpus.js';

/** Where the documents to extract come from: the generated 5 KB articles, or a folder of real ones. */
export type ExtractCorpus =
  { readonly kind: 'synthetic' } | { readonly kind: 'folder'; readonly dir: string };

function clean(raws: Iterable<RawInput>): ExtractInput[] {
  const out: ExtractInput[] = [];
  for (const raw of raws) {
    const doc = buildDocument(raw, { published: raw.meta.published ?? null, maxBytes: DEFAULT_MAX_BYTES });
    if (!(doc instanceof Error)) out.push({ id: doc.id, text: doc.text, published: doc.published });
  }
  return out;
}

function* folderInputs(dir: string): Generator<RawInput> {
  for (const name of readdirSync(dir).sort()) {
    const ext = extname(name).toLowerCase();
    if (!['.txt', '.md', '.html', '.htm'].includes(ext)) continue;
    const format = ext === '.html' || ext === '.htm' ? 'html' : ext === '.md' ? 'markdown' : 'text';
    yield { origin: name, format, content: readFileSync(join(dir, name), 'utf8'), meta: {} };
  }
}

/**
 * `count` clean documents to extract, built outside any timing. A folder's articles are taken in turn, as
 * many times as it takes to reach `count`, so a small folder still gives a long enough run to time.
 */
export function extractInputs(corpus: ExtractCorpus, count: number): ExtractInput[] {
  if (corpus.kind === 'synthetic') {
    return clean(
      [...syntheticArticles(count, 11)].map((a) => ({
        origin: a.name,
        format: a.format,
        content: a.content,
        meta: { published: a.published },
      })),
    );
  }
  const articles = clean(folderInputs(corpus.dir));
  if (articles.length === 0) throw new Error(`${corpus.dir}: no .txt, .md or .html articles`);
  return Array.from({ length: count }, (_, i) => articles[i % articles.length]!);
}
