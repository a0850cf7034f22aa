import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { HostSlotWait, Store } from './store.js';

type HostMethods = Pick<Store, 'claimHostSlot' | 'releaseHostSlot'>;

/**
 * The database's clock in milliseconds, one value per statement: every process sharing the store spaces its
 * requests by the same clock, whatever its machine's says.
 */
function clockMs(backend: Store['backend']): RawBuilder<number> {
  return backend === 'postgres'
    ? sql<number>`(extract(epoch from statement_timestamp()) * 1000)::bigint`
    : sql<number>`cast(round((julianday('now') - 2440587.5) * 86400000.0) as integer)`;
}

/** The host slots of migration 0017, written once for both backends (a portable upsert, no GREATEST). */
export function createHostMethods(db: Kysely<Database>, backend: Store['backend']): HostMethods {
  const now = clockMs(backend);
  return {
    async claimHostSlot(host, holder, intervalMs, leaseMs): Promise<HostSlotWait | null> {
      const lease = Math.max(1, Math.round(leaseMs));
      const interval = Math.max(0, Math.round(intervalMs));
      // taken only when free (or its holder's lease ran out) and due; the WHERE and the SET see the same row,
      // so of several processes asking at once exactly one gets it
      const claimed = await guarded(`claimHostSlot ${host}`, () =>
        sql<{ host: string }>`
          insert into host_slots (host, holder, busy_until_ms, next_at_ms)
          values (${host}, ${holder}, ${now} + ${lease}, ${now} + ${interval})
          on conflict (host) do update
             set holder = excluded.holder,
                 busy_until_ms = excluded.busy_until_ms,
                 next_at_ms = excluded.next_at_ms
           where host_slots.busy_until_ms <= excluded.busy_until_ms - ${lease}
             and host_slots.next_at_ms <= excluded.busy_until_ms - ${lease}
          returning host`.execute(db),
      );
      if (claimed.rows.length > 0) return null;
      const row = await guarded(`claimHostSlot ${host}`, () =>
        sql<{ busy: number | string; due: number | string }>`
          select busy_until_ms - ${now} as busy, next_at_ms - ${now} as due
            from host_slots where host = ${host}`.execute(db),
      );
      const r = row.rows[0];
      // the row was removed meanwhile (never, today): ask again at once
      if (r === undefined) return { busyMs: 0, dueMs: 0 };
      return { busyMs: Math.max(0, toNumber(r.busy)), dueMs: Math.max(0, toNumber(r.due)) };
    },
    async releaseHostSlot(host, holder, deferMs): Promise<void> {
      const defer = Math.max(0, Math.round(deferMs));
      // a holder whose lease ran out and was taken over frees nothing of the new holder's; its Retry-After
      // still counts, since it came from the host
      await guarded(`releaseHostSlot ${host}`, () =>
        sql`
          update host_slots
             set busy_until_ms = case when holder = ${holder} then 0 else busy_until_ms end,
                 holder = case when holder = ${holder} then null else holder end,
                 next_at_ms = case when next_at_ms > ${now} + ${defer} then next_at_ms else ${now} + ${defer} end
           where host = ${host}`.execute(db),
      );
    },
  };
}
