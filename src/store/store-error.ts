import { FaultlineError } from '../errors/errors.js';

/**
 * Turns whatever a driver threw into FL_ERR_STORE with a readable one-line detail. A FaultlineError passes
 * through unchanged, so that a deliberate code (not found, bad argument) is not hidden under a generic one.
 */
export function storeError(subject: string, error: unknown): FaultlineError {
  if (error instanceof FaultlineError) return error;
  return new FaultlineError('FL_ERR_STORE', subject, describeDriverError(error));
}

function describeDriverError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // pg errors carry a SQLSTATE code and sometimes the constraint's name; SQLite ones a code like SQLITE_CONSTRAINT.
  const e = error as Error & { code?: unknown; constraint?: unknown };
  const parts = [error.message.split('\n')[0] ?? ''];
  if (typeof e.constraint === 'string') parts.push(`constraint ${e.constraint}`);
  if (typeof e.code === 'string' && !error.message.includes(e.code)) parts.push(e.code);
  return parts
    .filter((p) => p.length > 0)
    .join('; ')
    .slice(0, 500);
}

/** Runs one store operation, translating its failure. */
export async function guarded<T>(subject: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw storeError(subject, error);
  }
}
