import { createReadStream } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ErrorCode } from '../errors/errors.js';
import { FaultlineError } from '../errors/errors.js';
import { fetchInput } from './fetch-input.js';
import { decodeText, looksBinary, readCapped } from './input-bytes.js';
import { jsonlLines } from './jsonl-lines.js';
import { recordInput } from './record-input.js';
import type { InputResult, RawFormat, ReadOptions } from './types.js';

const FORMATS: Readonly<Record<string, RawFormat | 'json' | 'jsonl'>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
};
const URL_SPEC = /^https?:\/\//i;
// Any other `scheme://` (file, ftp, s3): said plainly, rather than looked for as a path and reported missing.
const OTHER_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

function fail(code: ErrorCode, subject: string, detail?: string): InputResult {
  return { ok: false, error: new FaultlineError(code, subject, detail) };
}

function fsFailure(path: string, error: unknown): InputResult {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return fail('FL_ERR_INPUT_MISSING', path);
  return fail('FL_ERR_INPUT_UNREADABLE', path, code || (error as Error).message);
}

async function* readJsonl(path: string, maxBytes: number): AsyncGenerator<InputResult> {
  const stream = createReadStream(path);
  try {
    for await (const line of jsonlLines(stream, maxBytes)) {
      if (line.kind === 'binary') {
        yield fail('FL_ERR_INPUT_BINARY', path);
        return;
      }
      const subject = `${path}:${line.number}`;
      if (line.kind === 'too-large') {
        yield fail('FL_ERR_INPUT_TOO_LARGE', subject, `${line.bytes} bytes, limit ${maxBytes}`);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (error) {
        yield fail('FL_ERR_JSONL_PARSE', subject, (error as Error).message);
        continue;
      }
      const raw = recordInput(value, { file: path, fallback: `line-${line.number}`, subject });
      yield raw instanceof FaultlineError ? { ok: false, error: raw } : { ok: true, raw };
    }
  } catch (error) {
    yield fsFailure(path, error);
  } finally {
    stream.destroy();
  }
}

function* readJson(path: string, text: string): Generator<InputResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    yield fail('FL_ERR_JSONL_PARSE', path, (error as Error).message);
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  for (let i = 0; i < items.length; i++) {
    const single = !Array.isArray(value);
    const place = single
      ? { file: path, fallback: null, subject: path }
      : { file: path, fallback: `item-${i + 1}`, subject: `${path}:item-${i + 1}` };
    const raw = recordInput(items[i], place);
    yield raw instanceof FaultlineError ? { ok: false, error: raw } : { ok: true, raw };
  }
}

async function* readFileInput(path: string, size: number, options: ReadOptions): AsyncGenerator<InputResult> {
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    yield fail('FL_ERR_INPUT_TYPE', path, 'expected .txt, .md, .html, .htm, .json or .jsonl');
    return;
  }
  if (format === 'jsonl') {
    yield* readJsonl(path, options.maxBytes);
    return;
  }
  if (size > options.maxBytes) {
    yield fail('FL_ERR_INPUT_TOO_LARGE', path, `${size} bytes, limit ${options.maxBytes}`);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield fsFailure(path, error);
    return;
  }
  if (looksBinary(bytes)) {
    yield fail('FL_ERR_INPUT_BINARY', path);
    return;
  }
  const text = decodeText(bytes);
  if (format === 'json') yield* readJson(path, text);
  else yield { ok: true, raw: { origin: path, format, content: text, meta: {} } };
}

async function* readFolder(
  dir: string,
  options: ReadOptions,
  seen: Set<string>,
): AsyncGenerator<InputResult> {
  let real: string;
  let names: string[];
  try {
    real = await realpath(dir);
    names = await readdir(dir);
  } catch (error) {
    yield fsFailure(dir, error);
    return;
  }
  // A symlink back up the tree would otherwise loop forever.
  if (seen.has(real)) return;
  seen.add(real);
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      yield fsFailure(path, error);
      continue;
    }
    if (info.isDirectory()) yield* readFolder(path, options, seen);
    else if (info.isFile() && FORMATS[extname(name).toLowerCase()] !== undefined) {
      yield* readFileInput(path, info.size, options);
    }
  }
}

async function readStdin(options: ReadOptions): Promise<InputResult> {
  const stream = options.stdin ?? process.stdin;
  let read;
  try {
    read = await readCapped(stream, options.maxBytes);
  } catch (error) {
    return fail('FL_ERR_INPUT_UNREADABLE', '-', (error as Error).message);
  }
  if (!read.ok) return fail('FL_ERR_INPUT_TOO_LARGE', '-', `over ${options.maxBytes} bytes`);
  if (looksBinary(read.bytes)) return fail('FL_ERR_INPUT_BINARY', '-');
  const content = decodeText(read.bytes);
  return {
    ok: true,
    raw: { origin: '-', format: content.trimStart().startsWith('<') ? 'html' : 'text', content, meta: {} },
  };
}

/**
 * Reads every input named by the specs, in order: files (.txt .md .html .htm .json .jsonl), folders (recursive,
 * sorted, hidden entries skipped), http(s) URLs, and `-` for stdin. A bad input yields a coded error and
 * reading goes on with the next one; the generator never throws for bad input.
 */
export async function* readInputs(
  specs: readonly string[],
  options: ReadOptions,
): AsyncGenerator<InputResult> {
  for (const spec of specs) {
    if (spec === '-') {
      yield await readStdin(options);
      continue;
    }
    if (URL_SPEC.test(spec)) {
      yield await fetchInput(spec, options);
      continue;
    }
    const scheme = OTHER_SCHEME.exec(spec)?.[1];
    if (scheme !== undefined) {
      yield fail('FL_ERR_INPUT_SCHEME', spec, `${scheme.toLowerCase()}:, only http and https are fetched`);
      continue;
    }
    let info;
    try {
      info = await stat(spec);
    } catch (error) {
      yield fsFailure(spec, error);
      continue;
    }
    if (info.isDirectory()) yield* readFolder(spec, options, new Set());
    else if (info.isFile()) yield* readFileInput(spec, info.size, options);
    else yield fail('FL_ERR_INPUT_UNREADABLE', spec, `${basename(spec)} is not a regular file`);
  }
}
