import type { EventCursor, EventQuery, IndexedEventRow } from '../../store/store.js';
import { parseSearch } from '../../store/search-query.js';
import { EVENT_TYPES } from '../../domain/index.js';
import { dayNumber, pageOfMatches, type Candidates, type IndexColumns } from './index-scan.js';

/** A page of the list as the index answers it: the records' JSON bytes, the next page's cursor, the exact total. */
export interface IndexedPage {
  readonly items: readonly Buffer[];
  readonly next: EventCursor | null;
  readonly total: number;
}

/**
 * The event list held in memory: every event's filter columns (as the store's row holds them) and its record's
 * JSON as bytes, so that a page of any filter, sort and offset is found, counted exactly and sent without a
 * read of the store. A page of 100 records read from SQLite alone caps a server near 2,000 answers a second on
 * this machine; the index answers what `queryEventPage` and `estimateEvents` answer, from the same columns.
 *
 * Events sit in slots (reused after a removal); the slots in the list's date order are kept sorted, and so are
 * each filter value's slots (a posting list, built when first asked for, in the date order and, once a
 * fatalities order asks, the rank order), each brought in step at a change without sorting it again.
 */
export interface EventIndex {
  /** Applies one window of the change feed: its removals first, then its rows (an id written again stays). */
  apply(rows: readonly IndexedEventRow[], removals: readonly string[]): void;
  /** Forgets every event (a reader that fell too far behind starts over). */
  clear(): void;
  /** The page the store would answer, or null for a query the index cannot answer (free text goes to the store). */
  page(query: EventQuery, limit: number): IndexedPage | null;
  readonly size: number;
  /** Bytes of record JSON held. */
  readonly bytes: number;
}

const isEventType = (name: string): boolean => Object.hasOwn(EVENT_TYPES, name);

/** Lists of combined filter values kept at most; the oldest asked goes first. */
const MAX_COMBINED = 256;

