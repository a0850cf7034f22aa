import type { OutboundGuard } from './guarded-get.js';
import type { FaultlineError } from '../errors/errors.js';

export type RawFormat = 'html' | 'text' | 'markdown';

/** Metadata that came with an input (JSONL fields, or the final URL of a fetched page). */
export interface RawMeta {
  readonly url?: string | null;
  readonly title?: string | null;
  readonly publisher?: string | null;
  readonly published?: string | null;
  readonly id?: string | null;
}

/** One input document as read, before cleaning. */
export interface RawInput {
  /** A path, a URL, `-`, or `file.jsonl#id`. */
  readonly origin: string;
  readonly format: RawFormat;
  readonly content: string;
  readonly meta: RawMeta;
}

export type InputResult =
  { readonly ok: true; readonly raw: RawInput } | { readonly ok: false; readonly error: FaultlineError };

/** Metadata for inputs that carry none (`--published`, `--publisher`), and the size limit. */
export interface BuildDefaults {
  readonly published?: string | null;
  readonly publisher?: string | null;
  readonly maxBytes: number;
}

export interface ReadOptions {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly stdin?: NodeJS.ReadableStream;
  /** Which addresses a URL input may reach (see guardedGet); absent, public addresses only. */
  readonly guard?: OutboundGuard;
}
