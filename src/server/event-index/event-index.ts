import type { EventCursor, EventQuery, IndexedEventRow } from '../../store/store.js';
import { parseSearch } from '../../store/search-query.js';
import { EVENT_TYPES } from '../../domain/index.js';
import { dayNumber, pageOfMatches, type Candidates, type IndexColumns } from './index-scan.js';
import { intLists } from './int-lists.js';
import { recordBytes } from './record-bytes.js';
import { firstWhere, grown } from './typed-arrays.js';

/** A page of the list as the index answers it: the records' JSON bytes, the next page's cursor, the exact total. */
export interface IndexedPage {
  readonly items: readonly Buffer[];
  readonly next: EventCursor | null;
  readonly total: number;
}

/** Whether the index can answer `query`: every filter but free text, which is the store's full-text index. */
export function indexAnswers(query: Pick<EventQuery, 'q'>): boolean {
  return parseSearch(query.q) === null;
}

/**
 * The event list held in memory: every event's filter columns (as the store's row holds them) and its record's
 * JSON as bytes, so that a page of any filter, sort and offset is found, counted exactly and sent without a
 * read of the store. A page of 100 records read from SQLite alone caps a server near 2,000 answers a second on
 * this machine; the index answers what `queryEventPage` and `estimateEvents` answer, from the same columns.
 *
 * Events sit in slots (reused after a removal); every slot is kept in the date order and in the rank order, and
 * so is each filter value's slots (a posting list: the common filters' built at load, others when first asked
 * for), each brought in step at a change without sorting it again; lists of several filters at once are
 * dropped at a change and taken again from their shortest filter's when next asked.
 */
export interface EventIndex {
  /** Applies one window of the change feed: its removals first, then its rows (an id written again stays). */
  apply(rows: readonly IndexedEventRow[], removals: readonly string[]): void;
  /** Forgets every event (a reader that fell too far behind starts over). */
  clear(): void;
  /** Builds the lists of the common filters' values at once (after a load), so that no request waits for one. */
  warm(): void;
  /** The page the store would answer, or null for a query the index cannot answer (free text goes to the store). */
  page(query: EventQuery, limit: number): IndexedPage | null;
  readonly size: number;
  /** Bytes of record JSON held. */
  readonly bytes: number;
}

const isEventType = (name: string): boolean => Object.hasOwn(EVENT_TYPES, name);

type Dimension = 'admin1' | 'admin2' | 'actor' | 'type' | 'sub' | 'publisher' | 'doc' | 'operation';

/** The filters whose every value has its list from the start; documents and operations are asked one by one. */
const WARM = ['admin1', 'admin2', 'actor', 'type', 'sub', 'publisher'] as const;

const TYPED_COLUMNS = [
  'start',
  'end',
  'rank',
  'admin1',
  'admin2',
  'actor1',
  'actor2',
  'type',
  'sub',
  'operation',
  'contested',
  'dismissed',
  'publisherCount',
] as const;

/** Lists of combined filter values kept at most; the first built goes first. */
const MAX_COMBINED = 256;

