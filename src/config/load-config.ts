import { FaultlineError } from '../errors/errors.js';

/** Settings as they arrive: command-line flags and environment variables, all optional strings. */
export interface ConfigInput {
  readonly db?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly maxBytes?: string | undefined;
  readonly timeoutMs?: string | undefined;
  readonly published?: string | undefined;
  readonly publisher?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly countries?: string | undefined;
  readonly workers?: string | undefined;
  readonly allowPrivate?: boolean | undefined;
  readonly requireAuth?: boolean | undefined;
  readonly eventIndex?: boolean | undefined;
}

/** Validated, frozen settings; the only configuration any module receives. */
export interface Config {
  readonly dbPath: string;
  readonly databaseUrl: string | null;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly published: string | null;
  readonly publisher: string | null;
  readonly dataDir: string;
  readonly countries: readonly string[];
  readonly workers: number;
  readonly apiToken: string | null;
  /** URL inputs may reach private, loopback and link-local addresses (`--allow-private`). */
  readonly allowPrivate: boolean;
  /** `serve`: every API request needs a user or token, reads too (`--require-auth`, FAULTLINE_REQUIRE_AUTH=1). */
  readonly requireAuth: boolean;
  /** `serve`: how long a sign-in session lasts (FAULTLINE_SESSION_HOURS, default 12). */
  readonly sessionSeconds: number;
  /**
   * `serve`: the event list is answered from an index in memory (default on; `--no-event-index` or
   * FAULTLINE_EVENT_INDEX=0 reads the store instead, for a server short of memory: about 1.6 kB an event).
   */
  readonly eventIndex: boolean;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_COUNTRIES = ['PK', 'AF', 'IR', 'IN'];
const DEFAULT_SESSION_HOURS = 12;
/** A session longer than a month outlives any reason to keep it. */
const MAX_SESSION_HOURS = 24 * 31;

/** A yes/no environment variable: 1, true, yes or on; 0, false, no, off or empty. */
function envSwitch(name: string, raw: string | undefined): boolean {
  const v = (raw ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['', '0', 'false', 'no', 'off'].includes(v)) return false;
  throw new FaultlineError('FL_ERR_CONFIG', name, `expected 1 or 0, got "${raw}"`);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new FaultlineError('FL_ERR_CONFIG', name, `expected a positive whole number, got "${raw}"`);
  return n;
}

function sessionHours(raw: string | undefined): number {
  const hours = positiveInt('FAULTLINE_SESSION_HOURS', raw, DEFAULT_SESSION_HOURS);
  if (hours > MAX_SESSION_HOURS)
    throw new FaultlineError(
      'FL_ERR_CONFIG',
      'FAULTLINE_SESSION_HOURS',
      `at most ${MAX_SESSION_HOURS} hours`,
    );
  return hours;
}

/**
 * Reads settings once: flags win over the environment (DATABASE_URL, FAULTLINE_API_TOKEN, FAULTLINE_REQUIRE_AUTH,
 * FAULTLINE_SESSION_HOURS, FAULTLINE_EVENT_INDEX), defaults fill the rest.
 * Throws a FaultlineError naming the setting for anything invalid.
 */
export function loadConfig(
  flags: ConfigInput,
  env: Readonly<Record<string, string | undefined>>,
  defaults: { readonly dataDir: string; readonly cpus: number },
): Config {
  const published = flags.published ?? null;
  if (published !== null && !isIsoDate(published))
    throw new FaultlineError('FL_ERR_BAD_DATE', `--published ${published}`);
  const countries = (flags.countries ?? DEFAULT_COUNTRIES.join(','))
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  for (const c of countries) {
    if (!/^[A-Z]{2}$/.test(c))
      throw new FaultlineError('FL_ERR_CONFIG', '--countries', `"${c}" is not an ISO country code`);
  }
  const databaseUrl = flags.databaseUrl ?? env['DATABASE_URL'] ?? null;
  if (databaseUrl !== null && !/^postgres(?:ql)?:\/\//.test(databaseUrl)) {
    throw new FaultlineError('FL_ERR_CONFIG', '--database-url', 'expected postgres://…');
  }
  return Object.freeze({
    dbPath: flags.db ?? './faultline.db',
    databaseUrl: databaseUrl || null,
    maxBytes: positiveInt('--max-bytes', flags.maxBytes, DEFAULT_MAX_BYTES),
    timeoutMs: positiveInt('--timeout', flags.timeoutMs, DEFAULT_TIMEOUT_MS),
    published,
    publisher: flags.publisher ?? null,
    dataDir: flags.dataDir ?? defaults.dataDir,
    countries: Object.freeze(countries),
    workers: positiveInt('--workers', flags.workers, Math.max(1, defaults.cpus)),
    apiToken: env['FAULTLINE_API_TOKEN'] || null,
    allowPrivate: flags.allowPrivate === true,
    requireAuth:
      flags.requireAuth === true || envSwitch('FAULTLINE_REQUIRE_AUTH', env['FAULTLINE_REQUIRE_AUTH']),
    sessionSeconds: sessionHours(env['FAULTLINE_SESSION_HOURS']) * 3600,
    eventIndex:
      flags.eventIndex ??
      (env['FAULTLINE_EVENT_INDEX'] === undefined ||
        envSwitch('FAULTLINE_EVENT_INDEX', env['FAULTLINE_EVENT_INDEX'])),
  });
}
