import { FaultlineError } from '../errors/errors.js';
import { knowledgeFor } from '../context.js';
import { existsSync } from 'node:fs';
import { openStore } from '../store/open-store.js';
import { INPUT_OPTIONS, STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { explainEvent, explainReview } from './explain-event.js';
import { configFromFlags } from './config-from-flags.js';
import { extractInputs } from './extract-command.js';
import type { Mention } from '../domain/index.js';

export const EXPLAIN_HELP = `faultline explain EVENT_ID [--db FILE]   |   faultline explain INPUT... [--published YYYY-MM-DD]
  A stored event: its sources, which claim set its low / best / high, why its reports were merged, and its
  review: who confirmed or changed what, when and why, and the locked fields where the machine now disagrees.
  Inputs: for each incident, every field, the rule that set it and the words it read.`;

function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > 110 ? `"${t.slice(0, 107)}…"` : `"${t}"`;
}

/** The explanation of one mention, as lines for a person. */
export function explainMention(m: Mention): string[] {
  const lines: string[] = [];
  const loc = m.location;
  const value: Record<string, string> = {
    incident: 'opened here',
    date: `${m.date.start}${m.date.end !== m.date.start ? ` to ${m.date.end}` : ''} (${m.date.precision})`,
    location: loc
      ? `${loc.name}; ${loc.admin2 ?? '-'}; ${loc.admin1 ?? '-'}; ${loc.country} (${loc.precision})`
      : '-',
    event_type: `${m.eventType} / ${m.subEventType}; weapon ${m.weapon}`,
    target: m.target,
    actor1: m.actor1 ? m.actor1.name : '-',
    'actor1.claimed': String(m.actor1?.claimed ?? false),
    operation_id: m.operationKey ?? '-',
  };
  lines.push(
    `event ${m.id}${m.operationKey ? ` (operation ${m.operationKey})` : ''}  confidence ${m.confidence}`,
  );
  for (const p of m.provenance) {
    lines.push(`  ${p.field.padEnd(15)} ${value[p.field] ?? ''}`);
    lines.push(`  ${''.padEnd(15)} rule ${p.ruleId} from ${quote(p.text)} [${p.span[0]}-${p.span[1]}]`);
  }
  if (m.actor2) lines.push(`  ${'actor2'.padEnd(15)} ${m.actor2.name}`);
  const claims = [
    ...m.claims.map((c) => ({ c, scope: 'event' })),
    ...m.operationClaims.map((c) => ({ c, scope: 'operation' })),
  ];
  for (const { c, scope } of claims) {
    const fig = c.low === c.high ? `${c.low}` : `${c.low}-${c.high}`;
    lines.push(
      `  claim (${scope}) ${c.claimant} [${c.claimantKind}] ${c.stance} ${fig}${c.approximate ? ' (approx.)' : ''} ${c.category} ${c.metric}`,
    );
    lines.push(`  ${''.padEnd(15)} rule ${c.ruleId} from ${quote(c.quote)} [${c.span[0]}-${c.span[1]}]`);
  }
  return lines;
}

const EVENT_ID = /^ev_[0-9a-f]{6,}(?:-\d+)?$/;

/** `faultline explain EVENT_ID --db`: a stored event, or `faultline explain INPUT...`: documents extracted, not stored. */
export async function explainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...INPUT_OPTIONS,
    ...STORE_OPTIONS,
    countries: { type: 'string' },
  });
  if (positionals.length === 0)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'explain', 'name an event id or an input');
  const config = configFromFlags(values, io);
  const only = positionals.length === 1 ? positionals[0]! : null;
  if (only && EVENT_ID.test(only) && !existsSync(only)) {
    const store = await openStore(config);
    try {
      const event = await store.getEvent(only);
      if (!event) throw new FaultlineError('FL_ERR_NOT_FOUND', `event ${only}`);
      const review = await store.getEventReview(only);
      const history = review === null ? [] : explainReview(review, await store.listEventEdits(only));
      io.out(`${[...explainEvent(event), ...history].join('\n')}\n`);
      return 0;
    } finally {
      await store.close();
    }
  }
  const knowledge = knowledgeFor(config);
  let failed = 0;
  for await (const item of extractInputs(positionals, knowledge, { ...config, stdin: io.stdin }, (line) => {
    failed++;
    io.err(line);
  })) {
    io.out(
      `# ${item.input}: ${item.mentions.length} incident(s); published ${item.doc.published ?? 'unknown'}\n`,
    );
    for (const m of item.mentions) io.out(`${explainMention(m).join('\n')}\n\n`);
  }
  return failed > 0 ? 1 : 0;
}
