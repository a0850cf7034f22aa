import { createHash } from 'node:crypto';
import type { Mention } from '../domain/index.js';
import { isLinkableDate } from '../domain/index.js';

export function hex16(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The content an event id is derived from: its founding mention's place, day, type and actor. Another document
 * joining the event leaves the founder, hence the id, unchanged; a more precise report arriving later becomes the
 * founder, and the id changes only if that report differs in one of these fields.
 */
export function founderKey(m: Mention): string {
  const l = m.location;
  return [
    l?.country ?? '',
    l?.admin1 ?? '',
    l?.admin2 ?? '',
    l?.name ?? '',
    m.date.start,
    m.eventType,
    m.actor1?.id ?? '',
  ].join('|');
}

/**
 * Ids of events given their founders. Events whose founders share a key (two incidents of one document in one
 * town on one day) are ordered by founding mention id: the first keeps the plain id, the others get a suffix
 * derived from their own founding mention, so that it does not depend on which other events exist.
 */
export function assignEventIds(founders: readonly Mention[]): string[] {
  // A report too vague to merge is its own event, re-planned alone: its id comes from the report, so that it
  // never depends on, nor takes, the id of another report's event that the same plan did not read.
  const vague = founders.map((m) => !isLinkableDate(m.date));
  const base = founders.map((m, i) => `ev_${hex16(vague[i] ? `report|${m.id}` : founderKey(m))}`);
  const groups = new Map<string, number[]>();
  base.forEach((id, i) => {
    if (vague[i]) return;
    const list = groups.get(id);
    if (list) list.push(i);
    else groups.set(id, [i]);
  });
  const ids = [...base];
  for (const [id, members] of groups) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) => {
      const x = founders[a]!.id;
      const y = founders[b]!.id;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (const i of sorted.slice(1)) ids[i] = `${id}-${hex16(founders[i]!.id).slice(0, 8)}`;
  }
  return ids;
}

export function operationIdOf(smallestEventId: string): string {
  return `op_${hex16(smallestEventId)}`;
}
