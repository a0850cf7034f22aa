import { FaultlineError } from '../errors/errors.js';
import { knowledgeFor } from '../context.js';
import { INPUT_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { extractInputs } from './extract-command.js';
import type { Mention } from '../domain/index.js';

export const EXPLAIN_HELP = `faultline explain INPUT... [--published YYYY-MM-DD]
  For each incident of each input: every field, the rule that set it and the words it read.`;

function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > 110 ? `"${t.slice(0, 107)}…"` : `"${t}"`;
}

/** The explanation of one mention, as lines for a person. */
export function explainMention(m: Mention): string[] {
  const lines: string[] = [];
  const loc = m.location;
  const value: Record<string, string> = {
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

/** `faultline explain` on inputs (documents are extracted, not stored). */
export async function explainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...INPUT_OPTIONS, countries: { type: 'string' } });
  if (positionals.length === 0)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'explain', 'name at least one input');
  const config = configFromFlags(values, io);
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
