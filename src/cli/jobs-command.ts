import { FaultlineError } from '../errors/errors.js';
import { JobQueue, type JobRow } from '../queue/job-queue.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { queueConfig } from './queue-config.js';

export const JOBS_HELP = `faultline jobs [--failed] [--retry ID] [--format table|jsonl] [--database-url URL]
  Lists the jobs of the PostgreSQL job queue that are not done: queued, waiting to be retried, running and failed,
  each with its kind, what it is about, its tries and its last error (--failed: the failed ones alone).
  --retry ID puts a failed job back in the queue with one more try.`;

function tableLine(j: JobRow): string {
  const tries = `${j.retries}/${j.retryLimit}`;
  const error = j.lastError ? `  ${j.lastError}` : '';
  return `${j.id}  ${j.state.padEnd(9)} ${j.kind.padEnd(16)} ${tries.padStart(5)}  ${j.subject}${error}\n`;
}

/** `faultline jobs`: lists jobs, or retries one; exit 1 when --retry names no failed job. */
export async function jobsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...STORE_OPTIONS,
    failed: { type: 'boolean' },
    retry: { type: 'string' },
    format: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', positionals.join(' '), 'jobs takes no arguments');
  const format = oneOf('--format', values.format, ['table', 'jsonl'] as const, 'table');
  const config = queueConfig(values, io, 'jobs');
  const queue = await JobQueue.open({ databaseUrl: config.databaseUrl, connections: 2 });
  try {
    if (values.retry !== undefined) {
      if (!(await queue.retry(values.retry))) {
        io.err(new FaultlineError('FL_ERR_NOT_FOUND', `failed job ${values.retry}`).message);
        return 1;
      }
      io.err(`job ${values.retry} is queued again`);
      return 0;
    }
    const jobs = await queue.list({ failedOnly: values.failed === true });
    if (format === 'jsonl') {
      for (const j of jobs) io.out(`${JSON.stringify(j)}\n`);
    } else {
      io.out(`${'id'.padEnd(36)}  ${'state'.padEnd(9)} ${'kind'.padEnd(16)} tries  about  last error\n`);
      for (const j of jobs) io.out(tableLine(j));
    }
    const counts = new Map<string, number>();
    for (const j of jobs) counts.set(j.state, (counts.get(j.state) ?? 0) + 1);
    const parts = ['created', 'retry', 'active', 'failed'].map(
      (s) =>
        `${counts.get(s) ?? 0} ${s === 'created' ? 'queued' : s === 'retry' ? 'to retry' : s === 'active' ? 'running' : s}`,
    );
    io.err(`jobs: ${parts.join(', ')}`);
    return 0;
  } finally {
    await queue.close();
  }
}
