import { numberWord, wordIds } from './vocabulary.js';
import { phraseWords, type WordToken } from './word-tokens.js';

/**
 * The token-level phrase matcher shared by the actor, responsibility, framing, event-cue and target passes.
 *
 * Phrases are compiled once and matched by walking tokens, never by building a regex per call, so a
 * sentence costs time linear in its length times the (small, bounded) length of the longest phrase.
 *
 * Phrase syntax (data files use it): space-separated elements; `a|an|the` gives alternatives; a
 * trailing `?` makes an element optional (not the first one); `*N` skips 0..N arbitrary tokens
 * (N ≤ 4). Each alternative is tokenized like text, so `Tehrik-i-Taliban` matches "Tehrik i Taliban"
 * and "Tehrik-i-Taliban" alike; inside an alternative `_` joins words (`land_mine|landmine`).
 */

export type Token = WordToken;

export interface PhraseEntry {
  readonly phrase: string;
  /** Returned with a match so the caller can find its payload. */
  readonly key: number;
  /** Acronyms: every token must match exactly, case included. */
  readonly caseSensitive?: boolean;
  /** Breaks ties between equally long matches: higher wins. */
  readonly rank?: number;
}

export interface PhraseMatch {
  readonly start: number;
  readonly end: number;
  /** Index of the first token and one past the last token of the match. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
  readonly key: number;
}

type Element =
  | { readonly kind: 'words'; readonly alts: readonly (readonly string[])[]; readonly optional: boolean }
  | { readonly kind: 'skip'; readonly max: number };

interface Pattern {
  /** The parsed elements, each alternative's words already in the case the pattern compares in. */
  readonly elements: readonly Element[];
  readonly key: number;
  readonly caseSensitive: boolean;
  readonly rank: number;
  /** The entry's position in the list compiled: the earlier entry wins a tie. */
  readonly order: number;
}

/** One node of the word trie: the phrases that end here (the best one) and the words that go on, by number. */
interface TrieNode {
  readonly next: Map<number, TrieNode>;
  ending: Pattern | null;
}

export interface PhraseMatcher {
  /** Phrases that are plain word sequences (alternatives and optional words expanded), lower-cased, as a trie:
   * one walk from a token finds every such phrase starting there. Its first level is an array indexed by word
   * number: the one lookup made for most words that a matcher holds none of (numbered for another lexicon). */
  readonly firstLevel: readonly (TrieNode | undefined)[];
  /** The other patterns (skips, case-sensitive acronyms), indexed by the lower-cased first token of each
   * first-element alternative, matched element by element. */
  readonly byFirst: ReadonlyMap<number, readonly Pattern[]>;
}

/** More word sequences than this in one phrase's expansion: matched element by element instead. */
const MAX_EXPANSION = 256;

const MAX_SKIP = 4;

/** Parses one phrase; returns null when it is empty or malformed (the loaders report it). */
export function parsePhrase(phrase: string): Element[] | null {
  const elements: Element[] = [];
  for (const part of phrase.trim().split(/\s+/)) {
    if (part === '') continue;
    const skip = /^\*(\d)$/.exec(part);
    if (skip) {
      const max = Number(skip[1]);
      if (max < 1 || max > MAX_SKIP || elements.length === 0) return null;
      elements.push({ kind: 'skip', max });
      continue;
    }
    const optional = part.endsWith('?') && part.length > 1;
    const body = optional ? part.slice(0, -1) : part;
    const alts = body.split('|').map((alternative) => phraseWords(alternative));
    if (alts.some((a) => a.length === 0)) return null;
    if (optional && elements.length === 0) return null;
    elements.push({ kind: 'words', alts, optional });
  }
  const last = elements[elements.length - 1];
  if (!last || last.kind === 'skip') return null;
  return elements;
}

export function compilePhrases(entries: readonly PhraseEntry[]): PhraseMatcher {
  const trie = new Map<number, TrieNode>();
  const byFirst = new Map<number, Pattern[]>();
  entries.forEach((entry, order) => {
    const elements = parsePhrase(entry.phrase);
    if (!elements) return;
    const caseSensitive = entry.caseSensitive ?? false;
    const compared = caseSensitive ? elements : elements.map(lowerCased);
    const pattern: Pattern = {
      elements: compared,
      key: entry.key,
      caseSensitive,
      rank: entry.rank ?? 0,
      order,
    };
    const first = elements[0];
    if (!first || first.kind !== 'words') return;
    const sequences = caseSensitive ? null : expand(compared);
    if (sequences) {
      for (const words of sequences) addToTrie(trie, words, pattern);
      return;
    }
    const keys = new Set(first.alts.map((alt) => numberWord((alt[0] ?? '').toLowerCase())));
    for (const k of keys) {
      const list = byFirst.get(k) ?? [];
      list.push(pattern);
      byFirst.set(k, list);
    }
  });
  const firstLevel: (TrieNode | undefined)[] = [];
  for (const [id, node] of trie) firstLevel[id] = node;
  // holes read as undefined: filled so that the array keeps one element kind
  for (let id = 0; id < firstLevel.length; id += 1) firstLevel[id] ??= undefined;
  return { firstLevel, byFirst };
}

