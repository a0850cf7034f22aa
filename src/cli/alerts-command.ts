import { createHash } from 'node:crypto';
import { openContext } from '../context.js';
import type { AlertFiring, AlertRule } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { eventQueryOf } from './event-filters.js';

export const ALERTS_HELP = `faultline alerts add [--admin1 NAME] [--admin2 NAME] [--actor NAME] [--type TYPE]
    [--min-fatalities N | --escalation P]
faultline alerts list | fired [--limit N] [--format table|jsonl]
  A rule watches the events its filters match. It fires once per week: with --min-fatalities, on an event whose
  reconciled best figure reaches N; with --escalation, when the district's (or actor's, or type's) week is less
  likely than P against its previous 26 weeks (docs/trends.md); else on any event. Rules are evaluated after
  every \`ingest\` and \`watch\` round, and each new firing is printed on stderr with its evidence.`;

/** A rule's id: a hash of what it watches, so the same rule added twice is one rule. */
function ruleId(rule: Omit<AlertRule, 'id' | 'createdAt'>): string {
  const key = JSON.stringify([
    rule.admin1,
    rule.admin2,
    rule.actor,
    rule.type,
    rule.minFatalities,
    rule.escalation,
  ]);
  return `al_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** What a rule watches, in words. */
export function describeRule(rule: AlertRule): string {
  const scope =
    [rule.admin2, rule.admin1, rule.actor, rule.type].filter((x) => x !== null).join(', ') || 'all events';
  const when =
    rule.minFatalities !== null
      ? `an event with at least ${rule.minFatalities} killed`
      : rule.escalation !== null
        ? `a week less likely than ${rule.escalation}`
        : 'any event';
  return `${rule.id} (${scope}: ${when})`;
}

/** One line per new firing, naming its rule, its week, its reason and the events behind it. */
export function firingLine(rule: AlertRule | undefined, f: AlertFiring): string {
  const who = rule ? describeRule(rule) : f.ruleId;
  const events = f.evidence
    .slice(0, 5)
    .map(
      (e) => `${e.eventId} ${e.date} ${e.place ?? '?'}${e.fatalities ? ` killed ${e.fatalities.best}` : ''}`,
    )
    .join('; ');
  return `alert ${who} fired for ${f.window}: ${f.reason} [${events}${f.evidence.length > 5 ? '; …' : ''}]`;
}

function number(
  flag: string,
  raw: string | undefined,
  check: (n: number) => boolean,
  expected: string,
): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n))
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `${flag} ${raw}`, expected);
  return n;
}

export async function alertsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...STORE_OPTIONS,
    admin1: { type: 'string' },
    admin2: { type: 'string' },
    actor: { type: 'string' },
    type: { type: 'string' },
    'min-fatalities': { type: 'string' },
    escalation: { type: 'string' },
    limit: { type: 'string' },
    format: { type: 'string' },
  });
  const action = positionals[0];
  if (action !== 'add' && action !== 'list' && action !== 'fired')
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `alerts ${action ?? ''}`.trim(),
      'expected add, list or fired',
    );
  const format = oneOf('--format', values.format, ['table', 'jsonl'] as const, 'table');
  const minFatalities = number(
    '--min-fatalities',
    values['min-fatalities'],
    (n) => Number.isInteger(n) && n >= 1,
    'expected a whole number of at least 1',
  );
  const escalation = number(
    '--escalation',
    values.escalation,
    (n) => n > 0 && n < 1,
    'expected a probability between 0 and 1',
  );
  if (minFatalities !== null && escalation !== null)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      '--min-fatalities and --escalation',
      'give one or the other',
    );
  const limit =
    number(
      '--limit',
      values.limit,
      (n) => Number.isInteger(n) && n >= 1 && n <= 10_000,
      'expected 1 to 10000',
    ) ?? 50;
  const config = configFromFlags(values, io);
  const { store, knowledge } = await openContext(config);
  try {
    if (action === 'add') {
      // the same checks as the event filters: an unknown district, actor or type is refused, naming it
      const q = eventQueryOf(values, knowledge, new Set());
      const watched = {
        admin1: q.admin1 ?? null,
        admin2: q.admin2 ?? null,
        actor: q.actor ?? null,
        type: q.type ?? null,
        minFatalities,
        escalation,
      };
      const rule: AlertRule = { id: ruleId(watched), ...watched, createdAt: new Date().toISOString() };
      const outcome = await store.addAlertRule(rule);
      io.err(`${outcome === 'added' ? 'added' : 'already held:'} ${describeRule(rule)}`);
      return 0;
    }
    if (action === 'list') {
      for (const r of await store.listAlertRules())
        io.out(format === 'jsonl' ? `${JSON.stringify(r)}\n` : `${describeRule(r)}\n`);
      return 0;
    }
    const rules = new Map((await store.listAlertRules()).map((r) => [r.id, r]));
    for (const f of await store.listFirings(limit))
      io.out(
        format === 'jsonl'
          ? `${JSON.stringify(f)}\n`
          : `${f.firedAt}  ${firingLine(rules.get(f.ruleId), f)}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}