export function eventIndex(): EventIndex {
  const c: IndexColumns = {
    ids: [],
    start: new Int32Array(0),
    end: new Int32Array(0),
    rank: new Float64Array(0),
    admin1: new Int32Array(0),
    admin2: new Int32Array(0),
    actor1: new Int32Array(0),
    actor2: new Int32Array(0),
    type: new Int32Array(0),
    sub: new Int32Array(0),
    operation: new Int32Array(0),
    contested: new Uint8Array(0),
    dismissed: new Uint8Array(0),
    publisherCount: new Int32Array(0),
    publishers: intLists(),
    docs: intLists(),
  };
  const json = recordBytes();
  const slotOf = new Map<string, number>();
  const free: number[] = [];
  // every text a filter compares, numbered once: a filter value never seen matches no event
  const codes = new Map<string, number>();
  // every live slot in the date order and in the rank order, dismissed ones too
  let order: Int32Array = new Int32Array(0);
  let rankOrder: Int32Array = new Int32Array(0);
  const postings = new Map<string, Posting>();
  let combined = 0;
  let longestSpan = 0;

  const code = (text: string | null): number => {
    if (text === null) return -1;
    let n = codes.get(text);
    if (n === undefined) codes.set(text, (n = codes.size));
    return n;
  };

  const byDate = (a: number, b: number): number =>
    c.start[a]! - c.start[b]! || (c.ids[a]! < c.ids[b]! ? -1 : c.ids[a]! > c.ids[b]! ? 1 : 0);
  const byRank = (a: number, b: number): number =>
    c.rank[a]! - c.rank[b]! || (c.ids[a]! < c.ids[b]! ? -1 : c.ids[a]! > c.ids[b]! ? 1 : 0);

  /** Room for `slot` in every typed column: each twice as large as before, or as large as asked. */
  function room(slot: number): void {
    if (slot < c.start.length) return;
    const size = Math.max(slot + 1, c.start.length * 2, 1024);
    for (const key of TYPED_COLUMNS) (c as unknown as Record<string, unknown>)[key] = grown(c[key], size);
  }

  function removeSlot(slot: number): void {
    slotOf.delete(c.ids[slot]!);
    json.drop(slot);
    c.ids[slot] = '';
    c.publishers.set(slot, []);
    c.docs.set(slot, []);
    free.push(slot);
  }

  function write(slot: number, row: IndexedEventRow): void {
    room(slot);
    c.ids[slot] = row.id;
    c.start[slot] = dayNumber(row.dateStart);
    c.end[slot] = dayNumber(row.dateEnd);
    c.rank[slot] = row.fatalitiesRank;
    c.admin1[slot] = code(row.admin1Key);
    c.admin2[slot] = code(row.admin2Key);
    c.actor1[slot] = code(row.actor1Key);
    c.actor2[slot] = code(row.actor2Key);
    c.type[slot] = code(row.eventType);
    c.sub[slot] = code(row.subEventType);
    c.operation[slot] = code(row.operationId);
    c.contested[slot] = row.contested ? 1 : 0;
    c.dismissed[slot] = row.dismissed ? 1 : 0;
    c.publisherCount[slot] = row.publisherCount;
    c.publishers.set(slot, row.publisherKeys.map(code));
    c.docs.set(slot, row.docIds.map(code));
    json.put(slot, row.json);
    longestSpan = Math.max(longestSpan, c.end[slot]! - c.start[slot]!);
  }

  /**
   * The slots of one filter value (or of several at once) in the date order, taken the first time it is asked
   * for from `source` (every slot, or the shortest list of the values combined).
   */
  function posting(key: string, member: (slot: number) => boolean, source: Int32Array = order): Posting {
    let held = postings.get(key);
    if (held) return held;
    held = { member, byDate: source.filter(member), byRank: null };
    postings.set(key, held);
    // lists of combined values are kept for the last few hundred combinations asked: each costs its length again
    if (key.includes('&') && (combined += 1) > MAX_COMBINED) {
      for (const old of postings.keys()) {
        if (!old.includes('&')) continue;
        postings.delete(old);
        combined -= 1;
        break;
      }
    }
    return held;
  }

  /**
   * Where the slots a change touches stand in each list, found by binary search while every list still agrees
   * with the columns (before the change writes them): the list's own slot there, or nothing.
   */
  function standing(gone: readonly number[]): Map<Int32Array, number[]> {
    const at = new Map<Int32Array, number[]>();
    const find = (
      list: Int32Array,
      compare: (a: number, b: number) => number,
      member: (slot: number) => boolean = () => true,
    ) => {
      if (at.has(list)) return;
      const found: number[] = [];
      for (const slot of gone) {
        // a slot that does not hold the list's value is not in it: no search
        if (!member(slot)) continue;
        const lo = firstWhere(list, (s) => compare(s, slot) >= 0);
        if (list[lo] === slot) found.push(lo);
      }
      at.set(
        list,
        found.sort((a, b) => a - b),
      );
    };
    find(order, byDate);
    find(rankOrder, byRank);
    for (const [key, held] of postings) {
      if (key.includes('&')) continue;
      find(held.byDate, byDate, held.member);
      if (held.byRank !== null) find(held.byRank, byRank, held.member);
    }
    return at;
  }

  /** After a change: each list less the positions it held touched slots at, with its written members put in. */
  function update(at: ReadonlyMap<Int32Array, readonly number[]>, written: readonly number[]): void {
    const dated = [...written].sort(byDate);
    const ranked = [...written].sort(byRank);
    const redo = (list: Int32Array, added: readonly number[], compare: (a: number, b: number) => number) =>
      mergeSorted(list, at.get(list) ?? [], added, compare);
    order = redo(order, dated, byDate);
    rankOrder = redo(rankOrder, ranked, byRank);
    for (const [key, held] of postings) {
      // a combination's list is taken again from its shortest filter's when next asked: cheaper than keeping
      // hundreds of them in step at every change
      if (key.includes('&')) {
        postings.delete(key);
        combined -= 1;
        continue;
      }
      held.byDate = redo(held.byDate, dated.filter(held.member), byDate);
      if (held.byRank !== null) held.byRank = redo(held.byRank, ranked.filter(held.member), byRank);
    }
  }

  /** Whether a slot holds a filter's value (`n`, a text's number), per filter. */
  const holds: Readonly<Record<Dimension, (slot: number, n: number) => boolean>> = {
    admin1: (s, n) => c.admin1[s] === n,
    admin2: (s, n) => c.admin2[s] === n,
    actor: (s, n) => c.actor1[s] === n || c.actor2[s] === n,
    type: (s, n) => c.type[s] === n,
    sub: (s, n) => c.sub[s] === n,
    publisher: (s, n) => c.publishers.includes(s, n),
    doc: (s, n) => c.docs.includes(s, n),
    operation: (s, n) => c.operation[s] === n,
  };
  const shownOnly = (slot: number) => c.dismissed[slot] === 0;
  const member = (name: Dimension, n: number, shown: (slot: number) => boolean) => (slot: number) =>
    holds[name](slot, n) && shown(slot);

  /** The values of a slot's filter column, for the lists built at once (warm). */
  const valuesOf: Readonly<Record<(typeof WARM)[number], (slot: number) => readonly number[]>> = {
    admin1: (s) => [c.admin1[s]!],
    admin2: (s) => [c.admin2[s]!],
    actor: (s) => (c.actor1[s] === c.actor2[s] ? [c.actor1[s]!] : [c.actor1[s]!, c.actor2[s]!]),
    type: (s) => [c.type[s]!],
    sub: (s) => [c.sub[s]!],
    publisher: (s) => [...new Set(c.publishers.values(s))],
  };

  /**
   * Builds the lists of every value of the common filters in one pass per filter and order, so that no request
   * waits for a list of a million slots to be taken (each would read every slot; the first minutes of a server
   * asked for a hundred districts would be slow ones).
   */
  function warm(): void {
    for (const name of WARM) {
      const gather = (from: Int32Array) => {
        const lists = new Map<number, number[]>();
        for (const slot of from) {
          if (c.dismissed[slot] !== 0) continue;
          for (const n of valuesOf[name](slot)) {
            if (n < 0) continue;
            let list = lists.get(n);
            if (list === undefined) lists.set(n, (list = []));
            list.push(slot);
          }
        }
        return lists;
      };
      const [dated, ranked] = [gather(order), gather(rankOrder)];
      for (const [n, slots] of dated)
        postings.set(`shown ${name}:${n}`, {
          member: member(name, n, shownOnly),
          byDate: Int32Array.from(slots),
          byRank: Int32Array.from(ranked.get(n)!),
        });
    }
  }

  function candidates(query: EventQuery): Candidates | 'none' {
    // dismissed events are left out of every list unless asked for: most queries then test nothing but dates
    const shown = query.includeDismissed === true ? () => true : shownOnly;
    const scope = query.includeDismissed === true ? 'all' : 'shown';
    const fold = (v: string) => codes.get(v.toLowerCase());
    const exact = (v: string) => codes.get(v);
    const parts: { readonly key: string; readonly test: (slot: number) => boolean }[] = [];
    const singles: Posting[] = [];
    const dim = (value: string | undefined, name: Dimension, known: (v: string) => number | undefined) => {
      if (value === undefined) return true;
      const n = known(value);
      if (n === undefined) return false;
      const test = member(name, n, shown);
      parts.push({ key: `${name}:${n}`, test });
      singles.push(posting(`${scope} ${name}:${n}`, test));
      return true;
    };
    const isType = query.type !== undefined && isEventType(query.type);
    const ok =
      dim(query.admin1, 'admin1', fold) &&
      dim(query.admin2, 'admin2', fold) &&
      dim(query.actor, 'actor', fold) &&
      dim(query.type, isType ? 'type' : 'sub', exact) &&
      dim(query.publisher, 'publisher', fold) &&
      dim(query.docId, 'doc', exact) &&
      dim(query.operationId, 'operation', exact);
    if (!ok) return 'none';
    const flag = (key: string, test: (slot: number) => boolean) => {
      const shownTest = (slot: number) => test(slot) && shown(slot);
      parts.push({ key, test: shownTest });
      singles.push(posting(`${scope} ${key}`, shownTest));
    };
    if (query.contested !== undefined) {
      const want = query.contested ? 1 : 0;
      flag(`contested:${want}`, (s) => c.contested[s] === want);
    }
    if (query.minPublishers !== undefined) {
      const min = query.minPublishers;
      flag(`publishers>=${min}`, (s) => c.publisherCount[s]! >= min);
    }
    let list = posting(scope, shown);
    if (singles.length === 1) list = singles[0]!;
    if (singles.length > 1) {
      // several filters: their conjunction is a list of its own, taken from the shortest of theirs, so that a
      // page and its total read no slot that fails a filter
      const shortest = singles.reduce((a, b) => (b.byDate.length < a.byDate.length ? b : a));
      const tests = parts.map((p) => p.test);
      list = posting(
        `${scope} ${parts
          .map((p) => p.key)
          .sort()
          .join('&')}`,
        (s) => tests.every((t) => t(s)),
        shortest.byDate,
      );
    }
    const chosen = list;
    return {
      byDate: chosen.byDate,
      // taken from the rank order of every slot: no sort of a long list while a request waits
      byRank: () => (chosen.byRank ??= rankOrder.filter(chosen.member)),
      from: query.from === undefined ? undefined : dayNumber(query.from),
      to: query.to === undefined ? undefined : dayNumber(query.to),
      longestSpan,
    };
  }

  return {
    apply(rows, removals) {
      if (rows.length === 0 && removals.length === 0) return;
      // the slots held now that the change removes or writes again leave every list they are in
      const gone = new Set<number>();
      for (const id of [...removals, ...rows.map((r) => r.id)]) {
        const slot = slotOf.get(id);
        if (slot !== undefined) gone.add(slot);
      }
      const at = standing([...gone]);
      for (const id of removals) {
        const slot = slotOf.get(id);
        if (slot !== undefined) removeSlot(slot);
      }
      // a slot freed above may take a new row: it comes back where its new row sorts
      const written = new Set<number>();
      for (const row of rows) {
        let slot = slotOf.get(row.id);
        if (slot === undefined) {
          slot = free.pop() ?? c.ids.length;
          slotOf.set(row.id, slot);
        }
        written.add(slot);
        write(slot, row);
      }
      update(at, [...written]);
    },
    clear() {
      c.ids.length = 0;
      for (const key of TYPED_COLUMNS) (c as unknown as Record<string, unknown>)[key] = c[key].slice(0, 0);
      c.publishers.clear();
      c.docs.clear();
      json.clear();
      slotOf.clear();
      free.length = 0;
      codes.clear();
      order = new Int32Array(0);
      rankOrder = new Int32Array(0);
      postings.clear();
      combined = 0;
      longestSpan = 0;
    },
    warm,
    page(query, limit) {
      if (!indexAnswers(query)) return null;
      const found = candidates(query);
      if (found === 'none') return { items: [], next: null, total: 0 };
      const page = pageOfMatches(c, found, query, limit);
      return { items: page.slots.map((s) => json.get(s)), next: page.next, total: page.total };
    },
    get size() {
      return slotOf.size;
    },
    get bytes() {
      return json.bytes;
    },
  };
}

