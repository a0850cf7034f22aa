import type { WordToken } from './word-tokens.js';

/**
 * Every word any lexicon looks for, numbered from 1, shared by every pass that reads word tokens: the phrase
 * matchers, the date features, the figure triggers. A sentence's tokens are looked up here once (`wordIds`), and
 * each pass then reads what a word means to it from an array indexed by that number (`WordTable`), not from a map
 * of its own keyed by the string. A token no lexicon holds, most of them, has number 0. The numbering only grows,
 * with the lexicons compiled (not with the text read).
 */
const vocabulary = new Map<string, number>();

/** The number of a (lower-cased) word, given it now if it has none. */
export function numberWord(word: string): number {
  let id = vocabulary.get(word);
  if (id === undefined) {
    id = vocabulary.size + 1;
    vocabulary.set(word, id);
  }
  return id;
}

// The passes run one after the other over the same sentence: its numbers are kept until another sentence comes,
// or until a lexicon compiled since brought new words.
let numberedTokens: readonly WordToken[] | null = null;
let numberedSize = -1;
let numbered = new Int32Array(0);

/** The number of each token's lower-cased word (0: no lexicon holds it). */
export function wordIds(tokens: readonly WordToken[]): Int32Array {
  if (tokens === numberedTokens && numberedSize === vocabulary.size) return numbered;
  const ids = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i += 1) ids[i] = vocabulary.get(tokens[i]!.lower) ?? 0;
  numberedTokens = tokens;
  numberedSize = vocabulary.size;
  numbered = ids;
  return ids;
}

/** What the words of one lexicon mean to its pass, as a number per word (0: nothing), read by word number. */
export interface WordTable {
  /** The value of the word numbered `id`; 0 for a word the table does not hold. */
  readonly at: (id: number) => number;
}

/** Numbers each word of `values` and builds the table that reads their values back by number. */
export function wordTable(values: ReadonlyMap<string, number>): WordTable {
  const ids = [...values.keys()].map(numberWord);
  const byId = new Int32Array(Math.max(0, ...ids) + 1);
  [...values.values()].forEach((value, k) => {
    byId[ids[k]!] = value;
  });
  // words numbered after the table was built (by lexicons compiled later) are none of its words
  return { at: (id) => (id < byId.length ? byId[id]! : 0) };
}
