import type { PlaceMention, Sentence } from '../types.js';
import { normaliseWord, phraseEntryAt } from '../../lexicon/casualty-lexicon.js';
import type { AggregateCue, CasualtyLexicon } from '../../lexicon/casualty-lexicon.js';
import { mayBeStatistic } from '../casualties/figure-triggers.js';
import { findCasualties } from '../casualties/find-casualties.js';
import { readCount } from '../casualties/quantity.js';
import { grammar, isPunct, match, textOf, tokenize } from '../casualties/tokens.js';
import type { Match, Tokens } from '../casualties/tokens.js';
import type { AggregateMention } from './aggregate-types.js';

const YEAR = /^(?:19|20)\d\d$/;
const YEAR_BEFORE = new Set(['in', 'during', 'since', 'throughout', 'for', 'of', 'by', 'through']);
const YEAR_AFTER = new Set(['saw', 'alone', 'witnessed', 'recorded', 'was', 'has', 'had']);

interface Cues {
  readonly period: string;
  /** The period is a month alone ("In July"): an incident is often dated so, a statistic only with a monitor or a
   * trend beside it. */
  readonly monthOnly: boolean;
  /** The source is a monitor the lexicon knows ("PICSS", "the think tank"), not just "according to". */
  readonly monitor: boolean;
  readonly trend: boolean;
  readonly percent: boolean;
  readonly source: string;
  readonly metricWord: boolean;
  /** A number of incidents of three or more ("45 attacks", "twelve blasts"). */
  readonly tally: boolean;
}

/** The fewest incidents a tally counts: two or three attacks are a lead's summary, more a statistic's. */
const TALLY_MIN = 3;

/** The period named at token i; `cue` is the aggregate phrase found there, read once by the caller. */
function periodAt(
  t: Tokens,
  i: number,
  cue: Match<AggregateCue> | null,
): { text: string; end: number; month?: boolean } | null {
  const tok = t.tokens[i];
  if (tok?.kind === 'num' && YEAR.test(tok.text)) {
    const before = t.words[i - 1] ?? '';
    // "On 19 February 2020" names a day, not a period.
    if (grammar(t, 'month', i - 1) || t.tokens[i - 1]?.kind === 'num') return null;
    if (YEAR_BEFORE.has(before) || YEAR_AFTER.has(t.words[i + 1] ?? '') || i === 0)
      return { text: tok.text, end: i + 1 };
    return null;
  }
  if (cue?.value.type === 'period') return { text: textOf(t, i, cue.end), end: cue.end };
  // "In July, PICSS documented 82 attacks": a month, capitalised, after "in" or "during" and before no day
  const month = tok?.cap ? grammar(t, 'month', i) : null;
  if (month && YEAR_BEFORE.has(t.words[i - 1] ?? '') && t.tokens[month.end]?.kind !== 'num')
    return { text: textOf(t, i, month.end), end: month.end, month: true };
  // "those killed in July's attacks": a month's own attacks are its statistics, whatever stands before it (a
  // period as sure as "last month", not a month alone that may date an incident); "July's attack" is one incident
  if (tok?.cap && isMonthPossessive(t, i) && !oneIncidentAfter(t, i + 1))
    return { text: tok.text, end: i + 1 };
  return null;
}

