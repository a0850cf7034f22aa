import { loadConfig, type Config } from '../config/load-config.js';
import type { CliIo } from './cli-io.js';
import { packageRoot } from './package-root.js';

type Flags = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** Turns parsed flags into the validated Config every command receives. */
export function configFromFlags(flags: Flags, io: CliIo): Config {
  return loadConfig(
    {
      db: str(flags, 'db'),
      databaseUrl: str(flags, 'database-url'),
      maxBytes: str(flags, 'max-bytes'),
      timeoutMs: str(flags, 'timeout'),
      published: str(flags, 'published'),
      publisher: str(flags, 'publisher'),
      countries: str(flags, 'countries'),
      workers: str(flags, 'workers'),
      allowPrivate: flags['allow-private'] === true,
      requireAuth: flags['require-auth'] === true,
      eventIndex: typeof flags['event-index'] === 'boolean' ? flags['event-index'] : undefined,
    },
    io.env,
    { dataDir: `${packageRoot()}/data`, cpus: io.cpus },
  );
}
