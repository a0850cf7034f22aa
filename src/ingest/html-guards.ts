const TAG = /<(\/?)([a-z][a-z0-9-]{0,30})/gi;
// Elements the parser closes by itself (or that never have content): they never deepen the tree.
const FLAT = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'tr',
  'td',
  'th',
  'br',
  'hr',
  'img',
  'input',
  'meta',
  'link',
  'area',
  'base',
  'col',
  'embed',
  'source',
  'track',
  'wbr',
  'param',
  'html',
  'head',
  'body',
]);

/**
 * Upper estimate of how deep a page nests, from its tags alone (one linear scan, no parsing). linkedom's
 * parse time grows with the square of nesting depth, so a page with thousands of unclosed tags must not reach it.
 */
export function estimateNesting(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(TAG)) {
    const name = (m[2] ?? '').toLowerCase();
    if (FLAT.has(name)) continue;
    depth = m[1] === '/' ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return max;
}

const HIDDEN_OPEN = /<(script|style|noscript|template|svg)\b/gi;
const BLOCK_TAG =
  /<\/?(?:p|div|br|li|h[1-6]|blockquote|pre|section|article|tr|table|ul|ol|header|footer|hr)\b[^<>]{0,2000}>/gi;
const ANY_TAG = /<[!/?a-z][^<>]{0,2000}>/gi;
const ENTITY = /&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function entity(_match: string, body: string): string {
  const lower = body.toLowerCase();
  if (lower.startsWith('#')) {
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  return NAMED[lower] ?? '';
}

/** Drops script, style and similar elements; one forward scan, and an unclosed one hides the rest, as in HTML. */
function withoutHidden(html: string): string {
  const parts: string[] = [];
  let position = 0;
  HIDDEN_OPEN.lastIndex = 0;
  for (let m = HIDDEN_OPEN.exec(html); m !== null; m = HIDDEN_OPEN.exec(html)) {
    parts.push(html.slice(position, m.index));
    const close = new RegExp(`</${m[1]}\\s*>`, 'gi');
    close.lastIndex = HIDDEN_OPEN.lastIndex;
    if (close.exec(html) === null) return parts.join(' ');
    position = close.lastIndex;
    HIDDEN_OPEN.lastIndex = position;
  }
  parts.push(html.slice(position));
  return parts.join(' ');
}

/** Text of a page by removing tags, for pages too pathological to parse: block tags become paragraph breaks. */
export function stripTags(html: string): string {
  return withoutHidden(html).replace(BLOCK_TAG, '\n\n').replace(ANY_TAG, ' ').replace(ENTITY, entity);
}
