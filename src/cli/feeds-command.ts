import { FaultlineError } from '../errors/errors.js';
import { openStore } from '../store/open-store.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { parseDuration } from './duration.js';

export const FEEDS_HELP = `faultline feeds add URL [--publisher NAME] [--every 5m] [--db FILE | --database-url URL]
faultline feeds list [--format table|jsonl]
  Registers an RSS 2.0, Atom or JSON feed for \`watch\` to poll (every 5 minutes unless --every says otherwise:
  30s, 5m, 2h), or lists each feed with its last poll, status, items seen and stored, and next poll.`;

const DEFAULT_EVERY_SECONDS = 300;
/** A poll more often than this is impolite to the publisher and gains nothing. */
const MIN_EVERY_SECONDS = 1;

function checkFeedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', url, 'is not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new FaultlineError('FL_ERR_INPUT_SCHEME', url, 'only http and https feeds are polled');
  return parsed.href;
}

/** `faultline feeds add|list`. */
export async function feedsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...STORE_OPTIONS,
    publisher: { type: 'string' },
    every: { type: 'string' },
    format: { type: 'string' },
  });
  const [action, ...rest] = positionals;
  if (action !== 'add' && action !== 'list')
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `feeds ${action ?? ''}`.trim(),
      'expected "add URL" or "list"',
    );
  if (action === 'add' && rest.length !== 1)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'feeds add', 'name exactly one feed URL');
  const format = oneOf('--format', values.format, ['table', 'jsonl'] as const, 'table');
  const everySeconds = parseDuration('--every', values.every, DEFAULT_EVERY_SECONDS, MIN_EVERY_SECONDS);
  const url = action === 'add' ? checkFeedUrl(rest[0]!) : '';
  const store = await openStore(configFromFlags(values, io));
  try {
    if (action === 'add') {
      const outcome = await store.addFeed({ url, publisher: values.publisher ?? null, everySeconds });
      io.err(
        outcome === 'added' ? `added ${url}, polled every ${everySeconds} s` : `${url} is already watched`,
      );
      return 0;
    }
    const feeds = await store.listFeeds();
    if (format === 'jsonl') {
      for (const f of feeds) io.out(`${JSON.stringify(f)}\n`);
      return 0;
    }
    io.out(
      `${'feed'.padEnd(48)}${'status'.padEnd(14)}${'seen'.padStart(6)}${'stored'.padStart(8)}  last poll / next poll\n`,
    );
    for (const f of feeds) {
      const status = f.status === 'failed' ? `failed` : f.status;
      io.out(
        `${f.url.slice(0, 47).padEnd(48)}${status.padEnd(14)}${String(f.itemsSeen).padStart(6)}${String(f.itemsStored).padStart(8)}  ${f.lastPolledAt ?? 'never'} / ${f.nextPollAt}\n`,
      );
      if (f.lastError) io.out(`  last error: ${f.lastError}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
