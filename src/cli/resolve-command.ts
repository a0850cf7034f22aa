import { FaultlineError } from '../errors/errors.js';
import { resolvePending } from '../pipeline/resolve-pending.js';
import { openStore } from '../store/open-store.js';
import { STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';

export const RESOLVE_HELP = `faultline resolve [--db FILE | --database-url URL]
  Resolves every stored mention not yet resolved into events (what an interrupted ingest left behind), then
  rebuilds the publisher profiles. Prints a summary on stderr.`;

/** `faultline resolve`: finishes the resolution the store marks pending; a failure exits 1 and keeps the marks. */
export async function resolveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, STORE_OPTIONS);
  if (positionals.length > 0) {
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `resolve ${positionals.join(' ')}`,
      'resolve takes no inputs',
    );
  }
  const config = configFromFlags(values, io);
  const store = await openStore(config);
  try {
    const { mentions, rounds, eventsWritten } = await resolvePending(store, {
      alwaysRefreshProfiles: true,
      onRound: (seeds) => io.err(`resolving ${seeds} pending mentions`),
    });
    const total = await store.countEvents({});
    io.err(
      `resolved ${mentions} pending mentions in ${rounds} rounds; events written ${eventsWritten}; events stored ${total}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
