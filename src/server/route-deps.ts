import type { Knowledge } from '../extract/knowledge.js';
import type { Store } from '../store/store.js';
import type { CountCache } from './count-cache.js';
import type { FilterResolver } from './event-query.js';

/** What every route plugin receives from buildApp. */
export interface RouteDeps {
  readonly store: Store;
  readonly knowledge: Knowledge;
  readonly resolveFilters: FilterResolver;
  readonly counts: CountCache;
  readonly apiToken: string | null;
  readonly tokenRequired: boolean;
  readonly tileUrl: string | null;
}
