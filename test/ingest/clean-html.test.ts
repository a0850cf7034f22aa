import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanHtml } from '../../src/ingest/clean-html.js';
import { stripTitleSuffix } from '../../src/ingest/html-metadata.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');

describe('cleanHtml on a page with in-body boxes', () => {
  const result = cleanHtml(fixture('article-with-boxes.html'), 'https://example.org/turbat');

  it('keeps every article paragraph, separated by blank lines', () => {
    const paragraphs = result.text.split('\n\n');
    expect(paragraphs[0]).toMatch(/^Gunmen on motorcycles opened fire/);
    expect(paragraphs).toContain(
      'No group has so far claimed responsibility. Local traders said they would keep their shops shut on Tuesday to mourn the officers and to support the families of the dead.',
    );
    expect(result.text).toContain('The wounded constable was taken to the district hospital');
  });

  it.each([
    ['cookie banner', 'We use cookies'],
    ['navigation', 'Sport'],
    ['share bar', 'WhatsApp'],
    ['also-read box', 'Floods cut the coastal highway'],
    ['inline also-read paragraph', 'Provincial cabinet approves'],
    ['related heading and its list', 'Two soldiers hurt in roadside blast'],
    ['donation box', 'Every contribution keeps our reporters'],
    ['newsletter form', 'Subscribe to our newsletter'],
    ['comment section', 'my condolences'],
    ['aside', 'Most read'],
    ['footer', 'All rights reserved'],
    ['script', 'tracking'],
  ])('removes the %s', (_what, words) => {
    expect(result.text).not.toContain(words);
  });

  it('reads title, publisher and publication day from the page metadata', () => {
    expect(result.title).toBe('Checkpoint attack kills two policemen in Turbat');
    expect(result.publisher).toBe('Frontier Ledger');
    expect(result.published).toBe('2024-03-12');
  });
});

describe('cleanHtml metadata fallbacks', () => {
  it('uses JSON-LD and the <title> without its site suffix when there is no Open Graph', () => {
    const result = cleanHtml(fixture('jsonld-article.html'), null);
    expect(result.title).toBe('Convoy ambushed near Kalat, three soldiers dead');
    expect(result.publisher).toBe('Hill Post');
    expect(result.published).toBe('2023-11-04');
    expect(result.text).not.toContain('morning briefing');
    expect(result.text.split('\n\n')).toHaveLength(3);
  });

  it('reads <meta name="date">, application-name and a <time> in the article', () => {
    const page = (head: string, body: string): string =>
      `<html><head>${head}</head><body><article>${body}<p>${'Police said a grenade was thrown at a shop in the bazaar. '.repeat(4)}</p></article></body></html>`;
    const named = cleanHtml(
      page(
        '<meta name="pubdate" content="5 June 2020"><meta name="application-name" content="Coast Times">',
        '',
      ),
      null,
    );
    expect(named.published).toBe('2020-06-05');
    expect(named.publisher).toBe('Coast Times');
    const timed = cleanHtml(page('', '<time datetime="2019-12-30T22:00:00-05:00">Monday</time>'), null);
    expect(timed.published).toBe('2019-12-30');
    const bad = cleanHtml(page('<meta property="article:published_time" content="yesterday">', ''), null);
    expect(bad.published).toBeNull();
  });

  it('cleans a bare fragment', () => {
    const result = cleanHtml(
      '<p>Five people were hurt when a gas cylinder exploded.</p><p>Police are investigating.</p>',
      null,
    );
    expect(result.text).toBe(
      'Five people were hurt when a gas cylinder exploded.\n\nPolice are investigating.',
    );
  });

  it('returns no text for a page without an article', () => {
    expect(cleanHtml(fixture('no-article.html'), null).text).toBe('');
    expect(cleanHtml('', null).text).toBe('');
  });

  it('keeps a wrapper whose class merely contains a box word when it holds the story', () => {
    const story =
      '<p>Security forces said they had cleared the area after a six-hour gunfight near the old fort.</p>'.repeat(
        30,
      );
    const result = cleanHtml(
      `<html><body><div class="post-share-wrapper">${story}</div></body></html>`,
      null,
    );
    expect(result.text).toContain('six-hour gunfight');
  });

  it('turns <br> into a line break inside a paragraph', () => {
    const result = cleanHtml(
      '<p>Quetta, 3 May.<br>Two blasts shook the cantonment area on Friday night.</p>',
      null,
    );
    expect(result.text).toBe('Quetta, 3 May.\nTwo blasts shook the cantonment area on Friday night.');
  });
});

describe('stripTitleSuffix', () => {
  it.each([
    ['Blast kills four in Quetta | Daily Frontier', null, 'Blast kills four in Quetta'],
    ['Blast kills four in Quetta - Daily Frontier', null, 'Blast kills four in Quetta'],
    ['Blast kills four in Quetta – dailyfrontier.pk', null, 'Blast kills four in Quetta'],
    ['Talks - Why they failed again', 'Why they failed again', 'Talks'],
    [
      'Pakistan - India talks resume after a long pause',
      null,
      'Pakistan - India talks resume after a long pause',
    ],
    ['Attack on convoy - what we know so far', null, 'Attack on convoy - what we know so far'],
    ['A plain headline', null, 'A plain headline'],
  ])('%j → %j', (title, publisher, expected) => {
    expect(stripTitleSuffix(title, publisher)).toBe(expected);
  });
});
