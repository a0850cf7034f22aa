import type { EventRecord, Mention, SourceInfo } from '../domain/index.js';
import { isLinkableDate } from '../domain/index.js';
import { dayNumber } from '../resolve/canonical-order.js';
import { applyOverrides } from '../resolve/apply-overrides.js';
import { planMerges } from '../resolve/plan-merges.js';
import { PublisherTally } from '../resolve/profile-publishers.js';
import type { CellLocks, PendingMention, ResolutionScope, Store, StoredInput } from '../store/store.js';
import type { ResolutionMemo } from './resolution-memo.js';

/** How far around a pending mention resolution looks for reports of the same incident. */
const WINDOW_DAYS = 7;

/**
 * About how many mentions one round reads: once its reads reach this, a round takes no more pending mentions, so
 * memory stays bounded whatever the backlog (issue 9, defect 10). The widening to whole events can pass it.
 */
export const MENTIONS_PER_ROUND = 10_000;

/** A read grows over neighbouring pending mentions to at most this many days; the next ones start another. */
const READ_SPAN_DAYS = 31;

/** Rounds of widening before resolution plans what it has; each round follows one more link. */
const MAX_WIDENING_ROUNDS = 8;

/** Times a round reads the reports its plan would take events from, and plans again. */
const MAX_CLOSURE_READS = 4;

/** Vague or unreadable mentions are read by id, this many at a time. */
const IDS_PER_READ = 500;

const DAY_MS = 86_400_000;

/**
 * Days a resolution cell spans. Resolutions that run at once (a queue's workers) each hold the cells of every
 * mention they read: a province and a span of days (or the province's vague dates). Short enough that two
 * resolutions a few weeks apart do not wait for each other; long enough that a window takes a handful.
 */
const CELL_DAYS = 8;

/** Day number of an ISO date (resolution's own reading), NaN when it is not one. */
const dayOf = (iso: string): number => dayNumber(iso) ?? Number.NaN;

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** What resolution needs of a mention to re-plan around it: its id, where and when. */
export function seedOf(m: Mention): PendingMention {
  return {
    id: m.id,
    country: m.location?.country ?? null,
    admin1: m.location?.admin1 ?? null,
    dateStart: m.date.start,
    dateEnd: m.date.end,
    linkable: isLinkableDate(m.date),
  };
}

type Block = Pick<ResolutionScope, 'country' | 'admin1'>;

const blockOf = (b: Block): string => JSON.stringify([b.country, b.admin1]);

const cellOf = (b: Block, period: number | 'vague'): string => JSON.stringify([b.country, b.admin1, period]);

/** The cells of a block's days from `from` to `to` (day numbers). */
function windowCells(block: Block, from: number, to: number): string[] {
  const cells: string[] = [];
  for (let p = Math.floor(from / CELL_DAYS); p <= Math.floor(to / CELL_DAYS); p++)
    cells.push(cellOf(block, p));
  return cells;
}

/** The cell of a stored mention or a seed: where its start day falls, or its province's vague dates. */
export function resolutionCell(seed: PendingMention): string {
  const day = dayOf(seed.dateStart);
  return cellOf(seed, seed.linkable && Number.isFinite(day) ? Math.floor(day / CELL_DAYS) : 'vague');
}

/** Thrown when a round must read a mention whose cell another resolution holds: the round plans nothing. */
class CellsBusy extends Error {}

/** A seed's window as day numbers, or null when it is re-planned alone (vague or unreadable date). */
function windowOf(seed: PendingMention): readonly [number, number] | null {
  if (!seed.linkable) return null;
  const from = dayOf(seed.dateStart);
  const to = dayOf(seed.dateEnd);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  return [Math.min(from, to) - WINDOW_DAYS, Math.max(from, to) + WINDOW_DAYS];
}

const compareNullable = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

/** The blocking key's order, the one the store lists pending mentions in, so that neighbours follow each other. */
function compareSeeds(a: PendingMention, b: PendingMention): number {
  return (
    compareNullable(a.country, b.country) ||
    compareNullable(a.admin1, b.admin1) ||
    compareNullable(a.dateStart, b.dateStart) ||
    compareNullable(a.id, b.id)
  );
}

/** Day ranges read so far, by block: a range is read once, however many seeds and links ask for it. */
class Coverage {
  private readonly byBlock = new Map<string, [number, number][]>();

  covers(block: Block, from: number, to: number): boolean {
    return (this.byBlock.get(blockOf(block)) ?? []).some(([a, b]) => a <= from && b >= to);
  }

