import { normaliseToken } from '../../lexicon/gazetteer-normalise.js';

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
  /** The text between the token before and this one; '' for the first token. */
  readonly gap: string;
  /** Whether the gap (at most four spaces, hyphens, dashes or apostrophes) keeps this token in one phrase with the
   * token before (see the phrase matcher); false for the first token. */
  readonly joined: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const UPPER = /^\p{Lu}/u;
const JOIN_GAP = /^[\s\-\u2010-\u2014'\u2019]{0,4}$/u;
/** No real sentence has tokens this long; bounding them keeps normalisation cheap on junk input. */
const MAX_NORMALISED = 64;

function isUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(word);
}

// The place context (over every sentence first), then the place, actor, responsibility, event-cue, target and
// framing passes (sentence by sentence) read the same sentences: remembering the texts read saves all but the
// first tokenisation of each. The memory is bounded: cleared when full, and long texts are never kept.
const remembered = new Map<string, readonly WordToken[]>();
const MAX_REMEMBERED = 1024;
const MAX_REMEMBERED_LENGTH = 10_000;

/** The words of a text, in order, with their offsets. */
export function wordTokens(text: string): readonly WordToken[] {
  const known = remembered.get(text);
  if (known) return known;
  const tokens: WordToken[] = [];
  let previousEnd = -1;
  // only letters and digits are read, so a word starts at the first of its letters after the word before: its
  // offset is found by indexOf, and no match object is built per word
  for (const raw of text.match(WORD) ?? []) {
    const start = text.indexOf(raw, previousEnd < 0 ? 0 : previousEnd);
    const spaced = start - previousEnd === 1 && text.charCodeAt(previousEnd) === 32;
    const gap = previousEnd < 0 ? '' : spaced ? ' ' : text.slice(previousEnd, start);
    // a single space, by far the commonest gap, needs no regex
    const joined = previousEnd >= 0 && (spaced || (gap.length <= 4 && JOIN_GAP.test(gap)));
    const lower = raw.toLowerCase();
    const bounded = raw.length > MAX_NORMALISED ? raw.slice(0, MAX_NORMALISED) : raw;
    const norm = bounded === raw && isAscii(raw) ? lower : normaliseToken(bounded);
    tokens.push({ start, end: start + raw.length, raw, lower, norm, cap: isUpper(raw), gap, joined });
    previousEnd = start + raw.length;
  }
  if (text.length <= MAX_REMEMBERED_LENGTH) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(text, tokens);
  }
  return tokens;
}

/** Whether lower-casing is all the gazetteer folding has to do (an ASCII word). */
function isAscii(raw: string): boolean {
  for (let i = 0; i < raw.length; i += 1) if (raw.charCodeAt(i) > 0x7f) return false;
  return true;
}
