import type { MetricCue, OutcomePhrase } from '../../lexicon/casualty-lexicon.js';
import type { Group } from './figure.js';
import { readQuantity } from './quantity.js';
import { grammar, isPunct, match } from './tokens.js';
import type { Match, Tokens } from './tokens.js';

/** What a group of figures is tied to: one or more metric verbs, or a zero said of it ("was unharmed"). */
export interface Link {
  readonly metrics: readonly Match<MetricCue>[];
  readonly zero: Match<OutcomePhrase> | null;
  /** Token range of the words that tie the figure to its verb. */
  readonly start: number;
  readonly end: number;
  readonly ruleId: string;
}

const MAX_GAP = 8;
/** Longest "affiliated with ..." phrase skipped between a figure's noun and its verb, in tokens. */
const MAX_MODIFIER = 10;

function passiveBefore(t: Tokens, i: number): boolean {
  return i > 0 && grammar(t, 'passive-aux', i - 1) !== null && grammar(t, 'passive-aux', i - 1)?.end === i;
}

/** "killed 14 soldiers", "killing and injuring several": an active verb right before the group. */
export function linkBefore(t: Tokens, group: Group): Link | null {
  const m = t.metricEndingAt.get(group.start);
  if (!m || (m.value.form !== 'verb' && m.value.form !== 'gerund')) return null;
  if (m.value.form === 'verb' && passiveBefore(t, m.start)) return null;
  const metrics = [m];
  if (t.words[m.start - 1] === 'and') {
    const m1 = t.metricEndingAt.get(m.start - 1);
    if (m1 && (m1.value.form === 'verb' || m1.value.form === 'gerund')) metrics.unshift(m1);
  }
  const start = metrics[0]?.start ?? m.start;
  return { metrics, zero: null, start, end: m.end, ruleId: `active:${m.value.id}` };
}

function startsFigure(t: Tokens, k: number): boolean {
  const q = readQuantity(t, k);
  return q !== null && q.kind !== 'vague' && t.tokens[q.end]?.kind === 'word';
}

/** Lowercase words inside a group's name ("Fitna al Hindustan", "Lashkar-e-Jhangvi"). */
const NAME_PARTICLES: ReadonlySet<string> = new Set(['al', 'ul', 'e', 'i', 'of', 'the']);

/**
 * After a figure's noun, a comma and a capitalised name ended by an auxiliary (", Fitna al Hindustan were"):
 * the index of that auxiliary, or null.
 */
function namedApposition(t: Tokens, k: number): number | null {
  if (!isPunct(t, k, ',') || !t.tokens[k + 1]?.cap) return null;
  let j = k + 1;
  while (j < t.tokens.length && j - k <= 6 && (t.tokens[j]?.cap || NAME_PARTICLES.has(t.words[j] ?? '')))
    j += 1;
  if (isPunct(t, j, ',')) j += 1;
  return grammar(t, 'passive-aux', j) ? j : null;
}

/** "two soldiers were reportedly killed", "another was left injured", "Khan was unharmed". */
export function linkAfter(t: Tokens, group: Group, strict: boolean): Link | null {
  let k = group.end;
  let gaps = 0;
  let sawOnly = false;
  while (k < t.tokens.length && gaps <= MAX_GAP) {
    if (isPunct(t, k, '(')) {
      let close = k + 1;
      while (close < t.tokens.length && close - k < 20 && !isPunct(t, close, ')')) close += 1;
      if (!isPunct(t, close, ')')) return null;
      k = close + 1;
      continue;
    }
    const outcome = match(t, t.lexicon.outcomes, k);
    if (outcome && outcome.value.type === 'zero' && outcome.value.subject) {
      return { metrics: [], zero: outcome, start: group.end, end: outcome.end, ruleId: outcome.value.id };
    }
    const m = t.metricAt.get(k);
    if (m) {
      const form = m.value.form;
      const direct = gaps === 0;
      if (form === 'verb' && direct && startsFigure(t, m.end)) return null;
      if (form === 'verb' || form === 'after' || (form === 'noun' && sawOnly)) {
        if (strict && direct && form === 'verb') return null;
        return { metrics: [m], zero: null, start: group.end, end: m.end, ruleId: `passive:${m.value.id}` };
      }
      return null;
    }
    const named = gaps === 0 && !strict ? namedApposition(t, k) : null;
    if (named !== null) {
      // "three terrorists, Fitna al Hindustan, were neutralised": the group they belong to, named in apposition
      gaps += 1;
      k = named;
      continue;
    }
    const modifier = gaps === 0 && !strict ? grammar(t, 'postmodifier', k) : null;
    if (modifier) {
      // "three terrorists affiliated with Fitna al Hindustan were killed": skip to the auxiliary
      let end = modifier.end;
      while (end < t.tokens.length && end - k < MAX_MODIFIER && !grammar(t, 'passive-aux', end)) {
        if (isPunct(t, end, '.;:') || t.metricAt.has(end)) break;
        end += 1;
      }
      if (!grammar(t, 'passive-aux', end)) return null;
      gaps += 1;
      k = end;
      continue;
    }
    const gap = grammar(t, 'gap', k);
    if (!gap) return null;
    // A bare name or pronoun is a casualty only in "X was killed": nothing but auxiliaries in between.
    if (strict && grammar(t, 'passive-aux', k)?.end !== gap.end) return null;
    if (t.words.slice(k, gap.end).includes('only')) sawOnly = true;
    gaps += gap.end - k;
    k = gap.end;
  }
  return null;
}
