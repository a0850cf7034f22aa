import type {
  MergeDecision,
  Mention,
  ResolvableMention,
  Resolution,
  ResolvedEvent,
  SourceInfo,
} from '../domain/index.js';
import { buildEventRecord, distinctBy, SCAN_LIMIT } from '../domain/index.js';
import { DayIndex, MAX_CANDIDATES, placeBucket } from './candidate-index.js';
import { blockKey, compareRanked, compareText, dayNumber, ranked, type Ranked } from './canonical-order.js';
import { assignEventIds } from './event-id.js';
import {
  DEFAULT_GENERIC_ACTOR_IDS,
  DEFAULT_THRESHOLD,
  explainMerge,
  hasExactCount,
  mergeScore,
  profileOf,
  type MentionProfile,
  type MergeSettings,
} from './merge-features.js';
import { planOperations } from './plan-operations.js';

export interface PlanOptions {
  /** Minimum weighted score for a mention to join an event (default 0.6). */
  readonly threshold?: number;
  /** Actor ids that name nobody in particular (the actor table's catch-alls). */
  readonly genericActorIds?: readonly string[];
}

interface Item extends MentionProfile, Ranked {
  readonly input: ResolvableMention;
}

interface Draft {
  readonly ordinal: number;
  readonly founder: Item;
  /** The founder, then every mention that joined, in the order they joined. */
  readonly items: Item[];
  /** The score of each mention that joined: scores[i] belongs to items[i + 1]. */
  readonly scores: number[];
  /**
   * The documents of a widely reported event, kept once it has many mentions; a few are scanned instead, so
   * that the third of a million events with one to three reports need no set each.
   */
  docs: Set<string> | null;
  visit: number;
}

function holdsDocument(draft: Draft, docId: string): boolean {
  if (draft.docs !== null) return draft.docs.has(docId);
  for (const it of draft.items) if (it.docId === docId) return true;
  return false;
}

function join(draft: Draft, item: Item, score: number): void {
  draft.items.push(item);
  draft.scores.push(score);
  if (draft.docs !== null) draft.docs.add(item.docId);
  else if (draft.items.length > SCAN_LIMIT) draft.docs = new Set(draft.items.map((it) => it.docId));
}

/** Index keys beside the district buckets: every fine-dated founder, and the province-wide fine-dated ones. */
const ALL = '*';
const BROAD = 'province';
/**
 * Where a founder is found by a report of the next day or the day before: its very place, by the gazetteer's id
 * or by name in its district (placeRule's placeSame).
 */
const nextDayKeys = (p: MentionProfile): readonly string[] =>
  p.placeId === null ? [`n:${p.name}|${p.admin2}`] : [`n:${p.name}|${p.admin2}`, `i:${p.placeId}`];
/** Province-wide founders with a coarse date, under their first day only: a match must have the very same span. */
const BROAD_COARSE = 'province-coarse';

/**
 * Resolves one block (one country and province) in canonical order. Each mention is compared with the founders
 * of the events whose dates overlap its own, found through a day index by district, so a block costs about its
 * size times the few events a district sees in a few days.
 */
function resolveBlock(items: readonly Item[], settings: MergeSettings, drafts: Draft[]): void {
  const index = new DayIndex<Draft>();
  let stamp = 0;
  for (const item of items) {
    const m = item.input.mention;
    const location = m.location;
    let best: Draft | null = null;
    let bestScore = -1;
    const { from, to } = item;
    // a vague date ties to nothing (dateRule): such a report neither looks for an event nor is indexed
    const dated = !Number.isNaN(from) && !item.vague;
    // keys of the very place, for one incident told a day apart (mergeScore, dateNextDay), which needs a figure
    const nextDay = location && dated && item.fine && hasExactCount(m) ? nextDayKeys(item) : null;
    const bucket = location ? placeBucket(location) : null;
    if (location && dated) {
      const consider = (draft: Draft): void => {
        const score = mergeScore(item, draft.founder, settings.threshold);
        if (score < 0 || score < bestScore || holdsDocument(draft, item.docId)) return;
        if (score > bestScore || (best !== null && draft.ordinal < best.ordinal)) {
          best = draft;
          bestScore = score;
        }
      };
      stamp++;
      // A province-wide report ties to an incident only on a fine date, and only with fine-dated founders; with a
      // coarse date, only to another province-wide report of the very same span (mergeScore)
      if (bucket === null) {
        if (item.fine) index.query(ALL, from, to, stamp, MAX_CANDIDATES, consider);
        else index.query(BROAD_COARSE, from, from, stamp, MAX_CANDIDATES, consider);
      } else {
        const used = index.query(bucket, from, to, stamp, MAX_CANDIDATES, consider);
        if (item.fine) index.query(BROAD, from, to, stamp, MAX_CANDIDATES - used, consider);
        // one incident told a day apart (mergeScore, dateNextDay): only at the very place, with a figure to share
        if (nextDay !== null) {
          for (const key of nextDay) {
            index.query(key, from - 1, from - 1, stamp, MAX_CANDIDATES, consider);
            index.query(key, to + 1, to + 1, stamp, MAX_CANDIDATES, consider);
          }
        }
      }
    }
    const chosen = best as Draft | null;
    if (chosen && bestScore >= 0) {
      join(chosen, item, bestScore);
      continue;
    }
    const draft: Draft = {
      ordinal: drafts.length,
      founder: item,
      items: [item],
      scores: [],
      docs: null,
      visit: 0,
    };
    drafts.push(draft);
    if (!location || !dated) continue;
    if (bucket !== null) {
      index.add(bucket, from, to, draft);
      for (const key of nextDay ?? []) index.add(key, from, to, draft);
    } else if (item.fine) index.add(BROAD, from, to, draft);
    else index.add(BROAD_COARSE, from, from, draft);
    if (item.fine) index.add(ALL, from, to, draft);
  }
}

