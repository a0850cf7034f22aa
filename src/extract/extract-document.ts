import type { AggregateStatistic, FramingMarkers, Location, Mention } from '../domain/index.js';
import { findAggregates, namesIncidentPlace } from './aggregates/find-aggregates.js';
import { analyseSentence, type SentenceAnalysis } from './analyse/analyse-sentence.js';
import { SENTENCE_PASSES } from './analyse/sentence-passes.js';
import { assembleDraft, pruneCovered, type MentionTraits } from './assemble/assemble-mentions.js';
import { countFraming } from './framing/find-framing-terms.js';
import type { Knowledge } from './knowledge.js';
import { findDateline, withoutDateline, type Dateline } from './dateline/find-dateline.js';
import { findPlaces, placeContextOf, readPlaceNames } from './places/find-places.js';
import { segmentIncidents } from './segment/segment-incidents.js';
import { SIGNAL_RULES } from './segment/sentence-signals.js';
import { startDocument } from './match/document-memory.js';
import { markHeadings } from './sentences/mark-headings.js';
import { splitSentences } from './sentences/split-sentences.js';
import type { ActorMention, PlaceContext, PlaceMention } from './types.js';

/** Bumped whenever a rule changes what extraction produces, so stored documents can be re-extracted. */
export const EXTRACTOR_VERSION = '2026.12.04-7';

/**
 * The passes, in the order they run: the document passes written out in `extractDocument`, and between them the
 * registered sentence passes (`SENTENCE_PASSES`, src/extract/analyse/sentence-passes.ts), which every sentence
 * goes through in their declared order.
 */
export const PASSES: readonly string[] = [
  'dateline',
  'sentences',
  'place-names',
  'place-context',
  ...SENTENCE_PASSES.map((p) => p.writes),
  'aggregates',
  'segment',
  'assemble',
  'prune-covered',
];

export interface ExtractInput {
  readonly id: string;
  readonly text: string;
  /** Publication date (YYYY-MM-DD) or null; no event is dated after it. */
  readonly published: string | null;
}

export interface ExtractionResult {
  readonly docId: string;
  readonly mentions: readonly Mention[];
  readonly aggregates: readonly AggregateStatistic[];
  readonly framing: FramingMarkers;
}

function provinceLocation(analyses: readonly SentenceAnalysis[], ctx: PlaceContext): Location | null {
  if (!ctx.admin1) return null;
  for (const a of analyses) {
    for (const p of a.places)
      if (p.role === 'province' && p.location.admin1 === ctx.admin1) return p.location;
  }
  for (const a of analyses) {
    for (const p of a.places) {
      if (p.location.admin1 === ctx.admin1) {
        return {
          name: ctx.admin1,
          admin2: null,
          admin1: ctx.admin1,
          country: p.location.country,
          lat: null,
          lon: null,
          precision: 'province',
          placeId: null,
        };
      }
    }
  }
  return null;
}

function firstStateForce(analyses: readonly SentenceAnalysis[]): ActorMention | null {
  for (const a of analyses) for (const actor of a.actors) if (actor.type === 'state_forces') return actor;
  return null;
}

/** The dateline's place, when the gazetteer knows it and it lies in the province the document is about. */
function datelinePlace(
  text: string,
  dateline: Dateline | null,
  knowledge: Knowledge,
  context: PlaceContext,
): PlaceMention | null {
  if (!dateline || dateline.several) return null;
  const [start, end] = dateline.place;
  const sentence = { index: 0, paragraph: 0, start, end, text: text.slice(start, end) };
  const place = findPlaces(sentence, knowledge.gazetteer, context)[0];
  if (!place || (context.admin1 !== null && place.location.admin1 !== context.admin1)) return null;
  return { ...place, ruleId: dateline.ruleId };
}

/**
 * One document in, the incidents it reports out. Pure: the only date it knows is the publication date it is given.
 */
export function extractDocument(input: ExtractInput, knowledge: Knowledge): ExtractionResult {
  startDocument();
  // The dateline says where and when the report was filed: its place and day are no incident's, so the passes
  // read the text without it; its place stands in only for a lead incident that names none (see assembleDraft).
  const dateline = findDateline(input.text);
  const text = withoutDateline(input.text, dateline);
  const sentences = markHeadings(splitSentences(text));
  // each sentence's names are read once: the document's country and province are counted over them, and the
  // place pass interprets them in that context
  const placeNames = sentences.map((s) => readPlaceNames(s.text, knowledge.gazetteer));
  const placeContext = placeContextOf(placeNames, knowledge.gazetteer);
  const dateContext = { published: input.published };
  const analyses = sentences.map((s, i) =>
    analyseSentence(s, knowledge, dateContext, placeContext, placeNames[i]),
  );

  const aggregates: AggregateStatistic[] = [];
  analyses.forEach((a, i) => {
    if (!a.aggregate) return;
    const previous = sentences[i - 1];
    for (const found of findAggregates(
      a.sentence,
      knowledge.casualties,
      previous,
      namesIncidentPlace(a.places),
    )) {
      aggregates.push({
        kind: 'AggregateStatistic',
        docId: input.id,
        source: found.source,
        period: found.period,
        area: found.area,
        metric: found.metric,
        value: found.value,
        span: found.span,
        ruleId: found.ruleId,
      });
    }
  });

  const datelineAt = datelinePlace(input.text, dateline, knowledge, placeContext);
  // a headline and bullets can stand above the dateline: the lead is the sentence it opens
  const leadIndex = dateline ? (sentences.find((s) => s.start >= dateline.span[1])?.index ?? 0) : 0;
  const drafts = segmentIncidents(
    analyses,
    input.published,
    placeContext.country,
    datelineAt ? leadIndex : null,
  );
  const ctx = {
    docId: input.id,
    text: input.text,
    placeContext,
    provinceLocation: provinceLocation(analyses, placeContext),
    dateline: datelineAt,
    leadIndex,
    documentState: firstStateForce(analyses),
  };
  const traits = new Map<string, MentionTraits>();
  const assembled = drafts.flatMap((draft, index) => {
    const mentions = assembleDraft(draft, index, ctx);
    for (const m of mentions) {
      const claimedAt = m.provenance.find((p) => p.field === 'actor1.claimed')?.span[0];
      const claimedIn =
        claimedAt === undefined
          ? undefined
          : draft.members.find((a) => a.sentence.start <= claimedAt && claimedAt < a.sentence.end);
      traits.set(m.id, {
        summary: draft.summary,
        ownDate: draft.date.own || draft.date.ruleId === 'segment.same-day',
        statementDay: draft.date.ruleId === SIGNAL_RULES.statementDay.id,
        elaborates: SIGNAL_RULES.elaborates.pattern.test(draft.anchor.sentence.text),
        paragraph: draft.anchor.sentence.paragraph,
        claimParagraph: claimedIn?.sentence.paragraph ?? null,
      });
    }
    return mentions;
  });
  const mentions = pruneCovered(assembled, traits);
  const framing = countFraming(analyses.flatMap((a) => a.framing));
  return { docId: input.id, mentions, aggregates, framing };
}
