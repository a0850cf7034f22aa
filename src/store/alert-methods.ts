import type { Kysely } from 'kysely';
import type { AlertFiring, AlertRule } from '../domain/index.js';
import type { Database } from './schema.js';
import { guarded } from './store-error.js';
import type { Store } from './store.js';
import { queueDeliveries } from './delivery-methods.js';

type AlertMethods = Pick<
  Store,
  'addAlertRule' | 'listAlertRules' | 'recordFiring' | 'listFirings' | 'getFiring'
>;

/** Alert rules and their firings (migration 0011); written once for both backends. */
export function createAlertMethods(db: Kysely<Database>): AlertMethods {
  return {
    async addAlertRule(rule: AlertRule): Promise<'added' | 'present'> {
      const inserted = await guarded('addAlertRule', () =>
        db
          .insertInto('alert_rules')
          .values({ id: rule.id, rule: JSON.stringify(rule), created_at: rule.createdAt })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst(),
      );
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 'added' : 'present';
    },
    async listAlertRules(): Promise<readonly AlertRule[]> {
      const rows = await guarded('listAlertRules', () =>
        db.selectFrom('alert_rules').select('rule').orderBy('created_at').orderBy('id').execute(),
      );
      return rows.map((r) => JSON.parse(r.rule) as AlertRule);
    },
    async recordFiring(firing: AlertFiring): Promise<boolean> {
      // the firing and its pending deliveries in one transaction: a crash between them cannot lose a delivery
      return guarded('recordFiring', () =>
        db.transaction().execute(async (trx) => {
          const inserted = await trx
            .insertInto('alert_firings')
            .values({
              rule_id: firing.ruleId,
              window: firing.window,
              fired_at: firing.firedAt,
              firing: JSON.stringify(firing),
            })
            .onConflict((oc) => oc.columns(['rule_id', 'window']).doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
          await queueDeliveries(trx, firing);
          return true;
        }),
      );
    },
    async getFiring(ruleId: string, window: string): Promise<AlertFiring | null> {
      const row = await guarded(`getFiring ${ruleId} ${window}`, () =>
        db
          .selectFrom('alert_firings')
          .select('firing')
          .where('rule_id', '=', ruleId)
          .where('window', '=', window)
          .executeTakeFirst(),
      );
      return row ? (JSON.parse(row.firing) as AlertFiring) : null;
    },
    async listFirings(limit: number): Promise<readonly AlertFiring[]> {
      const size = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1;
      const rows = await guarded('listFirings', () =>
        db
          .selectFrom('alert_firings')
          .select('firing')
          .orderBy('fired_at', 'desc')
          .orderBy('rule_id')
          .orderBy('window', 'desc')
          .limit(size)
          .execute(),
      );
      return rows.map((r) => JSON.parse(r.firing) as AlertFiring);
    },
  };
}