  /** The parts of [from, to] not read yet, now recorded as read. */
  claim(block: Block, from: number, to: number): [number, number][] {
    const key = blockOf(block);
    const held = this.byBlock.get(key) ?? [];
    const pieces: [number, number][] = [];
    let cursor = from;
    for (const [a, b] of held) {
      if (b < cursor) continue;
      if (a > to) break;
      if (a > cursor) pieces.push([cursor, a - 1]);
      cursor = b + 1;
    }
    if (cursor <= to) pieces.push([cursor, to]);
    const merged: [number, number][] = [];
    for (const range of [...held, [from, to] as [number, number]].sort((x, y) => x[0] - y[0])) {
      const last = merged.at(-1);
      if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
      else merged.push([range[0], range[1]]);
    }
    this.byBlock.set(key, merged);
    return pieces;
  }
}

/**
 * The stored mentions one round re-plans: the windows around its seeds, then, link by link, the windows around
 * every mention that shares an event or an operation with them. Re-planning part of an event would cut off its
 * other reports, and part of an operation would split it under two ids.
 */
class RoundReads {
  readonly inputs = new Map<string, StoredInput>();
  private readonly coverage = new Coverage();
  /** The documents of the mentions read, so that each document's text is read once a round. */
  private readonly sources = new Map<string, SourceInfo>();
  /** Events whose stored reports were listed: a round plans under the resolution lock, so they stay as listed. */
  private readonly listedEvents = new Set<string>();
  private unlinked: string[] = [];
  /** The cells this round holds, when it holds cells. */
  private readonly held = new Set<string>();
  scopes = 0;

  constructor(
    private readonly store: Store,
    private readonly memo: ResolutionMemo | null,
    /** Null: the round runs alone, and every cell is its own. */
    private readonly cells: CellLocks | null,
  ) {}

  /** Takes the cells not held yet, all or none; false when another resolution holds one. */
  async tryHold(cells: readonly string[]): Promise<boolean> {
    if (this.cells === null) return true;
    const fresh = cells.filter((c) => !this.held.has(c));
    if (fresh.length > 0 && !(await this.cells.take(fresh))) return false;
    for (const c of fresh) this.held.add(c);
    return true;
  }

  private async add(inputs: readonly StoredInput[]): Promise<void> {
    const added: StoredInput[] = [];
    for (const input of inputs) {
      if (this.inputs.has(input.mention.id)) continue;
      this.inputs.set(input.mention.id, input);
      this.sources.set(input.source.docId, input.source);
      this.unlinked.push(input.mention.id);
      added.push(input);
    }
    await this.holdRead(added);
  }

  /**
   * Holds the cells of the mentions just read. One whose cell was not held yet (read by id, or a span reaching
   * back past its window) may have been re-planned by another resolution between the read and the hold: it is
   * read again under its cell. A cell another resolution holds ends the round (CellsBusy).
   */
  private async holdRead(inputs: readonly StoredInput[]): Promise<void> {
    if (this.cells === null) return;
    const outside = new Map<string, string>();
    for (const i of inputs) {
      const cell = resolutionCell(seedOf(i.mention));
      if (!this.held.has(cell)) outside.set(i.mention.id, cell);
    }
    if (outside.size === 0) return;
    if (!(await this.tryHold([...new Set(outside.values())]))) throw new CellsBusy();
    const ids = [...outside.keys()];
    const again = new Map(
      (await this.store.listMentionInputs(ids, this.sources)).map((i) => [i.mention.id, i]),
    );
    for (const id of ids) {
      const input = again.get(id);
      // a mention gone meanwhile (its document extracted again) is not planned
      if (input === undefined) this.inputs.delete(id);
      else this.inputs.set(id, input);
    }
  }

  async window(block: Block, from: number, to: number): Promise<void> {
    this.scopes++;
    for (const [a, b] of this.coverage.claim(block, from, to)) {
      if (!(await this.tryHold(windowCells(block, a, b)))) throw new CellsBusy();
      const scope = { ...block, from: isoOf(a), to: isoOf(b) };
      await this.add(
        this.memo
          ? await this.memo.window(this.store, scope, this.sources)
          : await this.store.listResolutionInputs(scope, this.sources),
      );
    }
  }

  /**
   * Whether the round read the whole window of a mention it holds: a seed's, or one its windows cover. A mention
   * read by id (another report of an event read) was planned without the reports around it.
   */
  readWindowOf(mention: Mention): boolean {
    const seed = seedOf(mention);
    const window = windowOf(seed);
    return window === null || this.coverage.covers(seed, window[0], window[1]);
  }

  async ids(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.add(await this.store.listMentionInputs(ids, this.sources));
  }

