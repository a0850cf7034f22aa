import type { Kysely } from 'kysely';
import { eventFilter } from './event-query.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { ChangedEvent, EventQuery, Store } from './store.js';
import type { TextSearch } from './text-search.js';

type ChangeMethods = Pick<Store, 'latestEventChange' | 'listChangedEvents'>;

/** What the live stream polls and reads (migration 0016); written once for both backends. */
export function createChangeMethods(db: Kysely<Database>, search: TextSearch): ChangeMethods {
  return {
    async latestEventChange(): Promise<number> {
      const row = await guarded('latestEventChange', () =>
        db.selectFrom('event_changes').select('value').where('name', '=', 'events').executeTakeFirst(),
      );
      return row === undefined ? 0 : toNumber(row.value);
    },
    async listChangedEvents(
      query: EventQuery,
      after: number,
      upTo: number,
      limit: number,
    ): Promise<readonly ChangedEvent[]> {
      if (upTo <= after || limit <= 0) return [];
      const rows = await guarded('listChangedEvents', () =>
        db
          .selectFrom('events')
          .select(['id', 'record', 'change_seq'])
          .where('change_seq', '>', after)
          .where('change_seq', '<=', upTo)
          .where(eventFilter(query, search))
          .orderBy('change_seq')
          .orderBy('id')
          .limit(Math.floor(limit))
          .execute(),
      );
      return rows.map((r) => ({ change: toNumber(r.change_seq), json: r.record }));
    },
  };
}
