import type { AlertEvidence, AlertRule } from './alert.js';
import type { EventRecord } from './event-record.js';

/** What a rule watches, in words: `al_… (Kech: an event with at least 5 killed)`. */
export function describeRule(rule: AlertRule): string {
  const scope =
    [rule.admin2, rule.admin1, rule.actor, rule.type].filter((x) => x !== null).join(', ') || 'all events';
  const when =
    rule.minFatalities !== null
      ? `an event with at least ${rule.minFatalities} killed`
      : rule.escalation !== null
        ? `a week less likely than ${rule.escalation}`
        : 'any event';
  return `${rule.id} (${scope}: ${when})`;
}

/**
 * An event as a firing's evidence: where and when, the reconciled fatalities and every claim of killed with its
 * claimant. A contested figure (its claimants disagree) says that the rule read its reconciled best figure.
 */
export function evidenceOf(e: EventRecord): AlertEvidence {
  const f = e.fatalities;
  const contested = f !== null && f.low !== f.high;
  return {
    eventId: e.id,
    date: e.date.start,
    place: e.location?.name ?? null,
    admin2: e.location?.admin2 ?? null,
    admin1: e.location?.admin1 ?? null,
    eventType: e.event_type,
    subEventType: e.sub_event_type,
    actor: e.actor1?.name ?? null,
    fatalities: f ? { low: f.low, best: f.best, high: f.high } : null,
    contested,
    basis: contested
      ? `contested: claims range ${f.low}–${f.high}; the reconciled best figure, ${f.best}, is the one read`
      : null,
    claims: e.claims
      .filter((c) => c.metric === 'killed')
      .map((c) => ({
        claimant: c.claimant,
        claimantKind: c.claimant_kind,
        stance: c.stance,
        low: c.low,
        best: c.best,
        high: c.high,
      })),
  };
}

/** The event's page on a Faultline site, and its record in the API. */
export function evidenceLinks(
  site: string,
  eventId: string,
): { readonly page: string; readonly api: string } {
  const base = site.replace(/\/+$/, '');
  const id = encodeURIComponent(eventId);
  return { page: `${base}/#/event/${id}`, api: `${base}/api/events/${id}` };
}

/** An evidence event in one line: where, when, its figures and every claimant's. */
export function describeEvidence(e: AlertEvidence): string {
  const where = [e.place, e.admin2, e.admin1].filter((x, i, all) => x && all.indexOf(x) === i).join(', ');
  const f = e.fatalities;
  const figures = f
    ? ` killed ${f.best} (low ${f.low}, high ${f.high}${e.contested ? '; contested, the reconciled best figure read' : ''})`
    : ' no fatality figure';
  const claims = (e.claims ?? []).map((c) => `${c.claimant} (${c.claimantKind}, ${c.stance}) ${c.best}`);
  const actor = e.actor ? ` by ${e.actor}` : '';
  return `${e.eventId} ${e.date} ${where || '?'}${actor}:${figures}${claims.length > 0 ? ` — ${claims.join('; ')}` : ''}`;
}
