import type { Generated } from 'kysely';

/**
 * Row types of the store's tables, shared by SQLite and PostgreSQL. JSON lives in text columns and booleans in
 * integer columns (0/1) in both, so the code that reads and writes rows is the same for the two backends.
 * PostgreSQL returns bigint columns (the `seq`/serial ids) as strings: readers convert with `toNumber`.
 */
export type BigintColumn = Generated<number | string>;

export interface DocumentsTable {
  /** Ingestion order, for keyset paging. */
  seq: BigintColumn;
  id: string;
  url: string | null;
  title: string | null;
  publisher: string | null;
  published: string | null;
  published_source: string;
  language: string;
  text: string;
  /** `text.length` (UTF-16 units) as JavaScript counts it, so listing need not read the text. */
  length: number;
  origin: string;
  ingested_at: string;
  extractor_version: string | null;
  /** FramingMarkers as JSON, set by saveExtraction. */
  framing: string | null;
}

export interface MentionsTable {
  id: string;
  doc_id: string;
  idx: number;
  operation_key: string | null;
  date_start: string;
  date_end: string;
  date_precision: string;
  location_name: string | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  place_precision: string | null;
  place_id: string | null;
  event_type: string;
  sub_event_type: string;
  weapon: string;
  target: string;
  /** ActorRef as JSON, or null. */
  actor1: string | null;
  actor2: string | null;
  /** Span[] as JSON. */
  evidence: string;
  /** FieldProvenance[] as JSON. */
  provenance: string;
  confidence: number;
  event_id: string | null;
  /** 1 from saveExtraction until replaceResolution plans the mention (migration 0005), else 0. */
  unresolved: number;
  /** 1 when the date can tie the mention to another report (isLinkableDate), else 0 (migration 0006). */
  linkable: number;
}

export type ClaimScope = 'mention' | 'operation';

export interface ClaimsTable {
  id: BigintColumn;
  mention_id: string;
  doc_id: string;
  scope: ClaimScope;
  /** Position within the mention's claims (or operation claims). */
  ord: number;
  claimant: string;
  claimant_kind: string;
  stance: string;
  metric: string;
  category: string;
  low: number;
  high: number;
  best: number;
  approximate: number;
  quote: string;
  span_start: number;
  span_end: number;
  rule_id: string;
}

export interface AggregateStatisticsTable {
  id: BigintColumn;
  doc_id: string;
  ord: number;
  source: string;
  period: string;
  area: string;
  metric: string;
  value: string;
  span_start: number;
  span_end: number;
  rule_id: string;
}

export interface EventsTable {
  id: string;
  operation_id: string | null;
  date_start: string;
  date_end: string;
  date_precision: string;
  location_name: string | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  place_precision: string | null;
  event_type: string;
  sub_event_type: string;
  actor1_name: string | null;
  actor2_name: string | null;
  fatalities_low: number | null;
  fatalities_best: number | null;
  fatalities_high: number | null;
  /** The full EventRecord as JSON. */
  record: string;
  created_at: string;
  updated_at: string;
  /** 1 when the claims disagree on fatalities (low < high), else 0. */
  contested: Generated<number>;
  /** string[] as JSON. */
  mention_ids: Generated<string>;
  /** MergeDecision[] as JSON. */
  decisions: Generated<string>;
  /** Lower-cased (by JavaScript) admin1, admin2 and actor names, for case-insensitive filters. */
  admin1_key: string | null;
  admin2_key: string | null;
  actor1_key: string | null;
  actor2_key: string | null;
  /** fatalities_best, or -1 when unknown: the sort key of `sort: 'fatalities'`. */
  fatalities_rank: Generated<number>;
  /** Distinct publishers among the event's sources. */
  publisher_count: Generated<number>;
  /** ISO week of date_start, 'YYYY-Www'. */
  date_week: string | null;
  /** Days from date_start to date_end (0 for one day): bounds how far before a window an overlap can start. */
  date_span: Generated<number>;
  /** The `event_changes` number of the resolution that last wrote the event (migration 0016). */
  change_seq: BigintColumn;
  /** Grows with every write of the event that changes its record, and with every review (migration 0019). */
  version: Generated<number | string>;
}

export interface EventSourcesTable {
  event_id: string;
  doc_id: string;
  /** The source's publisher lower-cased by JavaScript. */
  publisher_key: string | null;
}

/**
 * One row per event: the folded words it is found by (search-text.ts), under each backend's full-text index
 * (migration 0007). PostgreSQL adds a generated tsvector column that no query here names.
 */
export interface EventSearchTable {
  id: BigintColumn;
  event_id: string;
  body: string;
}

export interface OperationsTable {
  id: string;
  record: string;
}

export interface PublishersTable {
  name: string;
  profile: string;
}

export interface GazetteerPlacesTable {
  id: string;
  name: string;
  ascii_name: string;
  /** string[] as JSON. */
  alternate_names: string;
  lat: number;
  lon: number;
  feature_class: string;
  feature_code: string;
  country: string;
  admin1_code: string;
  admin2_code: string;
  admin1_name: string | null;
  admin2_name: string | null;
  population: number | string;
}

