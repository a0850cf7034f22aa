import type { Knowledge } from '../knowledge.js';
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
import { SENTENCE_PASSES, type SentenceInput } from './sentence-passes.js';

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

/** Runs the registered sentence passes (`SENTENCE_PASSES`) in their order; each is pure over the sentence and the
 * knowledge. */
export function analyseSentence(
  sentence: Sentence,
  knowledge: Knowledge,
  dateContext: DateContext,
  placeContext: PlaceContext,
  placeNames?: PlaceNames,
): SentenceAnalysis {
  const input: SentenceInput = { sentence, knowledge, dateContext, placeContext, placeNames };
  const found: Record<string, unknown> = { sentence };
  const view = found as unknown as SentenceAnalysis;
  for (const pass of SENTENCE_PASSES) found[pass.writes] = pass.run(input, view);
  return view;
}
