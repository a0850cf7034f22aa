import type { HtmlBoxRules } from '../lexicon/boilerplate-rules.js';
import type { DomElement } from './dom.js';
import { linkDensity, textOf } from './dom.js';

/** What is left of a page after the boxes are gone. */
export interface PageShape {
  readonly maxDepth: number;
  readonly elements: number;
  /** Elements and text nodes: linkedom splits odd text ("<<<", "&&&") into thousands of tiny nodes. */
  readonly nodes: number;
}

const HEADING = /^h[1-6]$/;
const LIST = /^(?:ul|ol|dl)$/;
// A box around a junk heading is small; a heading sitting directly in the article body is not.
const MAX_BOX_CHARS = 1500;
const MAX_HEADING_CHARS = 120;

function markedByClassOrId(el: DomElement, rules: HtmlBoxRules): boolean {
  const id = (el.id ?? '').toLowerCase();
  if (id !== '' && rules.alwaysIds.has(id)) return true;
  const tokens = `${typeof el.className === 'string' ? el.className : ''} ${id}`.toLowerCase().split(/\s+/);
  return tokens.some(
    (t) =>
      t !== '' && !rules.classOrIdExceptions.has(t) && rules.classOrId.some((marker) => t.includes(marker)),
  );
}

/** A class match on a big, prose-heavy element names a wrapper ("share-wrapper" around the story), not a box. */
function looksLikeContent(el: DomElement, rules: HtmlBoxRules): boolean {
  const length = textOf(el).length;
  return length > rules.keepAboveChars && linkDensity(el, length) < 0.3;
}

function removeHeadingBox(heading: DomElement, rules: HtmlBoxRules): void {
  const parent = heading.parentNode as DomElement | null;
  const parentTag = parent?.localName?.toLowerCase() ?? '';
  if (
    parent &&
    parentTag !== '' &&
    !rules.protectedTags.has(parentTag) &&
    textOf(parent).length <= MAX_BOX_CHARS
  ) {
    parent.remove();
    return;
  }
  // The heading sits in the story itself: take it and the link lists that follow it.
  let next = heading.nextElementSibling;
  heading.remove();
  while (next !== null) {
    const after: DomElement | null = next.nextElementSibling;
    const tag = next.localName.toLowerCase();
    if (HEADING.test(tag)) break;
    const length = textOf(next).length;
    if (!LIST.test(tag) && !(length > 0 && linkDensity(next, length) >= 0.5)) break;
    next.remove();
    next = after;
  }
}

/** Whether an element is junk to cut before Readability, and how. */
function classify(el: DomElement, rules: HtmlBoxRules): 'remove' | 'heading' | 'keep' {
  const tag = el.localName.toLowerCase();
  if (rules.protectedTags.has(tag)) return 'keep';
  if (rules.tags.has(tag)) return 'remove';
  if (markedByClassOrId(el, rules) && !looksLikeContent(el, rules)) return 'remove';
  if (HEADING.test(tag)) {
    const text = textOf(el);
    if (text.length <= MAX_HEADING_CHARS && rules.heading.test(text)) return 'heading';
  }
  return 'keep';
}

/**
 * Removes cookie banners, related/also-read lists, donation and newsletter boxes, share bars, comment sections
 * and page chrome from a parsed page. Iterative, so deeply nested markup cannot exhaust the stack.
 * Returns the shape of what is left, which tells the caller whether Readability can afford the page.
 */
export function removeBoxes(root: DomElement, rules: HtmlBoxRules): PageShape {
  const stack: { readonly el: DomElement; readonly depth: number }[] = [{ el: root, depth: 0 }];
  const headings: DomElement[] = [];
  let maxDepth = 0;
  let elements = 0;
  let nodeCount = 0;
  while (stack.length > 0) {
    const { el, depth } = stack.pop() as { el: DomElement; depth: number };
    const verdict = el === root ? 'keep' : classify(el, rules);
    if (verdict === 'remove') {
      el.remove();
      continue;
    }
    if (verdict === 'heading') {
      headings.push(el);
      continue;
    }
    elements++;
    if (depth > maxDepth) maxDepth = depth;
    nodeCount += el.childNodes.length;
    const children = Array.from(el.children);
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ el: children[i] as DomElement, depth: depth + 1 });
  }
  // After the walk, so that removing a heading's box never pulls nodes out from under the traversal.
  for (const heading of headings) if (heading.parentNode !== null) removeHeadingBox(heading, rules);
  return { maxDepth, elements, nodes: nodeCount };
}
