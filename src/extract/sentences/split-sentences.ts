import type { Sentence } from '../types.js';

/**
 * Abbreviations after which a period does not end a sentence. Titles and month abbreviations are the
 * ones news prose uses; initials (a single capital letter) are handled by rule.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'brig',
  'sen',
  'rep',
  'gov',
  'st',
  'no',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'approx',
  'dept',
  'govt',
  'u.s',
  'u.k',
  'u.n',
  'd.i',
]);

/** Longest sentence we keep whole; longer runs without an end are cut so every pass stays linear. */
const MAX_SENTENCE = 2_000;

function isAbbreviation(text: string, dotIndex: number): boolean {
  let start = dotIndex;
  while (start > 0 && /[a-z.]/i.test(text[start - 1] ?? '')) start--;
  const word = text.slice(start, dotIndex).toLowerCase();
  if (word.length === 1) return true; // an initial: "D. I. Khan", "A. Baloch"
  return ABBREVIATIONS.has(word);
}

function pushTrimmed(out: Sentence[], text: string, start: number, end: number, paragraph: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e <= s) return;
  for (let cut = s; cut < e; cut += MAX_SENTENCE) {
    const pieceEnd = Math.min(e, cut + MAX_SENTENCE);
    out.push({ index: out.length, paragraph, start: cut, end: pieceEnd, text: text.slice(cut, pieceEnd) });
  }
}

/**
 * Splits clean text into sentences with offsets into the text. A line break always ends a sentence (clean text
 * keeps one paragraph per line or block); within a line, `.`, `!` or `?` followed by space and a capital, digit or
 * quote ends one, unless the period closes an abbreviation or an initial. Linear in the text length.
 */
export function splitSentences(text: string): readonly Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (ch === '\n') {
      pushTrimmed(out, text, start, i, paragraph);
      start = i + 1;
      // a new line starts a new paragraph: news clean text puts one paragraph per line
      paragraph++;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (
      j < n &&
      (text[j] === '"' || text[j] === '\u201d' || text[j] === "'" || text[j] === '\u2019' || text[j] === ')')
    )
      j++;
    if (j >= n) continue;
    if (text[j] !== ' ' && text[j] !== '\t') continue;
    let k = j;
    while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
    const next = text[k] ?? '';
    if (!/[A-Z0-9"\u201c'\u2018(\u2014-]/.test(next)) continue;
    if (ch === '.' && isAbbreviation(text, i)) continue;
    pushTrimmed(out, text, start, j, paragraph);
    start = j;
  }
  pushTrimmed(out, text, start, n, paragraph);
  return renumberParagraphs(out);
}

/** Paragraph numbers count only lines that hold text, so that blank lines do not widen the gaps. */
function renumberParagraphs(sentences: Sentence[]): readonly Sentence[] {
  let last = -1;
  let counter = -1;
  return sentences.map((s) => {
    if (s.paragraph !== last) {
      last = s.paragraph;
      counter++;
    }
    return { ...s, paragraph: counter };
  });
}
