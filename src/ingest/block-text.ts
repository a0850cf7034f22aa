import type { DomNode } from './dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './dom.js';

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
]);
const CELLS = new Set(['td', 'th']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);
const WHITESPACE = /\s+/g;

type Step = { readonly node: DomNode; readonly exit: false } | { readonly exit: true; readonly tag: string };

/**
 * The text of a DOM subtree as paragraphs separated by a blank line: every block element (p, h1-h6, li,
 * blockquote, pre, ...) becomes its own paragraph, <br> a line break, inline markup flows into its block.
 */
export function blockText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = '';
  let preDepth = 0;
  const flush = (): void => {
    const text = current.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
    if (text !== '') paragraphs.push(text);
    current = '';
  };
  const stack: Step[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (step.exit) {
      if (step.tag === 'pre') preDepth--;
      flush();
      continue;
    }
    const node = step.node;
    if (node.nodeType === TEXT_NODE) {
      const raw = node.textContent ?? '';
      current += preDepth > 0 ? raw : raw.replace(WHITESPACE, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = node.nodeName.toLowerCase();
    if (SKIPPED.has(tag)) continue;
    if (tag === 'br') {
      current += '\n';
      continue;
    }
    if (CELLS.has(tag)) current += ' ';
    const block = BLOCKS.has(tag);
    if (block) {
      flush();
      if (tag === 'pre') preDepth++;
      stack.push({ exit: true, tag });
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push({ node: child, exit: false });
    }
  }
  flush();
  return paragraphs.join('\n\n');
}
