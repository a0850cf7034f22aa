import { Type, type Static } from '@sinclair/typebox';

// type arrays rather than anyOf: fast-json-stringify serialises them without trying each branch
const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
const NullableNumber = Type.Unsafe<number | null>({ type: ['number', 'null'] });
const Span = Type.Tuple([Type.Integer(), Type.Integer()]);

export const FigureSchema = Type.Object({
  low: Type.Number(),
  best: Type.Number(),
  high: Type.Number(),
});

export const DateRangeSchema = Type.Object({
  start: Type.String(),
  end: Type.String(),
  precision: Type.String(),
});

export const ClaimSchema = Type.Object({
  claimant: Type.String(),
  claimant_kind: Type.String(),
  stance: Type.String(),
  metric: Type.String(),
  category: Type.String(),
  low: Type.Number(),
  high: Type.Number(),
  best: Type.Number(),
  approximate: Type.Boolean(),
  quote: Type.String(),
  doc_id: Type.String(),
  span: Span,
});

export const CasualtySchema = Type.Object({
  metric: Type.String(),
  category: Type.String(),
  low: Type.Number(),
  best: Type.Number(),
  high: Type.Number(),
});

/** The design's event record on the wire (the same shape as `events --format jsonl`). */
export const EventRecordSchema = Type.Object({
  id: Type.String(),
  operation_id: NullableString,
  doc_ids: Type.Array(Type.String()),
  date: DateRangeSchema,
  location: Type.Union([
    Type.Object({
      name: Type.String(),
      admin2: NullableString,
      admin1: NullableString,
      country: Type.String(),
      lat: NullableNumber,
      lon: NullableNumber,
      precision: Type.String(),
    }),
    Type.Null(),
  ]),
  event_type: Type.String(),
  sub_event_type: Type.String(),
  weapon: Type.String(),
  target: Type.String(),
  actor1: Type.Union([
    Type.Object({ name: Type.String(), type: NullableString, claimed: Type.Boolean() }),
    Type.Null(),
  ]),
  actor2: Type.Union([Type.Object({ name: Type.String(), type: NullableString }), Type.Null()]),
  fatalities: Type.Union([FigureSchema, Type.Null()]),
  injured: Type.Union([FigureSchema, Type.Null()]),
  casualties: Type.Array(CasualtySchema),
  claims: Type.Array(ClaimSchema),
  sources: Type.Array(
    Type.Object({
      doc_id: Type.String(),
      publisher: NullableString,
      url: NullableString,
      published: NullableString,
    }),
  ),
  evidence: Type.Array(Type.Object({ doc_id: Type.String(), span: Span, text: Type.String() })),
  notes: Type.String(),
  confidence: Type.Number(),
  // optional on the wire: events stored before the field existed lack it until they are re-resolved
  background: Type.Optional(
    Type.Boolean({ description: 'An incident its reports only recall, weeks or more before publication.' }),
  ),
  // present once a person decided anything about the event (confirmed, dismissed, edited)
  reviewed: Type.Optional(
    Type.Boolean({ description: 'A person confirmed the event (or judged it no incident).' }),
  ),
  reviewed_by: Type.Optional(NullableString),
  reviewed_at: Type.Optional(NullableString),
  not_incident: Type.Optional(
    Type.Boolean({ description: 'A person judged that its reports describe no incident.' }),
  ),
});
export type EventRecordWire = Static<typeof EventRecordSchema>;

export const EventListSchema = Type.Object({
  /** Exact up to a threshold (1,000); past it an estimate, and then `totalIsEstimate` is true. */
  total: Type.Integer(),
  totalIsEstimate: Type.Boolean(),
  /** Pass as `after` for the page that follows; null on the last page. */
  next: NullableString,
  items: Type.Array(EventRecordSchema),
});
export type EventList = Static<typeof EventListSchema>;

/**
 * One event as the map and the timeline need it, in a positional tuple so that tens of thousands fit in one
 * response: [id, lat, lon, date start, event type, fatalities best (or null), admin2, location precision, admin1,
 * date precision].
 */
export const EventPointSchema = Type.Tuple([
  Type.String(),
  NullableNumber,
  NullableNumber,
  Type.String(),
  Type.String(),
  NullableNumber,
  NullableString,
  Type.String(),
  NullableString,
  Type.String(),
]);
export type EventPoint = Static<typeof EventPointSchema>;

export const EventPointsSchema = Type.Object({
  total: Type.Integer(),
  truncated: Type.Boolean(),
  points: Type.Array(EventPointSchema),
});
export type EventPoints = Static<typeof EventPointsSchema>;

export const MergeDecisionSchema = Type.Object({
  mentionId: Type.String(),
  eventId: Type.String(),
  joined: Type.Boolean(),
  comparedWith: NullableString,
  score: Type.Number(),
  threshold: Type.Number(),
  features: Type.Array(Type.Object({ name: Type.String(), score: Type.Number(), detail: Type.String() })),
  /** Set when a person's merge or split put the report here. */
  person: Type.Optional(Type.String()),
});

export const OperationSchema = Type.Object({
  id: Type.String(),
  event_ids: Type.Array(Type.String()),
  doc_ids: Type.Array(Type.String()),
  date: DateRangeSchema,
  country: NullableString,
  admin1: NullableString,
  actor1: NullableString,
  claims: Type.Array(ClaimSchema),
  casualties: Type.Array(CasualtySchema),
  fatalities: Type.Union([FigureSchema, Type.Null()]),
  injured: Type.Union([FigureSchema, Type.Null()]),
  notes: Type.String(),
});
export type OperationWire = Static<typeof OperationSchema>;

/** A row of an event's claims table: the claim with its outlet and which reconciled figure it set. */
export const ClaimRowSchema = Type.Composite([
  ClaimSchema,
  Type.Object({
    publisher: NullableString,
    published: NullableString,
    /** Which of the event's fatalities figures this claim gives: any of 'low', 'best', 'high'. */
    sets: Type.Array(Type.String()),
  }),
]);
export type ClaimRow = Static<typeof ClaimRowSchema>;

/** A source document of an event with the spans of its clean text to highlight. */
export const EventSourceSchema = Type.Object({
  doc_id: Type.String(),
  title: NullableString,
  publisher: NullableString,
  url: NullableString,
  published: NullableString,
  text: Type.String(),
  highlights: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), kind: Type.String() })),
});
export type EventSource = Static<typeof EventSourceSchema>;

export const EventDetailSchema = Type.Object({
  event: EventRecordSchema,
  decisions: Type.Array(MergeDecisionSchema),
  claims: Type.Array(ClaimRowSchema),
  operation: Type.Union([OperationSchema, Type.Null()]),
  documents: Type.Array(EventSourceSchema),
});
export type EventDetail = Static<typeof EventDetailSchema>;
