import { describeRule, evidenceLinks, type AlertFiring, type AlertRule } from '../domain/index.js';

/** The kind of every payload so far; a receiver can refuse kinds it does not know. */
export const FIRING_EVENT = 'alert.fired';

/**
 * The JSON a webhook receives for one firing: the rule, the window, why it fired and the evidence, each event with
 * its figures (low / best / high and every claimant's) and links to its page and its API record on `site`.
 * The same delivery sends the same body on every attempt, so a receiver can de-duplicate by `delivery`.
 */
export function webhookPayload(input: {
  readonly deliveryId: string;
  readonly rule: AlertRule | null;
  readonly firing: AlertFiring;
  readonly site: string;
}): object {
  const { rule, firing, site } = input;
  return {
    event: FIRING_EVENT,
    delivery: input.deliveryId,
    rule: rule
      ? {
          id: rule.id,
          description: describeRule(rule),
          admin1: rule.admin1,
          admin2: rule.admin2,
          actor: rule.actor,
          type: rule.type,
          minFatalities: rule.minFatalities,
          escalation: rule.escalation,
        }
      : { id: firing.ruleId },
    window: { week: firing.window, from: firing.period?.from ?? null, to: firing.period?.to ?? null },
    firedAt: firing.firedAt,
    reason: firing.reason,
    escalation: firing.escalation ?? null,
    evidence: firing.evidence.map((e) => ({
      ...e,
      claims: e.claims ?? [],
      links: evidenceLinks(site, e.eventId),
    })),
  };
}
