import type { SentenceAnalysis } from '../analyse/analyse-sentence.js';
import type { DateRange } from '../../domain/index.js';
import type { DateMention } from '../types.js';
import { addDays, parseIsoDay } from '../dates/calendar.js';
import type { DateChoice, IncidentDraft } from './segment-incidents.js';
import { EXTRACT_SETTINGS } from '../extract-settings.js';
import { SIGNAL_RULES, daysAfter, daysBefore, isStatementDay, matches, ownDate } from './sentence-signals.js';

/** Precisions that name the day (or a few days) an incident fell on. */
export const DAYLIKE: ReadonlySet<string> = new Set(['day', 'days']);

function daysBetween(from: string, to: string): number {
  return (parseIsoDay(to) ?? 0) - (parseIsoDay(from) ?? 0);
}

/**
 * The days an incident the text never dates most likely fell on: a daily paper reports the day before it went out
 * and the day itself (never later than publication).
 */
function daysBeforePublication(published: string | null): DateRange | null {
  if (!published) return null;
  return { start: addDays(published, -1), end: published, precision: 'days' };
}

/** The rule that dates an incident told without a day by the days the article's dated incidents span. */
const NEWS_DAYS_RULE = 'date.news-days';
const BEFORE_PUBLICATION_RULE = 'date.before-publication';

/**
 * A report that dates some of its incidents and not others ("coordinated attacks struck Quetta, Gwadar and
 * Noshki ... the military said 92 militants were killed on Saturday and 41 on Friday") tells one episode: the
 * incidents it never dates fell on the days its dated ones span, not on the days before publication. Only when
 * those days are few (`EXTRACT_SETTINGS.newsDaysSpan`) and reach the days before publication: an incident dated
 * days earlier is one recalled, and says nothing of today's news.
 */
export function dateByTheNewsDays(drafts: readonly IncidentDraft[], published: string | null): void {
  const undated = drafts.filter((d) => d.date.ruleId === BEFORE_PUBLICATION_RULE);
  const window = daysBeforePublication(published);
  if (undated.length === 0 || !window) return;
  const dated = drafts
    .map((d) => d.date)
    .filter((d) => d.own && d.ruleId !== SIGNAL_RULES.statementDay.id && DAYLIKE.has(d.date.precision));
  if (dated.length === 0) return;
  const start = dated.reduce((x, d) => (d.date.start < x ? d.date.start : x), dated[0]!.date.start);
  const end = dated.reduce((x, d) => (d.date.end > x ? d.date.end : x), dated[0]!.date.end);
  if (daysBetween(start, end) >= EXTRACT_SETTINGS.newsDaysSpan || end < window.start || start > window.end)
    return;
  for (const d of undated) {
    d.date = {
      ...d.date,
      date: { start, end, precision: start === end ? 'day' : 'days' },
      ruleId: NEWS_DAYS_RULE,
    };
  }
}

/** The rule a date spanning several named days comes from (see ownDate). */
const SPAN_RULE = 'date.span-of-several';

/** The earliest single day among a sentence's dates, if any is a day. */
function earliestDay(dates: readonly DateMention[]): DateMention | null {
  const days = dates.filter((d) => d.date.precision === 'day');
  return days.reduce<DateMention | null>(
    (best, d) => (!best || d.date.start < best.date.start ? d : best),
    null,
  );
}

/** The rule of "over the past N days / hours", counted back from publication unless a statement day is given. */
const PAST_DAYS_RULE = 'date.rel.past-n';

/** The date of the incident a sentence tells: its own, the day it was said, one counted from the incident
 * before, the running date of the article, else the days before publication. `lastDay` gives the day of the
 * latest incident told that is dated to a day (asked only for "a day earlier"). */
