import type { Kysely } from 'kysely';
import { eventFilter } from './event-query.js';
import { REMOVALS_KEPT } from './resolution-methods.js';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { ChangedEvent, EventQuery, IndexedEventRow, Store } from './store.js';
import type { TextSearch } from './text-search.js';
import { dismissedColumn } from './trend-rollup.js';
import { slices } from './chunks.js';

type ChangeMethods = Pick<
  Store,
  'latestEventChange' | 'listChangedEvents' | 'listIndexedEvents' | 'listEventRemovals'
>;

const truthy = (value: unknown): boolean => value === true || Number(value) === 1;

/** What the live stream and the server's event index poll and read (migrations 0016, 0022); for both backends. */
export function createChangeMethods(db: Kysely<Database>, search: TextSearch): ChangeMethods {
  // built once: the event index reads it before every answer, and building a statement costs more than running it
  const latest = db.selectFrom('event_changes').select('value').where('name', '=', 'events').compile();
  return {
    async latestEventChange(): Promise<number> {
      const { rows } = await guarded('latestEventChange', () => db.executeQuery(latest));
      const row = rows[0];
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
    async listIndexedEvents(after, upTo, from, limit): Promise<readonly IndexedEventRow[]> {
      if (upTo <= after || limit <= 0) return [];
      const rows = await guarded('listIndexedEvents', () => {
        let q = db
          .selectFrom('events')
          .select([
            'id',
            'change_seq',
            'date_start',
            'date_end',
            'admin1_key',
            'admin2_key',
            'actor1_key',
            'actor2_key',
            'event_type',
            'sub_event_type',
            'contested',
            'operation_id',
            'publisher_count',
            'fatalities_rank',
            'record',
          ])
          .select(dismissedColumn().as('dismissed'))
          .where('change_seq', '>', after)
          .where('change_seq', '<=', upTo);
        if (from !== null)
          q = q.where((eb) =>
            eb(eb.refTuple('change_seq', 'id'), '>', eb.tuple(from.change as never, from.id)),
          );
        return q.orderBy('change_seq').orderBy('id').limit(Math.floor(limit)).execute();
      });
      const sources = new Map<string, { publishers: (string | null)[]; docs: string[] }>();
      for (const ids of slices(rows.map((r) => r.id))) {
        const found = await guarded('listIndexedEvents', () =>
          db
            .selectFrom('event_sources')
            .select(['event_id', 'doc_id', 'publisher_key'])
            .where('event_id', 'in', ids)
            .execute(),
        );
        for (const s of found) {
          const held = sources.get(s.event_id) ?? { publishers: [], docs: [] };
          held.publishers.push(s.publisher_key);
          held.docs.push(s.doc_id);
          sources.set(s.event_id, held);
        }
      }
      return rows.map((r) => ({
        id: r.id,
        change: toNumber(r.change_seq),
        dateStart: r.date_start,
        dateEnd: r.date_end,
        admin1Key: r.admin1_key,
        admin2Key: r.admin2_key,
        actor1Key: r.actor1_key,
        actor2Key: r.actor2_key,
        eventType: r.event_type,
        subEventType: r.sub_event_type,
        contested: truthy(r.contested),
        operationId: r.operation_id,
        publisherCount: toNumber(r.publisher_count),
        fatalitiesRank: toNumber(r.fatalities_rank),
        dismissed: truthy(r.dismissed),
        publisherKeys: sources.get(r.id)?.publishers ?? [],
        docIds: sources.get(r.id)?.docs ?? [],
        json: r.record,
      }));
    },
    async listEventRemovals(after, upTo): Promise<readonly string[] | null> {
      if (after < upTo - REMOVALS_KEPT) return null;
      if (upTo <= after) return [];
      const rows = await guarded('listEventRemovals', () =>
        db
          .selectFrom('event_removals')
          .select('event_id')
          .where('change_seq', '>', after)
          .where('change_seq', '<=', upTo)
          .orderBy('change_seq')
          .execute(),
      );
      return rows.map((r) => r.event_id);
    },
  };
}
