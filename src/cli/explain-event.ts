import {
  fromRecordClaim,
  machineDisagrees,
  reconcileClaims,
  type EventEdit,
  type EventRecord,
  type EventReview,
} from '../domain/index.js';
import type { StoredEvent } from '../store/store.js';

function figure(c: EventRecord['claims'][number]): string {
  return c.low === c.high ? `${c.low}` : `${c.low}-${c.high}`;
}

/** A stored event explained for a person: sources, which claim set each figure, and why its mentions merged. */
export function explainEvent(event: StoredEvent): string[] {
  const r = event.record;
  const loc = r.location;
  const lines = [
    `event ${r.id}${r.operation_id ? ` (operation ${r.operation_id})` : ''}`,
    `  date      ${r.date.start}${r.date.end !== r.date.start ? ` to ${r.date.end}` : ''} (${r.date.precision})`,
    `  place     ${loc ? `${loc.name}; ${loc.admin2 ?? '-'}; ${loc.admin1 ?? '-'}; ${loc.country} (${loc.precision})` : '-'}`,
    `  type      ${r.event_type} / ${r.sub_event_type}; weapon ${r.weapon}; target ${r.target}`,
    `  actors    ${r.actor1?.name ?? 'unknown'}${r.actor1?.claimed ? ' (claimed)' : ''} vs ${r.actor2?.name ?? '-'}`,
    `  note      ${r.notes}`,
    '  sources',
    ...r.sources.map((s) =>
      `    ${s.doc_id}  ${s.publisher ?? '(no publisher)'}  ${s.published ?? '(no date)'}  ${s.url ?? ''}`.trimEnd(),
    ),
  ];
  const reconciled = reconcileClaims(r.claims.map(fromRecordClaim));
  lines.push('  figures (low / best / high, and the claim that set each)');
  for (const c of reconciled.casualties) {
    const by = (i: number): string => {
      const claim = r.claims[i]!;
      return `${claim.claimant} ${claim.stance} ${figure(claim)}`;
    };
    lines.push(`    ${c.metric} ${c.category}: ${c.low} / ${c.best} / ${c.high}`);
    lines.push(`      low from ${by(c.lowFrom)}; best from ${by(c.bestFrom)}; high from ${by(c.highFrom)}`);
  }
  lines.push('  claims');
  for (const c of r.claims) {
    lines.push(
      `    ${c.claimant} [${c.claimant_kind}] ${c.stance} ${figure(c)}${c.approximate ? ' (approx.)' : ''} ${c.category} ${c.metric}  (${c.doc_id})`,
    );
    lines.push(`      "${c.quote.replace(/\s+/g, ' ').slice(0, 140)}"`);
  }
  lines.push('  merge decisions');
  for (const d of event.decisions) {
    const features = d.features.map((f) => `${f.name} ${f.score.toFixed(2)} (${f.detail})`).join('; ');
    lines.push(
      d.joined
        ? `    ${d.mentionId} joined, compared with ${d.comparedWith}: score ${d.score.toFixed(2)} >= threshold ${d.threshold}; ${features}`
        : `    ${d.mentionId} founded the event`,
    );
  }
  return lines;
}

/** A value of a change or a lock, on one short line. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The review of a stored event: its state, the fields a person locked (and where the machine now disagrees), every change. */
export function explainReview(review: EventReview, edits: readonly EventEdit[]): string[] {
  const state = review.notIncident
    ? `not an incident (${review.reviewedBy ?? '?'}, ${review.reviewedAt ?? '?'})`
    : review.reviewed
      ? `confirmed by ${review.reviewedBy ?? '?'} at ${review.reviewedAt ?? '?'}`
      : 'not reviewed';
  const lines = [`  review    ${state}; version ${review.version}`];
  if (review.locks.length > 0) lines.push('  locked fields (a person set them; re-extraction keeps them)');
  for (const lock of review.locks) {
    lines.push(`    ${lock.field} = ${shown(lock.value)}  (${lock.setBy}, ${lock.setAt})`);
    if (machineDisagrees(lock)) lines.push(`      the machine now reads ${shown(lock.machine)}`);
  }
  lines.push(`  history (${edits.length} change${edits.length === 1 ? '' : 's'}, oldest first)`);
  for (const e of edits) {
    const what =
      e.field === null ? e.action : `${e.action} ${e.field}: ${shown(e.before)} -> ${shown(e.after)}`;
    lines.push(`    ${e.at} ${e.by} ${what}${e.reason ? ` (because: ${e.reason})` : ''}`);
  }
  return lines;
}