function sourcesOf(items: readonly Item[]): SourceInfo[] {
  return distinctBy(items, (it) => it.input.source.docId).map((it) => it.input.source);
}

/**
 * Plans the events of a set of mentions: pure, deterministic and independent of the order of `inputs` (they are
 * sorted canonically first), so re-planning a block after new documents arrive gives the same ids to the events
 * it already had, unless a more precise report now founds one and differs from the old founder in place, day,
 * type or actor (see founderKey).
 */
export function planMerges(inputs: readonly ResolvableMention[], options: PlanOptions = {}): Resolution {
  const settings: MergeSettings = {
    threshold: options.threshold ?? DEFAULT_THRESHOLD,
    genericActorIds: new Set(options.genericActorIds ?? DEFAULT_GENERIC_ACTOR_IDS),
  };
  const sorted = inputs
    // extends the profile in place: an object spread of its twenty fields would build a dictionary-mode
    // object several times larger, and a million of them make the garbage collector the main cost
    .map((input): Item =>
      Object.assign(profileOf(input.mention, settings.genericActorIds), ranked(input.mention), { input }),
    )
    .sort(compareRanked);
  const blocks = new Map<string, Item[]>();
  let previous: string | null = null;
  for (const item of sorted) {
    const { mention } = item.input;
    if (mention.id === previous) continue; // the same mention handed in twice
    previous = mention.id;
    const key = blockKey(mention);
    const list = blocks.get(key);
    if (list) list.push(item);
    else blocks.set(key, [item]);
  }
  const drafts: Draft[] = [];
  for (const key of [...blocks.keys()].sort(compareText)) resolveBlock(blocks.get(key)!, settings, drafts);

  const ids = assignEventIds(drafts.map((d) => d.founder.input.mention));
  // only events with a report of an operation can belong to one
  const members = drafts.flatMap((d, i) =>
    d.items.some((it) => it.input.mention.operationKey !== null)
      ? [{ id: ids[i]!, mentions: d.items.map((it) => it.input.mention) }]
      : [],
  );
  const { operationOf, operations } = planOperations(members);

  // Events by date, then id. The founder's day number orders them as its ISO date does and costs a subtraction
  // where the date text costs a string comparison; two unreadable dates fall back to the text.
  const order = drafts.map((_, i) => i);
  const startOf = (i: number): string => drafts[i]!.founder.input.mention.date.start;
  const days = order.map((i) => dayNumber(startOf(i)) ?? Number.NaN);
  order.sort(
    (i, j) => days[i]! - days[j]! || compareText(startOf(i), startOf(j)) || compareText(ids[i]!, ids[j]!),
  );
  const events: ResolvedEvent[] = order.map((i) => {
    const d = drafts[i]!;
    const id = ids[i]!;
    const founder: Mention = d.founder.input.mention;
    const decisions: MergeDecision[] = [
      {
        mentionId: founder.id,
        eventId: id,
        joined: false,
        comparedWith: null,
        score: 1,
        threshold: settings.threshold,
        features: [],
      },
      ...d.items.slice(1).map((item, k) => ({
        mentionId: item.input.mention.id,
        eventId: id,
        joined: true,
        comparedWith: founder.id,
        score: d.scores[k]!,
        threshold: settings.threshold,
        features: explainMerge(item, d.founder),
      })),
    ];
    return {
      record: buildEventRecord({
        id,
        operationId: operationOf.get(id) ?? null,
        mentions: d.items.map((it) => it.input.mention),
        sources: sourcesOf(d.items),
      }),
      mentionIds: d.items.map((it) => it.input.mention.id),
      decisions,
    };
  });
  return { events, operations };
}
