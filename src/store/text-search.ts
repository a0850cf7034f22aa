import type { Expression, Kysely, SqlBool } from 'kysely';
import type { SearchTerms } from './search-query.js';

/**
 * What a backend brings to free-text search over events (EventQuery.q): its full-text index over the shared
 * `event_search` table (event id, folded words; see search-text.ts), and the condition that finds events in it.
 * SQLite's is FTS5 (sqlite/sqlite-search.ts), PostgreSQL's a tsvector with a GIN index (postgres/postgres-search.ts).
 */
export interface TextSearch {
  /** Builds the index over `event_search` and what keeps it current as rows come and go (migration 0007). */
  createIndex(db: Kysely<unknown>): Promise<void>;
  dropIndex(db: Kysely<unknown>): Promise<void>;
  /**
   * True for the events (the outer query's `events` table) whose search text holds every phrase of `terms`.
   * `probe`: the statement walks another index (the list's order for a page, another filter's for a count) and
   * should test its rows against the matches rather than start from them.
   */
  matches(terms: SearchTerms, probe: boolean): Expression<SqlBool>;
}
