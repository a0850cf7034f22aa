import type { AlertDelivery, AlertRule, DeliveryStatus, Webhook } from '../domain/index.js';
import { postWebhook, type PostResult } from '../notify/post-webhook.js';
import { DEFAULT_RETRY, retryDelayMs, type RetrySchedule } from '../notify/retry-schedule.js';
import { SIGNATURE_HEADER, signPayload } from '../notify/sign-payload.js';
import { FIRING_EVENT, webhookPayload } from '../notify/webhook-payload.js';
import type { Store } from '../store/store.js';

export interface DeliverySettings {
  readonly retry: RetrySchedule;
  /** Longest wait for one receiver's answer. */
  readonly timeoutMs: number;
  /** Time this run may spend delivering; what is left stays pending for the next run. */
  readonly budgetMs: number;
}

/** Ten seconds for a receiver to answer: a webhook should queue the alert and answer at once. */
export const DEFAULT_DELIVERY: DeliverySettings = {
  retry: DEFAULT_RETRY,
  timeoutMs: 10_000,
  budgetMs: 30_000,
};

/** The shortest wait given to one attempt when the budget is nearly spent: less would time out every receiver. */
const MIN_ATTEMPT_MS = 1_000;
/** A claim outlives the longest attempt by this much, so a live process never loses a delivery it is posting. */
const LEASE_SLACK_MS = 60_000;

export interface DeliveryRound {
  readonly attempted: number;
  readonly delivered: number;
  readonly failed: number;
  /** Deliveries that failed this time and wait for a later attempt. */
  readonly retrying: number;
}

export interface DeliveryDeps {
  readonly store: Store;
  readonly now: () => Date;
  readonly report: (line: string) => void;
}

async function attempt(
  deps: DeliveryDeps,
  d: AlertDelivery,
  hook: Webhook,
  rule: AlertRule | null,
  timeoutMs: number,
): Promise<PostResult> {
  const firing = await deps.store.getFiring(d.ruleId, d.window);
  if (!firing)
    return {
      ok: false,
      httpStatus: null,
      error: `${d.ruleId} ${d.window}: the firing is gone`,
      retry: false,
    };
  const body = JSON.stringify(webhookPayload({ deliveryId: d.id, rule, firing, site: hook.site }));
  const timestamp = Math.floor(deps.now().getTime() / 1000);
  return postWebhook(
    hook.url,
    body,
    {
      [SIGNATURE_HEADER]: signPayload(hook.secret, body, timestamp),
      'Faultline-Event': FIRING_EVENT,
      'Faultline-Delivery': d.id,
    },
    { guard: { allowPrivate: hook.allowPrivate }, timeoutMs },
  );
}

/**
 * POSTs the deliveries that are due, one at a time, until none is due or the budget is spent, recording every
 * attempt. A failure that may pass is retried with exponential backoff (in this run when the wait is shorter than
 * what is left of the budget, else by a later one); after the schedule's last attempt, or a final failure, the
 * delivery is marked failed. Never throws for a receiver's failure: it is recorded and reported.
 */
export async function deliverAlerts(
  deps: DeliveryDeps,
  settings: DeliverySettings = DEFAULT_DELIVERY,
): Promise<DeliveryRound> {
  const { store, now } = deps;
  const deadline = now().getTime() + settings.budgetMs;
  const counts = { attempted: 0, delivered: 0, failed: 0, retrying: 0 };
  let hooks: Map<string, Webhook> | null = null;
  let rules: Map<string, AlertRule> | null = null;
  while (now().getTime() < deadline) {
    const start = now();
    const lease = new Date(start.getTime() + settings.timeoutMs + LEASE_SLACK_MS).toISOString();
    const [d] = await store.claimDueDeliveries(start.toISOString(), lease, 1);
    if (!d) break;
    hooks ??= new Map((await store.listWebhooks()).map((h) => [h.id, h]));
    rules ??= new Map((await store.listAlertRules()).map((r) => [r.id, r]));
    const hook = hooks.get(d.webhookId);
    if (!hook) continue;
    const timeoutMs = Math.min(settings.timeoutMs, Math.max(MIN_ATTEMPT_MS, deadline - start.getTime()));
    const began = performance.now();
    const result = await attempt(deps, d, hook, rules.get(d.ruleId) ?? null, timeoutMs);
    const number = d.attempts + 1;
    const at = now();
    const wait = result.ok || !result.retry ? null : retryDelayMs(number, settings.retry);
    const status: DeliveryStatus = result.ok ? 'delivered' : wait === null ? 'failed' : 'pending';
    await store.recordDeliveryAttempt({
      deliveryId: d.id,
      attempt: {
        attempt: number,
        at: start.toISOString(),
        httpStatus: result.httpStatus,
        error: result.error,
        durationMs: performance.now() - began,
      },
      status,
      nextAttemptAt: new Date(at.getTime() + (wait ?? 0)).toISOString(),
    });
    counts.attempted += 1;
    if (status === 'delivered') counts.delivered += 1;
    else if (status === 'failed') {
      counts.failed += 1;
      deps.report(
        `webhook delivery ${d.id} of ${d.ruleId} ${d.window} failed after ${number} attempt${number === 1 ? '' : 's'}: ${result.error}`,
      );
    } else {
      counts.retrying += 1;
      deps.report(
        `webhook delivery ${d.id} attempt ${number} failed, retried in ${Math.round(wait! / 1000)} s: ${result.error}`,
      );
    }
  }
  return counts;
}
