import { isIsoDate } from '../config/load-config.js';
import { openContext } from '../context.js';
import { FaultlineError } from '../errors/errors.js';
import { windowsEnding } from '../store/iso-week.js';
import { rankEscalations } from '../trends/escalation.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { FILTER_OPTIONS, eventQueryOf } from './event-filters.js';
import { knownPublishers } from './events-command.js';

export const TRENDS_HELP = `faultline trends [--by district|actor|type] [--window week|month] [--at YYYY-MM-DD] [--history N]
    [--threshold 0.01] [--format table|jsonl] [filters as for events]
  Ranks districts (or actors, or types) by how unusual their events in the latest window (the week or month holding
  --at, by default that of the latest matching event) are against their own previous N windows (default 26 weeks
  or 12 months): P(a count this high), a gamma-Poisson tail probability (docs/trends.md). Below --threshold and
  above the baseline is marked ESCALATING.`;

function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 520)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `${flag} ${raw}`,
      'expected a whole number from 1 to 520',
    );
  return n;
}

export async function trendsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, {
    ...STORE_OPTIONS,
    ...FILTER_OPTIONS,
    by: { type: 'string' },
    window: { type: 'string' },
    at: { type: 'string' },
    history: { type: 'string' },
    threshold: { type: 'string' },
    format: { type: 'string' },
  });
  const by = oneOf('--by', values.by, ['district', 'actor', 'type'] as const, 'district');
  const window = oneOf('--window', values.window, ['week', 'month'] as const, 'week');
  const format = oneOf('--format', values.format, ['table', 'jsonl'] as const, 'table');
  const history = positiveInt('--history', values.history, window === 'week' ? 26 : 12);
  const threshold = values.threshold === undefined ? 0.01 : Number(values.threshold);
  if (!(threshold > 0 && threshold < 1))
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `--threshold ${values.threshold}`,
      'expected a number between 0 and 1',
    );
  if (values.at !== undefined && !isIsoDate(values.at))
    throw new FaultlineError('FL_ERR_BAD_DATE', `--at ${values.at}`);
  const config = configFromFlags(values, io);
  const { store, knowledge } = await openContext(config);
  try {
    const query = eventQueryOf(values, knowledge, await knownPublishers(store));
    let at = values.at;
    if (at === undefined) {
      for await (const e of store.queryEvents({ ...query, sort: '-date', limit: 1 }))
        at = e.record.date.start;
    }
    if (at === undefined) {
      io.err('no events match: nothing to rank');
      return 0;
    }
    const periods = windowsEnding(at, window, history);
    const rows = await store.eventSeries(
      { ...query, from: query.from ?? `${periods[0]!.slice(0, 4)}-01-01`, to: query.to ?? at },
      by,
      window,
    );
    const ranked = rankEscalations(rows, periods, threshold);
    if (format === 'jsonl') {
      for (const r of ranked) io.out(`${JSON.stringify({ ...r, window: periods[periods.length - 1] })}\n`);
      return 0;
    }
    io.out(`${window} ${periods[periods.length - 1]} against the ${history} before it, by ${by}\n`);
    io.out(
      `${'  key'.padEnd(40)}${'events'.padStart(8)}${'killed'.padStart(8)}${'baseline'.padStart(10)}${'P(≥)'.padStart(11)}\n`,
    );
    for (const r of ranked) {
      io.out(
        `  ${r.key.slice(0, 37).padEnd(38)}${String(r.current).padStart(8)}${String(r.currentFatalities).padStart(8)}${r.baseline.toFixed(2).padStart(10)}${r.probability.toExponential(1).padStart(11)}${r.escalating ? '  ESCALATING' : ''}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
