import type { SentenceAnalysis } from '../analyse/analyse-sentence.js';
import { DISTRIBUTED_RULE } from '../casualties/find-casualties.js';
import type { Found } from '../types.js';
import { finePlaces, isStatementDay, isViolentCue, SIGNAL_RULES } from './sentence-signals.js';
import { regexMatches } from '../match/regex-matches.js';

/**
 * Where a news lead joins several incidents in one sentence ("six people died in a blast in Chaman, a suicide
 * bomber targeted a convoy in Kech, while forces killed four militants in Khuzdar on Thursday"): before a
 * coordinating word, after a semicolon, or before a new subject after a comma.
 */
export const CLAUSE_RULES = {
  id: 'segment.clause',
  boundary:
    /,\s+(?:while|whereas|and|but|as well as)\s+|;\s+|,\s+(?=(?:a|an|at least|two|three|four|five|six|seven|eight|nine|ten|\d+)\s)/giu,
} as const;

function inside(found: Found, start: number, end: number): boolean {
  return found.span[0] >= start && found.span[0] < end;
}

function clauseOf(a: SentenceAnalysis, start: number, end: number): SentenceAnalysis {
  const s = a.sentence;
  const pick = <T extends Found>(xs: readonly T[]): T[] => xs.filter((x) => inside(x, start, end));
  return {
    ...a,
    sentence: { ...s, start, end, text: s.text.slice(start - s.start, end - s.start), clause: true },
    dates: pick(a.dates),
    places: pick(a.places),
    actors: pick(a.actors),
    responsibility: pick(a.responsibility),
    cues: pick(a.cues),
    targets: pick(a.targets),
    casualties: pick(a.casualties),
    framing: pick(a.framing),
  };
}

/** What tells of an incident in a clause: a violent cue, or a figure of people hurt ("another operation in Datta
 * Khel left four militants dead" has no cue word but its dead). */
function toldIncidents(a: SentenceAnalysis): Found[] {
  return [...a.cues.filter(isViolentCue), ...a.casualties.filter((c) => c.high > 0)];
}

/** A clause that can stand as an incident of its own: a violent cue or people hurt, and a place below the
 * province. */
function standsAlone(c: SentenceAnalysis): boolean {
  return toldIncidents(c).length > 0 && finePlaces(c.places).length > 0;
}

/** `standsAlone` of the clause [start, end) of a sentence, read without building the clause. */
function clauseStandsAlone(a: SentenceAnalysis, start: number, end: number): boolean {
  return (
    toldIncidents(a).some((x) => inside(x, start, end)) &&
    finePlaces(a.places.filter((p) => inside(p, start, end))).length > 0
  );
}

/**
 * Splits a sentence into the incidents' clauses when at least two of them each have a violent cue and a place;
 * a clause without both stays with the one before it. A clause with no date takes the sentence's last dated
 * clause's dates ("..., while forces killed four in Khuzdar on Thursday" dates all three). Otherwise the sentence
 * is returned whole.
 */
export function splitClauses(a: SentenceAnalysis): readonly SentenceAnalysis[] {
  const shared = splitSharedOut(a) ?? splitListMembers(a);
  if (shared) return shared;
  if (a.places.length < 2 || a.cues.length + a.casualties.length < 2) return [a];
  const s = a.sentence;
  const cuts: number[] = [];
  for (const m of regexMatches(CLAUSE_RULES.boundary, s.text)) cuts.push(s.start + m.index);
  if (cuts.length === 0) return [a];
  const bounds = [s.start, ...cuts, s.end];
  const merged: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const part = { start: bounds[i]!, end: bounds[i + 1]! };
    const last = merged[merged.length - 1];
    if (last && !clauseStandsAlone(a, part.start, part.end)) last.end = part.end;
    else if (last && !clauseStandsAlone(a, last.start, last.end)) last.end = part.end;
    else merged.push(part);
  }
  if (merged.length < 2) return [a];
  const clauses = merged.map((p) => clauseOf(a, p.start, p.end));
  if (!clauses.every(standsAlone)) return [a];
  const dated = [...clauses].reverse().find((c) => c.dates.length > 0);
  const toldOn = a.dates.find((d) => isStatementDay(a, d));
  return clauses.map((c) => ({
    ...(c.dates.length === 0 && dated ? { ...c, dates: dated.dates } : c),
    ...(toldOn ? { toldOn } : {}),
  }));
}

/**
 * A figure shared out over places ("troops killed nine militants in Khyber, three in Orakzai and two in Kurram",
 * the casualty pass's DISTRIBUTED_RULE): one clause per place, cut where each share begins. The shares take the
 * lead clause's verb, actors, targets and dates, which they do not repeat. Only when every clause names exactly
 * one place below the province; otherwise the sentence stays whole and its figures are one incident's.
 */
function splitSharedOut(a: SentenceAnalysis): readonly SentenceAnalysis[] | null {
  const shares = a.casualties.filter((c) => c.ruleId === DISTRIBUTED_RULE);
  if (shares.length === 0) return null;
  const s = a.sentence;
  const bounds = [s.start, ...shares.map((c) => c.span[0]), s.end];
  const clauses = bounds.slice(0, -1).map((start, i) => clauseOf(a, start, bounds[i + 1]!));
  if (!clauses.every((c) => finePlaces(c.places).length === 1)) return null;
  const [lead, ...rest] = clauses;
  if (!lead || !lead.cues.some(isViolentCue)) return null;
  const firstFigure = lead.casualties[0]?.span[0] ?? lead.sentence.end;
  const leadActors = lead.actors.filter((x) => x.span[0] < firstFigure);
  const toldOn = a.dates.find((d) => isStatementDay(a, d));
  return [
    lead,
    ...rest.map((c) => ({
      ...c,
      cues: lead.cues,
      targets: [...lead.targets, ...c.targets],
      actors: [...leadActors, ...c.actors],
      dates: c.dates.length > 0 ? c.dates : lead.dates,
    })),
  ].map((c) => (toldOn ? { ...c, toldOn } : c));
}

const LIST_MEMBERS = new RegExp(SIGNAL_RULES.listMember.pattern.source, 'gi');

/**
 * The incidents of a list told one by one in one sentence ("in the first blast a shepherd died, while in the second
 * three farmers were killed"): one clause per member, cut at the last clause boundary before each member after the
 * first. Only when every clause gives a figure of people hurt: each is then an incident with its own toll, where
 * and when the list put them (segment-incidents, `siblingOf`).
 */
function splitListMembers(a: SentenceAnalysis): readonly SentenceAnalysis[] | null {
  const s = a.sentence;
  const members = [...regexMatches(LIST_MEMBERS, s.text)];
  if (members.length < 2) return null;
  const boundaries = [...regexMatches(CLAUSE_RULES.boundary, s.text)].map((m) => m.index);
  const cuts: number[] = [];
  for (let i = 1; i < members.length; i++) {
    const after = members[i - 1]!.index + members[i - 1]![0].length;
    const cut = boundaries.filter((b) => b >= after && b < members[i]!.index).pop();
    if (cut === undefined) return null;
    cuts.push(s.start + cut);
  }
  const bounds = [s.start, ...cuts, s.end];
  const clauses = bounds.slice(0, -1).map((start, i) => clauseOf(a, start, bounds[i + 1]!));
  if (!clauses.every((c) => c.casualties.some((x) => x.high > 0))) return null;
  return clauses;
}
