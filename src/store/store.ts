import type {
  AggregateStatistic,
  AlertDelivery,
  AlertFiring,
  AlertRule,
  ApiToken,
  DeliveryAttempt,
  DeliveryStatus,
  Webhook,
  Document,
  EditableField,
  Editor,
  EventEdit,
  EventRecord,
  EventReview,
  FramingMarkers,
  MergeDecision,
  MetadataField,
  Mention,
  OperationRecord,
  PublisherProfile,
  ResolvableMention,
  ResolutionOverride,
  Role,
  SourceInfo,
  User,
} from '../domain/index.js';

/** What happened to one document handed to `saveDocuments`. */
export type SaveOutcome = 'stored' | 'present';

export interface SavedDocument {
  readonly id: string;
  readonly outcome: SaveOutcome;
}

/** Metadata offered for a stored document: a null field is absent, and never blanks the stored value. */
export type DocumentMetadata = Pick<Document, MetadataField | 'publishedSource'>;

/** A source document of the events matching a query, with how many of those events it supports. */
export interface EventDocument {
  readonly id: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
  readonly events: number;
}

/** A document as listed, without its text unless asked for. */
export interface DocumentSummary {
  readonly id: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
  readonly publishedSource: Document['publishedSource'];
  readonly language: string;
  readonly origin: string;
  readonly length: number;
  readonly ingestedAt: string;
  readonly text?: string;
}

/** Everything extraction produced for one document, stored together. */
export interface ExtractionRecord {
  readonly docId: string;
  readonly mentions: readonly Mention[];
  readonly aggregates: readonly AggregateStatistic[];
  readonly framing: FramingMarkers;
  /** Version of the extractor, so that a newer one can re-extract stale documents. */
  readonly extractorVersion: string;
}

/** A gazetteer place imported from a GeoNames dump (see `gazetteer import`). */
export interface GazetteerRow {
  readonly id: string;
  readonly name: string;
  readonly asciiName: string;
  readonly alternateNames: readonly string[];
  readonly lat: number;
  readonly lon: number;
  readonly featureClass: string;
  readonly featureCode: string;
  readonly country: string;
  readonly admin1Code: string;
  readonly admin2Code: string;
  readonly admin1Name: string | null;
  readonly admin2Name: string | null;
  readonly population: number;
}

/** A resolved event as stored: its record, the mentions it gathers and the decisions that gathered them. */
export interface StoredEvent {
  readonly record: EventRecord;
  readonly mentionIds: readonly string[];
  readonly decisions: readonly MergeDecision[];
}

/** Filters of `events`, the API and the exports; every field optional; dates inclusive (YYYY-MM-DD). */
export interface EventQuery {
  readonly from?: string;
  readonly to?: string;
  readonly admin1?: string;
  readonly admin2?: string;
  /** Matches actor1 or actor2 by canonical name, case-insensitively; an acronym given as written in the actor table is resolved by the caller. */
  readonly actor?: string;
  readonly type?: string;
  /** Events with at least one source from this publisher. */
  readonly publisher?: string;
  /** Only events whose claims disagree (fatalities low < high). */
  readonly contested?: boolean;
  readonly operationId?: string;
  /** Only events that this document is a source of. */
  readonly docId?: string;
  /** Only events whose sources come from at least this many publishers. */
  readonly minPublishers?: number;
  /** Also the events a person marked "not an incident"; without it they are left out of every list and count. */
  readonly includeDismissed?: boolean;
  /**
   * Free text: events whose place, actors, types, notes, claims or source sentences hold every word, and every
   * "quoted phrase" as a phrase; case and diacritics ignored. No operators: any text is read as plain words,
   * and text with no word in it (punctuation alone, empty) filters nothing. The order stays the query's sort.
   */
  readonly q?: string;
  readonly sort?: 'date' | '-date' | 'fatalities' | '-fatalities';
  readonly limit?: number;
  readonly offset?: number;
  /** Keyset paging: only events after this one in the query's order (a page's `next`). */
  readonly after?: EventCursor;
}

/**
 * Where a page of events ends in its order: the sort key (date_start for the date orders, the fatalities rank
 * for the others) and the id that breaks ties. The next page starts after it, whatever was skipped to reach it.
 */
export interface EventCursor {
  readonly key: string | number;
  readonly id: string;
}

