/** A standing question an analyst asks of every new event: the filters it watches and what makes it fire. */
export interface AlertRule {
  readonly id: string;
  readonly admin1: string | null;
  readonly admin2: string | null;
  readonly actor: string | null;
  readonly type: string | null;
  /** Fires on an event whose reconciled best fatality figure is at least this. */
  readonly minFatalities: number | null;
  /** Fires when the watched district's (or actor's) week is this unlikely against its history (docs/trends.md). */
  readonly escalation: number | null;
  readonly createdAt: string;
}

/** One claimant's fatality figure for an evidence event, as the event's claims table holds it. */
export interface EvidenceClaim {
  readonly claimant: string;
  readonly claimantKind: string;
  readonly stance: string;
  readonly low: number;
  readonly best: number;
  readonly high: number;
}

/** One event behind a firing, with the figures that made it count. */
export interface AlertEvidence {
  readonly eventId: string;
  readonly date: string;
  readonly place: string | null;
  readonly admin2?: string | null;
  readonly admin1?: string | null;
  readonly eventType?: string | null;
  readonly subEventType?: string | null;
  readonly actor?: string | null;
  /** The reconciled fatalities (low / best / high): a contested figure fires on its best, and says so. */
  readonly fatalities: { readonly low: number; readonly best: number; readonly high: number } | null;
  /** True when the claimants disagree (low and high differ). */
  readonly contested?: boolean;
  /** How the figure the rule read was chosen, when that needs saying (a contested figure), else null. */
  readonly basis?: string | null;
  /** Every claim of killed behind the figures, with its claimant. */
  readonly claims?: readonly EvidenceClaim[];
}

/** The statistic an escalation rule fired on (docs/trends.md). */
export interface EscalationEvidence {
  readonly key: string;
  readonly current: number;
  readonly baseline: number;
  readonly probability: number;
  readonly threshold: number;
}

/** A rule's firing in one window: at most one per rule and window. */
export interface AlertFiring {
  readonly ruleId: string;
  /** The ISO week it fired for ('2025-W19'). */
  readonly window: string;
  /** The window's first and last days (YYYY-MM-DD), absent on firings stored before they were kept. */
  readonly period?: { readonly from: string; readonly to: string };
  readonly firedAt: string;
  /** Why, in a sentence a reader can check against the evidence. */
  readonly reason: string;
  readonly evidence: readonly AlertEvidence[];
  /** For an escalation rule: the statistic it crossed. */
  readonly escalation?: EscalationEvidence;
}

/** A receiver every new firing is POSTed to, signed with its secret. */
export interface Webhook {
  readonly id: string;
  /** http or https. */
  readonly url: string;
  /** The HMAC-SHA256 key of the signature header; never printed after it is set. */
  readonly secret: string;
  /** The address of the Faultline web page the payload's links point at ('http://127.0.0.1:8080'). */
  readonly site: string;
  /** The receiver may be on a private, loopback or link-local address. */
  readonly allowPrivate: boolean;
  readonly createdAt: string;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One POST of a firing to a webhook: its answer or why there was none. */
export interface DeliveryAttempt {
  readonly attempt: number;
  readonly at: string;
  /** The HTTP status the receiver answered, or null when it did not answer. */
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** A firing on its way to one webhook: pending until a 2xx (delivered) or the last attempt (failed). */
export interface AlertDelivery {
  readonly id: string;
  readonly webhookId: string;
  readonly url: string;
  readonly ruleId: string;
  readonly window: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** When the next attempt is due (pending), else when it ended. */
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly createdAt: string;
}
