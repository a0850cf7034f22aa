import { openStore } from '../store/open-store.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';

export const PUBLISHERS_HELP = `faultline publishers [--db FILE] [--format table|jsonl]
  Each outlet's profile: documents, framing terms by register, how often its figures are an event's highest or lowest.`;

export async function publishersCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { ...STORE_OPTIONS, format: { type: 'string' } });
  const format = oneOf('--format', values.format, ['table', 'jsonl'] as const, 'table');
  const store = await openStore(configFromFlags(values, io));
  try {
    const profiles = await store.listPublisherProfiles();
    if (format === 'jsonl') {
      for (const p of profiles) io.out(`${JSON.stringify(p)}\n`);
      return 0;
    }
    io.out(
      `${'publisher'.padEnd(28)}${'docs'.padStart(6)}${'insurgent'.padStart(11)}${'state'.padStart(7)}${'neutral'.padStart(9)}${'contested'.padStart(11)}${'highest'.padStart(9)}${'lowest'.padStart(8)}\n`,
    );
    for (const p of profiles) {
      io.out(
        `${p.name.slice(0, 27).padEnd(28)}${String(p.documents).padStart(6)}${String(p.framing.insurgent).padStart(11)}${String(p.framing.state).padStart(7)}${String(p.framing.neutral).padStart(9)}${String(p.contestedEvents).padStart(11)}${String(p.highest).padStart(9)}${String(p.lowest).padStart(8)}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