  /** The stored reports of `eventIds` not read yet, each event listed once a round. */
  async eventMembers(eventIds: readonly string[]): Promise<readonly string[]> {
    const unlisted = [...new Set(eventIds)].filter((id) => !this.listedEvents.has(id));
    if (unlisted.length === 0) return [];
    for (const id of unlisted) this.listedEvents.add(id);
    return (await this.store.listEventMentionIds(unlisted)).filter((id) => !this.inputs.has(id));
  }

  /**
   * The reports not read yet that share an event with the read mentions of `mentionIds`, by the event each was
   * read with: an index read by event rather than a join of mentions with mentions.
   */
  coMembers(mentionIds: readonly string[]): Promise<readonly string[]> {
    const events: string[] = [];
    for (const id of mentionIds) {
      const eventId = this.inputs.get(id)?.eventId;
      if (eventId) events.push(eventId);
    }
    return this.eventMembers(events);
  }

  /**
   * The other reports of the events read, by id: exactly those, however dense the store, where windows around
   * each event's span would pull in ever more neighbours, link after link. An operation's reports lie in other
   * provinces and dates, found by its key: they are read with the windows around them.
   */
  async widen(): Promise<void> {
    for (let round = 0; round < MAX_WIDENING_ROUNDS && this.unlinked.length > 0; round++) {
      const fresh = this.unlinked;
      this.unlinked = [];
      await this.ids(await this.coMembers(fresh));
      // only a mention with an operation key can link to an operation's other scopes
      const keyed = fresh.filter((id) => this.inputs.get(id)?.mention.operationKey != null);
      if (keyed.length === 0) continue;
      for (const linked of await this.store.linkedScopes(keyed, { operationsOnly: true })) {
        const from = dayOf(linked.from);
        const to = dayOf(linked.to);
        // a linked span already read needs no new read; one with an unreadable date cannot be read by window
        if (!Number.isFinite(from) || !Number.isFinite(to) || this.coverage.covers(linked, from, to))
          continue;
        await this.window(linked, from - WINDOW_DAYS, to + WINDOW_DAYS);
      }
    }
  }
}

/**
 * Reads the windows of the seeds in order, from the `start`-th on and round to the first, until about `budget`
 * mentions are read or `share` seeds taken, then the links around them. Returns the seeds taken (never none) and
 * what was read. With `cells`, a round takes a group of seeds only if it can hold the cells of its window: it passes
 * over the groups that another resolution holds until it has taken one, and stops at the first after that; null
 * when it could take none.
 */
async function readRound(
  store: Store,
  seeds: readonly PendingMention[],
  budget: number,
  options: RoundOptions & InCells,
): Promise<{ taken: readonly PendingMention[]; reads: RoundReads } | null> {
  const ordered = [...seeds].sort(compareSeeds);
  const from0 = Math.min(Math.max(0, options.start ?? 0), ordered.length);
  const sorted = [...ordered.slice(from0), ...ordered.slice(0, from0)];
  // where the order goes round to the first seed: no group spans it (the seeds before it are the latest, those after
  // the earliest, and one window cannot read both)
  const wrap = ordered.length - from0;
  const reads = new RoundReads(store, options.memo ?? null, options.cells ?? null);
  const taken: PendingMention[] = [];
  let i = 0;
  const share = options.share ?? Number.POSITIVE_INFINITY;
  while (i < sorted.length && (taken.length === 0 || (reads.inputs.size < budget && taken.length < share))) {
    const first = sorted[i]!;
    const window = windowOf(first);
    let j = i + 1;
    if (window === null) {
      // vague dates tie to nothing: each such mention is re-planned alone, read by id
      while (j < sorted.length && j !== wrap && j - i < IDS_PER_READ && windowOf(sorted[j]!) === null) j++;
      const group = sorted.slice(i, j);
      if (await reads.tryHold([...new Set(group.map(resolutionCell))])) {
        await reads.ids(group.map((s) => s.id));
        taken.push(...group);
      } else if (taken.length > 0) break;
    } else {
      const from = window[0];
      let to = window[1];
      for (; j < sorted.length && j !== wrap; j++) {
        const next = sorted[j]!;
        const around = windowOf(next);
        if (around === null || blockOf(next) !== blockOf(first)) break;
        if (around[0] > to + 1 || Math.max(to, around[1]) - from > READ_SPAN_DAYS) break;
        to = Math.max(to, around[1]);
      }
      if (await reads.tryHold(windowCells(first, from, to))) {
        await reads.window(first, from, to);
        taken.push(...sorted.slice(i, j));
      } else if (taken.length > 0) break;
    }
    i = j;
  }
  if (taken.length === 0) return null;
  // a seed's marker is cleared with the round's events: one its windows missed would be left with no event
  await reads.ids(taken.filter((s) => !reads.inputs.has(s.id)).map((s) => s.id));
  await reads.widen();
  return { taken, reads };
}

