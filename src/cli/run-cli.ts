import { ALERTS_HELP, alertsCommand } from './alerts-command.js';
import { TRENDS_HELP, trendsCommand } from './trends-command.js';
import { FEEDS_HELP, feedsCommand } from './feeds-command.js';
import { collectOnOwnThread } from './throughput-gc.js';
import { WATCH_HELP, watchCommand } from './watch-command.js';
import { WORKER_HELP, workerCommand } from './worker-command.js';
import { JOBS_HELP, jobsCommand } from './jobs-command.js';
import { describeError, FaultlineError } from '../errors/errors.js';
import type { CliIo } from './cli-io.js';
import { DOCUMENTS_HELP, documentsCommand } from './documents-command.js';
import { EVAL_HELP, evalCommand } from './eval-command.js';
import { EVENTS_HELP, eventsCommand } from './events-command.js';
import { EXPLAIN_HELP, explainCommand } from './explain-command.js';
import { GAZETTEER_HELP, gazetteerCommand } from './gazetteer-command.js';
import { EXTRACT_HELP, extractCommand } from './extract-command.js';
import { INGEST_HELP, ingestCommand } from './ingest-command.js';
import { PUBLISHERS_HELP, publishersCommand } from './publishers-command.js';
import { RESOLVE_HELP, resolveCommand } from './resolve-command.js';
import { SERVE_HELP, serveCommand } from './serve-command.js';
import { START_HELP, startCommand } from './start-command.js';
import { STATS_HELP, statsCommand } from './stats-command.js';
import { REVIEW_HELP, reviewCommand } from './review-command.js';
import { TOKENS_HELP, tokensCommand, USERS_HELP, usersCommand } from './users-command.js';

/** Errors in the command line itself (exit 2), as opposed to failures while running it (exit 1). */
const USAGE_ERRORS: ReadonlySet<string> = new Set([
  'FL_ERR_BAD_ARGUMENT',
  'FL_ERR_BAD_DATE',
  'FL_ERR_CONFIG',
  'FL_ERR_QUEUE_BACKEND',
]);

/** Exit statuses beyond 0 (done), 1 (an input or the run failed) and 2 (bad command line). */
const EXIT_CANNOT_LISTEN = 3;

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** `throughput`: the command extracts document after document, one process to a core (see collectOnOwnThread). */
const COMMANDS: Readonly<Record<string, { run: Command; help: string; throughput?: true }>> = {
  ingest: { run: ingestCommand, help: INGEST_HELP, throughput: true },
  resolve: { run: resolveCommand, help: RESOLVE_HELP },
  documents: { run: documentsCommand, help: DOCUMENTS_HELP },
  extract: { run: extractCommand, help: EXTRACT_HELP },
  events: { run: eventsCommand, help: EVENTS_HELP },
  stats: { run: statsCommand, help: STATS_HELP },
  publishers: { run: publishersCommand, help: PUBLISHERS_HELP },
  explain: { run: explainCommand, help: EXPLAIN_HELP },
  gazetteer: { run: gazetteerCommand, help: GAZETTEER_HELP },
  serve: { run: serveCommand, help: SERVE_HELP },
  eval: { run: evalCommand, help: EVAL_HELP },
  start: { run: startCommand, help: START_HELP },
  feeds: { run: feedsCommand, help: FEEDS_HELP },
  watch: { run: watchCommand, help: WATCH_HELP, throughput: true },
  worker: { run: workerCommand, help: WORKER_HELP, throughput: true },
  jobs: { run: jobsCommand, help: JOBS_HELP },
  trends: { run: trendsCommand, help: TRENDS_HELP },
  alerts: { run: alertsCommand, help: ALERTS_HELP },
  users: { run: usersCommand, help: USERS_HELP },
  tokens: { run: tokensCommand, help: TOKENS_HELP },
  review: { run: reviewCommand, help: REVIEW_HELP },
};

/** Every command's name, as typed after `faultline`. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

function usage(): string {
  return `faultline: conflict reporting in, a traceable event dataset out.\n\n${Object.values(COMMANDS)
    .map((c) => c.help)
    .join('\n\n')}\n`;
}

/** Runs one command line; returns the exit status. Every failure becomes one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`faultline: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.help}\n`);
    return 0;
  }
  if (command.throughput) collectOnOwnThread();
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(error instanceof FaultlineError ? error.message : `faultline ${name}: ${describeError(error)}`);
    if (!(error instanceof FaultlineError)) return 1;
    if (error.code === 'FL_ERR_LISTEN') return EXIT_CANNOT_LISTEN;
    return USAGE_ERRORS.has(error.code) ? 2 : 1;
  }
}
