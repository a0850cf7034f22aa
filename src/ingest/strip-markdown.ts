const FRONT_MATTER = /^---\n[\s\S]{0,20000}?\n---\n/;
const FENCE = /^\s{0,3}(?:```|~~~)/;
const SETEXT_OR_RULE = /^\s{0,3}(?:=+|-+|(?:[-*_] ?){3,})\s*$/;
const HEADING = /^\s{0,3}#{1,6}(?:\s+|$)/;
const CLOSING_HASHES = /\s+#+\s*$/;
const QUOTE = /^\s{0,3}(?:> ?)+/;
const BULLET = /^\s*(?:[-*+]|\d{1,9}[.)])\s+/;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]\n]{1,200}\]:\s+\S/;
const IMAGE = /!\[[^[\]\n]{0,500}\](?:\([^()\n]{0,2000}\)|\[[^[\]\n]{0,200}\])/g;
const LINK = /\[([^[\]\n]{0,500})\]\([^()\n]{0,2000}\)/g;
const REFERENCE_LINK = /\[([^[\]\n]{1,500})\]\[[^[\]\n]{0,200}\]/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]{1,2000})>/g;
const TAG = /<\/?[a-z][^<>\n]{0,500}>/gi;
const STRONG = /(\*\*|__)(?=\S)([^\n]{0,1000}?\S)\1/g;
const EMPHASIS_STAR = /(?<![\w*])\*(?=\S)([^*\n]{0,1000}?\S)\*(?![\w*])/g;
const EMPHASIS_UNDERSCORE = /\b_(?=\S)([^_\n]{0,1000}?\S)_\b/g;
const STRIKE = /~~(?=\S)([^~\n]{0,1000}?\S)~~/g;
const CODE = /`([^`\n]{1,1000})`/g;
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|>~])/g;

function inline(line: string): string {
  return line
    .replace(IMAGE, '')
    .replace(LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(TAG, '')
    .replace(CODE, '$1')
    .replace(STRONG, '$2')
    .replace(EMPHASIS_STAR, '$1')
    .replace(EMPHASIS_UNDERSCORE, '$1')
    .replace(STRIKE, '$1')
    .replace(ESCAPE, '$1');
}

/** Markdown to plain text: headings, emphasis and links keep their words; images, rules and markup go. */
export function stripMarkdown(markdown: string): string {
  const source = markdown.replace(/\r\n?/g, '\n').replace(FRONT_MATTER, '');
  const out: string[] = [];
  for (const line of source.split('\n')) {
    if (FENCE.test(line) || SETEXT_OR_RULE.test(line) || REFERENCE_DEFINITION.test(line)) continue;
    let text = line.replace(QUOTE, '');
    if (HEADING.test(text)) {
      text = text.replace(HEADING, '').replace(CLOSING_HASHES, '');
      // A heading is a paragraph of its own even when the writer did not leave blank lines around it.
      out.push('', inline(text).trim(), '');
      continue;
    }
    out.push(inline(text.replace(BULLET, '')).trim());
  }
  return out.join('\n');
}
