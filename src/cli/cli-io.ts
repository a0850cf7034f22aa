import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FaultlineError } from '../errors/errors.js';

/** Where a command writes; injected so commands are testable without a process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: NodeJS.ReadableStream;
  readonly stderr: NodeJS.WriteStream;
  readonly cpus: number;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags shared by the commands that open the store. */
export const STORE_OPTIONS = {
  db: { type: 'string' },
  'database-url': { type: 'string' },
} as const satisfies Options;

export const INPUT_OPTIONS = {
  published: { type: 'string' },
  publisher: { type: 'string' },
  'max-bytes': { type: 'string' },
  timeout: { type: 'string' },
  'allow-private': { type: 'boolean' },
} as const satisfies Options;

/** Parses a command's arguments; an unknown flag becomes one clear FaultlineError. */
export function parseCommand<T extends Options>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, allowNegative: true });
  } catch (error) {
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', argv.join(' ') || '(none)', (error as Error).message);
  }
}

export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new FaultlineError(
    'FL_ERR_BAD_ARGUMENT',
    `${flag} ${value}`,
    `expected one of ${allowed.join(', ')}`,
  );
}
