import {
  describeEvidence,
  describeRule,
  type AlertDelivery,
  type AlertFiring,
  type AlertRule,
} from '../domain/index.js';

/** One line per new firing, naming its rule, its week, its reason and the events behind it. */
export function firingLine(rule: AlertRule | undefined, f: AlertFiring): string {
  const who = rule ? describeRule(rule) : f.ruleId;
  const events = f.evidence
    .slice(0, 5)
    .map(
      (e) => `${e.eventId} ${e.date} ${e.place ?? '?'}${e.fatalities ? ` killed ${e.fatalities.best}` : ''}`,
    )
    .join('; ');
  return `alert ${who} fired for ${f.window}: ${f.reason} [${events}${f.evidence.length > 5 ? '; …' : ''}]`;
}

/** A delivery's state in one line: the receiver, its status and how many attempts. */
export { describeEvidence as evidenceLine };

export function deliveryLine(d: AlertDelivery): string {
  const tries = `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`;
  const next = d.status === 'pending' ? `, next ${d.nextAttemptAt}` : '';
  const error = d.lastError && d.status !== 'delivered' ? `: ${d.lastError}` : '';
  return `webhook ${d.webhookId} ${d.url}: ${d.status} (${tries}${next})${error}`;
}
