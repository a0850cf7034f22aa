import { openContext } from '../context.js';
import type { StatsDimension } from '../store/store.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { FILTER_OPTIONS, eventQueryOf } from './event-filters.js';
import { knownPublishers } from './events-command.js';

export const STATS_HELP = `faultline stats [--db FILE] [--by day|week|month|district|actor|type] [filters as for events, --q TEXT too]
  Events and fatalities (sum of the best figures) by month, district, actor and type, or by the one dimension asked.`;

const DIMENSIONS = ['day', 'week', 'month', 'district', 'actor', 'type'] as const;

export async function statsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { ...STORE_OPTIONS, ...FILTER_OPTIONS, by: { type: 'string' } });
  const dims: readonly StatsDimension[] = values.by
    ? [oneOf('--by', values.by, DIMENSIONS, 'month')]
    : ['month', 'district', 'actor', 'type'];
  const config = configFromFlags(values, io);
  const { store, knowledge } = await openContext(config);
  try {
    const query = eventQueryOf(values, knowledge, await knownPublishers(store));
    for (const by of dims) {
      const rows = await store.eventStats(query, by);
      io.out(`by ${by}\n${'  key'.padEnd(44)}${'events'.padStart(8)}${'fatalities'.padStart(12)}\n`);
      for (const r of rows)
        io.out(
          `  ${(r.key || '(unknown)').padEnd(42)}${String(r.events).padStart(8)}${String(r.fatalities).padStart(12)}\n`,
        );
      io.out('\n');
    }
    return 0;
  } finally {
    await store.close();
  }
}
