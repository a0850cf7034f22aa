import { openContext } from '../context.js';
import { EXPORT_FORMATS, exportEvents, type ExportFormat } from '../export/export-events.js';
import type { EventRecord } from '../domain/index.js';
import type { EventQuery, Store } from '../store/store.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { FILTER_OPTIONS, eventQueryOf } from './event-filters.js';

export const EVENTS_HELP = `faultline events [--db FILE] [--format ${EXPORT_FORMATS.join('|')}] [--q TEXT] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
    [--admin1 NAME] [--admin2 NAME] [--actor NAME] [--type TYPE] [--publisher NAME] [--contested] [--operation ID] [--include-dismissed]
  Exports the resolved events matching the filters, streamed (JSONL is the design's event record).
  --q TEXT: free-text search over each event's place, actors, types, notes, claims and source sentences; every
  word must appear, "a quoted phrase" as a phrase; case and accents are ignored; no operators (AND, OR, -, *).`;

async function* recordsOf(store: Store, query: EventQuery): AsyncGenerator<EventRecord> {
  for await (const e of store.queryEvents(query)) yield e.record;
}

/** The stored publishers, for validating --publisher. */
export async function knownPublishers(store: Store): Promise<ReadonlySet<string>> {
  return new Set((await store.listPublisherDocuments()).map((d) => d.publisher));
}

/** `faultline events`: streams the export so that any number of events fits in memory. */
export async function eventsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { ...STORE_OPTIONS, ...FILTER_OPTIONS, format: { type: 'string' } });
  const format = oneOf('--format', values.format, EXPORT_FORMATS, 'jsonl' as ExportFormat);
  const config = configFromFlags(values, io);
  const { store, knowledge } = await openContext(config);
  try {
    const query = eventQueryOf(values, knowledge, await knownPublishers(store));
    for await (const chunk of exportEvents(format, recordsOf(store, query))) io.out(chunk);
    return 0;
  } finally {
    await store.close();
  }
}
