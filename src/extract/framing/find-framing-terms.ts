import type { FramingMarkers } from '../../domain/index.js';
import type { FramingLexicon, FramingTerm } from '../../lexicon/framing-lexicon.js';
import { compilePhrases, matchAll } from '../match/phrase-matcher.js';
import { wordTokens } from '../match/word-tokens.js';
import type { PhraseEntry, PhraseMatcher } from '../match/phrase-matcher.js';
import type { FramingTermMention, Sentence } from '../types.js';

interface CompiledFraming {
  readonly matcher: PhraseMatcher;
  readonly terms: readonly FramingTerm[];
}

const cache = new WeakMap<FramingLexicon, CompiledFraming>();

function compiled(lexicon: FramingLexicon): CompiledFraming {
  let c = cache.get(lexicon);
  if (!c) {
    const entries: PhraseEntry[] = [];
    lexicon.terms.forEach((term, key) => {
      for (const phrase of term.phrases) entries.push({ phrase, key });
    });
    c = { matcher: compilePhrases(entries), terms: lexicon.terms };
    cache.set(lexicon, c);
  }
  return c;
}

/**
 * Loaded terms in one sentence, longest first, so "Fitna al-Khawarij" counts once and not also as
 * "khawarij", and "Baloch freedom movement" not also as "freedom movement".
 */
export function findFramingTerms(sentence: Sentence, lexicon: FramingLexicon): readonly FramingTermMention[] {
  const c = compiled(lexicon);
  const text = sentence.text;
  const out: FramingTermMention[] = [];
  for (const m of matchAll(c.matcher, wordTokens(text))) {
    const term = c.terms[m.key];
    if (!term) continue;
    out.push({
      span: [sentence.start + m.start, sentence.start + m.end],
      text: text.slice(m.start, m.end),
      ruleId: `framing/${term.id}`,
      register: term.register,
      termId: term.id,
    });
  }
  return out;
}

/** Counts mentions per register and term id: a document's framing markers. */
export function countFraming(mentions: readonly FramingTermMention[]): FramingMarkers {
  const counts: Record<FramingTermMention['register'], Record<string, number>> = {
    insurgent: {},
    state: {},
    neutral: {},
  };
  for (const m of mentions) {
    const bucket = counts[m.register];
    bucket[m.termId] = (bucket[m.termId] ?? 0) + 1;
  }
  return counts;
}
