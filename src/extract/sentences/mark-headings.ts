import type { Sentence } from '../types.js';

/**
 * Headlines and subheadings: one-sentence lines with no closing punctuation, short, opening on a capital, a digit
 * or a bullet. Hard-wrapped plain text also has lines without closing punctuation, so a document where such lines
 * are common has no headings at all.
 */
export const HEADING_RULES = {
  id: 'sentences.heading',
  /** Longest heading, in words: a headline with its outlet suffix ("... - Pakistan - DAWN.COM") fits. */
  maxWords: 22,
  /** Above this share of a document's lines, lines without closing punctuation are wrapping, not headings. */
  maxShare: 0.5,
  bullet: /^[\u2022\u25aa\u25cf*\u2013-]\s*/u,
  opening: /^[\p{Lu}\p{N}\u2018\u201c"']/u,
  closing: /[.!?:;,]["'\u2019\u201d)\]]*$/u,
  /** A line cut mid-phrase ends on a word that needs another after it; a headline never does. */
  dangling:
    /\b(?:a|an|the|of|on|in|at|to|for|from|by|with|and|or|but|as|that|which|who|near|after|before|when|while|into|onto|its|their|his|her)$/iu,
} as const;

function looksLikeHeading(s: Sentence, alone: boolean, next: Sentence | undefined): boolean {
  if (HEADING_RULES.bullet.test(s.text)) return true;
  if (!alone || HEADING_RULES.closing.test(s.text) || !HEADING_RULES.opening.test(s.text)) return false;
  if (HEADING_RULES.dangling.test(s.text)) return false;
  // a wrapped line goes on in lower case on the next line
  if (next && !HEADING_RULES.opening.test(next.text) && !HEADING_RULES.bullet.test(next.text)) return false;
  let words = 1;
  for (let i = 0; i < s.text.length && words <= HEADING_RULES.maxWords; i++) if (s.text[i] === ' ') words++;
  return words <= HEADING_RULES.maxWords;
}

/** Marks the headings of a document's sentences (see HEADING_RULES). Linear in the number of sentences. */
export function markHeadings(sentences: readonly Sentence[]): readonly Sentence[] {
  const perParagraph = new Map<number, number>();
  for (const s of sentences) perParagraph.set(s.paragraph, (perParagraph.get(s.paragraph) ?? 0) + 1);
  const flags = sentences.map((s, i) =>
    looksLikeHeading(s, perParagraph.get(s.paragraph) === 1, sentences[i + 1]),
  );
  const count = flags.filter(Boolean).length;
  if (count === 0 || count > HEADING_RULES.maxShare * perParagraph.size) return sentences;
  return sentences.map((s, i) => (flags[i] ? { ...s, heading: true } : s));
}
