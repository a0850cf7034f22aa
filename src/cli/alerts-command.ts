import { createHash } from 'node:crypto';
import { openContext } from '../context.js';
import { describeRule, type AlertRule } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import type { Store } from '../store/store.js';
import { deliveryLine, evidenceLine } from './alert-lines.js';
import { deliverAction, httpUrl, webhookAction } from './alerts-webhook-command.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';
import { parseDuration } from './duration.js';
import { eventQueryOf } from './event-filters.js';

export const ALERTS_HELP = `faultline alerts add [--admin1 NAME] [--admin2 NAME] [--actor NAME] [--type TYPE]
    [--min-fatalities N | --escalation P]
faultline alerts list | fired [--limit N] [--format table|jsonl]
faultline alerts webhook add URL [--secret S] [--site URL] [--allow-private] | webhook list | webhook remove ID|URL
faultline alerts deliver [--wait 30s]
  A rule watches the events its filters match. It fires once per week: with --min-fatalities, on an event whose
  reconciled best figure reaches N; with --escalation, when the district's (or actor's, or type's) week is less
  likely than P against its previous 26 weeks (docs/trends.md); else on any event. Rules are evaluated after
  every \`ingest\` and \`watch\` round, and each new firing is printed on stderr with its evidence; \`fired\` lists
  the firings with their evidence events, figures and claimants, and their webhook deliveries.
  Every new firing is POSTed as JSON to every webhook, signed (HMAC-SHA256 of "TIMESTAMP.BODY" with the webhook's
  secret, in the Faultline-Signature header; a secret is generated and printed once unless --secret gives one),
  through the outbound guard (--allow-private for a receiver on a private address); --site is the Faultline page
  the payload links to. A failed POST is retried with backoff (8 attempts over about an hour), then marked
  failed. Deliveries go out after \`ingest\` and in each \`watch\` round (a few seconds at most) and with
  \`deliver\`, which posts what is due for up to --wait.`;

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

/** The latest firings, each with its evidence and its deliveries. */
async function listFired(store: Store, io: CliIo, limit: number, format: 'table' | 'jsonl'): Promise<void> {
  const rules = new Map((await store.listAlertRules()).map((r) => [r.id, r]));
  const firings = await store.listFirings(limit);
  const deliveries = await store.listDeliveries(firings);
  const attempts = format === 'jsonl' ? await store.listDeliveryAttempts(deliveries.map((d) => d.id)) : [];
  for (const f of firings) {
    const mine = deliveries.filter((d) => d.ruleId === f.ruleId && d.window === f.window);
    if (format === 'jsonl') {
      const withLog = mine.map((d) => ({
        ...d,
        log: attempts.filter((a) => a.deliveryId === d.id).map(({ deliveryId: _, ...a }) => a),
      }));
      io.out(`${JSON.stringify({ ...f, deliveries: withLog })}\n`);
      continue;
    }
    const rule = rules.get(f.ruleId);
    io.out(
      `${f.firedAt}  alert ${rule ? describeRule(rule) : f.ruleId} fired for ${f.window}: ${f.reason}\n`,
    );
    for (const e of f.evidence) io.out(`    ${evidenceLine(e)}\n`);
    for (const d of mine) io.out(`    ${deliveryLine(d)}\n`);
  }
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
    secret: { type: 'string' },
    site: { type: 'string' },
    'allow-private': { type: 'boolean' },
    wait: { type: 'string' },
  });
  const [action, ...args] = positionals;
  if (
    action !== 'add' &&
    action !== 'list' &&
    action !== 'fired' &&
    action !== 'webhook' &&
    action !== 'deliver'
  )
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `alerts ${action ?? ''}`.trim(),
      'expected add, list, fired, webhook or deliver',
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
  const waitMs = parseDuration('--wait', values.wait, 30, 1) * 1000;
  // a bad URL is refused before the store is opened (or created)
  if (action === 'webhook' && args[0] === 'add') httpUrl('alerts webhook add', args[1], 'webhook');
  const config = configFromFlags(values, io);
  const { store, knowledge } = await openContext(config);
  try {
    if (action === 'webhook') {
      const webhookFlags = {
        secret: values.secret,
        site: values.site,
        allowPrivate: values['allow-private'] === true,
      };
      return await webhookAction(store, io, args[0], args.slice(1), webhookFlags, format);
    }
    if (action === 'deliver') return await deliverAction(store, io, waitMs);
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
    await listFired(store, io, limit, format);
    return 0;
  } finally {
    await store.close();
  }
}
