import { mostlyBinary } from './input-bytes.js';

export type JsonlLine =
  | { readonly kind: 'line'; readonly number: number; readonly text: string }
  | { readonly kind: 'too-large'; readonly number: number; readonly bytes: number }
  | { readonly kind: 'binary' };

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into numbered lines without ever holding more than one line (at most maxBytes of it)
 * in memory: a longer line is reported as too large and skipped. Blank lines are skipped but counted.
 */
export async function* jsonlLines(
  stream: AsyncIterable<unknown>,
  maxBytes: number,
): AsyncGenerator<JsonlLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let number = 0;
  let first = true;
  const finish = (): JsonlLine | null => {
    number++;
    const over = size > maxBytes;
    const bytes = size;
    const text = over ? '' : Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '');
    parts = [];
    size = 0;
    if (over) return { kind: 'too-large', number, bytes };
    return text.trim() === '' ? null : { kind: 'line', number, text };
  };
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    if (first) {
      first = false;
      if (mostlyBinary(buffer)) {
        yield { kind: 'binary' };
        return;
      }
    }
    let start = 0;
    while (start <= buffer.length) {
      const end = buffer.indexOf(NEWLINE, start);
      const stop = end < 0 ? buffer.length : end;
      if (size <= maxBytes) {
        if (size + (stop - start) <= maxBytes) parts.push(buffer.subarray(start, stop));
        else parts = [];
      }
      size += stop - start;
      if (end < 0) break;
      const line = finish();
      if (line !== null) yield line;
      start = end + 1;
    }
  }
  if (size > 0) {
    const line = finish();
    if (line !== null) yield line;
  }
}