/** One filter value's slots, in the date order and (once a fatalities order asked) in the rank order. */
interface Posting {
  readonly member: (slot: number) => boolean;
  byDate: Int32Array;
  byRank: Int32Array | null;
}

/** Copies list[from, to) into out at n: a plain loop for short runs, memcpy for long ones. */
function copyRun(out: Int32Array, n: number, list: Int32Array, from: number, to: number): number {
  if (to - from >= 256) out.set(list.subarray(from, to), n);
  else for (let i = from; i < to; i++) out[n + i - from] = list[i]!;
  return n + to - from;
}

/**
 * `list` less the slots at `drop` (ascending positions), with `added` (sorted by `compare`) put in place: the
 * rest is copied in runs and each added slot finds its place by binary search, so a change of a hundred events
 * costs a copy of each list it touches, not a comparison per slot (ties of a day are broken by comparing ids).
 */
function mergeSorted(
  list: Int32Array,
  drop: readonly number[],
  added: readonly number[],
  compare: (a: number, b: number) => number,
): Int32Array {
  if (drop.length === 0 && added.length === 0) return list;
  let kept = list;
  if (drop.length > 0) {
    kept = new Int32Array(list.length - drop.length);
    let from = 0;
    let n = 0;
    for (const i of drop) {
      n = copyRun(kept, n, list, from, i);
      from = i + 1;
    }
    copyRun(kept, n, list, from, list.length);
  }
  if (added.length === 0) return kept;
  const out = new Int32Array(kept.length + added.length);
  let from = 0;
  let n = 0;
  for (const slot of added) {
    const lo = firstWhere(kept, (s) => compare(slot, s) < 0, from);
    n = copyRun(out, n, kept, from, lo);
    out[n++] = slot;
    from = lo;
  }
  copyRun(out, n, kept, from, kept.length);
  return out;
}
