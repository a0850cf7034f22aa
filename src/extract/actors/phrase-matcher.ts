/**
 * A token-level phrase matcher shared by the actor, framing, event-cue and target passes.
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

// Four passes tokenize the same sentence one after another: remembering the last one saves three of the four.
let lastText: string | null = null;
let lastTokens: readonly Token[] = [];

export function tokenize(text: string): readonly Token[] {
  if (text === lastText) return lastTokens;
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    tokens.push({ start: m.index, end: m.index + raw.length, raw, lower: raw.toLowerCase() });
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
    const pattern: Pattern = { elements, key: entry.key, caseSensitive, rank: entry.rank ?? 0 };
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

function joined(text: string, tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const cur = tokens[i];
  if (!prev || !cur) return false;
  return JOIN_GAP_RE.test(text.slice(prev.end, cur.start));
}

function sameToken(token: Token, word: string, caseSensitive: boolean): boolean {
  return caseSensitive ? token.raw === word : token.lower === word.toLowerCase();
}

/** Longest token end reachable by matching elements[e..] at token i, or -1. Bounded by the pattern size. */
function matchFrom(
  p: Pattern,
  e: number,
  text: string,
  tokens: readonly Token[],
  i: number,
  atStart: boolean,
): number {
  const el = p.elements[e];
  if (!el) return i;
  let best = -1;
  if (el.kind === 'skip') {
    for (let n = 0; n <= el.max; n += 1) {
      if (n > 0 && (i + n - 1 >= tokens.length || !joined(text, tokens, i + n - 1))) break;
      best = Math.max(best, matchFrom(p, e + 1, text, tokens, i + n, false));
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
        !sameToken(tok, word, p.caseSensitive) ||
        (!(atStart && j === i) && !joined(text, tokens, j))
      ) {
        ok = false;
        break;
      }
      j += 1;
    }
    if (ok) best = Math.max(best, matchFrom(p, e + 1, text, tokens, j, false));
  }
  if (el.optional) best = Math.max(best, matchFrom(p, e + 1, text, tokens, i, atStart));
  return best;
}

/** The longest phrase starting at token i (ties: higher rank, then earlier entry), or null. */
export function matchAt(
  matcher: PhraseMatcher,
  text: string,
  tokens: readonly Token[],
  i: number,
): PhraseMatch | null {
  const tok = tokens[i];
  if (!tok) return null;
  const candidates = matcher.byFirst.get(tok.lower);
  if (!candidates) return null;
  let best: { end: number; p: Pattern } | null = null;
  for (const p of candidates) {
    const end = matchFrom(p, 0, text, tokens, i, true);
    if (end <= i) continue;
    if (!best || end > best.end || (end === best.end && p.rank > best.p.rank)) best = { end, p };
  }
  if (!best) return null;
  const last = tokens[best.end - 1];
  if (!last) return null;
  return { start: tok.start, end: last.end, tokenStart: i, tokenEnd: best.end, key: best.p.key };
}

/** Leftmost-longest, non-overlapping matches over the whole token list. */
export function matchAll(matcher: PhraseMatcher, text: string, tokens: readonly Token[]): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const m = matchAt(matcher, text, tokens, i);
    if (m) {
      out.push(m);
      i = m.tokenEnd;
    } else {
      i += 1;
    }
  }
  return out;
}