const POSSESSIVE = /['\u2019]s$/;

/** A month's name with "'s" ("July's"), which the tokens read as one word. */
function isMonthPossessive(t: Tokens, i: number): boolean {
  const word = t.words[i] ?? '';
  if (!POSSESSIVE.test(word)) return false;
  return phraseEntryAt(t.lexicon.grammar.month, [normaliseWord(word.slice(0, -2))], 0) !== null;
}

/** A singular incident noun ("attack", "blast") within three words from token i. */
function oneIncidentAfter(t: Tokens, i: number): boolean {
  for (let k = i; k < i + 3 && k < t.words.length; k += 1)
    if (match(t, t.lexicon.aggregates, k)?.value.type === 'incident') return true;
  return false;
}

function readCues(t: Tokens): Cues {
  let period = '';
  let trend = false;
  let percent = false;
  let source = '';
  let metricWord = false;
  let sourceNamed = false;
  let monthOnly = false;
  let tally = false;
  for (let i = 0; i < t.tokens.length; i += 1) {
    if (t.metricAt.has(i)) metricWord = true;

    if (isPunct(t, i, '%') || t.words[i] === 'percent') percent = true;
    const cue = match(t, t.lexicon.aggregates, i);
    // a year or a period phrase is kept over a month alone
    const p: ReturnType<typeof periodAt> = period && !monthOnly ? null : periodAt(t, i, cue);
    if (p && (!period || !p.month)) [period, monthOnly] = [p.text, p.month === true];
    if (cue?.value.type === 'trend') trend = true;
    if (cue?.value.type === 'incidents' && !tally && i > 0) {
      const n = readCount(t, i - 1);
      tally = n !== null && n.end === i && n.value >= TALLY_MIN;
    }
    if (cue?.value.type === 'source' && cue.value.id === 'agg.source.monitor') {
      // A named monitor ("CRSS") beats a generic one ("the monitor").
      const named = t.tokens[i]?.cap === true && t.words[i] !== 'the';
      if (!source || (named && !sourceNamed)) [source, sourceNamed] = [textOf(t, i, cue.end), named];
    }
  }
  const monitor = source !== '';
  if (!source) source = accordingTo(t);
  return { period, monthOnly, monitor, trend, percent, source, metricWord, tally };
}

function accordingTo(t: Tokens): string {
  for (let i = 0; i + 1 < t.tokens.length; i += 1) {
    if (t.words[i] !== 'according' || t.words[i + 1] !== 'to') continue;
    let end = i + 2;
    while (end < t.tokens.length && end - i < 12 && !isPunct(t, end)) end += 1;
    return textOf(t, i + 2, end).replace(/^(?:the|a|an)\s+(?:recent\s+)?/i, '');
  }
  return '';
}

/** "a bomb", "an attack", "a similar blast": one incident, within a few words of its article. */
function namesOneIncident(t: Tokens): boolean {
  for (let i = 0; i < t.words.length; i += 1) {
    if (t.words[i] !== 'a' && t.words[i] !== 'an') continue;
    for (let k = i + 1; k <= i + 3 && k < t.words.length; k += 1) {
      if (match(t, t.lexicon.aggregates, k)?.value.type === 'incident') return true;
    }
  }
  return false;
}

/** How far before a day its claim cue may stand ("said in its yearly review on Friday"). */
const SAID_ON_REACH = 6;

/** The day at token i is when the figures were given: a claim cue of the lexicon (said, reported, according
 * to...) stands just before it. */
function saidOn(t: Tokens, i: number): boolean {
  for (let k = i - 1; k >= 0 && i - k <= SAID_ON_REACH; k -= 1) {
    if (isPunct(t, k)) return false;
    if (match(t, t.lexicon.cues, k) !== null) return true;
  }
  return false;
}

function isAggregate(t: Tokens, c: Cues, namesPlace: boolean): boolean {
  // a statistic names a period, or a trend in percent; most sentences name neither, and need no more reading
  if (c.period) {
    // "a 74 per cent increase in attacks in August, according to data PICSS released on Monday": a monitor's
    // trend over a period; the day is the report's
    if (c.monitor && c.trend) return true;
    const hasDay = t.words.some((_, i) => grammar(t, 'day', i) !== null && !saidOn(t, i));
    if (c.monthOnly) return !hasDay && (c.trend || c.monitor);
    if (!hasDay && (c.trend || c.source !== '')) return true;
    if (!hasDay && c.metricWord && !namesOneIncident(t)) return true;
  }
  // "The province reported 45 attacks that killed 54 people": a tally of many incidents with their dead, for no
  // day, town or district, is a statistic whoever gives it
  if (c.tally && c.metricWord && !namesPlace && !t.words.some((_, i) => grammar(t, 'day', i))) return true;
  // "The wave of violence left 194 people dead, according to PICSS": a monitor counts over periods, not days; a
  // figure it gives for no day, no town or district and no single incident is one of its statistics
  if (
    c.monitor &&
    c.metricWord &&
    !namesPlace &&
    !namesOneIncident(t) &&
    !t.words.some((_, i) => grammar(t, 'day', i))
  )
    return true;
  return c.percent && c.trend && c.metricWord;
}

/** Whether the places a sentence names include a town or a district, where one incident could be (a province or a
 * country is where statistics are counted). */
export function namesIncidentPlace(places: readonly PlaceMention[]): boolean {
  return places.some((p) => p.role !== 'province' && p.role !== 'country');
}

/** Whether a sentence reports a statistic over a period or an area rather than an incident. `namesPlace`: the
 * sentence names a town or a district (`namesIncidentPlace`). */
export function isAggregateSentence(
  sentence: Sentence,
  lexicon: CasualtyLexicon,
  namesPlace = false,
): boolean {
  if (!mayBeStatistic(sentence.text, lexicon)) return false;
  const t = tokenize(sentence, lexicon);
  return isAggregate(t, readCues(t), namesPlace);
}

function metricNear(t: Tokens, i: number): string {
  for (let d = 0; d < 12; d += 1) {
    for (const k of [i + d, i - d]) {
      const m = t.metricAt.get(k);
      if (!m) continue;
      const cat = match(t, t.lexicon.categoryWords, k - 1);
      return cat ? `${m.value.metric} ${cat.value.category}` : m.value.metric;
    }
  }
  return '';
}

/** The statistics of an aggregate sentence; `previous` lends its source and period when this one names none;
 * `namesPlace` as for `isAggregateSentence`. */
export function findAggregates(
  sentence: Sentence,
  lexicon: CasualtyLexicon,
  previous?: Sentence,
  namesPlace = false,
): readonly AggregateMention[] {
  const t = tokenize(sentence, lexicon);
  const c = readCues(t);
  if (!isAggregate(t, c, namesPlace)) return [];
  const prev = previous ? readCues(tokenize(previous, lexicon)) : null;
  const context = {
    source: c.source || prev?.source || '',
    period: c.period || prev?.period || '',
    area: areaOf(t),
  };
  const out: AggregateMention[] = [];
  for (const f of findCasualties(sentence, lexicon, [])) {
    const value = String(f.best);
    out.push({
      span: f.span,
      text: f.text,
      ruleId: 'aggregate.figure',
      ...context,
      metric: `${f.metric} ${f.category}`,
      value,
    });
  }
  for (let i = 0; i < t.tokens.length; i += 1) {
    const tok = t.tokens[i];
    if (tok?.kind !== 'num') continue;
    const pct = isPunct(t, i + 1, '%') || t.words[i + 1] === 'percent';
    const after = t.words[i - 1] === 'to' && (t.words[i - 2] === '%' || t.words[i - 2] === 'percent');
    if (!pct && !after) continue;
    const end = pct ? i + 2 : i + 1;
    const last = t.tokens[end - 1] ?? tok;
    const metric = metricNear(t, i);
    out.push({
      span: [tok.start, last.end],
      text: textOf(t, i, end),
      ruleId: pct ? 'aggregate.percent' : 'aggregate.trend-value',
      ...context,
      metric: pct ? `change in ${metric}`.trim() : metric,
      value: pct ? `${tok.text}%` : tok.text.replace(/,/g, ''),
    });
  }
  return out;
}

function areaOf(t: Tokens): string {
  for (let i = 0; i + 1 < t.tokens.length; i += 1) {
    if (t.words[i] !== 'in' || !t.tokens[i + 1]?.cap) continue;
    let end = i + 1;
    while (end < t.tokens.length && end - i <= 3 && t.tokens[end]?.cap) end += 1;
    const text = textOf(t, i + 1, end);
    const cue = match(t, t.lexicon.aggregates, i + 1);
    if (!periodAt(t, i + 1, cue) && !grammar(t, 'month', i + 1)) return text;
  }
  return '';
}
