import type {
  MergeDecision,
  Mention,
  OperationRecord,
  ResolvableMention,
  Resolution,
  ResolutionOverride,
  ResolvedEvent,
} from '../domain/index.js';
import { buildEventRecord, distinctBy } from '../domain/index.js';

interface Group {
  readonly id: string;
  readonly operationId: string | null;
  mentionIds: string[];
  decisions: MergeDecision[];
  changed: boolean;
}

function personDecision(
  mentionId: string,
  group: Group,
  kind: 'merge' | 'split',
  threshold: number,
): MergeDecision {
  const founder = group.mentionIds[0] ?? mentionId;
  const joined = founder !== mentionId;
  return {
    mentionId,
    eventId: group.id,
    joined,
    comparedWith: joined ? founder : null,
    score: 1,
    threshold,
    features: [],
    person: kind,
  };
}

/**
 * The machine's plan with people's merges and splits applied again, in the order they were made: a merge makes
 * one event, under its kept id, of every planned event holding one of its reports; a split takes its reports out
 * of their events into their own. Only the events a decision touched are rebuilt (by buildEventRecord, as the
 * plan built them); a decision whose reports are not in this plan changes nothing. Pure and deterministic.
 */
export function applyOverrides(
  resolution: Resolution,
  inputs: readonly ResolvableMention[],
  overrides: readonly ResolutionOverride[],
): Resolution {
  if (overrides.length === 0) return resolution;
  const groups = new Map<string, Group>();
  const owner = new Map<string, Group>();
  let threshold = 0.6;
  for (const e of resolution.events) {
    const group: Group = {
      id: e.record.id,
      operationId: e.record.operation_id,
      mentionIds: [...e.mentionIds],
      decisions: [...e.decisions],
      changed: false,
    };
    groups.set(group.id, group);
    for (const m of group.mentionIds) owner.set(m, group);
    threshold = e.decisions[0]?.threshold ?? threshold;
  }
  const groupFor = (id: string): Group => {
    const held = groups.get(id);
    if (held) return held;
    const fresh: Group = { id, operationId: null, mentionIds: [], decisions: [], changed: true };
    groups.set(id, fresh);
    return fresh;
  };
  const move = (mentionId: string, to: Group, kind: 'merge' | 'split'): void => {
    const from = owner.get(mentionId);
    if (from === to) return;
    if (from) {
      from.mentionIds = from.mentionIds.filter((m) => m !== mentionId);
      from.decisions = from.decisions.filter((d) => d.mentionId !== mentionId);
      from.changed = true;
    }
    to.mentionIds.push(mentionId);
    to.decisions.push(personDecision(mentionId, to, kind, threshold));
    to.changed = true;
    owner.set(mentionId, to);
  };
  for (const o of [...overrides].sort((a, b) => a.id - b.id)) {
    const present = o.mentionIds.filter((m) => owner.has(m));
    if (present.length === 0) continue;
    const target = groupFor(o.eventId);
    if (o.kind === 'merge') {
      const holders = distinctBy(
        present.map((m) => owner.get(m)!),
        (g) => g.id,
      ).filter((g) => g !== target);
      for (const holder of holders) for (const m of [...holder.mentionIds]) move(m, target, 'merge');
    } else {
      for (const m of present) move(m, target, 'split');
    }
  }
  const byId = new Map(inputs.map((i) => [i.mention.id, i]));
  const alive = new Set([...groups.values()].filter((g) => g.mentionIds.length > 0).map((g) => g.id));
  const events: ResolvedEvent[] = [];
  const planned = new Map(resolution.events.map((e) => [e.record.id, e]));
  for (const group of groups.values()) {
    if (!alive.has(group.id)) continue;
    const unchanged = planned.get(group.id);
    if (!group.changed && unchanged) {
      events.push(unchanged);
      continue;
    }
    const members = group.mentionIds.flatMap((m) => {
      const input = byId.get(m);
      return input ? [input] : [];
    });
    const mentions: Mention[] = members.map((i) => i.mention);
    // the founder's decision comes first and says it founded the event, whoever's report it now is
    const decisions = group.decisions.map((d, i) =>
      i === 0 ? { ...d, joined: false, comparedWith: null, eventId: group.id } : { ...d, eventId: group.id },
    );
    events.push({
      record: buildEventRecord({
        id: group.id,
        operationId: group.operationId !== null && alive.has(group.id) ? group.operationId : null,
        mentions,
        sources: distinctBy(members, (i) => i.source.docId).map((i) => i.source),
      }),
      mentionIds: group.mentionIds,
      decisions,
    });
  }
  const operations: OperationRecord[] = resolution.operations.map((op) => ({
    ...op,
    event_ids: op.event_ids.filter((id) => alive.has(id)),
  }));
  return { events, operations };
}
