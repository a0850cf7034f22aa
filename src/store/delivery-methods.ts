import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AlertDelivery, AlertFiring, DeliveryStatus, Webhook } from '../domain/index.js';
import type { AlertDeliveriesTable, Database, WebhooksTable } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { DeliveryAttemptRow, DeliveryOutcome, FiringKey, Store } from './store.js';

type DeliveryMethods = Pick<
  Store,
  | 'addWebhook'
  | 'listWebhooks'
  | 'removeWebhook'
  | 'claimDueDeliveries'
  | 'recordDeliveryAttempt'
  | 'listDeliveries'
  | 'listDeliveryAttempts'
>;

/** A delivery's id: one per (webhook, firing), the same on every backend and every retry. */
export function deliveryId(webhookId: string, ruleId: string, window: string): string {
  return `dl_${createHash('sha256').update(`${webhookId}\n${ruleId}\n${window}`).digest('hex').slice(0, 16)}`;
}

function rowToWebhook(r: Selectable<WebhooksTable>): Webhook {
  return {
    id: r.id,
    url: r.url,
    secret: r.secret,
    site: r.site,
    allowPrivate: toNumber(r.allow_private) === 1,
    createdAt: r.created_at,
  };
}

function rowToDelivery(r: Selectable<AlertDeliveriesTable> & { url: string }): AlertDelivery {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    url: r.url,
    ruleId: r.rule_id,
    window: r.window,
    status: r.status as DeliveryStatus,
    attempts: toNumber(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
}

/** Queues one pending delivery of a new firing per webhook, in the caller's transaction. */
export async function queueDeliveries(trx: Transaction<Database>, firing: AlertFiring): Promise<void> {
  const hooks = await trx.selectFrom('webhooks').select('id').orderBy('id').execute();
  if (hooks.length === 0) return;
  await trx
    .insertInto('alert_deliveries')
    .values(
      hooks.map((h) => ({
        id: deliveryId(h.id, firing.ruleId, firing.window),
        webhook_id: h.id,
        rule_id: firing.ruleId,
        window: firing.window,
        status: 'pending',
        attempts: 0,
        next_attempt_at: firing.firedAt,
        last_error: null,
        created_at: firing.firedAt,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

function deliveries(db: Kysely<Database>) {
  return db
    .selectFrom('alert_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'alert_deliveries.webhook_id')
    .selectAll('alert_deliveries')
    .select('webhooks.url as url');
}

/** Webhooks and the deliveries of firings to them (migration 0015); written once for both backends. */
export function createDeliveryMethods(db: Kysely<Database>): DeliveryMethods {
  return {
    async addWebhook(webhook: Webhook): Promise<'added' | 'present'> {
      const inserted = await guarded('addWebhook', () =>
        db
          .insertInto('webhooks')
          .values({
            id: webhook.id,
            url: webhook.url,
            secret: webhook.secret,
            site: webhook.site,
            allow_private: webhook.allowPrivate ? 1 : 0,
            created_at: webhook.createdAt,
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst(),
      );
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 'added' : 'present';
    },
    async listWebhooks(): Promise<readonly Webhook[]> {
      const rows = await guarded('listWebhooks', () =>
        db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute(),
      );
      return rows.map(rowToWebhook);
    },
    async removeWebhook(idOrUrl: string): Promise<boolean> {
      return guarded(`removeWebhook ${idOrUrl}`, () =>
        db.transaction().execute(async (trx) => {
          const hook = await trx
            .selectFrom('webhooks')
            .select('id')
            .where((eb) => eb.or([eb('id', '=', idOrUrl), eb('url', '=', idOrUrl)]))
            .executeTakeFirst();
          if (!hook) return false;
          // the foreign keys cascade too; deleted here so that no path depends on SQLite's foreign_keys pragma
          const ids = trx.selectFrom('alert_deliveries').select('id').where('webhook_id', '=', hook.id);
          await trx.deleteFrom('alert_delivery_attempts').where('delivery_id', 'in', ids).execute();
          await trx.deleteFrom('alert_deliveries').where('webhook_id', '=', hook.id).execute();
          await trx.deleteFrom('webhooks').where('id', '=', hook.id).execute();
          return true;
        }),
      );
    },
    async claimDueDeliveries(
      now: string,
      leaseUntil: string,
      limit: number,
    ): Promise<readonly AlertDelivery[]> {
      const size = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1;
      return guarded('claimDueDeliveries', async () => {
        const due = await deliveries(db)
          .where('alert_deliveries.status', '=', 'pending')
          .where('alert_deliveries.next_attempt_at', '<=', now)
          .orderBy('alert_deliveries.next_attempt_at')
          .orderBy('alert_deliveries.id')
          .limit(size)
          .execute();
        const claimed: AlertDelivery[] = [];
        for (const row of due) {
          // a lease, taken only if no other process took it since the read: two watchers never post one delivery
          // at the same time, and a process that dies holding it lets it fall due again when the lease ends
          const taken = await db
            .updateTable('alert_deliveries')
            .set({ next_attempt_at: leaseUntil })
            .where('id', '=', row.id)
            .where('status', '=', 'pending')
            .where('next_attempt_at', '=', row.next_attempt_at)
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) === 1) claimed.push(rowToDelivery(row));
        }
        return claimed;
      });
    },
    async recordDeliveryAttempt(outcome: DeliveryOutcome): Promise<void> {
      await guarded(`recordDeliveryAttempt ${outcome.deliveryId}`, () =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('alert_delivery_attempts')
            .values({
              delivery_id: outcome.deliveryId,
              attempt: outcome.attempt.attempt,
              at: outcome.attempt.at,
              http_status: outcome.attempt.httpStatus,
              error: outcome.attempt.error,
              duration_ms: Math.max(0, Math.round(outcome.attempt.durationMs)),
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
          await trx
            .updateTable('alert_deliveries')
            .set({
              status: outcome.status,
              attempts: outcome.attempt.attempt,
              next_attempt_at: outcome.nextAttemptAt,
              last_error: outcome.attempt.error,
            })
            .where('id', '=', outcome.deliveryId)
            .execute();
        }),
      );
    },
    async listDeliveries(firings: readonly FiringKey[]): Promise<readonly AlertDelivery[]> {
      if (firings.length === 0) return [];
      const rows = await guarded('listDeliveries', () =>
        deliveries(db)
          .where((eb) =>
            eb.or(
              firings.map((f) =>
                eb.and([
                  eb('alert_deliveries.rule_id', '=', f.ruleId),
                  eb('alert_deliveries.window', '=', f.window),
                ]),
              ),
            ),
          )
          .orderBy('alert_deliveries.created_at', 'desc')
          .orderBy('alert_deliveries.id')
          .execute(),
      );
      return rows.map(rowToDelivery);
    },
    async listDeliveryAttempts(ids: readonly string[]): Promise<readonly DeliveryAttemptRow[]> {
      if (ids.length === 0) return [];
      const rows = await guarded('listDeliveryAttempts', () =>
        db
          .selectFrom('alert_delivery_attempts')
          .selectAll()
          .where('delivery_id', 'in', [...ids])
          .orderBy('delivery_id')
          .orderBy('attempt')
          .execute(),
      );
      return rows.map((r) => ({
        deliveryId: r.delivery_id,
        attempt: toNumber(r.attempt),
        at: r.at,
        httpStatus: r.http_status === null ? null : toNumber(r.http_status),
        error: r.error,
        durationMs: toNumber(r.duration_ms),
      }));
    },
  };
}
