import type { ClaimRow, EventDetail, EventSource } from '../api/event-schemas.js';
import type { Document, EventRecord, OperationRecord } from '../domain/index.js';
import type { StoredEvent } from '../store/store.js';

type Highlight = EventSource['highlights'][number];

/** Which reconciled fatalities figures (low, best, high) a killed-claim gives. */
function figuresSet(claim: EventRecord['claims'][number], record: EventRecord): string[] {
  const f = record.fatalities;
  if (!f || claim.metric !== 'killed') return [];
  const sets: string[] = [];
  if (claim.low === f.low) sets.push('low');
  if (claim.low <= f.best && f.best <= claim.high) sets.push('best');
  if (claim.high === f.high) sets.push('high');
  return sets;
}

/** Sorted, clipped, non-overlapping spans; where two overlap, evidence wins over a claim's quote. */
export function mergeHighlights(spans: readonly Highlight[], length: number): Highlight[] {
  const clipped = spans
    .map((h) => ({
      start: Math.max(0, Math.min(h.start, length)),
      end: Math.max(0, Math.min(h.end, length)),
      kind: h.kind,
    }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Highlight[] = [];
  for (const h of clipped) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) {
      if (h.end > last.end)
        out[out.length - 1] = {
          start: last.start,
          end: h.end,
          kind: last.kind === 'evidence' || h.kind === 'evidence' ? 'evidence' : last.kind,
        };
      continue;
    }
    out.push(h);
  }
  return out;
}

/** The event page's payload: the record, its decisions, the claims table and each source's text to highlight. */
export function eventDetail(
  stored: StoredEvent,
  documents: readonly Document[],
  operation: OperationRecord | null,
): EventDetail {
  const record = stored.record;
  const sourceOf = new Map(record.sources.map((s) => [s.doc_id, s] as const));
  const claims: ClaimRow[] = record.claims.map((c) => ({
    ...c,
    span: [c.span[0], c.span[1]],
    publisher: sourceOf.get(c.doc_id)?.publisher ?? null,
    published: sourceOf.get(c.doc_id)?.published ?? null,
    sets: figuresSet(c, record),
  }));
  const sources: EventSource[] = documents.map((doc) => {
    const spans: Highlight[] = [
      ...record.evidence
        .filter((e) => e.doc_id === doc.id)
        .map((e) => ({ start: e.span[0], end: e.span[1], kind: 'evidence' })),
      ...record.claims
        .filter((c) => c.doc_id === doc.id)
        .map((c) => ({ start: c.span[0], end: c.span[1], kind: 'claim' })),
    ];
    return {
      doc_id: doc.id,
      title: doc.title,
      publisher: doc.publisher,
      url: doc.url,
      published: doc.published,
      text: doc.text,
      highlights: mergeHighlights(spans, doc.text.length),
    };
  });
  return {
    event: record as EventDetail['event'],
    decisions: stored.decisions.map((d) => ({ ...d, features: d.features.map((f) => ({ ...f })) })),
    claims,
    operation: operation as EventDetail['operation'],
    documents: sources,
  };
}
