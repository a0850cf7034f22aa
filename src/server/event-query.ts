import type { EventFilters, EventListQuery } from '../api/query-schemas.js';
import { EVENT_TYPES } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import type { Knowledge } from '../extract/knowledge.js';
import { normalisePlaceName } from '../lexicon/gazetteer.js';
import type { EventQuery } from '../store/store.js';
import { didYouMean, suggestActor, suggestPlace } from '../lexicon/name-suggestions.js';

const ALL_TYPES: ReadonlySet<string> = new Set(
  Object.entries(EVENT_TYPES).flatMap(([type, subs]) => [type, ...(subs as readonly string[])]),
);

/** Validates wire filters against the knowledge the server holds, turning names into canonical ones. */
export interface FilterResolver {
  (filters: EventFilters & Partial<Pick<EventListQuery, 'sort' | 'limit' | 'offset'>>): EventQuery;
}

function validDate(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw new FaultlineError('FL_ERR_BAD_DATE', `${field}=${value}`);
  return value;
}

/**
 * Builds the resolver once per app: actor names, aliases and acronyms are indexed up front so that a request
 * costs a map lookup. Unknown provinces, districts, actors and types are a 400 naming the field, because an
 * empty answer to a misspelt filter looks like "no violence there".
 */
export function filterResolver(knowledge: Knowledge): FilterResolver {
  const actorNames = new Map<string, string>();
  for (const a of knowledge.actors.actors) {
    for (const n of [a.name, ...a.aliases, ...a.acronyms]) actorNames.set(n.trim().toLowerCase(), a.name);
  }
  const place = (field: 'admin1' | 'admin2', value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const kind = field === 'admin1' ? 'province' : 'district';
    const found = (knowledge.gazetteer.byName.get(normalisePlaceName(value)) ?? []).find(
      (p) => p.kind === kind,
    );
    if (!found)
      throw new FaultlineError(
        'FL_ERR_BAD_ARGUMENT',
        `${field}=${value}`,
        `not a ${kind} the gazetteer knows${didYouMean(suggestPlace(knowledge.gazetteer, kind, value))}`,
      );
    return field === 'admin1' ? (found.admin1 ?? found.name) : (found.admin2 ?? found.name);
  };
  return (f) => {
    const from = validDate('from', f.from);
    const to = validDate('to', f.to);
    if (from && to && from > to)
      throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `from=${from}&to=${to}`, 'from is after to');
    if (f.type !== undefined && !ALL_TYPES.has(f.type))
      throw new FaultlineError(
        'FL_ERR_BAD_ARGUMENT',
        `type=${f.type}`,
        'not an ACLED event or sub-event type',
      );
    let actor: string | undefined;
    if (f.actor !== undefined) {
      actor = actorNames.get(f.actor.trim().toLowerCase());
      if (!actor)
        throw new FaultlineError(
          'FL_ERR_BAD_ARGUMENT',
          `actor=${f.actor}`,
          `not an actor of the actor table${didYouMean(suggestActor(knowledge.actors, f.actor))}`,
        );
    }
    const query: Record<string, unknown> = {
      // blank is no search: `q=` from an emptied search box shares the cache entry of no q at all
      q: f.q?.trim() || undefined,
      from,
      to,
      admin1: place('admin1', f.admin1),
      admin2: place('admin2', f.admin2),
      actor,
      type: f.type,
      publisher: f.publisher,
      contested: f.contested === true ? true : undefined,
      operationId: f.operation,
      docId: f.document,
      includeDismissed: f.include_dismissed === true ? true : undefined,
      sort: f.sort,
      limit: f.limit,
      offset: f.offset,
    };
    for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
    return query as EventQuery;
  };
}
