import { EXTRACTOR_VERSION } from '../src/extract/extract-document.js';
import type { Store } from '../src/store/store.js';

export interface StoreComparison {
  readonly documents: number;
  readonly mentions: number;
  readonly events: number;
  readonly operations: number;
  /** One line per difference, the first few of each kind; empty when the stores hold the same data. */
  readonly differences: readonly string[];
}

const LIMIT = 5;

/** Compares two keyed collections, naming the keys missing on either side and those whose values differ. */
function compareKeyed(
  kind: string,
  left: Map<string, string>,
  right: Map<string, string>,
  out: string[],
): void {
  const lines: string[] = [];
  for (const [key, value] of left) {
    if (!right.has(key)) lines.push(`${kind} ${key}: only in the clean store`);
    else if (right.get(key) !== value) lines.push(`${kind} ${key}: differs`);
  }
  for (const key of right.keys()) if (!left.has(key)) lines.push(`${kind} ${key}: only in the other store`);
  out.push(...lines.slice(0, LIMIT));
  if (lines.length > LIMIT) out.push(`${kind}: ${lines.length - LIMIT} more differences`);
}

async function documentsOf(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // the ingestion time is the only field that two runs may rightly disagree on
  for await (const { ingestedAt: _at, ...doc } of store.listDocuments({ withText: true })) {
    out.set(doc.id, JSON.stringify(doc));
  }
  return out;
}

async function mentionsOf(store: Store, docIds: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of docIds) {
    for (const m of await store.listMentions(id)) out.set(m.id, JSON.stringify(m));
  }
  return out;
}

async function eventsOf(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const e of store.queryEvents({ sort: 'date' })) {
    out.set(e.record.id, JSON.stringify({ ...e, mentionIds: [...e.mentionIds].sort() }));
  }
  return out;
}

/** What the crash test compares of a store, read whole (a few thousand documents). */
export interface StoreSnapshot {
  readonly documents: Map<string, string>;
  readonly mentions: Map<string, string>;
  readonly events: Map<string, string>;
  readonly operations: Map<string, string>;
  readonly profiles: Map<string, string>;
  /** Documents not extracted and mentions not resolved: work left undone. */
  readonly undone: readonly string[];
}

export async function snapshotStore(store: Store): Promise<StoreSnapshot> {
  const keyed = <T extends { id?: string; name?: string }>(rows: readonly T[]) =>
    new Map(rows.map((r) => [r.id ?? r.name ?? '', JSON.stringify(r)]));
  const documents = await documentsOf(store);
  const undone: string[] = [];
  const unextracted = (await store.listDocumentsToExtract(EXTRACTOR_VERSION)).length;
  if (unextracted > 0) undone.push(`${unextracted} documents not extracted`);
  const pending = await store.countPendingMentions();
  if (pending > 0) undone.push(`${pending} mentions not resolved`);
  return {
    documents,
    mentions: await mentionsOf(store, documents.keys()),
    events: await eventsOf(store),
    operations: keyed(await store.listOperations()),
    profiles: keyed(await store.listPublisherProfiles()),
    undone,
  };
}

/**
 * Whether two stores held the same documents, mentions, events (same ids, records, mentions and merge
 * decisions), operations and publisher profiles, with nothing left to extract or to resolve in either.
 */
export function compareSnapshots(clean: StoreSnapshot, other: StoreSnapshot): StoreComparison {
  const differences: string[] = [];
  compareKeyed('document', clean.documents, other.documents, differences);
  compareKeyed('mention', clean.mentions, other.mentions, differences);
  compareKeyed('event', clean.events, other.events, differences);
  compareKeyed('operation', clean.operations, other.operations, differences);
  compareKeyed('publisher profile', clean.profiles, other.profiles, differences);
  differences.push(
    ...clean.undone.map((u) => `clean store: ${u}`),
    ...other.undone.map((u) => `other store: ${u}`),
  );
  return {
    documents: clean.documents.size,
    mentions: clean.mentions.size,
    events: clean.events.size,
    operations: clean.operations.size,
    differences,
  };
}
