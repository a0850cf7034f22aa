import type { ActorTable } from './actor-table.js';
import type { Gazetteer } from './gazetteer-types.js';
import { normalisePlaceName } from './gazetteer-normalise.js';

/** A folded name and the canonical name it stands for. */
type Candidate = readonly [key: string, name: string];

/**
 * Edit distance with adjacent transpositions (optimal string alignment), or `max + 1` as soon as it must exceed
 * `max`: "Kehc" is one edit from "Kech", and a name of another length is skipped without a table.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** Edits allowed for a name of this length: one for short names (BLA, Kech), more for long ones. */
function allowance(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/** The candidate closest to `wanted` within the allowance (ties: the shorter name, then the first), or null. */
export function closestName(wanted: string, candidates: readonly Candidate[]): string | null {
  const max = allowance(wanted.length);
  let found: { name: string; d: number; len: number } | null = null;
  for (const [key, name] of candidates) {
    const d = editDistance(wanted, key, max);
    if (d > max) continue;
    if (!found || d < found.d || (d === found.d && key.length < found.len))
      found = { name, d, len: key.length };
  }
  return found?.name ?? null;
}

const placeCandidates = new WeakMap<Gazetteer, Map<string, Candidate[]>>();
const actorCandidates = new WeakMap<ActorTable, Candidate[]>();

function placesOf(gazetteer: Gazetteer, kind: 'province' | 'district'): readonly Candidate[] {
  let byKind = placeCandidates.get(gazetteer);
  if (!byKind) {
    byKind = new Map([
      ['province', []],
      ['district', []],
    ]);
    for (const [key, places] of gazetteer.byName) {
      for (const k of ['province', 'district'] as const) {
        const p = places.find((x) => x.kind === k);
        if (p) byKind.get(k)!.push([key, k === 'province' ? (p.admin1 ?? p.name) : (p.admin2 ?? p.name)]);
      }
    }
    placeCandidates.set(gazetteer, byKind);
  }
  return byKind.get(kind)!;
}

/** The province or district the gazetteer knows whose name is closest to a misspelt one ("Kehc" → "Kech"). */
export function suggestPlace(
  gazetteer: Gazetteer,
  kind: 'province' | 'district',
  value: string,
): string | null {
  return closestName(normalisePlaceName(value), placesOf(gazetteer, kind));
}

/** The actor whose name, alias or acronym is closest to a misspelt one ("Baloch Liberation Amry" → its name). */
export function suggestActor(actors: ActorTable, value: string): string | null {
  let candidates = actorCandidates.get(actors);
  if (!candidates) {
    candidates = actors.actors.flatMap((a) =>
      [a.name, ...a.aliases, ...a.acronyms].map((n) => {
        const shown = n.trim().toLowerCase() === a.name.toLowerCase() ? a.name : `${n.trim()} (${a.name})`;
        return [n.trim().toLowerCase(), shown] as const;
      }),
    );
    actorCandidates.set(actors, candidates);
  }
  return closestName(value.trim().toLowerCase(), candidates);
}

/** The end of a refusal: "; did you mean Kech?" when a name is close, else nothing. */
export function didYouMean(suggestion: string | null): string {
  return suggestion === null ? '' : `; did you mean ${suggestion}?`;
}
