import { Type, type Static } from '@sinclair/typebox';
import { DELIVERY_STATUSES } from '../domain/alert.js';

const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
const NullableNumber = Type.Unsafe<number | null>({ type: ['number', 'null'] });
const Figure = Type.Object({ low: Type.Number(), best: Type.Number(), high: Type.Number() });

export const AlertsQuerySchema = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Firings to return, newest first' }),
  ),
});
export type AlertsQuery = Static<typeof AlertsQuerySchema>;

export const AlertRuleSchema = Type.Object({
  id: Type.String(),
  description: Type.String({ description: 'What the rule watches, in words' }),
  admin1: NullableString,
  admin2: NullableString,
  actor: NullableString,
  type: NullableString,
  minFatalities: NullableNumber,
  escalation: NullableNumber,
  createdAt: Type.String(),
});

export const AlertEvidenceSchema = Type.Object({
  eventId: Type.String(),
  date: Type.String(),
  place: NullableString,
  admin2: NullableString,
  admin1: NullableString,
  eventType: NullableString,
  subEventType: NullableString,
  actor: NullableString,
  fatalities: Type.Union([Figure, Type.Null()], { description: 'The reconciled fatalities' }),
  contested: Type.Boolean({
    description: 'The claimants disagree: the rule read the reconciled best figure',
  }),
  basis: Type.Union([Type.String(), Type.Null()], {
    description: 'How the figure read was chosen, when contested',
  }),
  claims: Type.Array(
    Type.Object({
      claimant: Type.String(),
      claimantKind: Type.String(),
      stance: Type.String(),
      low: Type.Number(),
      best: Type.Number(),
      high: Type.Number(),
    }),
  ),
  links: Type.Object({ page: Type.String(), api: Type.String() }),
});

export const DeliverySchema = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  /** The receiver's scheme, host and port only: a webhook's path often carries a token. */
  host: Type.String({
    description: "The receiver's origin (its path, which may hold a token, is not shown)",
  }),
  status: Type.Union(DELIVERY_STATUSES.map((s) => Type.Literal(s))),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String({ description: 'When the next attempt is due (pending), else when it ended' }),
  lastError: NullableString,
  log: Type.Array(
    Type.Object({
      attempt: Type.Integer(),
      at: Type.String(),
      httpStatus: Type.Union([Type.Integer(), Type.Null()]),
      error: NullableString,
      durationMs: Type.Number(),
    }),
  ),
});

export const AlertFiringSchema = Type.Object({
  ruleId: Type.String(),
  rule: Type.Union([Type.String(), Type.Null()], { description: "The rule's description, null if removed" }),
  window: Type.String({ description: "The ISO week it fired for ('2025-W19')" }),
  from: NullableString,
  to: NullableString,
  firedAt: Type.String(),
  reason: Type.String(),
  escalation: Type.Union([
    Type.Object({
      key: Type.String(),
      current: Type.Number(),
      baseline: Type.Number(),
      probability: Type.Number(),
      threshold: Type.Number(),
    }),
    Type.Null(),
  ]),
  evidence: Type.Array(AlertEvidenceSchema),
  deliveries: Type.Array(DeliverySchema),
});

export const AlertsSchema = Type.Object({
  rules: Type.Array(AlertRuleSchema),
  firings: Type.Array(AlertFiringSchema),
});
export type AlertsWire = Static<typeof AlertsSchema>;
