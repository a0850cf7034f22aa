import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openContext } from '../context.js';
import { FaultlineError } from '../errors/errors.js';
import { buildApp } from '../server/app.js';
import { isLoopbackHost } from '../server/security.js';
import { STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { packageRoot } from './package-root.js';

export const SERVE_HELP = `faultline serve [--db FILE] [--port 8080] [--host 127.0.0.1] [--tiles URL]
  Serves the API (/api, OpenAPI at /api/openapi.json) and the web page. Beyond loopback it refuses to start
  without FAULTLINE_API_TOKEN, which posting an article then requires; on loopback a write must come under a
  loopback Host and Origin. A failed request (500) is logged here with the request id its answer carries.
  --tiles sets an optional tile URL template.`;

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

/** `faultline serve`: resolves once the server has stopped (SIGINT or SIGTERM); `stop` lets tests end it. */
export async function serveCommand(argv: readonly string[], io: CliIo, stop?: AbortSignal): Promise<number> {
  const { values } = parseCommand(argv, {
    ...STORE_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
    tiles: { type: 'string' },
  });
  const host = values.host ?? '127.0.0.1';
  const listenPort = port(values.port);
  const config = configFromFlags(values, io);
  if (!isLoopbackHost(host) && !config.apiToken) {
    throw new FaultlineError(
      'FL_ERR_CONFIG',
      `--host ${host}`,
      'listening beyond loopback requires FAULTLINE_API_TOKEN',
    );
  }
  const webRoot = join(packageRoot(), 'dist', 'web');
  if (!existsSync(join(webRoot, 'index.html')))
    io.err(`no built page at ${webRoot} (run npm run build:web); serving the API alone`);
  const { store, knowledge } = await openContext(config, { serving: true });
  const app = buildApp({
    store,
    knowledge,
    config: { apiToken: config.apiToken, host, webRoot, tileUrl: values.tiles ?? null, logError: io.err },
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
