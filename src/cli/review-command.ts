import { roleAtLeast, reviewReasons, type Editor } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { openStore } from '../store/open-store.js';
import type { QueuedEvent, Store } from '../store/store.js';
import { STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { keyReader } from './key-reader.js';

export const REVIEW_HELP = `faultline review [--as NAME] [--db FILE]
  The review queue in the terminal, one event at a time (most fatalities first, then the most recent):
  c confirm, x not an incident, s skip, q quit. Keys are read one by one (or piped: "ccxq").
  Once users exist, --as names the editor the decisions are recorded under.`;

/** The name decisions made at this terminal are recorded under when no user exists yet. */
const CLI_EDITOR = 'cli';

async function editorFor(store: Store, name: string | undefined): Promise<Editor> {
  if ((await store.countActiveUsers()) === 0) return { userId: null, name: name ?? CLI_EDITOR };
  if (name === undefined)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'review', 'users exist: name the editor with --as NAME');
  const found = await store.userCredentials(name);
  if (found === null) throw new FaultlineError('FL_ERR_NOT_FOUND', `user ${name}`);
  if (!roleAtLeast(found.user.role, 'editor'))
    throw new FaultlineError('FL_ERR_FORBIDDEN', `user ${name}`, `a ${found.user.role}; needs editor`);
  return { userId: found.user.id, name: found.user.name };
}

/** One queued event as a few lines for a person deciding about it. */
export function describeQueued(q: QueuedEvent, position: number, total: number): string {
  const r = q.event.record;
  const loc = r.location;
  const f = r.fatalities;
  const figure = f === null ? 'unknown' : f.low === f.high ? `${f.best}` : `${f.best} (${f.low}-${f.high})`;
  return [
    `[${position}/${total}] ${r.id}  ${reviewReasons(r, q.event.decisions).join(', ')}`,
    `  ${r.date.start}  ${loc ? `${loc.name}, ${loc.admin2 ?? '-'}, ${loc.admin1 ?? '-'}` : 'no place'}`,
    `  ${r.event_type} / ${r.sub_event_type}; ${r.actor1?.name ?? 'unknown actor'} vs ${r.actor2?.name ?? '-'}`,
    `  killed ${figure}; ${r.sources.length} source(s); confidence ${r.confidence.toFixed(2)}`,
    `  ${r.notes}`,
    '  c confirm  x not an incident  s skip  q quit',
  ].join('\n');
}

export async function reviewCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { ...STORE_OPTIONS, as: { type: 'string' } });
  const store = await openStore(configFromFlags(values, io));
  const keys = keyReader(io.stdin);
  const counts = { confirmed: 0, dismissed: 0, skipped: 0 };
  try {
    const editor = await editorFor(store, values.as);
    // skipped events stay queued: the next page starts after them
    let skipped = 0;
    let position = 0;
    let total: number | null = null;
    for (;;) {
      const page = await store.reviewQueue({ limit: 1, offset: skipped });
      const next = page.items[0];
      if (next === undefined) {
        io.out('The queue is empty.\n');
        break;
      }
      position++;
      // the queue's size when the session began: what "3/40" counts through
      total ??= page.total;
      io.out(`${describeQueued(next, position, Math.max(total, position))}\n`);
      let key = await keys.next();
      while (key !== null && !'cxsq'.includes(key)) {
        io.out(`  "${key}" is not a key here: c, x, s or q\n`);
        key = await keys.next();
      }
      if (key === null || key === 'q') break;
      if (key === 's') {
        skipped++;
        counts.skipped++;
        continue;
      }
      const decision = key === 'c' ? 'confirm' : 'not_incident';
      await store.decideEvent({
        eventId: next.event.record.id,
        version: next.version,
        editor,
        reason: null,
        decision,
      });
      if (decision === 'confirm') counts.confirmed++;
      else counts.dismissed++;
      io.out(`  ${decision === 'confirm' ? 'confirmed' : 'marked not an incident'}\n`);
    }
  } finally {
    keys.close();
    await store.close();
  }
  io.out(`${counts.confirmed} confirmed, ${counts.dismissed} not an incident, ${counts.skipped} skipped\n`);
  return 0;
}
