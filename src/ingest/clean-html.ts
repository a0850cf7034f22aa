import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { BoilerplateRules } from '../lexicon/boilerplate-rules.js';
import { defaultBoilerplateRules } from '../lexicon/boilerplate-rules.js';
import { blockText } from './block-text.js';
import { cleanPlainText } from './clean-plain-text.js';
import type { DomDocument, DomNode } from './dom.js';
import { readHtmlMetadata } from './html-metadata.js';
import { estimateNesting, stripTags } from './html-guards.js';
import type { PageShape } from './remove-boxes.js';
import { removeBoxes } from './remove-boxes.js';

export interface CleanedHtml {
  readonly text: string;
  /** The address the page gives itself (canonical link or og:url). */
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
}

// Readability's cost grows with the square of nesting depth (100 levels: 0.1 s; 2,000: 40 s) and of the node
// count (33,000 empty <p>: 0.9 s; 100 KB of '<' that linkedom splits into tiny text nodes: 0.8 s), and linkedom's
// innerHTML recurses. Real articles sit 15-40 levels deep in a few thousand nodes, so pages beyond these bounds
// are read as plain blocks instead.
const READABILITY_LIMITS: PageShape = { maxDepth: 80, elements: 10_000, nodes: 30_000 };
// linkedom's own parse time grows with the square of nesting (200,000 unclosed <div>: 27 s): such pages are
// read by stripping tags.
const MAX_PARSE_NESTING = 400;
const HAS_HTML_ELEMENT = /<html[\s>]/i;
const HAS_BODY_ELEMENT = /<body[\s>]/i;

/** linkedom needs a whole document: a fragment would become the root element with no body. */
function asDocument(html: string): string {
  if (HAS_HTML_ELEMENT.test(html)) return html;
  if (HAS_BODY_ELEMENT.test(html)) return `<!DOCTYPE html><html>${html}</html>`;
  return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

function parse(html: string): DomDocument {
  return (parseHTML(asDocument(html)) as unknown as { document: DomDocument }).document;
}

interface Article {
  readonly content: DomNode | null;
  readonly title: string | null;
}

function readability(doc: DomDocument): Article {
  try {
    const reader = new Readability<DomNode>(doc as never, {
      serializer: (node) => node as unknown as DomNode,
    });
    const result = reader.parse();
    return { content: result?.content ?? null, title: result?.title?.trim() || null };
  } catch {
    // Readability gives up on odd markup now and then; the page body is the fallback.
    return { content: null, title: null };
  }
}

/**
 * The article of an HTML page as clean paragraphs, with its title, publisher and publication day. The page is
 * parsed once; boxes Readability would keep (related, also-read, donate, share, cookie, comments) are cut first,
 * and the plain-text line rules run on the result.
 */
export function cleanHtml(
  html: string,
  url: string | null,
  rules: BoilerplateRules = defaultBoilerplateRules(),
): CleanedHtml {
  if (estimateNesting(html) > MAX_PARSE_NESTING) {
    return {
      text: cleanPlainText(stripTags(html), rules),
      url: null,
      title: null,
      publisher: null,
      published: null,
    };
  }
  let doc: DomDocument;
  try {
    doc = parse(html);
  } catch {
    return { text: '', url: null, title: null, publisher: null, published: null };
  }
  const meta = readHtmlMetadata(doc, url);
  const body = doc.body ?? doc.documentElement;
  const shape = body === null ? null : removeBoxes(body, rules.htmlBoxes);
  const affordable =
    shape !== null &&
    shape.maxDepth <= READABILITY_LIMITS.maxDepth &&
    shape.elements <= READABILITY_LIMITS.elements &&
    shape.nodes <= READABILITY_LIMITS.nodes;
  const article: Article = affordable ? readability(doc) : { content: null, title: null };
  const root = article.content ?? doc.body;
  const text = root === null ? '' : cleanPlainText(blockText(root), rules);
  return {
    text,
    url: meta.url,
    title: meta.title ?? article.title,
    publisher: meta.publisher,
    published: meta.published,
  };
}