/** One page of `queryEventPage`: the stored JSON of its records, and the cursor of the next page (null: last). */
export interface EventPage {
  readonly items: readonly string[];
  readonly next: EventCursor | null;
}

/** How many events match: exactly, or, when `estimate`, a sample's extrapolation (past the caller's threshold). */
export interface EventTotal {
  readonly total: number;
  readonly estimate: boolean;
}

export type StatsDimension = 'day' | 'week' | 'month' | 'district' | 'actor' | 'type';

export interface StatsRow {
  readonly key: string;
  readonly events: number;
  readonly fatalities: number;
}

/** Events and fatalities of one key (a district, an actor) in one period (an ISO week or a month). */
export interface SeriesRow {
  readonly key: string;
  readonly period: string;
  readonly events: number;
  readonly fatalities: number;
}

/** The buckets of a trend: a calendar day, an ISO week (YYYY-Www) or a month (YYYY-MM). */
export type TrendInterval = 'day' | 'week' | 'month';

/** What a trend is split by: the district, the first actor or the ACLED event type of each event. */
export type TrendSplit = 'district' | 'actor' | 'type';

/** Events and fatalities (sum of best) of one split key in one bucket; key null: the keys beyond the top, and
 * events with no key (no district, no actor). `key` is the filter key (folded), `name` its stored spelling. */
export interface TrendBucket {
  readonly period: string;
  readonly key: string | null;
  readonly name: string | null;
  readonly events: number;
  readonly fatalities: number;
}

/** The scope re-resolved when new mentions arrive: a blocking key (country, province) and a date window. */
export interface ResolutionScope {
  readonly country: string | null;
  readonly admin1: string | null;
  readonly from: string;
  readonly to: string;
}

/**
 * A resolution input as the store reads it: with the event its mention points at then (null: none), so that a
 * round finds the other reports of the events it re-plans by their ids.
 */
export interface StoredInput extends ResolvableMention {
  readonly eventId: string | null;
}

/**
 * A mention of a resolution window as a key: its id, the event it points at now, and its document's version, a
 * token that changes with every write to the document's row (PostgreSQL's xmin). Every write that changes a
 * document's mentions or claims (an extraction, which replaces them) or its source (publisher, address, date)
 * writes its row, so a mention whose version is the one a caller read it at is, but for its event, the mention
 * it read, claims and source included.
 */
export interface ResolutionKey {
  readonly id: string;
  readonly eventId: string | null;
  readonly version: string;
}

/**
 * A resolution's hold on cells of the store, named by the caller (resolution names a cell by province and a span of
 * days): two resolutions never hold one cell at once. Cells are held until the resolution ends.
 */
export interface CellLocks {
  /** Takes every cell of `keys` not held yet, or none of them: false when another resolution holds one. */
  take(keys: readonly string[]): Promise<boolean>;
}

/** A mention saved by extraction and not yet resolved: where and when, all that resolution's scope needs. */
export interface PendingMention {
  readonly id: string;
  readonly country: string | null;
  readonly admin1: string | null;
  readonly dateStart: string;
  readonly dateEnd: string;
  /** False when its date is too vague to tie it to another report (isLinkableDate): it is re-planned alone. */
  readonly linkable: boolean;
}

/** A feed as `feeds add` registers it. */
export interface NewFeed {
  readonly url: string;
  readonly publisher: string | null;
  readonly everySeconds: number;
}

/** What a feed's last poll gave: 'new' until the first poll, 'not-modified' when the server said so. */
export type FeedStatus = 'new' | 'ok' | 'not-modified' | 'failed';

/** A stored feed with its polling state. */
export interface Feed extends NewFeed {
  readonly addedAt: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly lastPolledAt: string | null;
  readonly nextPollAt: string;
  readonly status: FeedStatus;
  readonly lastError: string | null;
  readonly itemsSeen: number;
  readonly itemsStored: number;
}

/** One poll's outcome, recorded on its feed. Validators absent from a 304 keep their stored values. */
export interface FeedPoll {
  readonly polledAt: string;
  readonly nextPollAt: string;
  readonly status: Exclude<FeedStatus, 'new'>;
  readonly error: string | null;
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  readonly itemsSeen: number;
  readonly itemsStored: number;
}

/** Why a host's request slot was not taken: ms until its holder's lease ends, and until its next request is due. */
export interface HostSlotWait {
  readonly busyMs: number;
  readonly dueMs: number;
}

