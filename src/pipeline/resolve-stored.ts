import type { EventRecord, Mention, ResolvableMention } from '../domain/index.js';
import { planMerges } from '../resolve/plan-merges.js';
import { profilePublishers } from '../resolve/profile-publishers.js';
import type { PendingMention, ResolutionScope, Store } from '../store/store.js';

/** How far around new mentions resolution looks for reports of the same incidents. */
const WINDOW_DAYS = 7;

function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type MutableScope = { -readonly [K in keyof ResolutionScope]: ResolutionScope[K] };

/** Adds a span to the scope of its country and province, widening that scope's window to cover it. */
function cover(byKey: Map<string, MutableScope>, scope: ResolutionScope): boolean {
  const key = `${scope.country}|${scope.admin1}`;
  const held = byKey.get(key);
  if (!held) {
    byKey.set(key, { ...scope });
    return true;
  }
  let widened = false;
  if (scope.from < held.from) [held.from, widened] = [scope.from, true];
  if (scope.to > held.to) [held.to, widened] = [scope.to, true];
  return widened;
}

function sorted(byKey: ReadonlyMap<string, MutableScope>): ResolutionScope[] {
  return [...byKey.values()].sort((a, b) =>
    `${a.country}|${a.admin1}`.localeCompare(`${b.country}|${b.admin1}`),
  );
}

/** What resolution needs of a mention to re-plan around it: its id, where and when. */
export function seedOf(m: Mention): PendingMention {
  return {
    id: m.id,
    country: m.location?.country ?? null,
    admin1: m.location?.admin1 ?? null,
    dateStart: m.date.start,
    dateEnd: m.date.end,
  };
}

/** The blocks (country, province, date window) that new mentions touch, one per country and province. */
export function scopesOf(seeds: readonly PendingMention[]): ResolutionScope[] {
  const byKey = new Map<string, MutableScope>();
  for (const m of seeds) {
    cover(byKey, {
      country: m.country,
      admin1: m.admin1,
      from: shift(m.dateStart, -WINDOW_DAYS),
      to: shift(m.dateEnd, WINDOW_DAYS),
    });
  }
  return sorted(byKey);
}

/** Rounds of widening before resolution plans what it has; each round follows one more link. */
const MAX_WIDENING_ROUNDS = 8;

/**
 * The stored mentions to re-plan around new ones: those of the touched blocks, then, round by round, every
 * mention that shares an event or an operation with them, with the window around it. Re-planning part of an
 * event would cut off its other reports, and part of an operation would split it under two ids.
 */
async function inputsAround(
  store: Store,
  seeds: readonly PendingMention[],
): Promise<{ scopes: number; inputs: ResolvableMention[] }> {
  const byKey = new Map<string, MutableScope>();
  for (const scope of scopesOf(seeds)) cover(byKey, scope);
  for (let round = 0; ; round++) {
    const inputs = new Map<string, ResolvableMention>();
    for (const scope of sorted(byKey)) {
      for (const input of await store.listResolutionInputs(scope)) inputs.set(input.mention.id, input);
    }
    let widened = false;
    if (round < MAX_WIDENING_ROUNDS) {
      for (const linked of await store.linkedScopes([...inputs.keys()])) {
        const around = {
          ...linked,
          from: shift(linked.from, -WINDOW_DAYS),
          to: shift(linked.to, WINDOW_DAYS),
        };
        // a linked span already inside the scope needs no new read
        const key = `${linked.country}|${linked.admin1}`;
        const held = byKey.get(key);
        if (held && held.from <= linked.from && held.to >= linked.to) continue;
        if (cover(byKey, around)) widened = true;
      }
    }
    if (!widened) return { scopes: byKey.size, inputs: [...inputs.values()] };
  }
}

export interface ResolveSummary {
  readonly scopes: number;
  readonly mentions: number;
  readonly events: number;
  readonly operations: number;
  /** Ids of the events written, so that a caller resolving in rounds can count distinct events. */
  readonly eventIds: readonly string[];
}

const NOTHING: ResolveSummary = { scopes: 0, mentions: 0, events: 0, operations: 0, eventIds: [] };

/**
 * Re-resolves every block that the seed mentions touch, widened to whole events and operations: all their
 * stored mentions are planned afresh in one plan (planMerges is deterministic and order-independent, and blocks
 * by province itself), so ingesting documents one at a time or all at once gives the same events with the same
 * ids, and an operation across two provinces keeps one id. The seeds' unresolved markers are cleared in the
 * same transaction as the events; other mentions of the blocks keep theirs, so that each pending mention is
 * planned once with its own whole window around it. Publisher profiles are left to the caller.
 */
export async function resolveSeeds(store: Store, seeds: readonly PendingMention[]): Promise<ResolveSummary> {
  if (seeds.length === 0) return NOTHING;
  const { scopes, inputs } = await inputsAround(store, seeds);
  const resolution = inputs.length > 0 ? planMerges(inputs) : { events: [], operations: [] };
  await store.replaceResolution({
    mentionIds: inputs.map((i) => i.mention.id),
    events: resolution.events.map((e) => ({
      record: e.record,
      mentionIds: e.mentionIds,
      decisions: e.decisions,
    })),
    operations: resolution.operations,
    resolvedIds: seeds.map((s) => s.id),
  });
  return {
    scopes,
    mentions: inputs.length,
    events: resolution.events.length,
    operations: resolution.operations.length,
    eventIds: resolution.events.map((e) => e.record.id),
  };
}

/** `resolveSeeds` around new mentions, then the publisher profiles rebuilt. */
export async function resolveAround(store: Store, mentions: readonly Mention[]): Promise<ResolveSummary> {
  if (mentions.length === 0) return NOTHING;
  const summary = await resolveSeeds(store, mentions.map(seedOf));
  await refreshPublisherProfiles(store);
  return summary;
}

/** Rebuilds every publisher's profile from the stored documents and the events several publishers report. */
export async function refreshPublisherProfiles(store: Store): Promise<void> {
  const docs = await store.listPublisherDocuments();
  // a publisher's highest and lowest figures come from events that two publishers or more report
  const records: EventRecord[] = [];
  for await (const json of store.queryEventJson({ minPublishers: 2 })) {
    const record = JSON.parse(json) as EventRecord;
    if (record.claims.length > 0) records.push(record);
  }
  await store.savePublisherProfiles(profilePublishers(docs, records));
}
