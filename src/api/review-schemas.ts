import { Type, type Static } from '@sinclair/typebox';
import type { EventRecord } from '../domain/event-record.js';
import { REVIEW_REASONS, type ReviewReason } from '../domain/review-reasons.js';
import { EDITABLE_FIELDS } from '../domain/review.js';
import { EventRecordSchema } from './event-schemas.js';

const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
const Version = Type.Integer({
  minimum: 1,
  description: 'The event version read; a stale one gets 409 FL_ERR_CONFLICT.',
});
const Reason = Type.Optional(
  Type.String({ maxLength: 2000, description: 'Why, for the record (optional).' }),
);

export const FieldLockSchema = Type.Object({
  field: Type.String(),
  value: Type.Unknown(),
  /** The machine's value of the latest extraction and resolution. */
  machine: Type.Unknown(),
  /** True when the machine now reads the field otherwise than the person set it. */
  disagrees: Type.Boolean(),
  setBy: Type.String(),
  setAt: Type.String(),
});

export const EventReviewSchema = Type.Object({
  eventId: Type.String(),
  version: Type.Integer(),
  reviewed: Type.Boolean(),
  reviewedBy: NullableString,
  reviewedAt: NullableString,
  notIncident: Type.Boolean(),
  locks: Type.Array(FieldLockSchema),
});
export type EventReviewWire = Static<typeof EventReviewSchema>;

export const EventEditSchema = Type.Object({
  id: Type.Integer(),
  eventId: Type.String(),
  at: Type.String(),
  by: Type.String(),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  action: Type.String(),
  field: NullableString,
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: NullableString,
});
export type EventEditWire = Static<typeof EventEditSchema>;

export const EventHistorySchema = Type.Object({
  review: EventReviewSchema,
  edits: Type.Array(EventEditSchema),
});
export type EventHistory = Static<typeof EventHistorySchema>;

/** What every review write answers: the event as now stored and its review. */
export const ReviewedEventSchema = Type.Object({ event: EventRecordSchema, review: EventReviewSchema });
/** The record as the domain types it (the schema's arrays are mutable, the domain's read-only). */
export interface ReviewedEvent {
  readonly event: EventRecord;
  readonly review: EventReviewWire;
}

export const ReviewQueueQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ReviewQueueQuery = Static<typeof ReviewQueueQuerySchema>;

export const ReviewQueueSchema = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      event: EventRecordSchema,
      version: Type.Integer(),
      reasons: Type.Array(Type.Union(REVIEW_REASONS.map((r) => Type.Literal(r)))),
    }),
  ),
});
export interface ReviewQueue {
  readonly total: number;
  readonly items: readonly {
    readonly event: EventRecord;
    readonly version: number;
    readonly reasons: readonly ReviewReason[];
  }[];
}

export const EditBodySchema = Type.Object(
  {
    version: Version,
    reason: Reason,
    fields: Type.Record(Type.String(), Type.Unknown(), {
      description: `New values by field (${EDITABLE_FIELDS.join(', ')}); an object is laid over the current one; an actor may be given by its name, an alias or an acronym in the actor table ('' for none).`,
      minProperties: 1,
    }),
  },
  { additionalProperties: false },
);
export type EditBody = Static<typeof EditBodySchema>;

export const DecisionBodySchema = Type.Object(
  { version: Version, reason: Reason },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBodySchema>;

export const MergeBodySchema = Type.Object(
  {
    version: Version,
    other: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The event merged into this one (it goes).',
    }),
    otherVersion: Version,
    reason: Reason,
  },
  { additionalProperties: false },
);
export type MergeBody = Static<typeof MergeBodySchema>;

export const SplitBodySchema = Type.Object(
  {
    version: Version,
    docId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "Take this document's reports out." }),
    ),
    mentionIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 200 }),
    ),
    reason: Reason,
  },
  { additionalProperties: false },
);
export type SplitBody = Static<typeof SplitBodySchema>;

export const BestClaimBodySchema = Type.Object(
  {
    version: Version,
    claim: Type.Integer({ minimum: 0, description: "The index of the claim in the event's claims." }),
    reason: Reason,
  },
  { additionalProperties: false },
);
export type BestClaimBody = Static<typeof BestClaimBodySchema>;
