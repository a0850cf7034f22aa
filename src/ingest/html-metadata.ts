import type { DomDocument, DomElement } from './dom.js';
import { textOf } from './dom.js';
import { normalizeDate } from './normalize-date.js';

export interface HtmlMetadata {
  /** The page's own address (`<link rel=canonical>`, then `og:url`), absolute http(s) only. */
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
}

interface JsonLdFacts {
  headline: string | null;
  publisher: string | null;
  published: string | null;
}

const MAX_JSONLD_DEPTH = 6;

function meta(doc: DomDocument, selector: string): string | null {
  const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
  return value ? value : null;
}

function firstMeta(doc: DomDocument, selectors: readonly string[]): string | null {
  for (const s of selectors) {
    const v = meta(doc, s);
    if (v !== null) return v;
  }
  return null;
}

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return value.length > 0 ? nameOf(value[0]) : null;
  if (typeof value === 'object' && value !== null) return nameOf((value as Record<string, unknown>).name);
  return null;
}

function collectJsonLd(value: unknown, facts: JsonLdFacts, depth: number): void {
  if (depth > MAX_JSONLD_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectJsonLd(item, facts, depth + 1);
    return;
  }
  const o = value as Record<string, unknown>;
  if (facts.published === null && typeof o.datePublished === 'string')
    facts.published = normalizeDate(o.datePublished);
  if (facts.publisher === null && o.publisher !== undefined) facts.publisher = nameOf(o.publisher);
  if (facts.headline === null && typeof o.headline === 'string') facts.headline = o.headline.trim() || null;
  if (o['@graph'] !== undefined) collectJsonLd(o['@graph'], facts, depth + 1);
}

function jsonLd(doc: DomDocument): JsonLdFacts {
  const facts: JsonLdFacts = { headline: null, publisher: null, published: null };
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      collectJsonLd(JSON.parse(scripts[i]?.textContent ?? ''), facts, 0);
    } catch {
      // A broken JSON-LD block is common and tells us nothing; the other sources still apply.
    }
  }
  return facts;
}

const TITLE_SEPARATOR = /\s+([|\-–—·]|::)\s+/;
const SITE_LIKE = /\.(?:com|org|net|pk|in|co|news|info|tv)\b|^[A-Z0-9]/;
const MAX_TITLE = 500;

/**
 * "<headline> | Site" → "<headline>". A " - " suffix is dropped only when it names the publisher or is a short,
 * capitalised name after a longer headline, so "Pakistan - India talks resume" survives.
 */
export function stripTitleSuffix(title: string, publisher: string | null): string {
  const parts = title.trim().slice(0, MAX_TITLE).split(TITLE_SEPARATOR);
  if (parts.length < 3) return parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const separator = parts[parts.length - 2] ?? '';
  const headParts = parts.slice(0, -2);
  const head = headParts.map((p, i) => (i % 2 === 1 ? ` ${p} ` : p)).join('');
  const namesPublisher = publisher !== null && last.toLowerCase() === publisher.trim().toLowerCase();
  const words = (t: string): number => t.split(/\s+/).length;
  const shortName = SITE_LIKE.test(last) && words(last) <= 4 && words(head) >= 3;
  return namesPublisher || separator === '|' || shortName
    ? head
    : parts.map((p, i) => (i % 2 === 1 ? ` ${p} ` : p)).join('');
}

function timeInArticle(doc: DomDocument): string | null {
  const selectors = [
    'article time[datetime]',
    'main time[datetime]',
    '[itemprop="datePublished"]',
    'time[pubdate]',
  ];
  for (const s of selectors) {
    const el: DomElement | null = doc.querySelector(s);
    const date = normalizeDate(el?.getAttribute('datetime') ?? el?.getAttribute('content') ?? null);
    if (date !== null) return date;
  }
  return null;
}

/** An http(s) address as written, resolved against the page's own URL when relative; anything else is null. */
function httpUrl(value: string | null | undefined, base: string | null): string | null {
  const written = value?.trim();
  if (!written) return null;
  try {
    const url = base === null ? new URL(written) : new URL(written, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function canonicalUrl(doc: DomDocument, base: string | null): string | null {
  const links = doc.querySelectorAll('link[rel][href]');
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    const rel = link?.getAttribute('rel')?.toLowerCase().split(/\s+/) ?? [];
    const url = rel.includes('canonical') ? httpUrl(link?.getAttribute('href'), base) : null;
    if (url !== null) return url;
  }
  return httpUrl(firstMeta(doc, ['meta[property="og:url"]', 'meta[name="og:url"]']), base);
}

/**
 * Address, title, publisher and publication day from the page's own metadata (call before the page is
 * modified). `pageUrl`, where the page was fetched from, resolves a relative canonical link.
 */
export function readHtmlMetadata(doc: DomDocument, pageUrl: string | null = null): HtmlMetadata {
  const ld = jsonLd(doc);
  const publisher =
    firstMeta(doc, [
      'meta[property="og:site_name"]',
      'meta[name="application-name"]',
      'meta[name="og:site_name"]',
    ]) ?? ld.publisher;
  const ogTitle = firstMeta(doc, [
    'meta[property="og:title"]',
    'meta[name="og:title"]',
    'meta[name="twitter:title"]',
  ]);
  const docTitle = textOf(doc.querySelector('title'));
  const title = ogTitle ?? (docTitle !== '' ? stripTitleSuffix(docTitle, publisher) : null) ?? ld.headline;
  const dated = [
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[name="article:published_time"]',
  ];
  const named = ['date', 'pubdate', 'publishdate', 'dc.date', 'DC.date', 'dc.date.issued', 'DC.date.issued'];
  const published =
    normalizeDate(firstMeta(doc, dated)) ??
    ld.published ??
    normalizeDate(
      firstMeta(
        doc,
        named.map((n) => `meta[name="${n}"]`),
      ),
    ) ??
    timeInArticle(doc);
  return { url: canonicalUrl(doc, httpUrl(pageUrl, null)), title, publisher, published };
}