/** Every word sequence a pattern of words alone can match, or null (a skip, or too many sequences). */
function expand(elements: readonly Element[]): string[][] | null {
  let sequences: string[][] = [[]];
  for (const el of elements) {
    if (el.kind === 'skip') return null;
    const next: string[][] = [];
    for (const seq of sequences) {
      if (el.optional) next.push(seq);
      for (const alt of el.alts) next.push([...seq, ...alt]);
    }
    if (next.length > MAX_EXPANSION) return null;
    sequences = next;
  }
  return sequences;
}

/** Whether `a` wins over `b` ending at the same token: the higher rank, then the earlier entry. */
function beats(a: Pattern, b: Pattern): boolean {
  return a.rank > b.rank || (a.rank === b.rank && a.order < b.order);
}

function addToTrie(trie: Map<number, TrieNode>, words: readonly string[], pattern: Pattern): void {
  let level = trie;
  let node: TrieNode | null = null;
  for (const word of words) {
    const id = numberWord(word);
    node = level.get(id) ?? null;
    if (!node) {
      node = { next: new Map(), ending: null };
      level.set(id, node);
    }
    level = node.next;
  }
  if (node && (!node.ending || beats(pattern, node.ending))) node.ending = pattern;
}

function lowerCased(el: Element): Element {
  return el.kind === 'skip' ? el : { ...el, alts: el.alts.map((alt) => alt.map((w) => w.toLowerCase())) };
}

/** Longest token end reachable by matching elements[e..] at token i, or -1. Bounded by the pattern size. */
function matchFrom(p: Pattern, e: number, tokens: readonly Token[], i: number, atStart: boolean): number {
  const el = p.elements[e];
  if (!el) return i;
  let best = -1;
  if (el.kind === 'skip') {
    for (let n = 0; n <= el.max; n += 1) {
      if (n > 0 && (i + n - 1 >= tokens.length || !tokens[i + n - 1]!.joined)) break;
      const end = matchFrom(p, e + 1, tokens, i + n, false);
      if (end > best) best = end;
    }
    return best;
  }
  for (const alt of el.alts) {
    let j = i;
    let ok = true;
    for (const word of alt) {
      const tok = tokens[j];
      if (
        !tok ||
        (p.caseSensitive ? tok.raw : tok.lower) !== word ||
        (!(atStart && j === i) && !tok.joined)
      ) {
        ok = false;
        break;
      }
      j += 1;
    }
    if (ok) {
      const end = matchFrom(p, e + 1, tokens, j, false);
      if (end > best) best = end;
    }
  }
  if (el.optional) {
    const end = matchFrom(p, e + 1, tokens, i, atStart);
    if (end > best) best = end;
  }
  return best;
}

/** The longest phrase starting at token i (ties: higher rank, then earlier entry), or null. */
export function matchAt(matcher: PhraseMatcher, tokens: readonly Token[], i: number): PhraseMatch | null {
  return matchNumbered(matcher, tokens, wordIds(tokens), i);
}

function matchNumbered(
  matcher: PhraseMatcher,
  tokens: readonly Token[],
  ids: Int32Array,
  i: number,
): PhraseMatch | null {
  const tok = tokens[i];
  if (!tok) return null;
  const id = ids[i]!;
  if (id === 0) return null;
  let bestEnd = -1;
  let best: Pattern | null = null;
  // every word after the first must be joined to the one before it, as matchFrom requires
  let node = id < matcher.firstLevel.length ? matcher.firstLevel[id] : undefined;
  let j = i + 1;
  while (node) {
    if (node.ending) {
      bestEnd = j;
      best = node.ending;
    }
    const next = tokens[j];
    if (!next || !next.joined) break;
    node = node.next.get(ids[j]!);
    j += 1;
  }
  // most matchers hold no skip or acronym pattern: no lookup at all then
  const candidates = matcher.byFirst.size === 0 ? undefined : matcher.byFirst.get(id);
  if (candidates) {
    for (const p of candidates) {
      const end = matchFrom(p, 0, tokens, i, true);
      if (end <= i) continue;
      if (!best || end > bestEnd || (end === bestEnd && beats(p, best))) {
        bestEnd = end;
        best = p;
      }
    }
  }
  if (!best) return null;
  const last = tokens[bestEnd - 1];
  if (!last) return null;
  return { start: tok.start, end: last.end, tokenStart: i, tokenEnd: bestEnd, key: best.key };
}

/** Leftmost-longest, non-overlapping matches over the whole token list. */
export function matchAll(matcher: PhraseMatcher, tokens: readonly Token[]): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  const ids = wordIds(tokens);
  let i = 0;
  while (i < tokens.length) {
    // a word no phrase holds starts none
    const m = ids[i] === 0 ? null : matchNumbered(matcher, tokens, ids, i);
    if (m) {
      out.push(m);
      i = m.tokenEnd;
    } else {
      i += 1;
    }
  }
  return out;
}