/** A user as `users add` creates it; `passwordHash` null: the user holds API tokens only. */
export interface NewUser {
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string | null;
}

/** A token as created: its public id and the digest of its secret (see src/auth/secrets.ts). */
export interface NewApiToken {
  readonly id: string;
  readonly userId: number;
  readonly name: string;
  readonly tokenHash: string;
}

/** An event as a resolution last wrote it: its record as stored JSON, and that resolution's change number. */
export interface ChangedEvent {
  readonly change: number;
  readonly json: string;
}

/**
 * One event as an in-memory index of the list holds it (src/server/event-index): the stored filter columns of
 * its row, as `eventFilter` reads them, and its record's JSON.
 */
export interface IndexedEventRow {
  readonly id: string;
  readonly change: number;
  readonly dateStart: string;
  readonly dateEnd: string;
  readonly admin1Key: string | null;
  readonly admin2Key: string | null;
  readonly actor1Key: string | null;
  readonly actor2Key: string | null;
  readonly eventType: string;
  readonly subEventType: string;
  readonly contested: boolean;
  readonly operationId: string | null;
  readonly publisherCount: number;
  readonly fatalitiesRank: number;
  /** A person marked it "not an incident". */
  readonly dismissed: boolean;
  /** Folded publisher names of its sources (null: a source with no publisher), one per document. */
  readonly publisherKeys: readonly (string | null)[];
  readonly docIds: readonly string[];
  readonly json: string;
}

/** Where a read of `listIndexedEvents` goes on from: the last row's change number and id. */
export interface IndexedEventCursor {
  readonly change: number;
  readonly id: string;
}

/** A person's change to fields of one event, made only if the event is still at `version`. */
export interface FieldEdit {
  readonly eventId: string;
  readonly version: number;
  readonly editor: Editor;
  readonly reason: string | null;
  /** The new value of each field changed; each becomes a lock. */
  readonly changes: Readonly<Partial<Record<EditableField, unknown>>>;
  /** 'choose_claim': the figure a person picked among the claims; recorded as its own kind of change. */
  readonly action?: 'edit' | 'choose_claim';
}

/** A person's decision about a whole event. */
export interface EventDecision {
  readonly eventId: string;
  readonly version: number;
  readonly editor: Editor;
  readonly reason: string | null;
  readonly decision: 'confirm' | 'not_incident';
}

/** A merge or split a person asks for, made only if every event it touches is still at the version given. */
export interface NewOverride {
  readonly kind: 'merge' | 'split';
  /** The event the mentions end up in: the kept event of a merge, the new event of a split. */
  readonly eventId: string;
  readonly mentionIds: readonly string[];
  readonly editor: Editor;
  readonly reason: string | null;
  /** The events it touches, each with the version the person saw. */
  readonly events: readonly { readonly id: string; readonly version: number }[];
}

/** One event of the review queue, with the version an edit of it must name. */
export interface QueuedEvent {
  readonly event: StoredEvent;
  readonly version: number;
}

/**
 * The narrow, domain-level store. SQLite and PostgreSQL implement it in mirror-image folders;
 * test/store/store-contract.ts runs one suite against both.
 */
/** A firing's key: its rule and window. */
export interface FiringKey {
  readonly ruleId: string;
  readonly window: string;
}

/** An attempt with the delivery it belongs to. */
export interface DeliveryAttemptRow extends DeliveryAttempt {
  readonly deliveryId: string;
}

/** One attempt of a delivery and the state it leaves the delivery in. */
export interface DeliveryOutcome {
  readonly deliveryId: string;
  readonly attempt: DeliveryAttempt;
  readonly status: DeliveryStatus;
  /** When the next attempt is due (pending), else the attempt's time. */
  readonly nextAttemptAt: string;
}

export interface Store {
  readonly backend: 'sqlite' | 'postgres';

  /**
   * Saves the documents that are not stored yet, in one transaction: either all new ones are stored or none.
   * A document whose id is present is left untouched and reported 'present'.
   */
  saveDocuments(documents: readonly Document[]): Promise<readonly SavedDocument[]>;

  getDocument(id: string): Promise<Document | null>;

  /**
   * In one transaction: writes the given (non-null) fields of `metadata` that differ from the stored document's
   * and returns their names (none: nothing written). A new published date also takes its `publishedSource` and
   * marks the document for re-extraction (`listDocumentsToExtract`), since relative dates resolve against it; a
   * new url, publisher or date marks its mentions unresolved, since their events' sources carry them. A crash
   * after this leaves both for the next run. FL_ERR_NOT_FOUND when the document is not stored.
   */
  updateDocumentMetadata(id: string, metadata: DocumentMetadata): Promise<readonly MetadataField[]>;

