import { describeError } from '../errors/errors.js';
import { evaluateAlerts } from '../pipeline/evaluate-alerts.js';
import type { Store } from '../store/store.js';
import { firingLine } from './alerts-command.js';

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
