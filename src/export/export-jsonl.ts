import type { RecordSource } from './export-options.js';

// JSON allows U+2028/U+2029 raw, but line splitters (Python's splitlines, some editors) break on them.
const LINE_SEPARATORS = /[\u2028\u2029]/g;

/** JSON text on one line whatever the strings hold; parses back to exactly the value. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(LINE_SEPARATORS, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** Streams the records as JSONL, one record per line, exactly the design's event record. */
export async function* exportJsonl(records: RecordSource): AsyncGenerator<string> {
  for await (const record of records) yield `${jsonText(record)}\n`;
}
