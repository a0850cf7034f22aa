import { join } from 'node:path';
import type { CliIo } from './cli-io.js';
import { documentsCommand } from './documents-command.js';
import { serveCommand } from './serve-command.js';
import { ingestCommand } from './ingest-command.js';
import { packageRoot } from './package-root.js';
import { openStore } from '../store/open-store.js';
import { configFromFlags } from './config-from-flags.js';
import { STORE_OPTIONS, parseCommand } from './cli-io.js';

export const START_HELP = `faultline start [--db FILE] [--port 8080] [--host 127.0.0.1]
  Loads the sample corpus into the database if it is empty, lists what it holds, and serves the map.`;

/** What `npm start` runs: a newcomer's first look. Loads samples/ into an empty database. */
export async function startCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, {
    ...STORE_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
  });
  const config = configFromFlags(values, io);
  const store = await openStore(config);
  const count = await store.countDocuments();
  await store.close();
  const dbArgs = config.databaseUrl ? ['--database-url', config.databaseUrl] : ['--db', config.dbPath];
  if (count === 0) {
    io.err(`loading the sample corpus into ${config.databaseUrl ? 'PostgreSQL' : config.dbPath}`);
    await ingestCommand([join(packageRoot(), 'samples'), ...dbArgs], io);
  } else {
    io.err(`${config.databaseUrl ? 'PostgreSQL' : config.dbPath} already holds ${count} documents`);
  }
  await documentsCommand([...dbArgs, '--format', 'table'], io);
  const listen = [
    ...(values.port ? ['--port', values.port] : []),
    ...(values.host ? ['--host', values.host] : []),
  ];
  return serveCommand([...dbArgs, ...listen], io);
}
