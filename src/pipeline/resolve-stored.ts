import type { Mention } from '../domain/index.js';
import { planMerges } from '../resolve/plan-merges.js';
import { profilePublishers } from '../resolve/profile-publishers.js';
import type { ResolutionScope, Store } from '../store/store.js';

/** How far around new mentions resolution looks for reports of the same incidents. */
const WINDOW_DAYS = 7;

function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The blocks (country, province, date window) that new mentions touch, one per country and province. */
export function scopesOf(mentions: readonly Mention[]): ResolutionScope[] {
  const byKey = new Map<
    string,
    { country: string | null; admin1: string | null; from: string; to: string }
  >();
  for (const m of mentions) {
    const country = m.location?.country ?? null;
    const admin1 = m.location?.admin1 ?? null;
    const key = `${country}|${admin1}`;
    const held = byKey.get(key);
    const from = shift(m.date.start, -WINDOW_DAYS);
    const to = shift(m.date.end, WINDOW_DAYS);
    if (!held) byKey.set(key, { country, admin1, from, to });
    else {
      if (from < held.from) held.from = from;
      if (to > held.to) held.to = to;
    }
  }
  return [...byKey.values()].sort((a, b) =>
    `${a.country}|${a.admin1}`.localeCompare(`${b.country}|${b.admin1}`),
  );
}

export interface ResolveSummary {
  readonly scopes: number;
  readonly mentions: number;
  readonly events: number;
  readonly operations: number;
}

/**
 * Re-resolves every block that new mentions touch: all stored mentions of the block are planned afresh (planMerges
 * is deterministic and order-independent), so ingesting documents one at a time or all at once gives the same
 * events with the same ids. Then the publisher profiles are rebuilt.
 */
export async function resolveAround(store: Store, mentions: readonly Mention[]): Promise<ResolveSummary> {
  let planned = 0;
  let events = 0;
  let operations = 0;
  const scopes = scopesOf(mentions);
  for (const scope of scopes) {
    const inputs = await store.listResolutionInputs(scope);
    if (inputs.length === 0) continue;
    const resolution = planMerges(inputs);
    await store.replaceResolution({
      mentionIds: inputs.map((i) => i.mention.id),
      events: resolution.events.map((e) => ({
        record: e.record,
        mentionIds: e.mentionIds,
        decisions: e.decisions,
      })),
      operations: resolution.operations,
    });
    planned += inputs.length;
    events += resolution.events.length;
    operations += resolution.operations.length;
  }
  if (scopes.length > 0) await refreshPublisherProfiles(store);
  return { scopes: scopes.length, mentions: planned, events, operations };
}

/** Rebuilds every publisher's profile from the stored documents and events (streamed). */
export async function refreshPublisherProfiles(store: Store): Promise<void> {
  const docs = await store.listPublisherDocuments();
  const records = [];
  for await (const e of store.queryEvents({})) if (e.record.claims.length > 0) records.push(e.record);
  await store.savePublisherProfiles(profilePublishers(docs, records));
}