  hasDocument(id: string): Promise<boolean>;

  countDocuments(): Promise<number>;

  /** Streams documents in ingestion order, in pages, so that any number can be listed. */
  listDocuments(options?: {
    readonly withText?: boolean;
    readonly pageSize?: number;
  }): AsyncIterable<DocumentSummary>;

  /**
   * Replaces, in one transaction, what extraction stored for a document (mentions, claims, aggregates, framing).
   * Its mentions are marked unresolved in the same transaction (see `listPendingMentions`). The events its old
   * mentions belonged to are let go in that transaction too: an event no other document reports is removed,
   * and the other documents' mentions of the rest (and of an operation that loses an event) are marked
   * unresolved, so that the next resolution re-plans them without the old mentions.
   */
  saveExtraction(record: ExtractionRecord): Promise<void>;

  /** Mentions of one document, in their order. */
  listMentions(docId: string): Promise<readonly Mention[]>;

  /** Documents whose stored extraction is missing or older than `extractorVersion`. */
  listDocumentsToExtract(extractorVersion: string): Promise<readonly string[]>;

  /**
   * Whether a stored document's extraction is missing or older than `extractorVersion` (one document of
   * `listDocumentsToExtract`): a job that extracts it twice finds the second time nothing to do.
   * FL_ERR_NOT_FOUND when the document is not stored.
   */
  needsExtraction(docId: string, extractorVersion: string): Promise<boolean>;

  getFraming(docId: string): Promise<FramingMarkers | null>;

  listAggregates(docId?: string): Promise<readonly AggregateStatistic[]>;

  /** Inserts or replaces gazetteer rows by id; returns how many were written. */
  saveGazetteerRows(rows: readonly GazetteerRow[]): Promise<number>;

  listGazetteerRows(): Promise<readonly GazetteerRow[]>;

  /**
   * The linkable mentions (isLinkableDate), with their documents' metadata and text, whose dates overlap the
   * scope's window in exactly its country and province (null: the mentions without one). Only mentions that
   * start at most LINKABLE_SPAN_DAYS before the window are read, so a read costs the window, not the province.
   * `known`: documents the caller holds already (a round reads many windows of one document's reports), whose
   * sources are taken from it rather than read again.
   */
  listResolutionInputs(
    scope: ResolutionScope,
    known?: ReadonlyMap<string, SourceInfo>,
  ): Promise<readonly StoredInput[]>;

  /**
   * The mentions `listResolutionInputs` would read for the scope, as keys (ResolutionKey), in no set order; null
   * when the backend keeps no row versions (SQLite), without reading anything. A resolving process that keeps
   * the mentions it read reads again only those whose version moved.
   */
  listResolutionKeys(scope: ResolutionScope): Promise<readonly ResolutionKey[] | null>;

  /** Ids of the mentions that the events of `eventIds` hold now, in id order. */
  listEventMentionIds(eventIds: readonly string[]): Promise<readonly string[]>;

  /** Ids of the mentions that share an event with any of `mentionIds` (themselves included), in id order. */
  listCoMentionIds(mentionIds: readonly string[]): Promise<readonly string[]>;

  /** The mentions of `ids` (those that exist), with their documents' metadata and text, in id order; `known` as above. */
  listMentionInputs(
    ids: readonly string[],
    known?: ReadonlyMap<string, SourceInfo>,
  ): Promise<readonly StoredInput[]>;

  /**
   * Where the linkable mentions that share an event or an operation key with any of `mentionIds` lie: scopes by
   * country and province, spanning their dates (a province may come more than once; callers merge them).
   * `operationsOnly`: by operation key alone. Resolution widens its reads to an operation's scopes, so that it
   * never re-plans part of one.
   */
  linkedScopes(
    mentionIds: readonly string[],
    options?: { readonly operationsOnly?: boolean },
  ): Promise<readonly ResolutionScope[]>;

