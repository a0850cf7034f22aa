import { evidenceOf, type AlertFiring, type AlertRule, type EventRecord } from '../domain/index.js';
import { isoWeek, isoWeekBounds as weekOf, windowsEnding } from '../store/iso-week.js';
import type { EventQuery, Store } from '../store/store.js';
import { rankEscalations } from '../trends/escalation.js';

/** Events read for one rule's window at most: a firing's evidence, not an export. */
const WINDOW_EVENTS = 200;
/** Weeks of history an escalation rule weighs the latest week against (as `trends` does by default). */
const HISTORY_WEEKS = 26;
const DAY_MS = 86_400_000;

/** The filters a rule watches, as an event query. */
export function ruleQuery(rule: AlertRule): EventQuery {
  return {
    ...(rule.admin1 !== null ? { admin1: rule.admin1 } : {}),
    ...(rule.admin2 !== null ? { admin2: rule.admin2 } : {}),
    ...(rule.actor !== null ? { actor: rule.actor } : {}),
    ...(rule.type !== null ? { type: rule.type } : {}),
  };
}

async function eventsOf(store: Store, query: EventQuery): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  for await (const e of store.queryEvents({ ...query, sort: '-date', limit: WINDOW_EVENTS }))
    out.push(e.record);
  return out;
}

/** Why the rule fires in the week of `day`, with its evidence, or null. */
async function judge(
  store: Store,
  rule: AlertRule,
  day: string,
): Promise<Pick<AlertFiring, 'reason' | 'evidence' | 'escalation'> | null> {
  const query = ruleQuery(rule);
  const events = await eventsOf(store, { ...query, ...weekOf(day) });
  if (events.length === 0) return null;
  if (rule.minFatalities !== null) {
    const min = rule.minFatalities;
    const hits = events.filter((e) => (e.fatalities?.best ?? 0) >= min);
    if (hits.length === 0) return null;
    const contested = hits.filter((e) => e.fatalities && e.fatalities.low !== e.fatalities.high).length;
    const note = contested > 0 ? ` (the reconciled best figure; ${contested} of them contested)` : '';
    return {
      reason: `${hits.length} event${hits.length === 1 ? '' : 's'} with at least ${min} killed${note}`,
      evidence: hits.map(evidenceOf),
    };
  }
  if (rule.escalation !== null) {
    const by = rule.admin2 !== null ? 'district' : rule.actor !== null ? 'actor' : 'type';
    const periods = windowsEnding(day, 'week', HISTORY_WEEKS);
    const from = weekOf(
      new Date(Date.parse(`${day}T00:00:00Z`) - HISTORY_WEEKS * 7 * DAY_MS).toISOString().slice(0, 10),
    ).from;
    const rows = await store.eventSeries({ ...query, from, to: weekOf(day).to }, by, 'week');
    const ranked = rankEscalations(rows, periods, rule.escalation).filter((r) => r.escalating);
    const top = ranked[0];
    if (!top) return null;
    return {
      reason: `${top.key}: ${top.current} events this week against ${top.baseline.toFixed(2)} a week before (P = ${top.probability.toExponential(1)})`,
      evidence: events.map(evidenceOf),
      escalation: {
        key: top.key,
        current: top.current,
        baseline: top.baseline,
        probability: top.probability,
        threshold: rule.escalation,
      },
    };
  }
  return {
    reason: `${events.length} event${events.length === 1 ? '' : 's'}`,
    evidence: events.map(evidenceOf),
  };
}

/**
 * Evaluates every rule on the week of its latest matching event and stores each new firing: a rule fires at most
 * once per week (the store keeps the first), so a run over a busy week alerts once. Returns the new firings.
 */
export async function evaluateAlerts(store: Store, now: () => Date): Promise<AlertFiring[]> {
  const fired: AlertFiring[] = [];
  for (const rule of await store.listAlertRules()) {
    let latest: string | null = null;
    for await (const e of store.queryEvents({ ...ruleQuery(rule), sort: '-date', limit: 1 }))
      latest = e.record.date.start;
    if (latest === null) continue;
    const verdict = await judge(store, rule, latest);
    if (!verdict) continue;
    const firing: AlertFiring = {
      ruleId: rule.id,
      window: isoWeek(latest) ?? latest,
      period: weekOf(latest),
      firedAt: now().toISOString(),
      ...verdict,
    };
    if (await store.recordFiring(firing)) fired.push(firing);
  }
  return fired;
}