export interface ResolveSummary {
  /** The pending mentions this round took and planned around (the seeds it was given, or a prefix of them). */
  readonly seeds: number;
  readonly scopes: number;
  readonly mentions: number;
  readonly events: number;
  readonly operations: number;
  /** Ids of the events written, so that a caller resolving in rounds can count distinct events. */
  readonly eventIds: readonly string[];
}

const NOTHING: ResolveSummary = { seeds: 0, scopes: 0, mentions: 0, events: 0, operations: 0, eventIds: [] };

/**
 * One round: re-plans the windows around the seeds, in the blocking key's order, until about `mentionsPerRound`
 * mentions are read, widened to whole events and operations. All of them are planned afresh in one plan
 * (planMerges is deterministic and order-independent, and blocks by province itself), so ingesting documents
 * one at a time or all at once gives the same events with the same ids, and an operation across two provinces
 * keeps one id. The markers of the seeds taken are cleared in the same transaction as the events; other mentions
 * read keep theirs, so that each pending mention is planned once with its own whole window around it. Publisher
 * profiles are left to the caller.
 */
export async function resolveSeeds(
  store: Store,
  seeds: readonly PendingMention[],
  options: RoundOptions = {},
): Promise<ResolveSummary> {
  // alone: every cell is this round's, so it always takes seeds
  return (await resolveRound(store, seeds, options)) ?? NOTHING;
}

export interface RoundOptions {
  readonly mentionsPerRound?: number;
  /** The mentions this process read in earlier rounds, to read windows through (see ResolutionMemo). */
  readonly memo?: ResolutionMemo;
}

/**
 * A round beside others: the cells it may hold, the seed (in the blocking key's order) it starts at, and how many
 * seeds it takes at most (its lane's share of the pending list: the rest is left to the other lanes).
 */
interface InCells {
  readonly cells?: CellLocks;
  readonly start?: number;
  readonly share?: number;
  /**
   * Told, once the round holds its seeds' cells and before it plans, how many of the listed seeds it left: a
   * caller can ask other lanes for them at once, rather than after this round.
   */
  readonly onTaken?: (left: number) => Promise<void>;
}

/**
 * `resolveSeeds` as one of several resolutions that run at once (a queue's workers, see `whileResolvingCells`):
 * the round plans only around seeds whose cells it holds, starting at the `start`-th seed (in the blocking key's
 * order), so that resolutions started at different seeds meet seldom. 'busy' when another resolution holds what
 * it would need: it planned and wrote nothing.
 */
export async function resolveSeedsInCells(
  store: Store,
  seeds: readonly PendingMention[],
  cells: CellLocks,
  options: RoundOptions & Omit<InCells, 'cells'> = {},
): Promise<ResolveSummary | 'busy'> {
  try {
    return (await resolveRound(store, seeds, { ...options, cells })) ?? 'busy';
  } catch (error) {
    if (error instanceof CellsBusy) return 'busy';
    throw error;
  }
}

async function resolveRound(
  store: Store,
  seeds: readonly PendingMention[],
  options: RoundOptions & InCells,
): Promise<ResolveSummary | null> {
  if (seeds.length === 0) return NOTHING;
  const budget = Math.max(1, options.mentionsPerRound ?? MENTIONS_PER_ROUND);
  const round = await readRound(store, seeds, budget, options);
  if (round === null) return null;
  const { taken, reads } = round;
  await options.onTaken?.(seeds.length - taken.length);
  let inputs = [...reads.inputs.values()];
  let resolution = inputs.length > 0 ? planMerges(inputs) : { events: [], operations: [] };
  // What the plan would take from reports it did not read: an event of a report it read (the widening stops
  // after MAX_WIDENING_ROUNDS), or an id a stored event holds (two founders with one key on the edge of a
  // window). Those reports are read and the plan made again, so that none is left without its event and no two
  // rounds keep taking an event from each other.
  let checked = 0;
  for (let again = 0; again < MAX_CLOSURE_READS; again++) {
    const fresh = inputs.slice(checked).map((i) => i.mention.id);
    checked = inputs.length;
    const held = [
      ...(await reads.coMembers(fresh)),
      ...(await reads.eventMembers(resolution.events.map((e) => e.record.id))),
      // a person's merge or split is applied to all its reports at once, however far apart they lie
      ...(await store.listOverrides(fresh)).flatMap((o) => o.mentionIds),
    ];
    const unread = [...new Set(held.filter((id) => !reads.inputs.has(id)))];
    if (unread.length === 0) break;
    await reads.ids(unread);
    inputs = [...reads.inputs.values()];
    resolution = planMerges(inputs);
  }
  // what people merged and split, applied over the machine's plan; their locks are applied by the store
  resolution = applyOverrides(resolution, inputs, await store.listOverrides(inputs.map((i) => i.mention.id)));
  const seedIds = new Set(taken.map((s) => s.id));
  await store.replaceResolution({
    mentionIds: inputs.map((i) => i.mention.id),
    events: resolution.events.map((e) => ({
      record: e.record,
      mentionIds: e.mentionIds,
      decisions: e.decisions,
    })),
    operations: resolution.operations,
    resolvedIds: [...seedIds],
    reopenedIds: movedOutOfWindow(
      inputs,
      resolution.events,
      (i) => !seedIds.has(i.mention.id) && !reads.readWindowOf(i.mention),
    ),
  });
  return {
    seeds: taken.length,
    scopes: reads.scopes,
    mentions: inputs.length,
    events: resolution.events.length,
    operations: resolution.operations.length,
    eventIds: resolution.events.map((e) => e.record.id),
  };
}

