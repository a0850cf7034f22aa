import type { EventRecord } from '../domain/index.js';
import type { RecordSource } from './export-options.js';

// JSON allows U+2028/U+2029 raw, but line splitters (Python's splitlines, some editors) break on them.
const LINE_SEPARATORS = /[\u2028\u2029]/g;

/** JSON text on one line whatever the strings hold; parses back to exactly the value. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(LINE_SEPARATORS, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/**
 * The design's event record with its review fields always present (unreviewed: false, null, null), so that every
 * line of an export has the same keys whether or not a person has looked at its event yet.
 */
export function withReviewFields(record: EventRecord): EventRecord {
  return {
    ...record,
    reviewed: record.reviewed ?? false,
    reviewed_by: record.reviewed_by ?? null,
    reviewed_at: record.reviewed_at ?? null,
  };
}

/** Streams the records as JSONL, one record per line: the design's event record and its review fields. */
export async function* exportJsonl(records: RecordSource): AsyncGenerator<string> {
  for await (const record of records) yield `${jsonText(withReviewFields(record))}\n`;
}
