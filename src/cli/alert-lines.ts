import {
  describeRule,
  type AlertDelivery,
  type AlertEvidence,
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

/** An evidence event in one line: where, when, its figures and every claimant's. */
export function evidenceLine(e: AlertEvidence): string {
  const where = [e.place, e.admin2, e.admin1].filter((x, i, all) => x && all.indexOf(x) === i).join(', ');
  const f = e.fatalities;
  const figures = f
    ? ` killed ${f.best} (low ${f.low}, high ${f.high}${e.contested ? '; contested, the reconciled best figure read' : ''})`
    : ' no fatality figure';
  const claims = (e.claims ?? []).map((c) => `${c.claimant} (${c.claimantKind}, ${c.stance}) ${c.best}`);
  const actor = e.actor ? ` by ${e.actor}` : '';
  return `${e.eventId} ${e.date} ${where || '?'}${actor}:${figures}${claims.length > 0 ? ` — ${claims.join('; ')}` : ''}`;
}

/** A delivery's state in one line: the receiver, its status and how many attempts. */
export function deliveryLine(d: AlertDelivery): string {
  const tries = `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`;
  const next = d.status === 'pending' ? `, next ${d.nextAttemptAt}` : '';
  const error = d.lastError && d.status !== 'delivered' ? `: ${d.lastError}` : '';
  return `webhook ${d.webhookId} ${d.url}: ${d.status} (${tries}${next})${error}`;
}
