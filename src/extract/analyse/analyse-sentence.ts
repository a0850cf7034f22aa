import { findActors } from '../actors/find-actors.js';
import { findResponsibility } from '../actors/find-responsibility.js';
import { isAggregateSentence } from '../aggregates/find-aggregates.js';
import { findCasualties } from '../casualties/find-casualties.js';
import { findDates } from '../dates/find-dates.js';
import { findEventCues, findTargets } from '../events/find-event-cues.js';
import { findFramingTerms } from '../framing/find-framing-terms.js';
import type { Knowledge } from '../knowledge.js';
import { findPlaces } from '../places/find-places.js';
import type { PlaceNames } from '../places/infer-place-context.js';
import type {
  ActorMention,
  CasualtyMention,
  DateContext,
  DateMention,
  EventCue,
  FramingTermMention,
  PlaceContext,
  PlaceMention,
  ResponsibilityMention,
  Sentence,
  TargetMention,
} from '../types.js';

/** What every pass found in one sentence. */
export interface SentenceAnalysis {
  readonly sentence: Sentence;
  readonly dates: readonly DateMention[];
  readonly places: readonly PlaceMention[];
  readonly actors: readonly ActorMention[];
  readonly responsibility: readonly ResponsibilityMention[];
  readonly cues: readonly EventCue[];
  readonly targets: readonly TargetMention[];
  readonly casualties: readonly CasualtyMention[];
  readonly framing: readonly FramingTermMention[];
  readonly aggregate: boolean;
  /** For a clause split from a sentence: the day the whole sentence says it was told ("officials said on
   * Wednesday"), which the clause's own words no longer show. */
  readonly toldOn?: DateMention;
}

/** The per-sentence passes, in their declared order; each is pure over the sentence and the knowledge. */
export function analyseSentence(
  sentence: Sentence,
  knowledge: Knowledge,
  dateContext: DateContext,
  placeContext: PlaceContext,
  placeNames?: PlaceNames,
): SentenceAnalysis {
  const dates = findDates(sentence, dateContext, knowledge.dates);
  // words a date has read ("12 March", "May 8") are no place, whatever town shares the month's name
  const places = findPlaces(sentence, knowledge.gazetteer, placeContext, placeNames).filter(
    (p) => !dates.some((d) => p.span[0] < d.span[1] && d.span[0] < p.span[1]),
  );
  const actors = findActors(sentence, knowledge.actors);
  const responsibility = findResponsibility(sentence, knowledge.actors, actors);
  const cues = findEventCues(sentence, knowledge.events);
  const targets = findTargets(sentence, knowledge.events);
  const casualties = findCasualties(sentence, knowledge.casualties, actors);
  const framing = findFramingTerms(sentence, knowledge.framing);
  const aggregate = isAggregateSentence(sentence, knowledge.casualties);
  return { sentence, dates, places, actors, responsibility, cues, targets, casualties, framing, aggregate };
}