export function chooseDate(
  a: SentenceAnalysis,
  previous: IncidentDraft | null,
  running: DateChoice | null,
  published: string | null,
  lastDay: () => DateRange | null = () => null,
): DateChoice | null {
  const spoken = a.dates.filter((d) => isStatementDay(a, d));
  const own = ownDate(spoken.length > 0 ? a.dates.filter((d) => !spoken.includes(d)) : a.dates);
  const said = spoken[0] ?? a.toldOn;
  if (own && own.ruleId === PAST_DAYS_RULE && said?.date.precision === 'day') {
    // "over the past 24 hours, officials said on Wednesday": the hours before the statement, not publication
    const end = said.date.start;
    const start = addDays(end, -daysBetween(own.date.start, own.date.end));
    return {
      date: { start, end, precision: 'days' },
      ruleId: PAST_DAYS_RULE,
      span: own.span,
      text: own.text,
      own: true,
    };
  }
  const recalled = matches(SIGNAL_RULES.earlier, a.sentence.text);
  if (own && recalled && own.ruleId === SPAN_RULE) {
    // "Today's blasts come five days after ... an attack in Bannu on Oct 19": the incident the sentence recalls
    // is the earliest day it names, not a span reaching today
    const first = earliestDay(a.dates.filter((d) => !spoken.includes(d)));
    if (first)
      return { date: first.date, ruleId: first.ruleId, span: first.span, text: first.text, own: true };
  }
  if (own) return { date: own.date, ruleId: own.ruleId, span: own.span, text: own.text, own: true };
  const s = a.sentence;
  if (spoken.length > 0) {
    // the day it was said stands for the incident's until a later sentence dates it ("on the night of
    // September 14-15"): see `provisional`
    const said = spoken[0]!;
    return {
      date: said.date,
      ruleId: SIGNAL_RULES.statementDay.id,
      span: said.span,
      text: said.text,
      own: true,
    };
  }
  const whole = { span: [s.start, s.end] as const, text: s.text };
  // "A day earlier, ...": the day before the incident just told, when that one has a day; after one recalled only
  // by its week ("Last week, ..."), the day before the latest incident told to the day, never a day of that week
  const counted = !matches(SIGNAL_RULES.dayBefore, s.text)
    ? null
    : previous && previous.date.date.precision === 'day'
      ? previous.date.date
      : lastDay();
  if (counted) {
    const day = addDays(counted.start, -1);
    return {
      ...whole,
      date: { start: day, end: day, precision: 'day' },
      ruleId: SIGNAL_RULES.dayBefore.id,
      own: false,
    };
  }
  // read only when it can count: the regex is asked of every sentence otherwise
  const before = running && recalled && running.date.precision === 'day' ? daysBefore(s.text) : null;
  if (running && before !== null) {
    // "conducted a day after a car suicide attack on ...": the attack recalled was that many days earlier
    const day = addDays(running.date.start, -before);
    return {
      ...whole,
      date: { start: day, end: day, precision: 'day' },
      ruleId: SIGNAL_RULES.earlier.id,
      own: false,
    };
  }
  if (running && recalled) {
    const end = addDays(running.date.start, -1);
    return {
      ...whole,
      date: { start: addDays(end, -6), end, precision: 'week' },
      ruleId: SIGNAL_RULES.earlier.id,
      own: false,
    };
  }
  if (previous && matches(SIGNAL_RULES.sameDay, s.text)) {
    return { ...whole, date: previous.date.date, ruleId: SIGNAL_RULES.sameDay.id, own: false };
  }
  // "The next day, a bomb ...": counted from the incident before, when that one is dated to a day
  const after = previous && previous.date.date.precision === 'day' ? daysAfter(s.text) : null;
  if (previous && after !== null) {
    const day = addDays(previous.date.date.start, after);
    if (!published || day <= published)
      return {
        ...whole,
        date: { start: day, end: day, precision: 'day' },
        ruleId: SIGNAL_RULES.dayAfter.id,
        own: false,
      };
  }
  if (running) return { ...running, ruleId: 'date.carried-forward', own: false };
  const fallback = daysBeforePublication(published);
  if (fallback) return { ...whole, date: fallback, ruleId: BEFORE_PUBLICATION_RULE, own: false };
  return null;
}
