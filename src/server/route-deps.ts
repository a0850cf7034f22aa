import type { Knowledge } from '../extract/knowledge.js';
import type { Store } from '../store/store.js';
import type { IndexFollower } from './event-index/index-follower.js';
import type { FilterResolver } from './event-query.js';
import type { ReadCache } from './read-cache.js';

/** What every route plugin receives from buildApp. */
export interface RouteDeps {
  readonly store: Store;
  /** The event list's in-memory index, kept in step with the store; null when the server runs without it. */
  readonly eventIndex: IndexFollower | null;
  readonly knowledge: Knowledge;
  readonly resolveFilters: FilterResolver;
  /** Answers of read endpoints; whatever writes to the store through the server clears it. */
  readonly reads: ReadCache;
  readonly apiToken: string | null;
  readonly tokenRequired: boolean;
  readonly tileUrl: string | null;
  /** The event list's total is exact up to this many events and labelled an estimate beyond. */
  readonly exactTotalUpTo: number;
}
