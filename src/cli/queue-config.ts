import type { Config } from '../config/load-config.js';
import { FaultlineError } from '../errors/errors.js';
import type { CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';

type Flags = Parameters<typeof configFromFlags>[0];

/** The config of a command that runs on the job queue: PostgreSQL only, one coded line otherwise. */
export function queueConfig(
  flags: Flags,
  io: CliIo,
  command: string,
): Config & { readonly databaseUrl: string } {
  const config = configFromFlags(flags, io);
  if (config.databaseUrl === null)
    throw new FaultlineError(
      'FL_ERR_QUEUE_BACKEND',
      `faultline ${command}`,
      'SQLite runs the whole loop in one process: use `faultline watch`',
    );
  return config as Config & { readonly databaseUrl: string };
}

/** A whole number of at least 1 given as a flag, or one coded line naming it. */
export function positiveFlag(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `${flag} ${raw}`,
      'expected a whole number from 1 to 256',
    );
  return n;
}

/**
 * SIGINT / SIGTERM: the first stops taking work (`stop`), a second, or `graceMs` later, gives back what is still
 * running (`release`).
 */
export function onStopSignals(
  graceMs: number,
  report: (line: string) => void,
): { readonly stop: AbortSignal; readonly release: AbortSignal; readonly dispose: () => void } {
  const stop = new AbortController();
  const release = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const onSignal = (): void => {
    if (stop.signal.aborted) {
      release.abort();
      return;
    }
    report(`stopping: running jobs are finished (a second Ctrl-C, or ${graceMs / 1000} s, gives them back)`);
    stop.abort();
    timer = setTimeout(() => release.abort(), graceMs);
    timer.unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stop: stop.signal,
    release: release.signal,
    dispose: () => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
