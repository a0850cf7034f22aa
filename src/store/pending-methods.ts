import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { PendingMention, Store } from './store.js';

type PendingMethods = Pick<Store, 'listPendingMentions' | 'countPendingMentions'>;

/** The mentions awaiting resolution (migration 0005's marker); written once for both backends. */
export function createPendingMethods(db: Kysely<Database>): PendingMethods {
  return {
    async listPendingMentions(limit: number): Promise<readonly PendingMention[]> {
      const size = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1;
      const rows = await guarded('listPendingMentions', () =>
        db
          .selectFrom('mentions')
          .select(['id', 'country', 'admin1', 'date_start', 'date_end', 'linkable'])
          .where('unresolved', '=', 1)
          // the blocking key's order (mentions_pending_idx): a round's seeds lie together, so its reads stay small
          .orderBy('country')
          .orderBy('admin1')
          .orderBy('date_start')
          .orderBy('id')
          .limit(size)
          .execute(),
      );
      return rows.map((r) => ({
        id: r.id,
        country: r.country,
        admin1: r.admin1,
        dateStart: r.date_start,
        dateEnd: r.date_end,
        linkable: r.linkable === 1,
      }));
    },
    async countPendingMentions(): Promise<number> {
      const row = await guarded('countPendingMentions', () =>
        db
          .selectFrom('mentions')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('unresolved', '=', 1)
          .executeTakeFirstOrThrow(),
      );
      return toNumber(row.n);
    },
  };
}
