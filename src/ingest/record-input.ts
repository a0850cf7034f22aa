import { FaultlineError } from '../errors/errors.js';
import type { RawInput, RawMeta } from './types.js';

const META_FIELDS = ['url', 'title', 'publisher', 'published'] as const;

/** Where a record sits, for its origin (`file.jsonl#id`) and its error subject (`file.jsonl:12`). */
export interface RecordPlace {
  readonly file: string;
  /** Origin suffix when the record has no id: 'line-12', 'item-3', or null for a lone .json object. */
  readonly fallback: string | null;
  readonly subject: string;
}

function stringField(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' ? value : null;
}

/**
 * One `{"id","text"|"html","url","title","publisher","published"}` object as a RawInput. A record without a
 * non-empty text or html, or with a field of the wrong type, is FL_ERR_JSONL_FIELD.
 */
export function recordInput(value: unknown, place: RecordPlace): RawInput | FaultlineError {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return new FaultlineError('FL_ERR_JSONL_FIELD', place.subject, 'each document must be a JSON object');
  }
  const record = value as Record<string, unknown>;
  for (const key of ['text', 'html', ...META_FIELDS]) {
    const v = record[key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return new FaultlineError('FL_ERR_JSONL_FIELD', place.subject, `'${key}' must be a string`);
    }
  }
  const rawId = record.id;
  if (rawId !== undefined && rawId !== null && typeof rawId !== 'string' && typeof rawId !== 'number') {
    return new FaultlineError('FL_ERR_JSONL_FIELD', place.subject, "'id' must be a string or a number");
  }
  const id =
    rawId === undefined || rawId === null || String(rawId).trim() === '' ? null : String(rawId).trim();
  const text = typeof record.text === 'string' && record.text.trim() !== '' ? record.text : null;
  const html = typeof record.html === 'string' && record.html.trim() !== '' ? record.html : null;
  if (text === null && html === null) {
    return new FaultlineError('FL_ERR_JSONL_FIELD', place.subject, "needs a non-empty 'text' or 'html'");
  }
  const meta: RawMeta = {
    id,
    url: stringField(record, 'url'),
    title: stringField(record, 'title'),
    publisher: stringField(record, 'publisher'),
    published: stringField(record, 'published'),
  };
  const suffix = id ?? place.fallback;
  return {
    origin: suffix === null ? place.file : `${place.file}#${suffix}`,
    format: text !== null ? 'text' : 'html',
    content: text ?? html ?? '',
    meta,
  };
}
