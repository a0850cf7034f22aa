import { isBackground } from './background.js';
import type { EventRecord } from './event-record.js';
import { distinctBy } from './distinct-by.js';
import { describeEvent } from './event-notes.js';
import type { Mention } from './mention.js';
import { reconcileClaims } from './reconcile-figures.js';
import { toRecordClaim } from './record-claim.js';

export interface SourceInfo {
  readonly docId: string;
  readonly publisher: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly text: string;
}

export interface EventInput {
  readonly id: string;
  readonly operationId: string | null;
  /** The mentions of the event; the first is the primary account (date, place, type, actors). */
  readonly mentions: readonly Mention[];
  readonly sources: readonly SourceInfo[];
}

/** Builds the design's event record from an event's mentions and sources: the one place that shape is made. */
export function buildEventRecord(input: EventInput): EventRecord {
  const primary = input.mentions[0];
  if (!primary) throw new Error(`event ${input.id} has no mention`);
  const claims = input.mentions.flatMap((m) => m.claims);
  const reconciled = reconcileClaims(claims);
  // an event has a few sources: scanning them costs less than a map built for every event of a million
  const textOf = (docId: string): string => input.sources.find((s) => s.docId === docId)?.text ?? '';
  let confidence = -Infinity;
  for (const m of input.mentions) if (m.confidence > confidence) confidence = m.confidence;
  const loc = primary.location;
  return {
    id: input.id,
    operation_id: input.operationId,
    doc_ids: distinctBy(input.mentions, (m) => m.docId).map((m) => m.docId),
    date: { ...primary.date },
    location: loc
      ? {
          name: loc.name,
          admin2: loc.admin2,
          admin1: loc.admin1,
          country: loc.country,
          lat: loc.lat,
          lon: loc.lon,
          precision: loc.precision,
        }
      : null,
    event_type: primary.eventType,
    sub_event_type: primary.subEventType,
    weapon: primary.weapon,
    target: primary.target,
    actor1: primary.actor1
      ? {
          name: primary.actor1.name,
          type: primary.actor1.type,
          claimed: input.mentions.some((m) => m.actor1?.claimed),
        }
      : null,
    actor2: primary.actor2 ? { name: primary.actor2.name, type: primary.actor2.type } : null,
    fatalities: reconciled.fatalities,
    injured: reconciled.injured,
    casualties: reconciled.casualties.map((c) => ({
      metric: c.metric,
      category: c.category,
      low: c.low,
      best: c.best,
      high: c.high,
    })),
    claims: claims.map(toRecordClaim),
    sources: input.sources.map((s) => ({
      doc_id: s.docId,
      publisher: s.publisher,
      url: s.url,
      published: s.published,
    })),
    evidence: input.mentions.flatMap((m) =>
      m.evidence.map((span) => ({
        doc_id: m.docId,
        span,
        text: textOf(m.docId).slice(span[0], span[1]),
      })),
    ),
    notes: describeEvent(primary, claims),
    confidence,
    // background only when every report recalls it: one report that tells it as news makes it news
    background: input.mentions.every((m) =>
      isBackground(m.date, input.sources.find((s) => s.docId === m.docId)?.published ?? null),
    ),
  };
}
