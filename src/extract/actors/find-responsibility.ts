import type { ActorMention, ResponsibilityMention, Sentence } from '../types.js';
import type { ActorTable, ResponsibilityCue } from '../../lexicon/actor-table.js';
import { compilePhrases, matchAll } from '../match/phrase-matcher.js';
import { wordTokens } from '../match/word-tokens.js';
import type { PhraseEntry, PhraseMatcher } from '../match/phrase-matcher.js';

interface CompiledCues {
  readonly matcher: PhraseMatcher;
  readonly cues: readonly ResponsibilityCue[];
}

const cache = new WeakMap<ActorTable, CompiledCues>();

function compiled(table: ActorTable): CompiledCues {
  let c = cache.get(table);
  if (!c) {
    const entries: PhraseEntry[] = [];
    table.responsibility.forEach((cue, key) => {
      for (const phrase of cue.phrases) entries.push({ phrase, key });
    });
    c = { matcher: compilePhrases(entries), cues: table.responsibility };
    cache.set(table, c);
  }
  return c;
}

function eligible(a: ActorMention, cue: ResponsibilityCue, table: ActorTable): boolean {
  const entry = table.byId.get(a.actorId);
  if (!entry) return false;
  if (cue.armedOnly) return entry.claimantKind === 'armed_group';
  // Media and officials report an attribution; they are never its object.
  return entry.type !== null;
}

/** Index of the first actor starting at or after `offset` (actors sorted by start). */
function lowerBound(actors: readonly ActorMention[], offset: number): number {
  let lo = 0;
  let hi = actors.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((actors[mid]?.span[0] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Actors that can stand within `window` characters of [start, end): a bounded slice, not the whole list. */
function near(
  actors: readonly ActorMention[],
  longest: number,
  start: number,
  end: number,
  window: number,
): readonly ActorMention[] {
  const from = lowerBound(actors, start - window - longest);
  const to = lowerBound(actors, end + window + 1);
  return actors.slice(from, to);
}

/** Prefers the nearest armed group, else the nearest eligible actor, on one side of the cue. */
function pick(
  candidates: readonly ActorMention[],
  cue: ResponsibilityCue,
  table: ActorTable,
  distance: (a: ActorMention) => number,
): ActorMention | null {
  let best: ActorMention | null = null;
  let bestArmed: ActorMention | null = null;
  for (const a of candidates) {
    const d = distance(a);
    if (d < 0 || d > cue.window || !eligible(a, cue, table)) continue;
    if (!best || d < distance(best)) best = a;
    if (
      table.byId.get(a.actorId)?.claimantKind === 'armed_group' &&
      (!bestArmed || d < distance(bestArmed))
    ) {
      bestArmed = a;
    }
  }
  return bestArmed ?? best;
}

/**
 * Who claimed, was suspected of, or was blamed for the act a sentence reports, read from the cues
 * of data/actors/responsibility.json and the actors already found in the sentence. A group that
 * claims a figure ("the BLA claimed 27 soldiers were killed") claims the act. "No group claimed
 * responsibility" gives 'denied_none' with no actor.
 */
export function findResponsibility(
  sentence: Sentence,
  table: ActorTable,
  actorsInSentence: readonly ActorMention[],
): readonly ResponsibilityMention[] {
  const c = compiled(table);
  if (c.cues.length === 0) return [];
  const text = sentence.text;
  const sorted = [...actorsInSentence].sort((a, b) => a.span[0] - b.span[0]);
  let longest = 0;
  for (const a of sorted) longest = Math.max(longest, a.span[1] - a.span[0]);
  const out: ResponsibilityMention[] = [];
  for (const m of matchAll(c.matcher, wordTokens(text))) {
    const cue = c.cues[m.key];
    if (!cue || cue.stance === 'ignore') continue;
    const start = sentence.start + m.start;
    const end = sentence.start + m.end;
    const candidates = near(sorted, longest, start, end, cue.window);
    let actor: ActorMention | null = null;
    if (cue.actor === 'before' || cue.actor === 'either') {
      actor = pick(candidates, cue, table, (a) => (a.span[1] <= start ? start - a.span[1] : -1));
      if (!actor && cue.actor === 'either') {
        actor = pick(candidates, cue, table, (a) => (a.span[0] >= end ? a.span[0] - end : -1));
      }
      if (!actor) continue;
    } else if (cue.actor === 'after') {
      actor = pick(candidates, cue, table, (a) => (a.span[0] >= end ? a.span[0] - end : -1));
      if (!actor) continue;
    }
    out.push({
      span: [start, end],
      text: text.slice(m.start, m.end),
      ruleId: `responsibility/${cue.id}`,
      actorId: actor ? actor.actorId : null,
      stance: cue.stance,
    });
  }
  return out;
}
