import type { Insertable, Selectable } from 'kysely';
import type {
  ActorRef,
  AggregateStatistic,
  Category,
  Claim,
  ClaimantKind,
  DatePrecision,
  EventType,
  FieldProvenance,
  Location,
  Mention,
  Metric,
  PlacePrecision,
  Span,
  Stance,
  SubEventType,
  Target,
  Weapon,
} from '../domain/index.js';
import { isLinkableDate } from '../domain/index.js';
import type { AggregateStatisticsTable, ClaimScope, ClaimsTable, MentionsTable } from './schema.js';
import { locationColumns } from './location-columns.js';

/** The rows one mention becomes: itself, and one row per claim (operation claims marked by scope). */
export interface MentionRows {
  readonly mention: Insertable<MentionsTable>;
  readonly claims: readonly Insertable<ClaimsTable>[];
}

export function mentionToRows(mention: Mention): MentionRows {
  const loc = mention.location;
  const claims = [
    ...mention.claims.map((c, i) => claimToRow(c, mention.id, 'mention', i)),
    ...mention.operationClaims.map((c, i) => claimToRow(c, mention.id, 'operation', i)),
  ];
  return {
    mention: {
      id: mention.id,
      doc_id: mention.docId,
      idx: mention.index,
      operation_key: mention.operationKey,
      date_start: mention.date.start,
      date_end: mention.date.end,
      date_precision: mention.date.precision,
      ...locationColumns(loc),
      place_id: loc?.placeId ?? null,
      event_type: mention.eventType,
      sub_event_type: mention.subEventType,
      weapon: mention.weapon,
      target: mention.target,
      actor1: mention.actor1 ? JSON.stringify(mention.actor1) : null,
      actor2: mention.actor2 ? JSON.stringify(mention.actor2) : null,
      evidence: JSON.stringify(mention.evidence),
      provenance: JSON.stringify(mention.provenance),
      confidence: mention.confidence,
      event_id: null,
      // saved mentions await resolution; the marker commits with them, so no crash can lose the work
      unresolved: 1,
      linkable: isLinkableDate(mention.date) ? 1 : 0,
    },
    claims,
  };
}

function claimToRow(
  claim: Claim,
  mentionId: string,
  scope: ClaimScope,
  ord: number,
): Insertable<ClaimsTable> {
  return {
    mention_id: mentionId,
    doc_id: claim.docId,
    scope,
    ord,
    claimant: claim.claimant,
    claimant_kind: claim.claimantKind,
    stance: claim.stance,
    metric: claim.metric,
    category: claim.category,
    low: claim.low,
    high: claim.high,
    best: claim.best,
    approximate: claim.approximate ? 1 : 0,
    quote: claim.quote,
    span_start: claim.span[0],
    span_end: claim.span[1],
    rule_id: claim.ruleId,
  };
}

export function rowToClaim(row: Selectable<ClaimsTable>): Claim {
  return {
    claimant: row.claimant,
    claimantKind: row.claimant_kind as ClaimantKind,
    stance: row.stance as Stance,
    metric: row.metric as Metric,
    category: row.category as Category,
    low: Number(row.low),
    high: Number(row.high),
    approximate: Number(row.approximate) !== 0,
    best: Number(row.best),
    quote: row.quote,
    docId: row.doc_id,
    span: [Number(row.span_start), Number(row.span_end)],
    ruleId: row.rule_id,
  };
}

/** Rebuilds a mention from its row and its claim rows (already in order). */
export function rowToMention(
  row: Selectable<MentionsTable>,
  claimRows: readonly Selectable<ClaimsTable>[],
): Mention {
  const location: Location | null =
    row.location_name === null
      ? null
      : {
          name: row.location_name,
          admin2: row.admin2,
          admin1: row.admin1,
          country: row.country ?? '',
          lat: row.lat,
          lon: row.lon,
          precision: (row.place_precision ?? 'country') as PlacePrecision,
          placeId: row.place_id,
        };
  return {
    kind: 'Mention',
    id: row.id,
    docId: row.doc_id,
    index: Number(row.idx),
    operationKey: row.operation_key,
    date: { start: row.date_start, end: row.date_end, precision: row.date_precision as DatePrecision },
    location,
    eventType: row.event_type as EventType,
    subEventType: row.sub_event_type as SubEventType,
    weapon: row.weapon as Weapon,
    target: row.target as Target,
    actor1: row.actor1 === null ? null : (JSON.parse(row.actor1) as ActorRef),
    actor2: row.actor2 === null ? null : (JSON.parse(row.actor2) as ActorRef),
    claims: claimRows.filter((c) => c.scope === 'mention').map(rowToClaim),
    operationClaims: claimRows.filter((c) => c.scope === 'operation').map(rowToClaim),
    evidence: JSON.parse(row.evidence) as Span[],
    provenance: JSON.parse(row.provenance) as FieldProvenance[],
    confidence: Number(row.confidence),
  };
}

/** Claim rows (in order) grouped by the mention they belong to. */
export function groupByMention<T extends { readonly mention_id: string }>(
  rows: readonly T[],
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.mention_id);
    if (list) list.push(row);
    else out.set(row.mention_id, [row]);
  }
  return out;
}

export function aggregateToRow(
  aggregate: AggregateStatistic,
  ord: number,
): Insertable<AggregateStatisticsTable> {
  return {
    doc_id: aggregate.docId,
    ord,
    source: aggregate.source,
    period: aggregate.period,
    area: aggregate.area,
    metric: aggregate.metric,
    value: aggregate.value,
    span_start: aggregate.span[0],
    span_end: aggregate.span[1],
    rule_id: aggregate.ruleId,
  };
}

export function rowToAggregate(row: Selectable<AggregateStatisticsTable>): AggregateStatistic {
  return {
    kind: 'AggregateStatistic',
    docId: row.doc_id,
    source: row.source,
    period: row.period,
    area: row.area,
    metric: row.metric,
    value: row.value,
    span: [Number(row.span_start), Number(row.span_end)],
    ruleId: row.rule_id,
  };
}
