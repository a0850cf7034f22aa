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

/** What a UTF-16 code unit is to the tokeniser, one bit each. */
const WORD = 1;
/** White space (as a regex's `\s` reads it), a hyphen or dash, or an apostrophe: a character that may stand
 * between two words of one phrase ("Tehrik-i-Taliban"; "D.I. Khan" is not one). */
const JOINS = 2;
const UPPER = 4;
/** The first half of a surrogate pair: the pair is a word character when it is a letter or digit outside the
 * Basic Multilingual Plane. */
const HIGH_SURROGATE = 8;

/**
 * Each code unit's class, read once at load from the Unicode regexes that define them (about 30 ms). The
 * tokeniser reads one table entry per character, where it called a Unicode regex on every character outside
 * ASCII (curly quotes and dashes are common in news text) and a separate test for joining and capitals.
 */
const CLASS_OF = ((): Uint8Array => {
  const table = new Uint8Array(0x10000);
  const word = /^[\p{L}\p{N}]$/u;
  const joins = /^[\s\-\u2010-\u2014'\u2019]$/u;
  const upper = /^\p{Lu}$/u;
  for (let code = 0; code < 0x10000; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) {
      if (code <= 0xdbff) table[code] = HIGH_SURROGATE;
      continue;
    }
    const c = String.fromCharCode(code);
    table[code] = (word.test(c) ? WORD : 0) | (joins.test(c) ? JOINS : 0) | (upper.test(c) ? UPPER : 0);
  }
  return table;
})();
const ASTRAL_WORD = /^[\p{L}\p{N}]$/u;
const ASTRAL_UPPER = /^\p{Lu}$/u;

/** The length of the word character at i (a letter or digit; 2 for one outside the Basic Multilingual Plane),
 * or 0. */
function wordCharAt(text: string, i: number): number {
  // past the end, charCodeAt gives NaN: an out-of-bounds read of the table deoptimised the tokeniser
  if (i >= text.length) return 0;
  const kind = CLASS_OF[text.charCodeAt(i)]!;
  if ((kind & WORD) !== 0) return 1;
  if ((kind & HIGH_SURROGATE) === 0 || i + 1 >= text.length) return 0;
  return ASTRAL_WORD.test(text.slice(i, i + 2)) ? 2 : 0;
}

/** Where the next word starts at or after `at` (the text's length when none does). */
function wordStart(text: string, at: number): number {
  let start = at;
  while (start < text.length && wordCharAt(text, start) === 0) start += 1;
  return start;
}

/** Where the word starting at `start` ends. */
function wordEnd(text: string, start: number): number {
  let end = start;
  for (let w = wordCharAt(text, end); w > 0; w = wordCharAt(text, end)) end += w;
  return end;
}

/** Most gaps that keep two words in one phrase: at most this many characters. */
const MAX_JOIN_GAP = 4;

/** Whether the text between two words keeps them in one phrase: at most four joining characters. */
function gapJoins(text: string, from: number, to: number): boolean {
  if (to - from > MAX_JOIN_GAP) return false;
  for (let i = from; i < to; i += 1) if ((CLASS_OF[text.charCodeAt(i)]! & JOINS) === 0) return false;
  return true;
}
/** No real sentence has tokens this long; bounding them keeps normalisation cheap on junk input. */
const MAX_NORMALISED = 64;

function isUpper(word: string): boolean {
  const kind = CLASS_OF[word.charCodeAt(0)]!;
  if ((kind & HIGH_SURROGATE) === 0) return (kind & UPPER) !== 0;
  return ASTRAL_UPPER.test(word.slice(0, 2));
}

// The place context (over every sentence first), then the place, actor, responsibility, event-cue, target and
// framing passes (sentence by sentence) read the same sentences: remembering the texts read saves all but the
// first tokenisation of each. The memory is bounded: cleared when full and at each new document, and long texts
// are never kept.
const remembered = new DroppableMap<string, readonly WordToken[]>();
forgetPerDocument(() => remembered.drop());
const MAX_REMEMBERED = 1024;
const MAX_REMEMBERED_LENGTH = 10_000;

/**
 * The words of a lexicon's phrase, as `wordTokens` reads them, for compiling a lexicon at load. It builds no
 * token and remembers nothing: V8 decides where to allocate by what the objects of an allocation site went on to
 * do, and the thousands of phrases read at load, all kept, made it allocate every document's tokens straight into
 * the old generation (pretenuring), so each document's tokens were left to the full collections.
 */
export function phraseWords(text: string): string[] {
  const words: string[] = [];
  let at = 0;
  while (at < text.length) {
    const start = wordStart(text, at);
    if (start >= text.length) break;
    const end = wordEnd(text, start);
    words.push(text.slice(start, end));
    at = end;
  }
  return words;
}

/** The words of a text, in order, with their offsets. */
export function wordTokens(text: string): readonly WordToken[] {
  const known = remembered.get(text);
  if (known) return known;
  const tokens: WordToken[] = [];
  let previousEnd = -1;
  let at = 0;
  while (at < text.length) {
    // a character at a time: no match object, and no search for where the matched word was
    const start = wordStart(text, at);
    if (start >= text.length) break;
    const end = wordEnd(text, start);
    at = end;
    const raw = text.slice(start, end);
    const spaced = previousEnd >= 0 && start - previousEnd === 1 && text.charCodeAt(previousEnd) === 32;
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