/** A feed `watch` polls (migration 0010). Times are ISO instants. */
export interface FeedsTable {
  url: string;
  publisher: string | null;
  every_seconds: number;
  added_at: string;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  next_poll_at: string;
  status: string;
  last_error: string | null;
  items_seen: Generated<number>;
  items_stored: Generated<number>;
}

/** An alert rule (migration 0011): the AlertRule as JSON. */
export interface AlertRulesTable {
  id: string;
  rule: string;
  created_at: string;
}

/** A rule's firing in one window (migration 0011): the AlertFiring as JSON. */
export interface AlertFiringsTable {
  rule_id: string;
  window: string;
  fired_at: string;
  firing: string;
}

/** A user (migration 0013); `role` is a Role, `password_hash` an scrypt hash or null (tokens only). */
export interface UsersTable {
  id: BigintColumn;
  name: string;
  role: string;
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
}

/** An API token (migration 0013): a digest of its secret, never the secret. */
export interface ApiTokensTable {
  id: string;
  user_id: number | string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A sign-in session (migration 0013): a digest of the id its cookie carries. */
export interface SessionsTable {
  id_hash: string;
  user_id: number | string;
  created_at: string;
  expires_at: string;
}

/** One counter per name (migration 0016): 'events' is bumped by every resolution, see `change_seq`. */
export interface EventChangesTable {
  name: string;
  value: number | string;
}

/** An event that a change removed (migration 0022), for readers that follow the change feed. */
export interface EventRemovalsTable {
  change_seq: BigintColumn;
  event_id: string;
}

/** A webhook every new firing is POSTed to (migration 0015). */
export interface WebhooksTable {
  id: string;
  url: string;
  secret: string;
  site: string;
  allow_private: number;
  created_at: string;
}

/** A firing on its way to one webhook (migration 0015). */
export interface AlertDeliveriesTable {
  id: string;
  webhook_id: string;
  rule_id: string;
  window: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
}

/** One POST of a delivery (migration 0015). */
export interface AlertDeliveryAttemptsTable {
  delivery_id: string;
  attempt: number;
  at: string;
  http_status: number | null;
  error: string | null;
  duration_ms: number;
}

/** A person's review of an event (migration 0019); outlives every rewrite of the event. */
export interface EventReviewsTable {
  event_id: string;
  reviewed: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  not_incident: number;
  updated_at: string;
}

/** A field a person set, as JSON, with the machine's latest value beside it (migration 0019). */
export interface EventLocksTable {
  event_id: string;
  field: string;
  value: string;
  machine: string;
  set_by: string;
  set_at: string;
}

/** One change to an event, in the order made (migration 0019); before and after are JSON. */
export interface EventEditsTable {
  id: Generated<number | string>;
  event_id: string;
  at: string;
  user_id: number | string | null;
  by_name: string;
  action: string;
  field: string | null;
  before: string;
  after: string;
  reason: string | null;
}

/** A merge or split a person made (migration 0019); its mentions in resolution_override_mentions. */
export interface ResolutionOverridesTable {
  id: Generated<number | string>;
  kind: string;
  event_id: string;
  by_name: string;
  at: string;
}

export interface ResolutionOverrideMentionsTable {
  override_id: number | string;
  mention_id: string;
}

/** Who holds a host's one request slot and when its next request may start (migration 0017), in ms. */
export interface HostSlotsTable {
  host: string;
  holder: string | null;
  busy_until_ms: number | string;
  next_at_ms: number | string;
}

/**
 * Events and fatalities per start day, end day and the dimensions of one grain (migration 0018, see
 * trend-rollup.ts); '' stands for a missing value and for a dimension the grain does not keep.
 */
export interface TrendRollupTable {
  grain: number;
  day: string;
  end_day: string;
  admin1_key: string;
  admin2_key: string;
  admin2: string;
  event_type: string;
  actor1_key: string;
  actor1_name: string;
  /** The facet grain's facet (trend-rollup.ts: `a:` actor, `c:` contested, `s:` sub-event type); '' elsewhere. */
  facet: string;
  events: number;
  fatalities: number;
}

export interface Database {
  documents: DocumentsTable;
  mentions: MentionsTable;
  claims: ClaimsTable;
  aggregate_statistics: AggregateStatisticsTable;
  events: EventsTable;
  event_sources: EventSourcesTable;
  event_search: EventSearchTable;
  operations: OperationsTable;
  publishers: PublishersTable;
  gazetteer_places: GazetteerPlacesTable;
  feeds: FeedsTable;
  alert_rules: AlertRulesTable;
  alert_firings: AlertFiringsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  event_changes: EventChangesTable;
  event_removals: EventRemovalsTable;
  webhooks: WebhooksTable;
  alert_deliveries: AlertDeliveriesTable;
  alert_delivery_attempts: AlertDeliveryAttemptsTable;
  event_reviews: EventReviewsTable;
  event_locks: EventLocksTable;
  event_edits: EventEditsTable;
  resolution_overrides: ResolutionOverridesTable;
  resolution_override_mentions: ResolutionOverrideMentionsTable;
  host_slots: HostSlotsTable;
  trend_rollup: TrendRollupTable;
}

/** Converts a count or bigint column value (a string from pg, a number from SQLite) to a number. */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}