  /**
   * In one transaction: removes every event (and operation) that holds any of `mentionIds`, stores `events` and
   * `operations`, links each mention to its event, records each event's sources, and clears the unresolved
   * marker of `resolvedIds` (default: every one of `mentionIds`). A mention of a removed event that is not in
   * `mentionIds` would be left without one: it is marked unresolved instead, for a later round to plan, as is each
   * of `reopenedIds` (mentions the caller planned without their whole window, see resolveRound).
   */
  replaceResolution(change: {
    readonly mentionIds: readonly string[];
    readonly events: readonly StoredEvent[];
    readonly operations: readonly OperationRecord[];
    readonly resolvedIds?: readonly string[];
    readonly reopenedIds?: readonly string[];
  }): Promise<void>;

  /**
   * Up to `limit` mentions that no resolution has planned since extraction saved them, in the blocking key's
   * order (country, province, start date, id): what a run killed before resolving left behind, what the current
   * run has not resolved yet, and what lost its event when a neighbour's was re-planned.
   */
  listPendingMentions(limit: number): Promise<readonly PendingMention[]>;

  countPendingMentions(): Promise<number>;

  /** Streams the events matching the query, in pages (never the whole table in memory). */
  queryEvents(query: EventQuery): AsyncIterable<StoredEvent>;

  /**
   * The same events as `queryEvents`, as the stored JSON text of each record: for callers that pass records on
   * unchanged (the API's list, JSONL export), parsing and re-serialising them is most of a request's cost.
   */
  queryEventJson(query: EventQuery): AsyncIterable<string>;

  /**
   * One page of the events matching the query (`limit`, default 100; `offset` or `after`), as stored JSON, with
   * the cursor of the page after it: what the API's list answers, in a read that stops at the page.
   */
  queryEventPage(query: EventQuery): Promise<EventPage>;

  countEvents(query: EventQuery): Promise<number>;

  /**
   * The source documents of the events matching the query, one page of them (the query's `limit`, at most 500,
   * default 50, and `offset`), most supporting events first, then the latest published, then by id; with how
   * many documents there are in all. One grouped read, whatever the page.
   */
  listEventDocuments(
    query: EventQuery,
  ): Promise<{ readonly total: number; readonly items: readonly EventDocument[] }>;

  /**
   * The number of events matching the filters, counted exactly up to `exactUpTo`; beyond it, estimated from a
   * sample of days (labelled `estimate`, never below `exactUpTo + 1`), so that a broad filter costs no more to
   * count than a narrow one.
   */
  estimateEvents(query: EventQuery, exactUpTo: number): Promise<EventTotal>;

  getEvent(id: string): Promise<StoredEvent | null>;

  getOperation(id: string): Promise<OperationRecord | null>;

  listOperations(): Promise<readonly OperationRecord[]>;

  /** Events and fatalities (sum of best) grouped by one dimension, for the events matching the query. */
  eventStats(query: EventQuery, by: StatsDimension): Promise<readonly StatsRow[]>;

  /** Events and fatalities grouped by a dimension and a period (`week`: ISO week, `month`: YYYY-MM), in SQL. */
  eventSeries(
    query: EventQuery,
    by: 'district' | 'actor' | 'type',
    period: 'week' | 'month',
  ): Promise<readonly SeriesRow[]>;

  /**
   * Events and fatalities per bucket and split key, in SQL (one GROUP BY, never the events themselves). With
   * `top`, only the `top` keys with the most events keep their own buckets; the rest are summed under key null.
   */
  eventTrend(
    query: EventQuery,
    interval: TrendInterval,
    split: TrendSplit,
    top?: number,
  ): Promise<readonly TrendBucket[]>;

  /** Replaces all publisher profiles. */
  savePublisherProfiles(profiles: readonly PublisherProfile[]): Promise<void>;

  listPublisherProfiles(): Promise<readonly PublisherProfile[]>;

  /** Publishers of the stored documents with their framing totals, for profiling. */
  listPublisherDocuments(): Promise<
    readonly { readonly publisher: string; readonly docId: string; readonly framing: FramingMarkers | null }[]
  >;

  /** Registers a feed, due at once; 'present' (and nothing changed) when its URL is held already. */
  addFeed(feed: NewFeed): Promise<'added' | 'present'>;

  /** Every feed, by URL. */
  listFeeds(): Promise<readonly Feed[]>;

  /** One feed by its URL, or null: a poll job reads its own feed, not every feed. */
  getFeed(url: string): Promise<Feed | null>;

  /** Up to `limit` feeds whose next poll is due at `now`, the longest overdue first. */
  dueFeeds(now: string, limit: number): Promise<readonly Feed[]>;