export function eventIndex(): EventIndex {
  const c: IndexColumns = {
    ids: [],
    startText: [],
    start: [],
    end: [],
    rank: [],
    admin1: [],
    admin2: [],
    actor1: [],
    actor2: [],
    type: [],
    sub: [],
    operation: [],
    contested: [],
    dismissed: [],
    publisherCount: [],
    publishers: [],
    docs: [],
  };
  const json: (Buffer | null)[] = [];
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
  let bytes = 0;

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

  function removeSlot(slot: number): void {
    slotOf.delete(c.ids[slot]!);
    bytes -= json[slot]!.byteLength;
    json[slot] = null;
    c.ids[slot] = '';
    c.publishers[slot] = [];
    c.docs[slot] = [];
    free.push(slot);
  }

  function write(slot: number, row: IndexedEventRow): void {
    c.ids[slot] = row.id;
    c.startText[slot] = row.dateStart;
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
    c.publishers[slot] = row.publisherKeys.map(code);
    c.docs[slot] = row.docIds.map(code);
    const body = Buffer.from(row.json);
    if (json[slot]) bytes -= json[slot].byteLength;
    json[slot] = body;
    bytes += body.byteLength;
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

  /** After a change: each list in step again, its untouched slots in place, the written members merged in. */
  function update(touched: Uint8Array, written: readonly number[]): void {
    const dated = [...written].sort(byDate);
    const ranked = [...written].sort(byRank);
    order = mergeSorted(order, touched, dated, byDate);
    rankOrder = mergeSorted(rankOrder, touched, ranked, byRank);
    for (const held of postings.values()) {
      held.byDate = mergeSorted(held.byDate, touched, dated.filter(held.member), byDate);
      if (held.byRank !== null)
        held.byRank = mergeSorted(held.byRank, touched, ranked.filter(held.member), byRank);
    }
  }

  function candidates(query: EventQuery): Candidates | 'none' {
    // dismissed events are left out of every list unless asked for: most queries then test nothing but dates
    const shown = query.includeDismissed === true ? () => true : (slot: number) => c.dismissed[slot] === 0;
    const scope = query.includeDismissed === true ? 'all' : 'shown';
    const fold = (v: string) => codes.get(v.toLowerCase());
    const exact = (v: string) => codes.get(v);
    const parts: { readonly key: string; readonly test: (slot: number) => boolean }[] = [];
    const dim = (
      value: string | undefined,
      name: string,
      known: (v: string) => number | undefined,
      member: (slot: number, n: number) => boolean,
    ): boolean => {
      if (value === undefined) return true;
      const n = known(value);
      if (n === undefined) return false;
      parts.push({ key: `${name}:${n}`, test: (slot) => member(slot, n) });
      return true;
    };
    const isType = query.type !== undefined && isEventType(query.type);
    const ok =
      dim(query.admin1, 'admin1', fold, (s, n) => c.admin1[s] === n) &&
      dim(query.admin2, 'admin2', fold, (s, n) => c.admin2[s] === n) &&
      dim(query.actor, 'actor', fold, (s, n) => c.actor1[s] === n || c.actor2[s] === n) &&
      dim(query.type, isType ? 'type' : 'sub', exact, (s, n) => (isType ? c.type : c.sub)[s] === n) &&
      dim(query.publisher, 'publisher', fold, (s, n) => c.publishers[s]!.includes(n)) &&
      dim(query.docId, 'doc', exact, (s, n) => c.docs[s]!.includes(n)) &&
      dim(query.operationId, 'operation', exact, (s, n) => c.operation[s] === n);
    if (!ok) return 'none';
    if (query.contested !== undefined) {
      const want = query.contested ? 1 : 0;
      parts.push({ key: `contested:${want}`, test: (s) => c.contested[s] === want });
    }
    if (query.minPublishers !== undefined) {
      const min = query.minPublishers;
      parts.push({ key: `publishers>=${min}`, test: (s) => c.publisherCount[s]! >= min });
    }
    const singles = parts.map((p) => posting(`${scope} ${p.key}`, (s) => p.test(s) && shown(s)));
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
        (s) => shown(s) && tests.every((t) => t(s)),
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
      const touched = new Uint8Array(c.ids.length + rows.length);
      for (const id of removals) {
        const slot = slotOf.get(id);
        if (slot === undefined) continue;
        touched[slot] = 1;
        removeSlot(slot);
      }
      // a slot freed above may take a new row: it leaves the old order and comes back where its new row sorts
      const written = new Set<number>();
      for (const row of rows) {
        let slot = slotOf.get(row.id);
        if (slot === undefined) {
          slot = free.pop() ?? c.ids.length;
          slotOf.set(row.id, slot);
        }
        touched[slot] = 1;
        written.add(slot);
        write(slot, row);
      }
      update(touched, [...written]);
    },
    clear() {
      for (const key of Object.keys(c) as (keyof IndexColumns)[]) c[key].length = 0;
      json.length = 0;
      slotOf.clear();
      free.length = 0;
      codes.clear();
      order = new Int32Array(0);
      rankOrder = new Int32Array(0);
      postings.clear();
      combined = 0;
      longestSpan = 0;
      bytes = 0;
    },
    page(query, limit) {
      if (parseSearch(query.q) !== null) return null;
      const found = candidates(query);
      if (found === 'none') return { items: [], next: null, total: 0 };
      const page = pageOfMatches(c, found, query, limit);
      return { items: page.slots.map((s) => json[s]!), next: page.next, total: page.total };
    },
    get size() {
      return slotOf.size;
    },
    get bytes() {
      return bytes;
    },
  };
}

/** One filter value's slots, in the date order and (once a fatalities order asked) in the rank order. */
interface Posting {
  readonly member: (slot: number) => boolean;
  byDate: Int32Array;
  byRank: Int32Array | null;
}

/** `list` less its touched slots, with `added` (sorted by `compare`) merged in: one pass, no sort. */
function mergeSorted(
  list: Int32Array,
  touched: Uint8Array,
  added: readonly number[],
  compare: (a: number, b: number) => number,
): Int32Array {
  const out = new Int32Array(list.length + added.length);
  let n = 0;
  let w = 0;
  for (const slot of list) {
    if (touched[slot] === 1) continue;
    while (w < added.length && compare(added[w]!, slot) < 0) out[n++] = added[w++]!;
    out[n++] = slot;
  }
  while (w < added.length) out[n++] = added[w++]!;
  return n === out.length ? out : out.slice(0, n);
}
