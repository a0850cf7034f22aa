import type { Claim, DatePrecision, Mention, OperationRecord } from '../domain/index.js';
import { describeDate, reconcileClaims, toRecordClaim } from '../domain/index.js';
import { DATE_RANK } from './canonical-order.js';
import { operationIdOf } from './event-id.js';

/** An event as far as operations care: its id and its mentions, the founding one first. */
export interface OperationMember {
  readonly id: string;
  readonly mentions: readonly Mention[];
}

export interface OperationPlan {
  /** event id → operation id, for events that belong to one. */
  readonly operationOf: ReadonlyMap<string, string>;
  readonly operations: readonly OperationRecord[];
}

function find(parent: number[], i: number): number {
  let root = i;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[i] !== root) {
    const next = parent[i]!;
    parent[i] = root;
    i = next;
  }
  return root;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function spanOf(founders: readonly Mention[]): OperationRecord['date'] {
  let start = founders[0]!.date.start;
  let end = founders[0]!.date.end;
  let precision: DatePrecision = 'day';
  for (const { date } of founders) {
    if (date.start < start) start = date.start;
    if (date.end > end) end = date.end;
    if ((DATE_RANK[date.precision] ?? 0) > DATE_RANK[precision]) precision = date.precision;
  }
  if (precision === 'day' && start !== end) precision = 'days';
  return { start, end, precision };
}

function agreed(values: readonly (string | null | undefined)[]): string | null {
  const first = values[0] ?? null;
  return first !== null && values.every((v) => v === first) ? first : null;
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let most = 0;
  for (const [v, n] of [...counts].sort((a, b) => byText(a[0], b[0]))) if (n > most) [best, most] = [v, n];
  return best;
}

const CATEGORY_WORDS: Readonly<Record<Claim['category'], string>> = {
  security_forces: 'security personnel',
  civilians: 'civilians',
  militants: 'militants',
  unknown: 'people',
};

function figureText(c: Claim): string {
  const n = c.low === c.high ? `${c.approximate ? 'about ' : ''}${c.low}` : `${c.low}-${c.high}`;
  const who = c.claimantKind === 'unattributed' ? 'reports gave' : `${c.claimant} ${c.stance}`;
  return `${who} ${n} ${CATEGORY_WORDS[c.category]} ${c.metric}`;
}

/** One neutral sentence: when, who, how many places, and the whole-operation figures with their claimants. */
function describeOperation(
  date: OperationRecord['date'],
  actor: string | null,
  admin1: string | null,
  places: readonly string[],
  claims: readonly Claim[],
): string {
  const where = `${places.length} place${places.length === 1 ? '' : 's'}${admin1 ? ` of ${admin1}` : ''}`;
  const head = `On ${describeDate(date)}, ${actor ?? 'unidentified assailants'} carried out coordinated attacks in ${where} (${places.join(', ')})`;
  const said = [...new Set(claims.map(figureText))].slice(0, 4);
  return said.length === 0 ? `${head}.` : `${head}; for the whole operation, ${said.join('; ')}.`;
}

/**
 * Events whose mentions share a document's operation key form one operation (union-find). The operation keeps
 * the figures given for the whole operation; they are never copied onto its towns.
 */
export function planOperations(events: readonly OperationMember[]): OperationPlan {
  const parent = events.map((_, i) => i);
  const firstWithKey = new Map<string, number>();
  events.forEach((e, i) => {
    for (const m of e.mentions) {
      if (m.operationKey === null) continue;
      const held = firstWithKey.get(m.operationKey);
      if (held === undefined) firstWithKey.set(m.operationKey, i);
      else parent[find(parent, i)] = find(parent, held);
    }
  });
  const groups = new Map<number, number[]>();
  events.forEach((e, i) => {
    if (!e.mentions.some((m) => m.operationKey !== null)) return;
    const root = find(parent, i);
    const list = groups.get(root);
    if (list) list.push(i);
    else groups.set(root, [i]);
  });

  const operationOf = new Map<string, string>();
  const operations: OperationRecord[] = [];
  for (const members of groups.values()) {
    const list = members.map((i) => events[i]!).sort((a, b) => byText(a.id, b.id));
    const id = operationIdOf(list[0]!.id);
    // an event's record takes its date, place and actor from its founder
    const founders = list.map((e) => e.mentions[0]!);
    const opMentions = list.flatMap((e) => e.mentions.filter((m) => m.operationKey !== null));
    const seen = new Set<string>();
    const claims: Claim[] = [];
    for (const c of opMentions.flatMap((m) => m.operationClaims)) {
      const key = `${c.docId}|${c.span[0]}|${c.span[1]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      claims.push(c);
    }
    claims.sort((a, b) => byText(a.docId, b.docId) || a.span[0] - b.span[0] || a.span[1] - b.span[1]);
    const reconciled = reconcileClaims(claims);
    const date = spanOf(founders);
    const admin1 = agreed(founders.map((m) => m.location?.admin1));
    const actor1 = mostCommon(founders.flatMap((m) => (m.actor1 ? [m.actor1.name] : [])));
    const places = [...new Set(founders.map((m) => m.location?.name ?? 'an unnamed place'))];
    for (const e of list) operationOf.set(e.id, id);
    operations.push({
      id,
      event_ids: list.map((e) => e.id),
      doc_ids: [...new Set(opMentions.map((m) => m.docId))].sort(byText),
      date,
      country: agreed(founders.map((m) => m.location?.country)),
      admin1,
      actor1,
      claims: claims.map(toRecordClaim),
      casualties: reconciled.casualties.map((c) => ({
        metric: c.metric,
        category: c.category,
        low: c.low,
        best: c.best,
        high: c.high,
      })),
      fatalities: reconciled.fatalities,
      injured: reconciled.injured,
      notes: describeOperation(date, actor1, admin1, places, claims),
    });
  }
  operations.sort((a, b) => byText(a.id, b.id));
  return { operationOf, operations };
}
