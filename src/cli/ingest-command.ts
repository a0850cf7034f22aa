import { openContext } from '../context.js';
import { FaultlineError } from '../errors/errors.js';
import { readInputs } from '../ingest/read-inputs.js';
import { ingestInputs, type IngestSummary } from '../pipeline/ingest-pipeline.js';
import { INPUT_OPTIONS, STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { progressFor } from './progress.js';
import { deliverPending, reportAlerts } from './report-alerts.js';

export const INGEST_HELP = `faultline ingest INPUT... [--db FILE | --database-url URL] [--published YYYY-MM-DD] [--publisher NAME]
  INPUT: a file (.txt .md .html .htm .json .jsonl), a folder, an http(s) URL, or - for stdin.
  Stores clean, de-duplicated documents and the incidents extracted from them. A document detected as another
  language than English is stored but not extracted, and named on stderr.
  Options: --no-extract  --max-bytes N (default 5 MB)  --timeout MS (default 15000)
  --allow-private: fetch URLs that resolve to private, loopback or link-local addresses (refused by default)`;

export function summaryLine(s: IngestSummary): string {
  return `read ${s.read}, stored ${s.stored}, already present ${s.present}, failed ${s.failed}, metadata updated ${s.updated}; mentions extracted ${s.mentions}; events ${s.events}`;
}

/** `faultline ingest`: exit 0 when every input was stored or already present, 1 when any failed. */
export async function ingestCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...STORE_OPTIONS,
    ...INPUT_OPTIONS,
    'no-extract': { type: 'boolean' },
    countries: { type: 'string' },
  });
  if (positionals.length === 0)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'ingest', 'name at least one input');
  const config = configFromFlags(values, io);
  const { store, knowledge } = await openContext(config);
  const progress = progressFor(io.stderr);
  try {
    const inputs = readInputs(positionals, {
      maxBytes: config.maxBytes,
      timeoutMs: config.timeoutMs,
      stdin: io.stdin,
      guard: { allowPrivate: config.allowPrivate },
    });
    const summary = await ingestInputs(
      {
        store,
        knowledge: values['no-extract'] ? null : knowledge,
        report: (line) => {
          progress.interrupt();
          io.err(line);
        },
        progress: (c) => progress.update(c),
      },
      inputs,
      { published: config.published, publisher: config.publisher, maxBytes: config.maxBytes },
    );
    progress.done();
    io.err(summaryLine(summary));
    if (summary.mentions > 0) await reportAlerts(store, io.err);
    // after everything is stored, and within a bounded time: a slow receiver never holds ingestion up
    await deliverPending(store, io.err);
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
