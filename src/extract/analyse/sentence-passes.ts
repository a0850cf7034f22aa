import { findActors } from '../actors/find-actors.js';
import { findResponsibility } from '../actors/find-responsibility.js';
import { isAggregateSentence, namesIncidentPlace } from '../aggregates/find-aggregates.js';
import { findCasualties } from '../casualties/find-casualties.js';
import { findDates } from '../dates/find-dates.js';
import { findEventCues, findTargets } from '../events/find-event-cues.js';
import { findFramingTerms } from '../framing/find-framing-terms.js';
import type { Knowledge } from '../knowledge.js';
import { findPlaces } from '../places/find-places.js';
import type { PlaceNames } from '../places/infer-place-context.js';
import type { DateContext, PlaceContext, Sentence } from '../types.js';
import type { SentenceAnalysis } from './analyse-sentence.js';

/** What every sentence pass is given: the sentence, the knowledge, and what the document passes found before. */
export interface SentenceInput {
  readonly sentence: Sentence;
  readonly knowledge: Knowledge;
  readonly dateContext: DateContext;
  readonly placeContext: PlaceContext;
  /** The sentence's names, read once for the document's place context; read here again when absent. */
  readonly placeNames?: PlaceNames;
}

/** The fields of a sentence's analysis that passes write (everything but the sentence itself). */
export type SentenceField = Exclude<keyof SentenceAnalysis, 'sentence' | 'toldOn'>;

/**
 * One pass over a sentence: it writes one field of the analysis and may read fields written by passes before it,
 * which it declares. `analyseSentence` runs the registered passes in order; adding a pass is writing one of these
 * and adding it to `SENTENCE_PASSES`.
 */
export interface SentencePass<F extends SentenceField = SentenceField> {
  readonly writes: F;
  readonly reads: readonly SentenceField[];
  readonly run: (input: SentenceInput, found: Pick<SentenceAnalysis, SentenceField>) => SentenceAnalysis[F];
}

function pass<F extends SentenceField>(p: SentencePass<F>): SentencePass<F> {
  return p;
}

/** The sentence passes, in the order they run. */
export const SENTENCE_PASSES: readonly SentencePass[] = [
  pass({
    writes: 'dates',
    reads: [],
    run: (s) => findDates(s.sentence, s.dateContext, s.knowledge.dates),
  }),
  pass({
    writes: 'places',
    reads: ['dates'],
    // words a date has read ("12 March", "May 8") are no place, whatever town shares the month's name
    run: (s, found) =>
      findPlaces(s.sentence, s.knowledge.gazetteer, s.placeContext, s.placeNames).filter(
        (p) => !found.dates.some((d) => p.span[0] < d.span[1] && d.span[0] < p.span[1]),
      ),
  }),
  pass({ writes: 'actors', reads: [], run: (s) => findActors(s.sentence, s.knowledge.actors) }),
  pass({
    writes: 'responsibility',
    reads: ['actors'],
    run: (s, found) => findResponsibility(s.sentence, s.knowledge.actors, found.actors),
  }),
  pass({ writes: 'cues', reads: [], run: (s) => findEventCues(s.sentence, s.knowledge.events) }),
  pass({ writes: 'targets', reads: [], run: (s) => findTargets(s.sentence, s.knowledge.events) }),
  pass({
    writes: 'casualties',
    reads: ['actors'],
    run: (s, found) => findCasualties(s.sentence, s.knowledge.casualties, found.actors),
  }),
  pass({ writes: 'framing', reads: [], run: (s) => findFramingTerms(s.sentence, s.knowledge.framing) }),
  pass({
    writes: 'aggregate',
    reads: ['places'],
    run: (s, found) =>
      isAggregateSentence(s.sentence, s.knowledge.casualties, namesIncidentPlace(found.places)),
  }),
];

/**
 * Throws unless every pass reads only fields written by a pass before it and every field is written once: a pass
 * moved before what it needs fails when the module loads, not as a silent undefined.
 */
export function checkPassOrder(passes: readonly SentencePass[]): void {
  const written = new Set<SentenceField>();
  for (const p of passes) {
    for (const field of p.reads) {
      if (!written.has(field))
        throw new Error(`sentence pass '${p.writes}' reads '${field}' before it is written`);
    }
    if (written.has(p.writes)) throw new Error(`sentence field '${p.writes}' is written by two passes`);
    written.add(p.writes);
  }
}

checkPassOrder(SENTENCE_PASSES);
