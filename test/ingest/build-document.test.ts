import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/index.js';
import { FaultlineError } from '../../src/errors/errors.js';
import { buildDocument } from '../../src/ingest/build-document.js';
import { documentId } from '../../src/ingest/document-id.js';
import type { RawInput } from '../../src/ingest/types.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');

const STORY =
  'Gunmen attacked a levies post near Mand on Sunday night, killing one guard and wounding two, officials said. ' +
  'The attackers escaped towards the border before reinforcements reached the post, a senior official said. ' +
  'A search operation was launched in the area on Monday morning, and roads leading to the town were closed.';

function raw(partial: Partial<RawInput>): RawInput {
  return { origin: 'input.txt', format: 'text', content: STORY, meta: {}, ...partial };
}

function doc(result: Document | FaultlineError): Document {
  if (result instanceof FaultlineError) throw result;
  return result;
}

const LIMIT = { maxBytes: 1_000_000 };

describe('buildDocument', () => {
  it('builds a document from plain text, with a content-hash id and English detected', () => {
    const d = doc(buildDocument(raw({}), LIMIT));
    expect(d).toMatchObject({
      kind: 'Document',
      origin: 'input.txt',
      language: 'eng',
      text: STORY,
      url: null,
    });
    expect(d.id).toBe(documentId(STORY));
    expect(d.id).toMatch(/^doc_[0-9a-f]{16}$/);
  });

  it('gives the same id to the same text from two origins', () => {
    const a = doc(buildDocument(raw({ origin: 'https://a.example/x' }), LIMIT));
    const b = doc(buildDocument(raw({ origin: 'copy.txt', content: `\n\n${STORY}\nShare this\n` }), LIMIT));
    expect(a.id).toBe(b.id);
    expect(a.url).toBe('https://a.example/x');
    expect(documentId('other text')).not.toBe(a.id);
  });

  it('prefers the input metadata over the given defaults and says where the date came from', () => {
    const defaults = { ...LIMIT, published: '2020-01-01', publisher: 'Given Publisher' };
    const own = doc(
      buildDocument(raw({ meta: { published: '2021-07-04T10:00:00Z', publisher: 'Wire' } }), defaults),
    );
    expect(own).toMatchObject({ published: '2021-07-04', publishedSource: 'metadata', publisher: 'Wire' });
    const given = doc(buildDocument(raw({}), defaults));
    expect(given).toMatchObject({
      published: '2020-01-01',
      publishedSource: 'given',
      publisher: 'Given Publisher',
    });
    const none = doc(buildDocument(raw({}), LIMIT));
    expect(none).toMatchObject({ published: null, publishedSource: 'none', publisher: null });
  });

  it('drops an unreadable date instead of failing, falling back to the default', () => {
    const d = doc(
      buildDocument(raw({ meta: { published: 'last Tuesday' } }), { ...LIMIT, published: '2022-02-02' }),
    );
    expect(d).toMatchObject({ published: '2022-02-02', publishedSource: 'given' });
    const invalid = doc(buildDocument(raw({ meta: { published: '2023-02-30' } }), LIMIT));
    expect(invalid.published).toBeNull();
  });

  it('takes title, publisher and date from HTML metadata, and the JSONL fields over them', () => {
    const html = fixture('article-with-boxes.html');
    const fromPage = doc(
      buildDocument(raw({ format: 'html', content: html }), { ...LIMIT, publisher: 'Given' }),
    );
    expect(fromPage).toMatchObject({
      title: 'Checkpoint attack kills two policemen in Turbat',
      publisher: 'Frontier Ledger',
      published: '2024-03-12',
      publishedSource: 'metadata',
    });
    const overridden = doc(
      buildDocument(
        raw({ format: 'html', content: html, meta: { title: 'Own title', published: '2024-03-13' } }),
        LIMIT,
      ),
    );
    expect(overridden).toMatchObject({ title: 'Own title', published: '2024-03-13' });
  });

  it('strips markdown to its words', () => {
    const d = doc(buildDocument(raw({ format: 'markdown', content: fixture('report.md') }), LIMIT));
    expect(d.text).toContain('Rocket fire on a border post');
    expect(d.text).toContain('Two rockets struck a border post near Zhob on Friday night');
    expect(d.text).toContain('Nobody was hurt, according to the district administration.');
    expect(d.text).not.toMatch(/[*_#[\]]|https?:|Front matter|damaged wall/);
  });

  it.each([
    ['FL_ERR_INPUT_EMPTY', raw({ content: '   \n\t' })],
    ['FL_ERR_INPUT_EMPTY', raw({ content: 'Accept !\nComments\n34' })],
    ['FL_ERR_INPUT_NO_ARTICLE', raw({ format: 'html', content: fixture('no-article.html') })],
    [
      'FL_ERR_INPUT_NO_ARTICLE',
      raw({ format: 'html', content: '<html><body><h1>Page not found</h1></body></html>' }),
    ],
    ['FL_ERR_INPUT_TOO_LARGE', raw({ content: 'x'.repeat(2000) })],
  ])('fails with %s', (code, input) => {
    const result = buildDocument(input, { maxBytes: 1000 });
    expect(result).toBeInstanceOf(FaultlineError);
    expect((result as FaultlineError).code).toBe(code);
    expect((result as FaultlineError).subject).toBe('input.txt');
  });
});

describe('buildDocument cleans every text field on the way in', () => {
  // PostgreSQL refuses a NUL anywhere in a row, and UTF-8 cannot hold a lone surrogate half.
  const DIRTY =
    // eslint-disable-next-line no-control-regex -- matching control characters is the purpose
    /[\0-\x08\x0B-\x1F\x7F-\x9F\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

  it('strips NUL and other controls from title, publisher, URL and origin, keeping their words', () => {
    const d = doc(
      buildDocument(
        raw({
          origin: 'batch.jsonl#a\u00001\nb',
          content: `${STORY}\u0000\u0007`,
          meta: {
            title: 'Levies\u0000 post\r\nattacked\u0085',
            publisher: '\u0000Frontier\tLedger\u007f',
            url: 'https://news.example.org/a\u0000b',
          },
        }),
        { ...LIMIT, publisher: 'unused' },
      ),
    );
    expect(d).toMatchObject({
      origin: 'batch.jsonl#a1 b',
      title: 'Levies post attacked',
      publisher: 'Frontier Ledger',
      url: 'https://news.example.org/ab',
      text: STORY,
    });
  });

  it('replaces lone surrogate halves in every field, keeping whole pairs', () => {
    const d = doc(
      buildDocument(
        raw({
          origin: 'in\uD800.txt',
          content: `${STORY} \uDC00 \uD83D\uDE00`,
          meta: { title: 'A \uD800 title', publisher: 'P\uDFFF', url: 'https://x.example/\uDBFF' },
        }),
        LIMIT,
      ),
    );
    for (const value of [d.origin, d.title, d.publisher, d.url, d.text]) expect(value).not.toMatch(DIRTY);
    expect(d.title).toBe('A \uFFFD title');
    expect(d.text).toContain('\uD83D\uDE00');
    // the id is the hash the stores' UTF-8 encoding would have given the uncleaned text
    expect(d.id).toBe(documentId(`${STORY} \uFFFD \uD83D\uDE00`));
  });

  it('names a field that is nothing but controls as absent, and the input by a clean origin', () => {
    const d = doc(buildDocument(raw({ meta: { title: '\u0000\u0001', publisher: '\uFEFF' } }), LIMIT));
    expect(d.title).toBeNull();
    expect(d.publisher).toBeNull();
    const failed = buildDocument(raw({ origin: 'x.jsonl#\u0000bad\nid', content: ' ' }), LIMIT);
    expect((failed as FaultlineError).message).toBe('x.jsonl#bad id: has no text');
  });
});

describe('buildDocument reads the metadata an input carries in itself', () => {
  const PAGE = (head: string): string =>
    `<!doctype html><html><head><title>Levies post attacked</title>${head}</head><body><article>` +
    `<p>${STORY}</p><p>${STORY}</p></article></body></html>`;

  it('stores an HTML page under its canonical link, or its og:url', () => {
    const canonical = doc(
      buildDocument(
        raw({
          origin: 'saved/page.html',
          format: 'html',
          content: PAGE(
            '<meta property="og:url" content="https://b.example/og"><link rel="canonical" href="https://b.example/levies-post">',
          ),
        }),
        LIMIT,
      ),
    );
    expect(canonical.url).toBe('https://b.example/levies-post');
    const og = doc(
      buildDocument(
        raw({
          origin: 'saved/page.html',
          format: 'html',
          content: PAGE('<meta property="og:url" content="https://b.example/og">'),
        }),
        LIMIT,
      ),
    );
    expect(og.url).toBe('https://b.example/og');
  });

  it('keeps a given URL over the page’s own, and never takes a non-http one', () => {
    const given = doc(
      buildDocument(
        raw({
          format: 'html',
          content: PAGE('<link rel="canonical" href="https://b.example/own">'),
          meta: { url: 'https://mirror.example/copy' },
        }),
        LIMIT,
      ),
    );
    expect(given.url).toBe('https://mirror.example/copy');
    const scripted = doc(
      buildDocument(
        raw({ format: 'html', content: PAGE('<link rel="canonical" href="javascript:alert(1)">') }),
        LIMIT,
      ),
    );
    expect(scripted.url).toBeNull();
  });

  it('reads a plain-text headline and "Outlet | date" line as title, publisher and publication date', () => {
    const content = `Levies post attacked near Mand\n\nBorder Weekly | 4 May 2025\n\n${STORY}`;
    const d = doc(buildDocument(raw({ content }), { ...LIMIT, published: '2020-01-01' }));
    expect(d).toMatchObject({
      title: 'Levies post attacked near Mand',
      publisher: 'Border Weekly',
      published: '2025-05-04',
      publishedSource: 'metadata',
    });
    expect(d.text).toContain('Border Weekly | 4 May 2025');
  });
});
