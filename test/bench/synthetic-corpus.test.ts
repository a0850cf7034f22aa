import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticArticles, writeSyntheticCorpus } from '../../bench/synthetic-corpus.js';

const take = (count: number, seed: number) => [...syntheticArticles(count, seed)];

describe('syntheticArticles', () => {
  it('gives the same texts for the same seed', () => {
    const a = take(50, 7);
    const b = take(50, 7);
    expect(b).toEqual(a);
  });

  it('gives other texts for another seed', () => {
    const a = take(20, 7).map((x) => x.content);
    const b = take(20, 8).map((x) => x.content);
    expect(a.filter((text, i) => text === b[i])).toEqual([]);
  });

  it('never repeats a name or a text', () => {
    const articles = take(400, 3);
    expect(new Set(articles.map((a) => a.name)).size).toBe(400);
    expect(new Set(articles.map((a) => a.content)).size).toBe(400);
  });

  it('keeps every article between 3 and 8 KB', () => {
    for (const a of syntheticArticles(500, 11)) {
      const bytes = Buffer.byteLength(a.content, 'utf8');
      expect(bytes).toBeGreaterThanOrEqual(3 * 1024);
      expect(bytes).toBeLessThanOrEqual(8 * 1024);
    }
  });

  it('makes half of the articles HTML and half plain text', () => {
    const articles = take(200, 5);
    expect(articles.filter((a) => a.format === 'html')).toHaveLength(100);
    expect(articles.filter((a) => a.format === 'text')).toHaveLength(100);
  });

  it('puts the publication date and page junk where ingest will look for them', () => {
    for (const a of syntheticArticles(40, 9)) {
      expect(a.published).toMatch(/^20(2[3-6])-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(a.published))).toBe(false);
      if (a.format === 'html') {
        expect(a.content).toContain(`<meta property="article:published_time" content="${a.published}">`);
        expect(a.content).toContain('<meta property="og:site_name"');
        expect(a.content).toMatch(/<aside class="also-read">/);
      } else {
        expect(a.content).not.toContain('<p>');
        expect(a.content).toContain(a.published);
        expect(a.content).toContain('Comments are closed.');
        expect(a.content).toMatch(/\nAlso Read: /);
      }
    }
  });

  it('streams: asking for a huge corpus yields the first article at once', () => {
    const started = performance.now();
    const first = syntheticArticles(1_000_000_000, 1).next();
    expect(first.done).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('yields nothing for a count that is not a positive number', () => {
    expect(take(0, 1)).toEqual([]);
    expect(take(-5, 1)).toEqual([]);
    expect(take(Number.NaN, 1)).toEqual([]);
  });

  it('generates 10,000 articles quickly', () => {
    const started = performance.now();
    let bytes = 0;
    for (const a of syntheticArticles(10_000, 42)) bytes += a.content.length;
    // The budget is 2 s; the margin is for a loaded shared machine.
    expect(performance.now() - started).toBeLessThan(4000);
    expect(bytes).toBeGreaterThan(10_000 * 3000);
  });
});

describe('writeSyntheticCorpus', () => {
  it('writes one .html or .txt file per article with the generated content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faultline-synthetic-'));
    try {
      await writeSyntheticCorpus(join(dir, 'corpus'), 6, 21);
      const files = (await readdir(join(dir, 'corpus'))).sort();
      const expected = take(6, 21);
      expect(files).toEqual(expected.map((a) => `${a.name}.${a.format === 'html' ? 'html' : 'txt'}`).sort());
      const firstArticle = expected[0]!;
      const written = await readFile(join(dir, 'corpus', `${firstArticle.name}.html`), 'utf8');
      expect(written).toBe(firstArticle.content);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
