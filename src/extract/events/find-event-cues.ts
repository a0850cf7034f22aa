import type { EventCueRule, EventLexicon } from '../../lexicon/event-lexicon.js';
import { compilePhrases, matchAll } from '../match/phrase-matcher.js';
import { wordTokens } from '../match/word-tokens.js';
import type { PhraseEntry, PhraseMatcher } from '../match/phrase-matcher.js';
import type { EventCue, Sentence } from '../types.js';

export { findTargets } from './find-targets.js';

interface CompiledCues {
  readonly matcher: PhraseMatcher;
  readonly rules: readonly EventCueRule[];
}

const cache = new WeakMap<EventLexicon, CompiledCues>();

function compiled(lexicon: EventLexicon): CompiledCues {
  let c = cache.get(lexicon);
  if (!c) {
    const entries: PhraseEntry[] = [];
    lexicon.cues.forEach((rule, key) => {
      // Between equally long phrases the stronger cue wins; a blocking phrase beats all.
      const rank = rule.block ? Number.MAX_SAFE_INTEGER : rule.priority;
      for (const phrase of rule.phrases) entries.push({ phrase, key, rank });
    });
    c = { matcher: compilePhrases(entries), rules: lexicon.cues };
    cache.set(lexicon, c);
  }
  return c;
}

/**
 * Words in one sentence that signal an incident and its ACLED type, leftmost-longest, so "suicide
 * bomber" is one suicide cue and not also a bomb cue. The assembler keeps the highest priority and
 * decides Battles against Violence against civilians from the target.
 */
export function findEventCues(sentence: Sentence, lexicon: EventLexicon): readonly EventCue[] {
  const c = compiled(lexicon);
  const text = sentence.text;
  const out: EventCue[] = [];
  for (const m of matchAll(c.matcher, wordTokens(text))) {
    const rule = c.rules[m.key];
    if (!rule || rule.block) continue;
    out.push({
      span: [sentence.start + m.start, sentence.start + m.end],
      text: text.slice(m.start, m.end),
      ruleId: `events/${rule.id}`,
      eventType: rule.eventType,
      subEventType: rule.subEventType,
      weapon: rule.weapon,
      priority: rule.priority,
      stateConducted: rule.stateConducted,
      opensIncident: rule.opensIncident,
      shooting: rule.shooting,
    });
  }
  return out;
}
