import type { Gazetteer, GazetteerPlace } from '../../lexicon/gazetteer.js';
import { wordTokens, type WordToken } from '../match/word-tokens.js';

export type Token = WordToken;

/** A gazetteer name found at tokens [from, to). */
export interface KnownSegment {
  readonly from: number;
  readonly to: number;
  readonly name: string;
  readonly candidates: readonly GazetteerPlace[];
}

/**
 * A run of name-like tokens: one gazetteer name alone ('known'), an unlisted capitalised name ('unknown'),
 * or a name that only contains a gazetteer name ("Pakistan Army", "Quetta-Karachi", 'mixed').
 */
export interface Chunk {
  readonly from: number;
  readonly to: number;
  readonly type: 'known' | 'unknown' | 'mixed';
  readonly known: readonly KnownSegment[];
}

/** Separators allowed inside one name: a space, a hyphen, or the dot of an abbreviation ("D.I. Khan"). */
const JOINER = /^(?:[ \u00a0\-‐–]|\.[ \u00a0]?)$/;
/** Lowercase words that may sit inside a name ("Azad Jammu and Kashmir", "Kor-e-Dot"). */
const CONNECTORS = new Set(['and', 'e', 'i', 'ul', 'al', 'de', 'o']);
/** The words of a text; the token stream every word-reading pass shares (src/extract/match). */
export const tokenise = wordTokens;

/** The text between token i and the one before it; '' at either end. Read once, at tokenisation. */
export function gapBefore(_text: string, tokens: readonly Token[], i: number): string {
  return tokens[i]?.gap ?? '';
}

/** Whether the gap before token i keeps it in the same name; a dot only after an initial ("D.I. Khan", not "Quetta. The"). */
export function joinsPrevious(text: string, tokens: readonly Token[], i: number): boolean {
  const gap = gapBefore(text, tokens, i);
  if (!JOINER.test(gap)) return false;
  const prev = tokens[i - 1];
  return !gap.startsWith('.') || (prev !== undefined && prev.end - prev.start <= 2);
}

export function isHyphen(gap: string): boolean {
  // asked of nearly every token's gap: a single character, compared without a regex
  if (gap.length !== 1) return false;
  const c = gap.charCodeAt(0);
  return c === 0x2d || c === 0x2010 || c === 0x2013;
}

/** Longest gazetteer name starting at each capitalised token, left to right; linear in the number of tokens. */
export function matchKnown(text: string, tokens: readonly Token[], gazetteer: Gazetteer): KnownSegment[] {
  const found: KnownSegment[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    const names = first.cap ? gazetteer.byFirstToken.get(first.norm) : undefined;
    if (names === undefined) {
      i += 1;
      continue;
    }
    let matched: KnownSegment | null = null;
    for (const { tokens: list, name, places: candidates } of names) {
      if (i + list.length > tokens.length) continue;
      let ok = true;
      for (let j = 1; j < list.length && ok; j += 1) {
        const token = tokens[i + j] as Token;
        const gap = gapBefore(text, tokens, i + j);
        const joined = joinsPrevious(text, tokens, i + j);
        // Lowercase inside a name only after a hyphen or dot, or as a connector ("Jammu and Kashmir").
        const spaced = gap === ' ' || gap === '\u00a0';
        ok = token.norm === list[j] && joined && (token.cap || !spaced || CONNECTORS.has(token.norm));
      }
      if (!ok) continue;
      if (candidates.length > 0) {
        matched = { from: i, to: i + list.length, name, candidates };
        break;
      }
    }
    if (matched) {
      found.push(matched);
      i = matched.to;
    } else i += 1;
  }
  return found;
}

/** Whether a token can be part of an unlisted name: capitalised and neither a function word nor a cue word. */
function nameLike(token: Token, gazetteer: Gazetteer): boolean {
  return token.cap && !gazetteer.cues.nameBreakers.has(token.norm);
}

/**
 * Groups tokens into chunks: gazetteer names and name-like tokens that touch through a joiner.
 * A hyphen binds whatever sits on both sides ("Balochistan-based", "Quetta-Karachi").
 */
export function buildChunks(
  text: string,
  tokens: readonly Token[],
  known: readonly KnownSegment[],
  gazetteer: Gazetteer,
): Chunk[] {
  const chunks: Chunk[] = [];
  let current: { from: number; to: number; segs: KnownSegment[]; parts: number } | null = null;
  const flush = (): void => {
    if (!current) return;
    const type =
      current.segs.length === 0
        ? 'unknown'
        : current.segs.length === 1 && current.parts === 1
          ? 'known'
          : 'mixed';
    chunks.push({ from: current.from, to: current.to, type, known: current.segs });
    current = null;
  };
  // each unit (a gazetteer name, or one name-like token) joins the chunk before it or starts one, as it is found
  const addUnit = (from: number, to: number, seg: KnownSegment | null): void => {
    const gap = gapBefore(text, tokens, from);
    const first = tokens[from] as Token;
    const joins =
      current !== null &&
      current.to === from &&
      joinsPrevious(text, tokens, from) &&
      (first.cap || isHyphen(gap));
    if (!joins) flush();
    if (!current) current = { from, to, segs: [], parts: 0 };
    current.to = to;
    current.parts += 1;
    if (seg) current.segs.push(seg);
  };
  let k = 0;
  for (let i = 0; i < tokens.length;) {
    const seg = known[k];
    if (seg && seg.from === i) {
      addUnit(seg.from, seg.to, seg);
      k += 1;
      i = seg.to;
      continue;
    }
    const token = tokens[i] as Token;
    const hyphenated = isHyphen(gapBefore(text, tokens, i)) || isHyphen(gapBefore(text, tokens, i + 1));
    if (nameLike(token, gazetteer) || (hyphenated && !gazetteer.cues.road.has(token.norm)))
      addUnit(i, i + 1, null);
    i += 1;
  }
  flush();
  return chunks;
}