/**
 * The mentions of `inputs` that `unsure` picks (planned without their whole window) whose event the plan changes:
 * it takes reports from theirs, or adds some. Each is planned again later, as a seed, with the reports around it;
 * left as it was, it would keep an event that no plan of its window makes: two reports a full plan merges, left
 * apart because the round that split one from a third never read the other (the queue bench's runs differed by
 * one event).
 */
function movedOutOfWindow(
  inputs: readonly StoredInput[],
  events: readonly { readonly mentionIds: readonly string[] }[],
  unsure: (input: StoredInput) => boolean,
): string[] {
  const storedEvents = new Map<string, string[]>();
  for (const i of inputs) {
    if (i.eventId === null) continue;
    const members = storedEvents.get(i.eventId);
    if (members) members.push(i.mention.id);
    else storedEvents.set(i.eventId, [i.mention.id]);
  }
  const stored = membersOf(storedEvents.values());
  const planned = membersOf(events.map((e) => e.mentionIds));
  // the comparison first: most reports keep their events, and asking whether a window was read costs more
  const moved = (i: StoredInput): boolean => planned.get(i.mention.id) !== stored.get(i.mention.id);
  return inputs.filter((i) => i.eventId !== null && moved(i) && unsure(i)).map((i) => i.mention.id);
}

/** Each mention of `groups` with its group, as the group's sorted ids: equal strings, equal groups. */
function membersOf(groups: Iterable<readonly string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const ids of groups) {
    const key = [...ids].sort().join(' ');
    for (const id of ids) out.set(id, key);
  }
  return out;
}

/** `resolveSeeds` around new mentions, in as many rounds as they need, then the publisher profiles rebuilt. */
export async function resolveAround(store: Store, mentions: readonly Mention[]): Promise<ResolveSummary> {
  if (mentions.length === 0) return NOTHING;
  let rest = mentions.map(seedOf).sort(compareSeeds);
  let total = NOTHING;
  while (rest.length > 0) {
    // under the store's resolution lock, as every planner (see resolvePending)
    const seeds = rest;
    const round = await store.whileResolving(() => resolveSeeds(store, seeds));
    // a round takes a prefix of its seeds in this same order
    rest = rest.slice(Math.max(1, round.seeds));
    total = {
      seeds: total.seeds + round.seeds,
      scopes: total.scopes + round.scopes,
      mentions: total.mentions + round.mentions,
      events: total.events + round.events,
      operations: total.operations + round.operations,
      eventIds: [...total.eventIds, ...round.eventIds],
    };
  }
  await refreshPublisherProfiles(store);
  return total;
}

/** Rebuilds every publisher's profile from the stored documents and the events several publishers report. */
export function refreshPublisherProfiles(store: Store): Promise<void> {
  // two rebuilds at once would each replace every profile: one at a time, as resolutions
  return store.whileResolving(() => rebuildProfiles(store));
}

async function rebuildProfiles(store: Store): Promise<void> {
  const tally = new PublisherTally(await store.listPublisherDocuments());
  // a publisher's highest and lowest figures come from events that two publishers or more report; streamed,
  // one record at a time, so that the store's size never sits in memory
  for await (const json of store.queryEventJson({ minPublishers: 2 })) {
    const record = JSON.parse(json) as EventRecord;
    if (record.claims.length > 0) tally.addEvent(record);
  }
  await store.savePublisherProfiles(tally.profiles());
}
