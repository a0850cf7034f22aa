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

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly lower: string;
  /** Whether the gap before this token (at most four spaces, hyphens, dashes or apostrophes) keeps it in one
   * phrase with the token before; false for the first token. Read once here, never per pattern tried. */
  readonly joined: boolean;
}

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
}

export interface PhraseMatcher {
  /** Patterns indexed by the lower-cased first token of each first-element alternative. */
  readonly byFirst: ReadonlyMap<string, readonly Pattern[]>;
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;
const JOIN_GAP_RE = /^[\s\-\u2010-\u2014'\u2019]{0,4}$/u;
const MAX_SKIP = 4;

// Five passes tokenize the same sentence one after another: remembering the last one saves four of the five.
let lastText: string | null = null;
let lastTokens: readonly Token[] = [];

export function tokenize(text: string): readonly Token[] {
  if (text === lastText) return lastTokens;
  const tokens: Token[] = [];
  let previousEnd = -1;
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index;
    // a single space, by far the commonest gap, needs no regex
    const joined =
      previousEnd >= 0 &&
      (start - previousEnd === 1 && text.charCodeAt(previousEnd) === 32
        ? true
        : start - previousEnd <= 4 && JOIN_GAP_RE.test(text.slice(previousEnd, start)));
    tokens.push({ start, end: start + raw.length, raw, lower: raw.toLowerCase(), joined });
    previousEnd = start + raw.length;
  }
  lastText = text;
  lastTokens = tokens;
  return tokens;
}

function phraseTokens(text: string): string[] {
  return tokenize(text).map((t) => t.raw);
}

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
    const alts = body.split('|').map(phraseTokens);
    if (alts.some((a) => a.length === 0)) return null;
    if (optional && elements.length === 0) return null;
    elements.push({ kind: 'words', alts, optional });
  }
  const last = elements[elements.length - 1];
  if (!last || last.kind === 'skip') return null;
  return elements;
}

export function compilePhrases(entries: readonly PhraseEntry[]): PhraseMatcher {
  const byFirst = new Map<string, Pattern[]>();
  for (const entry of entries) {
    const elements = parsePhrase(entry.phrase);
    if (!elements) continue;
    const caseSensitive = entry.caseSensitive ?? false;
    const compared = caseSensitive ? elements : elements.map(lowerCased);
    const pattern: Pattern = { elements: compared, key: entry.key, caseSensitive, rank: entry.rank ?? 0 };
    const first = elements[0];
    if (!first || first.kind !== 'words') continue;
    const keys = new Set(first.alts.map((alt) => (alt[0] ?? '').toLowerCase()));
    for (const k of keys) {
      const list = byFirst.get(k) ?? [];
      list.push(pattern);
      byFirst.set(k, list);
    }
  }
  return { byFirst };
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
  const tok = tokens[i];
  if (!tok) return null;
  const candidates = matcher.byFirst.get(tok.lower);
  if (!candidates) return null;
  let best: { end: number; p: Pattern } | null = null;
  for (const p of candidates) {
    const end = matchFrom(p, 0, tokens, i, true);
    if (end <= i) continue;
    if (!best || end > best.end || (end === best.end && p.rank > best.p.rank)) best = { end, p };
  }
  if (!best) return null;
  const last = tokens[best.end - 1];
  if (!last) return null;
  return { start: tok.start, end: last.end, tokenStart: i, tokenEnd: best.end, key: best.p.key };
}

/** Leftmost-longest, non-overlapping matches over the whole token list. */
export function matchAll(matcher: PhraseMatcher, tokens: readonly Token[]): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const m = matchAt(matcher, tokens, i);
    if (m) {
      out.push(m);
      i = m.tokenEnd;
    } else {
      i += 1;
    }
  }
  return out;
}
