import type { Document, PublishedSource } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import type { BoilerplateRules } from '../lexicon/boilerplate-rules.js';
import { defaultBoilerplateRules } from '../lexicon/boilerplate-rules.js';
import { cleanHtml } from './clean-html.js';
import { cleanField } from './clean-field.js';
import { cleanPlainText } from './clean-plain-text.js';
import { detectLanguage } from './detect-language.js';
import { documentId } from './document-id.js';
import { normalizeDate } from './normalize-date.js';
import { readPlainTextHeader } from './plain-text-header.js';
import { stripMarkdown } from './strip-markdown.js';
import type { BuildDefaults, RawInput } from './types.js';

// A page whose longest paragraph has fewer words than this is a stub ("Page not found"), not an article.
const MIN_ARTICLE_WORDS = 5;
const HTTP_URL = /^https?:\/\//i;

// Every metadata value is cleaned the same way here, so SQLite and PostgreSQL store the same characters.
const present = cleanField;

function hasArticleParagraph(text: string): boolean {
  for (const paragraph of text.split('\n')) if (paragraph.split(' ').length >= MIN_ARTICLE_WORDS) return true;
  return false;
}

interface Cleaned {
  readonly text: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
}

function clean(raw: RawInput, rules: BoilerplateRules): Cleaned {
  switch (raw.format) {
    case 'html':
      return cleanHtml(raw.content, present(raw.meta.url), rules);
    case 'markdown':
      return {
        text: cleanPlainText(stripMarkdown(raw.content), rules),
        url: null,
        title: null,
        publisher: null,
        published: null,
      };
    default: {
      const text = cleanPlainText(raw.content, rules);
      return { text, url: null, ...readPlainTextHeader(text) };
    }
  }
}

function pickPublished(
  raw: RawInput,
  cleaned: Cleaned,
  defaults: BuildDefaults,
): { published: string | null; publishedSource: PublishedSource } {
  const own = normalizeDate(present(raw.meta.published)) ?? cleaned.published;
  if (own !== null) return { published: own, publishedSource: 'metadata' };
  const given = normalizeDate(present(defaults.published));
  if (given !== null) return { published: given, publishedSource: 'given' };
  return { published: null, publishedSource: 'none' };
}

/**
 * Cleans one raw input into a Document, or says why it cannot (FL_ERR_INPUT_TOO_LARGE, FL_ERR_INPUT_EMPTY,
 * FL_ERR_INPUT_NO_ARTICLE; subject: the origin). The input's own metadata wins over the given defaults.
 * Never throws.
 */
export function buildDocument(
  raw: RawInput,
  defaults: BuildDefaults,
  rules: BoilerplateRules = defaultBoilerplateRules(),
): Document | FaultlineError {
  // The origin is stored and names the input in every message: one line, whatever a JSONL id held.
  const origin = cleanField(raw.origin) ?? 'input';
  const size = Buffer.byteLength(raw.content, 'utf8');
  if (size > defaults.maxBytes) {
    return new FaultlineError('FL_ERR_INPUT_TOO_LARGE', origin, `${size} bytes, limit ${defaults.maxBytes}`);
  }
  if (raw.content.trim() === '') return new FaultlineError('FL_ERR_INPUT_EMPTY', origin);
  let cleaned: Cleaned;
  try {
    cleaned = clean(raw, rules);
  } catch (error) {
    return new FaultlineError('FL_ERR_INPUT_NO_ARTICLE', origin, (error as Error).message);
  }
  if (raw.format === 'html' && !hasArticleParagraph(cleaned.text)) {
    return new FaultlineError('FL_ERR_INPUT_NO_ARTICLE', origin);
  }
  if (cleaned.text === '') return new FaultlineError('FL_ERR_INPUT_EMPTY', origin);
  const url = present(raw.meta.url) ?? (HTTP_URL.test(origin) ? origin : null) ?? present(cleaned.url);
  return {
    kind: 'Document',
    id: documentId(cleaned.text),
    url,
    title: present(raw.meta.title) ?? present(cleaned.title),
    publisher: present(raw.meta.publisher) ?? present(cleaned.publisher) ?? present(defaults.publisher),
    ...pickPublished(raw, cleaned, defaults),
    language: detectLanguage(cleaned.text, rules.englishFastPath),
    text: cleaned.text,
    origin,
  };
}
