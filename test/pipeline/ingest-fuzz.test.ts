import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read-inputs.js';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

/**
 * Fuzzing the ingest path (issue 9): a folder of random files and a JSONL batch in which good documents, their
 * every field salted with control characters and surrogate halves, sit among random JSON, random strings and
 * random HTML. Whatever comes, ingestion never throws, every problem is one line, every good document is
 * stored, and nothing stored holds a character PostgreSQL refuses or UTF-8 cannot carry.
 */

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const RUNS = 15;
const SEED = 20260903;

/** Written for this test: a report long enough to be an article, short enough to extract quickly. */
const BASE =
  'Gunmen attacked a levies post near Mand on Sunday night, killing one guard and wounding two, officials ' +
  'said. The attackers escaped towards the border before reinforcements reached the post.';

// The characters that broke stores: NUL and other C0/C1 controls, separators, BOMs, both surrogate halves.
const NASTY = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\u200B',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\r',
  '\n',
  '\t',
  '\v',
  '\f',
];
const nastyString = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NASTY, 'a', 'Z', ' ', 'é', '#', '/', '<', '&'), maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
);
// What PostgreSQL refuses (NUL), what no field should hold (other controls), what UTF-8 cannot carry.
const REFUSED =
  // eslint-disable-next-line no-control-regex -- matching control characters is the purpose
  /[\0-\x08\x0B-\x1F\x7F-\x9F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ONE_LINE = /^[^\n\r]*$/;

interface Good {
  readonly id: string | number;
  readonly title: string;
  readonly publisher: string;
  readonly url: string;
  readonly published: string;
  readonly salt: string;
  readonly html: boolean;
}

const good: fc.Arbitrary<Good> = fc.record({
  id: fc.oneof(nastyString, fc.integer()),
  title: nastyString,
  publisher: nastyString,
  url: fc.oneof(
    nastyString,
    nastyString.map((s) => `https://news.example.org/${s}`),
  ),
  published: fc.oneof(nastyString, fc.constantFrom('2025-06-10', '2024-99-99', '2025-02-30', '10 June 2025')),
  salt: nastyString,
  html: fc.boolean(),
});

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A JSONL line for a good document; its text carries a marker word that survives any cleaning. */
function goodLine(g: Good, marker: string): string {
  const text = `${BASE} ${g.salt} The report was filed as ${marker}. ${g.salt}`;
  const body = g.html
    ? {
        html: `<html><head><title>${escapeHtml(g.title)}</title></head><body><p>${escapeHtml(text)}</p></body></html>`,
      }
    : { text };
  return JSON.stringify({
    id: g.id,
    title: g.title,
    publisher: g.publisher,
    url: g.url,
    published: g.published,
    ...body,
  });
}

const htmlTag = fc.constantFrom(
  '<p>',
  '</p>',
  '<div>',
  '</div>',
  '<script>',
  '</script>',
  '<style>',
  '<!--',
  '-->',
  '<![CDATA[',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '<table><tr><td>',
  '<a href="javascript:x">',
  '<meta property="og:title" content="',
  '<title>',
  '"',
  "'",
  'word ',
  'killed ',
  ...NASTY,
);
const randomHtml = fc.array(htmlTag, { maxLength: 60 }).map((parts) => parts.join(''));

/** A line of the batch that is not a good document: it may be refused, or (rarely) be a document itself. */
const badLine = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  randomHtml.map((html) => JSON.stringify({ html, title: html.slice(0, 20) })),
  nastyString.map((text) => JSON.stringify({ text, id: text })),
  fc.constant('{"text": 42}'),
);

/**
 * A line written as raw characters, not JSON-escaped: NUL bytes and broken UTF-8 in the file itself. Short and
 * few, as in a real batch: a file that is mostly control bytes is refused whole, as binary.
 */
const rawLine = fc.string({
  unit: fc.constantFrom(...NASTY, '{', '}', '"', ':', ',', 'a', ' ', '\\'),
  maxLength: 12,
});

const randomFile = fc.record({
  ext: fc.constantFrom('.txt', '.md', '.html', '.json', '.jsonl'),
  content: fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    randomHtml.map((s) => Buffer.from(s, 'utf8')),
    fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v), 'utf8')),
  ),
});

const batch = fc.record({
  goods: fc.array(good, { minLength: 1, maxLength: 4 }),
  bads: fc.array(badLine, { maxLength: 5 }),
  raws: fc.array(rawLine, { maxLength: 2 }),
  files: fc.array(randomFile, { maxLength: 3 }),
  order: fc.array(fc.nat(), { maxLength: 9 }),
});

/** Interleaves the bad lines among the good ones at the drawn places, so a bad line can sit anywhere. */
function interleave(goods: readonly string[], bads: readonly string[], order: readonly number[]): string[] {
  const lines = [...goods];
  bads.forEach((b, i) => lines.splice((order[i] ?? 0) % (lines.length + 1), 0, b));
  return lines;
}

let case_ = 0;

async function fuzzIngest(store: Store): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-fuzz-'));
  try {
    await fc.assert(
      fc.asyncProperty(batch, async ({ goods, bads, raws, files, order }) => {
        const run = `${dir}/run-${case_++}`;
        const markers = goods.map((_, i) => `Fuzzmark${case_}x${i}`);
        const lines = interleave(
          goods.map((g, i) => goodLine(g, markers[i]!)),
          [...bads, ...raws],
          order,
        );
        const paths: string[] = [];
        files.forEach((f, i) => {
          paths.push(`${run}-random-${i}${f.ext}`);
          writeFileSync(paths[paths.length - 1]!, f.content);
        });
        paths.push(`${run}-batch.jsonl`);
        writeFileSync(paths[paths.length - 1]!, `${lines.join('\n')}\n`);

        const problems: string[] = [];
        await ingestInputs(
          { store, knowledge: projectKnowledge(), report: (line) => problems.push(line) },
          readInputs(paths, { maxBytes: 100_000, timeoutMs: 1000 }),
          { maxBytes: 100_000 },
        );
        for (const p of problems) expect(p).toMatch(ONE_LINE);
        const found = new Map<string, number>();
        for await (const d of store.listDocuments({ withText: true })) {
          for (const value of [d.id, d.title, d.publisher, d.url, d.origin, d.text, d.published]) {
            if (value !== null && value !== undefined) expect(value).not.toMatch(REFUSED);
          }
          for (const m of markers) if (d.text?.includes(m)) found.set(m, (found.get(m) ?? 0) + 1);
        }
        for (const m of markers)
          expect(found.get(m), `${m} stored once; problems: ${problems.join(' | ')}`).toBe(1);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('ingest fuzz', () => {
  it('on SQLite: never crashes, never loses a good document of the batch', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      await fuzzIngest(store);
    } finally {
      await store.close();
    }
  });

  describe.skipIf(!url)('on PostgreSQL', () => {
    const schema = `faultline_fuzz_${randomBytes(4).toString('hex')}`;

    afterAll(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    });

    it('never crashes, never loses a good document of the batch', async () => {
      const store = await openPostgresStore({ connectionString: url!, schema });
      try {
        await fuzzIngest(store);
      } finally {
        await store.close();
      }
    });
  });
});
