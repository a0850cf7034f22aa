import { describeError } from '../errors/errors.js';
import { deliverAlerts, DEFAULT_DELIVERY, type DeliveryRound } from '../pipeline/deliver-alerts.js';
import { evaluateAlerts } from '../pipeline/evaluate-alerts.js';
import type { Store } from '../store/store.js';
import { firingLine } from './alert-lines.js';

/**
 * What `ingest` and each `watch` round may spend posting alerts to webhooks: enough for a healthy receiver, short
 * enough that a dead one never holds ingestion up; what is left waits in the store for the next run.
 */
export const AFTER_INGEST_DELIVERY_MS = 5_000;

/** Evaluates the alert rules after new events, printing each new firing; a failure is one line, never fatal. */
export async function reportAlerts(store: Store, err: (line: string) => void): Promise<void> {
  try {
    const fired = await evaluateAlerts(store, () => new Date());
    if (fired.length === 0) return;
    const rules = new Map((await store.listAlertRules()).map((r) => [r.id, r]));
    for (const f of fired) err(firingLine(rules.get(f.ruleId), f));
  } catch (error) {
    err(`alerts not evaluated: ${describeError(error)}`);
  }
}

/**
 * Posts the deliveries that are due within `budgetMs`, with one summary line when any was attempted; null when the
 * store failed (said in one line).
 */
export async function deliverPending(
  store: Store,
  err: (line: string) => void,
  budgetMs: number = AFTER_INGEST_DELIVERY_MS,
): Promise<DeliveryRound | null> {
  try {
    const round = await deliverAlerts(
      { store, now: () => new Date(), report: err },
      { ...DEFAULT_DELIVERY, budgetMs },
    );
    if (round.attempted > 0)
      err(
        `webhooks: ${round.delivered} delivered, ${round.failed} failed, ${round.retrying} attempts to be retried`,
      );
    return round;
  } catch (error) {
    err(`webhook deliveries not attempted: ${describeError(error)}`);
    return null;
  }
}
