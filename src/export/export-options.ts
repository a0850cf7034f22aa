import type { EventRecord, OperationRecord } from '../domain/index.js';

/** What the writers read: the store's async stream, or any array or generator. */
export type RecordSource = AsyncIterable<EventRecord> | Iterable<EventRecord>;

export interface ExportOptions {
  /**
   * The operations the events belong to, by id. Optional: without it an operation's town is still marked with its
   * operation id; with it, ACLED notes add the operation-wide toll and GeoJSON properties carry the operation.
   */
  readonly operations?: ReadonlyMap<string, OperationRecord>;
}
