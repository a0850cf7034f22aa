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

/** One event behind a firing, with the figures that made it count. */
export interface AlertEvidence {
  readonly eventId: string;
  readonly date: string;
  readonly place: string | null;
  /** The reconciled fatalities (low / best / high): a contested figure fires on its best, and says so. */
  readonly fatalities: { readonly low: number; readonly best: number; readonly high: number } | null;
}

/** A rule's firing in one window: at most one per rule and window. */
export interface AlertFiring {
  readonly ruleId: string;
  /** The ISO week it fired for ('2025-W19'). */
  readonly window: string;
  readonly firedAt: string;
  /** Why, in a sentence a reader can check against the evidence. */
  readonly reason: string;
  readonly evidence: readonly AlertEvidence[];
}
