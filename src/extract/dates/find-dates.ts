import type { DateContext, DateMention, Sentence } from '../types.js';
import type { DateLexicon } from '../../lexicon/date-lexicon.js';
import { formatDay, parseIsoDay } from './calendar.js';
import { compileDateRules } from './date-rules.js';
import type { ParsedDate } from './parsed-date.js';
import { resolveDate } from './resolve-date.js';
import { regexMatches } from '../match/regex-matches.js';

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly order: number;
  readonly ruleId: string;
  readonly parsed: ParsedDate;
}

/** How much text before a match is read for "since" / "next"; a bounded look keeps the pass linear. */
const GUARD_WINDOW = 40;

/** Overlapping readings: the longest wins, then the earlier rule; a winner that resolves to nothing still
 * holds its span, so "8 May 2031" (dropped) does not fall back to a year-less "8 May". */
function selectCandidates(candidates: Candidate[], length: number): Candidate[] {
  if (candidates.length < 2) return candidates;
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order || a.start - b.start);
  const taken = new Uint8Array(length);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The dates a sentence names, resolved against the publication date (the only "now"). Spans are offsets
 * into the whole document. Never returns a date after publication; see resolveDate for the policy.
 */
export function findDates(
  sentence: Sentence,
  context: DateContext,
  lexicon: DateLexicon,
): readonly DateMention[] {
  const text = typeof sentence.text === 'string' ? sentence.text : '';
  if (text === '') return [];
  const { rules, notEventBefore, trigger, features } = compileDateRules(lexicon);
  // a sentence that holds what no rule needs names no date: most sentences, told without a look at the rules'
  // regexes
  const has = features(text);
  if (!rules.some((rule) => (rule.needs & has) === rule.needs) || !trigger.test(text)) return [];
  const published = parseIsoDay(context.published);
  const candidates: Candidate[] = [];
  rules.forEach((rule, order) => {
    if ((rule.needs & has) !== rule.needs) return;
    for (const m of regexMatches(rule.re, text)) {
      if (m[0] === '') continue;
      const read = rule.parse(m.groups ?? {});
      if (read) candidates.push({ start: m.index, end: m.index + m[0].length, order, ...read });
    }
  });
  const mentions: DateMention[] = [];
  for (const c of selectCandidates(candidates, text.length)) {
    if (notEventBefore.test(text.slice(Math.max(0, c.start - GUARD_WINDOW), c.start))) continue;
    const resolved = resolveDate(c.parsed, published);
    if (!resolved) continue;
    mentions.push({
      span: [sentence.start + c.start, sentence.start + c.end],
      text: text.slice(c.start, c.end),
      ruleId: c.ruleId,
      date: { start: formatDay(resolved.start), end: formatDay(resolved.end), precision: resolved.precision },
      kind: resolved.kind,
    });
  }
  return mentions;
}
