import { normaliseToken } from '../../lexicon/gazetteer-normalise.js';
import { DroppableMap, forgetPerDocument } from './document-memory.js';

/**
 * One word of a text: a run of letters and digits, as the place pass and the phrase matcher read it. Each pass
 * used to tokenise every sentence again; now the sentence is read once and every reader shares the tokens.
 */
export interface WordToken {
  /** Offsets into the text that was tokenised. */
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly lower: string;
  /** The gazetteer's folding: lower-cased, diacritics stripped (`normaliseToken`). */
  readonly norm: string;
  /** Starts with an uppercase letter. */
  readonly cap: boolean;
  /** Lower-case ASCII letters only: the lower-cased word is its own folding, and no digit or other script runs
   * into it. */
  readonly plain: boolean;
  /** The text between the token before and this one; '' for the first token. */
  readonly gap: string;
  /** Whether the gap (at most four spaces, hyphens, dashes or apostrophes) keeps this token in one phrase with the
   * token before (see the phrase matcher); false for the first token. */
  readonly joined: boolean;
}

const WORD_CHAR = /^[\p{L}\p{N}]/u;

/** The length of the word character at i (a letter or digit; 2 for one outside the Basic Multilingual Plane),
 * or 0. ASCII is told apart without a regex. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? 1 : 0;
  const width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  return WORD_CHAR.test(text.slice(i, i + width)) ? width : 0;
}

function nextWordStart(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) if (wordCharAt(text, i) > 0) return i;
  return -1;
}

function wordEnd(text: string, start: number): number {
  let i = start;
  for (let w = wordCharAt(text, i); w > 0; w = wordCharAt(text, i)) i += w;
  return i;
}
const UPPER = /^\p{Lu}/u;
/** Most gaps that keep two words in one phrase: at most this many characters. */
const MAX_JOIN_GAP = 4;

/** White space (as a regex's `\s` reads it), a hyphen or dash, or an apostrophe: a character that may stand
 * between two words of one phrase ("Tehrik-i-Taliban", "D.I. Khan" is not one). Told by its code: a Unicode
 * regex test here was a fifth of the tokeniser's time. */
function joinsWords(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x7f) return c === 0x2d || c === 0x27;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    (c >= 0x2010 && c <= 0x2014) ||
    c === 0x2019 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether the text between two words keeps them in one phrase: at most four joining characters. */
function gapJoins(text: string, from: number, to: number): boolean {
  if (to - from > MAX_JOIN_GAP) return false;
  for (let i = from; i < to; i += 1) if (!joinsWords(text.charCodeAt(i))) return false;
  return true;
}
/** No real sentence has tokens this long; bounding them keeps normalisation cheap on junk input. */
const MAX_NORMALISED = 64;

function isUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(word);
}

// The place context (over every sentence first), then the place, actor, responsibility, event-cue, target and
// framing passes (sentence by sentence) read the same sentences: remembering the texts read saves all but the
// first tokenisation of each. The memory is bounded: cleared when full and at each new document, and long texts
// are never kept.
const remembered = new DroppableMap<string, readonly WordToken[]>();
forgetPerDocument(() => remembered.drop());
const MAX_REMEMBERED = 1024;
const MAX_REMEMBERED_LENGTH = 10_000;

/** The words of a text, in order, with their offsets. */
export function wordTokens(text: string): readonly WordToken[] {
  const known = remembered.get(text);
  if (known) return known;
  const tokens: WordToken[] = [];
  let previousEnd = -1;
  let at = 0;
  while (at < text.length) {
    // a character at a time: no match object, and no search for where the matched word was
    const start = nextWordStart(text, at);
    if (start < 0) break;
    const end = wordEnd(text, start);
    at = end;
    const raw = text.slice(start, end);
    const spaced = start - previousEnd === 1 && text.charCodeAt(previousEnd) === 32;
    const gap = previousEnd < 0 ? '' : spaced ? ' ' : text.slice(previousEnd, start);
    // a single space, by far the commonest gap, needs no look at its characters
    const joined = previousEnd >= 0 && (spaced || gapJoins(text, previousEnd, start));
    const lower = raw.toLowerCase();
    const bounded = raw.length > MAX_NORMALISED ? raw.slice(0, MAX_NORMALISED) : raw;
    const chars = asciiKind(raw);
    const norm = bounded === raw && chars !== OTHER ? lower : normaliseToken(bounded);
    const plain = chars === LETTERS;
    tokens.push({ start, end: start + raw.length, raw, lower, norm, cap: isUpper(raw), plain, gap, joined });
    previousEnd = start + raw.length;
  }
  if (text.length <= MAX_REMEMBERED_LENGTH) {
    if (remembered.size >= MAX_REMEMBERED) remembered.drop();
    remembered.set(text, tokens);
  }
  return tokens;
}

const LETTERS = 0;
const ASCII = 1;
const OTHER = 2;

/** LETTERS for a word of ASCII letters only, ASCII when it holds a digit, OTHER for any other script (where
 * lower-casing is not all the gazetteer folding has to do). */
function asciiKind(raw: string): number {
  let kind = LETTERS;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (c > 0x7f) return OTHER;
    if ((c | 32) < 97 || (c | 32) > 122) kind = ASCII;
  }
  return kind;
}