  /** Records a poll on its feed: status, error, validators, when the next is due, and items seen and stored. */
  recordFeedPoll(url: string, poll: FeedPoll): Promise<void>;

  /** The id of a stored document read from `url`, or null: a feed item already held costs no fetch. */
  documentIdByUrl(url: string): Promise<string | null>;

  /**
   * Takes the one request slot of `host` for `holder` if it is free (or its holder's lease ran out) and the host's
   * next request is due, by the database's clock: held for at most `leaseMs`, and the next request may start
   * `intervalMs` after this one. Null when taken; else how long the slot stays busy and until the host is due.
   * Atomic: of several processes asking at once, on any number of machines, one takes it.
   */
  claimHostSlot(
    host: string,
    holder: string,
    intervalMs: number,
    leaseMs: number,
  ): Promise<HostSlotWait | null>;

  /**
   * Frees the slot `holder` took (nothing when another holds it now), and puts the host's next request at least
   * `deferMs` from now (a Retry-After), whoever holds it.
   */
  releaseHostSlot(host: string, holder: string, deferMs: number): Promise<void>;

  /**
   * Runs `work` while no other resolution runs on this store. PostgreSQL: an advisory lock on a connection of its
   * own, which every process on the database takes (workers, `ingest`, `resolve`); SQLite: within the process.
   */
  whileResolving<T>(work: () => Promise<T>): Promise<T>;

  /**
   * Runs `work` as one of several resolutions that may run at once, each over the cells of the store it takes
   * (CellLocks), and while no `whileResolving` runs. PostgreSQL: advisory locks on a connection of their own, a
   * shared one beside `whileResolving`'s and one per cell; SQLite: as `whileResolving`, every cell granted.
   */
  whileResolvingCells<T>(work: (cells: CellLocks) => Promise<T>): Promise<T>;

  /** Stores an alert rule; 'present' when its id (a hash of what it watches) is held already. */
  addAlertRule(rule: AlertRule): Promise<'added' | 'present'>;

  listAlertRules(): Promise<readonly AlertRule[]>;

  /**
   * Stores a firing unless its rule has fired in that window already, and, in the same transaction, one pending
   * delivery of it per webhook; true when it was new.
   */
  recordFiring(firing: AlertFiring): Promise<boolean>;

  /** The latest `limit` firings, newest first. */
  listFirings(limit: number): Promise<readonly AlertFiring[]>;

  /** Stores a new user (its id never reused); FL_ERR_USER_EXISTS when the name is taken, by a disabled user too. */
  addUser(user: NewUser): Promise<User>;

  /** Every user, disabled ones included, by id (the order they were added). */
  listUsers(): Promise<readonly User[]>;

  /** The enabled user of this name with its password hash (null: tokens only), or null. */
  userCredentials(
    name: string,
  ): Promise<{ readonly user: User; readonly passwordHash: string | null } | null>;

  /** How many users are enabled: none means a fresh install, whose writes follow the no-user policy. */
  countActiveUsers(): Promise<number>;

  /**
   * In one transaction: disables the user, revokes its tokens and ends its sessions; the row stays, so that what
   * it did can still name it. False when no enabled user has that name.
   */
  disableUser(name: string): Promise<boolean>;

  addApiToken(token: NewApiToken): Promise<ApiToken>;

  /** Every token, revoked ones included, newest first, without secrets. */
  listApiTokens(): Promise<readonly ApiToken[]>;

  /** Revokes a token; false when there is no such token or it was revoked already. */
  revokeApiToken(id: string): Promise<boolean>;

  /**
   * The enabled user holding the unrevoked token of this digest, or null; notes the token's use (at most once a
   * minute, so that a busy script does not write on every read).
   */
  userByToken(tokenHash: string): Promise<User | null>;

  /** Starts a session lasting `lifetimeSeconds` from now; expired sessions are swept in the same write. */
  addSession(session: {
    readonly idHash: string;
    readonly userId: number;
    readonly lifetimeSeconds: number;
  }): Promise<{ readonly expiresAt: string }>;

  /** The enabled user of the unexpired session of this digest, or null. */
  userBySession(idHash: string): Promise<User | null>;

  deleteSession(idHash: string): Promise<void>;
  /**
   * The number of the latest resolution that wrote or removed events: one row, cheap enough to poll every second
   * from another process. Numbers grow with every resolution and become visible in order (see `listChangedEvents`).
   */
  latestEventChange(): Promise<number>;

