import { MAX_Q_LENGTH } from '../api/query-schemas.js';
import { EVENT_TYPES } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { isIsoDate } from '../config/load-config.js';
import type { Knowledge } from '../extract/knowledge.js';
import { normalisePlaceName } from '../lexicon/gazetteer.js';
import { didYouMean, suggestActor, suggestPlace } from '../lexicon/name-suggestions.js';
import type { EventQuery } from '../store/store.js';
import type { Options } from './cli-io.js';

export const FILTER_OPTIONS = {
  q: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  admin1: { type: 'string' },
  admin2: { type: 'string' },
  actor: { type: 'string' },
  type: { type: 'string' },
  publisher: { type: 'string' },
  contested: { type: 'boolean' },
  operation: { type: 'string' },
  'include-dismissed': { type: 'boolean' },
} as const satisfies Options;

type FilterFlags = { readonly [K in keyof typeof FILTER_OPTIONS]?: string | boolean | undefined };

const ALL_TYPES: ReadonlySet<string> = new Set(
  Object.entries(EVENT_TYPES).flatMap(([type, subs]) => [type, ...(subs as readonly string[])]),
);

function date(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new FaultlineError('FL_ERR_BAD_DATE', `--${flag} ${value}`);
  return value;
}

/** The canonical name of a province or district the gazetteer knows, or a clear error naming the flag. */
function place(
  flag: 'admin1' | 'admin2',
  value: string | undefined,
  knowledge: Knowledge,
): string | undefined {
  if (value === undefined) return undefined;
  const key = normalisePlaceName(value);
  const kind = flag === 'admin1' ? 'province' : 'district';
  const found = (knowledge.gazetteer.byName.get(key) ?? []).find((p) => p.kind === kind);
  if (!found)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `--${flag} ${value}`,
      `not a ${kind} the gazetteer knows${didYouMean(suggestPlace(knowledge.gazetteer, kind, value))}`,
    );
  return flag === 'admin1' ? (found.admin1 ?? found.name) : (found.admin2 ?? found.name);
}

/** An actor by its name, alias or acronym → its canonical name. */
function actor(value: string | undefined, knowledge: Knowledge): string | undefined {
  if (value === undefined) return undefined;
  const wanted = value.trim().toLowerCase();
  for (const a of knowledge.actors.actors) {
    const names = [a.name, ...a.aliases, ...a.acronyms].map((n) => n.toLowerCase());
    if (names.includes(wanted)) return a.name;
  }
  throw new FaultlineError(
    'FL_ERR_BAD_ARGUMENT',
    `--actor ${value}`,
    `not an actor of the actor table${didYouMean(suggestActor(knowledge.actors, value))}`,
  );
}

/** Free text as the API takes it: blank is no search, and a query longer than the API's limit is refused alike. */
function freeText(value: string | undefined): string | undefined {
  const q = value?.trim();
  if (!q) return undefined;
  if (q.length > MAX_Q_LENGTH)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', '--q', `longer than ${MAX_Q_LENGTH} characters`);
  return q;
}

/** Validates the filter flags of `events`, `stats` and the exports and turns them into a store query. */
export function eventQueryOf(
  flags: FilterFlags,
  knowledge: Knowledge,
  publishers: ReadonlySet<string>,
): EventQuery {
  const from = date('from', flags.from as string | undefined);
  const to = date('to', flags.to as string | undefined);
  if (from && to && from > to)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `--from ${from} --to ${to}`, 'from is after to');
  const type = flags.type as string | undefined;
  if (type !== undefined && !ALL_TYPES.has(type)) {
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `--type ${type}`, 'not an ACLED event or sub-event type');
  }
  const publisher = flags.publisher as string | undefined;
  if (publisher !== undefined && ![...publishers].some((p) => p.toLowerCase() === publisher.toLowerCase())) {
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `--publisher ${publisher}`,
      'no stored document has this publisher',
    );
  }
  const query: Record<string, unknown> = {
    q: freeText(flags.q as string | undefined),
    from,
    to,
    admin1: place('admin1', flags.admin1 as string | undefined, knowledge),
    admin2: place('admin2', flags.admin2 as string | undefined, knowledge),
    actor: actor(flags.actor as string | undefined, knowledge),
    type,
    publisher,
    contested: flags.contested === true ? true : undefined,
    operationId: flags.operation as string | undefined,
    includeDismissed: flags['include-dismissed'] === true ? true : undefined,
  };
  for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
  return query as EventQuery;
}
