import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/load-config.js';
import { openContext } from '../context.js';
import type { Store } from '../store/store.js';
import { FaultlineError } from '../errors/errors.js';
import { buildApp } from '../server/app.js';
import { isLoopbackHost } from '../server/security.js';
import { STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { packageRoot } from './package-root.js';

export const SERVE_HELP = `faultline serve [--db FILE] [--port 8080] [--host 127.0.0.1] [--tiles URL] [--require-auth] [--no-event-index]
  Serves the API (/api, OpenAPI at /api/openapi.json) and the web page. Once a user exists (faultline users add),
  writing needs an editor's sign-in or API token; before that, writes are open on loopback only. Beyond loopback
  it refuses to start without a user or FAULTLINE_API_TOKEN. --require-auth (or FAULTLINE_REQUIRE_AUTH=1) makes
  reads need a user too. On loopback a write must come under a loopback Host and Origin. A failed request (500)
  is logged here with the request id its answer carries. --tiles sets an optional tile URL template.
  The event list is answered from an index in memory, loaded at start (about 1.6 kB an event) and kept in step
  with the store; --no-event-index (or FAULTLINE_EVENT_INDEX=0) reads the store instead.`;

function port(value: string | undefined): number {
  if (value === undefined) return 8080;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `--port ${value}`, 'expected 0..65535');
  return n;
}

/** Why the address could not be listened on, in words that say what to do. */
function listenFailure(error: unknown, listenPort: number): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return `port ${listenPort} is already in use, perhaps by another faultline serve; stop it or choose another --port`;
    case 'EADDRNOTAVAIL':
      return 'the host is not an address of this machine; choose another --host';
    case 'EACCES':
      return `not permitted to listen on port ${listenPort}; choose a port above 1023`;
    default:
      return (error as Error).message;
  }
}

/**
 * Refuses to serve where nothing would guard writes: beyond loopback with neither a user nor FAULTLINE_API_TOKEN,
 * or with --require-auth before any user exists (nobody could sign in).
 */
async function checkWriteGuard(store: Store, host: string, config: Config): Promise<void> {
  const users = await store.countActiveUsers();
  if (config.requireAuth && users === 0)
    throw new FaultlineError(
      'FL_ERR_CONFIG',
      '--require-auth',
      'no user exists yet; add one first: faultline users add NAME --role admin',
    );
  if (!isLoopbackHost(host) && !config.apiToken && users === 0)
    throw new FaultlineError(
      'FL_ERR_CONFIG',
      `--host ${host}`,
      'listening beyond loopback requires a user (faultline users add) or FAULTLINE_API_TOKEN',
    );
}

/** `faultline serve`: resolves once the server has stopped (SIGINT or SIGTERM); `stop` lets tests end it. */
export async function serveCommand(argv: readonly string[], io: CliIo, stop?: AbortSignal): Promise<number> {
  const { values } = parseCommand(argv, {
    ...STORE_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
    tiles: { type: 'string' },
    'require-auth': { type: 'boolean' },
    'event-index': { type: 'boolean' },
  });
  const host = values.host ?? '127.0.0.1';
  const listenPort = port(values.port);
  const config = configFromFlags(values, io);
  const webRoot = join(packageRoot(), 'dist', 'web');
  if (!existsSync(join(webRoot, 'index.html')))
    io.err(`no built page at ${webRoot} (run npm run build:web); serving the API alone`);
  const { store, knowledge } = await openContext(config, { serving: true });
  try {
    await checkWriteGuard(store, host, config);
  } catch (error) {
    await store.close();
    throw error;
  }
  const app = buildApp({
    store,
    knowledge,
    config: {
      apiToken: config.apiToken,
      host,
      webRoot,
      tileUrl: values.tiles ?? null,
      logError: io.err,
      requireAuth: config.requireAuth,
      sessionSeconds: config.sessionSeconds,
      eventIndex: config.eventIndex,
    },
  });
  try {
    await app.listen({ host, port: listenPort });
  } catch (error) {
    await app.close();
    await store.close();
    throw new FaultlineError('FL_ERR_LISTEN', `${host}:${listenPort}`, listenFailure(error, listenPort));
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : listenPort;
  const shown = host.includes(':') ? `[${host}]` : host;
  io.out(`faultline serving http://${shown}:${bound}/ (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    stop?.addEventListener('abort', done, { once: true });
  });
  await app.close();
  await store.close();
  io.err('faultline serve: stopped');
  return 0;
}