  /**
   * Up to `limit` events matching the query's filters (its sort, limit and paging are ignored) that resolutions
   * numbered in (after, upTo] wrote, in change number then id order. Once `latestEventChange` has answered N, no
   * event numbered N or less can appear later, so a reader that moves its cursor to N misses nothing.
   */
  listChangedEvents(
    query: EventQuery,
    after: number,
    upTo: number,
    limit: number,
  ): Promise<readonly ChangedEvent[]>;

  /**
   * Up to `limit` events that changes numbered in (after, upTo] wrote, as an index of the list holds them, in
   * change number then id order, from `from` on (exclusive): all of them with after = -1, page by page.
   */
  listIndexedEvents(
    after: number,
    upTo: number,
    from: IndexedEventCursor | null,
    limit: number,
  ): Promise<readonly IndexedEventRow[]>;

  /**
   * The ids of the events that changes numbered in (after, upTo] removed, or null when the store no longer holds
   * the removals of changes that old (REMOVALS_KEPT): the reader starts over. A later change of the window may
   * have written an id again, so a reader applies the removals before the window's rows.
   */
  listEventRemovals(after: number, upTo: number): Promise<readonly string[] | null>;
  /** One firing by its rule and window, or null. */
  getFiring(ruleId: string, window: string): Promise<AlertFiring | null>;

  /** Stores a webhook; 'present' when its id or URL is held already (nothing changes). */
  addWebhook(webhook: Webhook): Promise<'added' | 'present'>;

  /** Every webhook, oldest first. */
  listWebhooks(): Promise<readonly Webhook[]>;

  /** Removes a webhook (by id or URL) with its deliveries; false when there was none. */
  removeWebhook(idOrUrl: string): Promise<boolean>;

  /**
   * Up to `limit` pending deliveries due at `now`, oldest due first, each leased until `leaseUntil` to this caller
   * alone: another process claiming at the same time gets the others.
   */
  claimDueDeliveries(now: string, leaseUntil: string, limit: number): Promise<readonly AlertDelivery[]>;

  /** Records one attempt of a delivery and where that leaves it (delivered, failed, or pending until a time). */
  recordDeliveryAttempt(outcome: DeliveryOutcome): Promise<void>;

  /** The deliveries of the given firings, newest first. */
  listDeliveries(firings: readonly FiringKey[]): Promise<readonly AlertDelivery[]>;

  /** Every attempt of the given deliveries, by delivery, first attempt first. */
  listDeliveryAttempts(deliveryIds: readonly string[]): Promise<readonly DeliveryAttemptRow[]>;

  /** An event's version, review state and locks (each with the machine's latest value); null: no such event. */
  getEventReview(eventId: string): Promise<EventReview | null>;

  /**
   * In one transaction: locks each changed field at the person's value (keeping the machine's value beside it),
   * records each change (who, when, field, before, after, reason), rewrites the event and bumps its version.
   * FL_ERR_CONFLICT when the event is no longer at `edit.version`; FL_ERR_NOT_FOUND when it is not stored.
   */
  editEvent(edit: FieldEdit): Promise<EventReview>;

  /** Confirms an event or marks it not an incident, on the record, under the same version check as editEvent. */
  decideEvent(decision: EventDecision): Promise<EventReview>;

  /**
   * Stores a person's merge or split and records it on each event it touches, under the version check; the
   * caller then re-resolves those events' mentions, and every later resolution applies it again. A merge moves
   * the locks (the kept event's own win) and a confirmation of the events that go onto the kept one, recorded.
   */
  recordOverride(override: NewOverride): Promise<ResolutionOverride>;

  /** The merges and splits that touch any of the mentions, each with all its mentions, in the order made. */
  listOverrides(mentionIds: readonly string[]): Promise<readonly ResolutionOverride[]>;

  /** Every change recorded on an event, in the order made. */
  listEventEdits(eventId: string): Promise<readonly EventEdit[]>;

  /**
   * Events no person has confirmed or dismissed, most fatalities first (unknown last), then the most recent,
   * then by id: one page, with how many there are.
   */
  reviewQueue(page: {
    readonly limit: number;
    readonly offset: number;
  }): Promise<{ readonly total: number; readonly items: readonly QueuedEvent[] }>;

  close(): Promise<void>;
}
