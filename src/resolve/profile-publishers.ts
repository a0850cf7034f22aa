import type { EventRecord, FramingMarkers, PublisherProfile } from '../domain/index.js';
import { fromRecordClaim, reconcileClaims } from '../domain/index.js';

export interface PublisherDocument {
  readonly publisher: string;
  readonly docId: string;
  readonly framing: FramingMarkers | null;
}

interface Tally {
  readonly docs: Set<string>;
  insurgent: number;
  state: number;
  neutral: number;
  readonly terms: Map<string, number>;
  contested: number;
  highest: number;
  lowest: number;
}

const REGISTERS = ['insurgent', 'state', 'neutral'] as const;

/**
 * A publisher's figure for an event: the highest death toll its documents carry, categories added up as the
 * reconciliation policy adds them (17 soldiers and 31 civilians give 48), so that it compares with another
 * outlet's single total.
 */
function publisherFigure(claims: readonly EventRecord['claims'][number][]): number | null {
  return reconcileClaims(claims.map(fromRecordClaim)).fatalities?.high ?? null;
}

/**
 * Profiles publishers as events stream past: their documents, their framing by register and term, and, over the
 * events whose death tolls come from two publishers or more, how often their figure was the highest or the
 * lowest (a tie among all publishers counts as neither). Holds tallies, never the events, so that a store of any
 * size is profiled in constant memory per publisher and document.
 */
export class PublisherTally {
  private readonly tallies = new Map<string, Tally>();
  private readonly publisherOf = new Map<string, string>();

  constructor(docs: Iterable<PublisherDocument>) {
    for (const d of docs) this.addDocument(d);
  }

  private addDocument(d: PublisherDocument): void {
    if (!d.publisher) return;
    this.publisherOf.set(d.docId, d.publisher);
    let t = this.tallies.get(d.publisher);
    if (!t) {
      t = {
        docs: new Set(),
        insurgent: 0,
        state: 0,
        neutral: 0,
        terms: new Map(),
        contested: 0,
        highest: 0,
        lowest: 0,
      };
      this.tallies.set(d.publisher, t);
    }
    if (t.docs.has(d.docId)) return;
    t.docs.add(d.docId);
    for (const register of REGISTERS)
      for (const [term, count] of Object.entries(d.framing?.[register] ?? {})) {
        if (!Number.isFinite(count)) continue;
        t[register] += count;
        t.terms.set(term, (t.terms.get(term) ?? 0) + count);
      }
  }

  addEvent(e: EventRecord): void {
    const byPublisher = new Map<string, EventRecord['claims'][number][]>();
    for (const c of e.claims) {
      const publisher = c.metric === 'killed' ? this.publisherOf.get(c.doc_id) : undefined;
      if (publisher === undefined) continue;
      const list = byPublisher.get(publisher);
      if (list) list.push(c);
      else byPublisher.set(publisher, [c]);
    }
    if (byPublisher.size < 2) return;
    const figures = [...byPublisher].map(([p, claims]) => [p, publisherFigure(claims)] as const);
    const values = figures.flatMap(([, f]) => (f === null ? [] : [f]));
    const max = Math.max(...values);
    const min = Math.min(...values);
    for (const [p, f] of figures) {
      const t = this.tallies.get(p)!;
      t.contested++;
      if (f === null || max === min) continue;
      if (f === max) t.highest++;
      if (f === min) t.lowest++;
    }
  }

  profiles(): PublisherProfile[] {
    return [...this.tallies]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, t]) => ({
        name,
        documents: t.docs.size,
        framing: {
          insurgent: t.insurgent,
          state: t.state,
          neutral: t.neutral,
          terms: Object.fromEntries([...t.terms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        },
        contestedEvents: t.contested,
        highest: t.highest,
        lowest: t.lowest,
      }));
  }
}

/** Profiles every publisher from its documents and the events at hand (see PublisherTally). */
export function profilePublishers(
  docs: readonly PublisherDocument[],
  events: readonly EventRecord[],
): PublisherProfile[] {
  const tally = new PublisherTally(docs);
  for (const e of events) tally.addEvent(e);
  return tally.profiles();
}
