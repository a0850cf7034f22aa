import type { DateLexicon, WordRole } from '../../lexicon/date-lexicon.js';
import { wordIds, wordTable } from '../match/vocabulary.js';
import { phraseWords, wordTokens } from '../match/word-tokens.js';
import type { ParsedDate } from './parsed-date.js';
import { regexMatches } from '../match/regex-matches.js';

type Groups = Readonly<Record<string, string | undefined>>;

/**
 * What a sentence must hold for a rule to find anything in it, as bits (`SENTENCE_HAS`). A rule whose needs a
 * sentence lacks is not run on it: most sentences name no month, and the month rules are most of the cost.
 */
export const SENTENCE_HAS = {
  /** A month name written with a capital ("March", not "march"): the only months the rules accept. */
  month: 1,
  /** A weekday name written with a capital. */
  weekday: 2,
  digit: 4,
  /** The word "ago" (relative dates: "three days ago"). */
  ago: 8,
  /** "last", "past" or "previous", and "days" or "hours" ("over the past 48 hours"). */
  past: 16,
  /** Every word of some period phrase ("yesterday"; "over", "the" and "weekend" for "over the weekend"). */
  period: 32,
  /** A year-like run of digits (19xx or 20xx): what a numeric date, a year or a month and year hold. */
  year: 64,
  /** A number within three words of a capitalised month name ("3 March", "March 3rd", "14 to 15 of March"): what
   * every rule that reads a day of a month needs. */
  dayByMonth: 128,
} as const;

/** One recogniser: a precompiled global regex and the reading of its named groups (null: not a date after all). */
export interface DateRule {
  readonly id: string;
  /** `SENTENCE_HAS` bits that must all be present in a sentence for this rule to match anything in it. */
  readonly needs: number;
  readonly re: RegExp;
  readonly parse: (groups: Groups) => { readonly ruleId: string; readonly parsed: ParsedDate } | null;
}

export interface CompiledDateRules {
  readonly rules: readonly DateRule[];
  /** Tested against the text just before a match: "since", "until", "next" make it no event date. */
  readonly notEventBefore: RegExp;
  /** A cheap first look: a sentence with none of these words or digits names no date, so no rule need run. */
  readonly trigger: RegExp;
  /** The `SENTENCE_HAS` bits of a sentence. */
  readonly features: (text: string) => number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Longest first, so that an alternation prefers "earlier this week" to "this week". */
function alternation(phrases: readonly string[]): string {
  const unique = [...new Set(phrases.map((p) => p.trim().toLowerCase()).filter((p) => p !== ''))];
  unique.sort((a, b) => b.length - a.length);
  return unique.map((p) => p.split(/\s+/).map(escape).join('\\s{1,3}')).join('|');
}

function normalise(phrase: string): string {
  return phrase.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A month or weekday name only counts when written with a capital ("may" is a verb, "march" a noun). */
function capitalised(word: string | undefined): boolean {
  const first = word?.charAt(0) ?? '';
  return first !== '' && first !== first.toLowerCase();
}

function compile(lexicon: DateLexicon): CompiledDateRules {
  const words = (role: WordRole): string[] =>
    lexicon.words.filter((w) => w.role === role).flatMap((w) => [...w.words]);
  const monthOf = new Map<string, number>();
  for (const m of lexicon.months) for (const name of m.names) monthOf.set(name.toLowerCase(), m.month);
  const weekdayOf = new Map<string, number>();
  for (const w of lexicon.weekdays) for (const name of w.names) weekdayOf.set(name.toLowerCase(), w.weekday);
  const numberOf = new Map<string, number>();
  for (const n of lexicon.numbers) for (const word of n.words) numberOf.set(normalise(word), n.value);
  const periodOf = new Map<string, (typeof lexicon.periods)[number]>();
  for (const p of lexicon.periods) for (const phrase of p.phrases) periodOf.set(normalise(phrase), p);
  const strictWords = new Set(words('weekday-strictly-before').map(normalise));

  const MONTHS = alternation([...monthOf.keys()]);
  // Only a short form takes a period ("Sept."); after "July." the period ends the sentence.
  const abbreviations = lexicon.months.flatMap((m) =>
    m.names.filter((n) => m.names.some((other) => other.length > n.length && other.startsWith(n))),
  );
  const ABBR_DOT = abbreviations.length > 0 ? `(?:(?<=\\b(?:${alternation(abbreviations)}))\\.)?` : '';
  const mon = (g: string): string => `\\b(?<${g}>${MONTHS})(?![a-z])${ABBR_DOT}`;
  const day = (g: string): string => `(?<${g}>[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![a-z\\d])`;
  const COUNT = `(?!\\s{1,3}(?:${alternation(words('count-noun'))})\\b)`;
  const NOT_NUMBER_TAIL = '(?![.,]\\d|%|:\\d)';
  const year = `(?<year>(?:19|20)\\d{2})(?!\\d)${NOT_NUMBER_TAIL}`;
  const yearPart = `(?:\\s{0,3},\\s{0,3}|\\s{1,3})${year}`;
  const DAY_LEAD = '(?<![\\w.,:/])';
  const OF = '\\s{1,3}(?:of\\s{1,3})?';
  const connectors = words('range-connector');
  const symbols = connectors.filter((c) => !/^[a-z]/i.test(c));
  const wordConnectors = connectors.filter((c) => /^[a-z]/i.test(c));
  const CONN = `(?:\\s{0,3}(?:${alternation(symbols)})\\s{0,3}|\\s{1,3}(?:${alternation(wordConnectors)})\\s{1,3})`;
  const MODS = `\\b(?:${alternation(words('month-modifier'))})(?:\\s{1,3}|-)`;
  // "in 2013", and a year that names the event after it: "during the 2013 offensive"
  const PREPS = `(?<=\\b(?:${alternation(words('period-preposition'))})\\s{1,3}(?:the\\s{1,3})?)`;

  const re = (source: string): RegExp => new RegExp(source, 'gi');
  const num = (text: string | undefined): number => Number.parseInt(text ?? '', 10);
  const yearOf = (g: Groups): number | null => (g.year === undefined ? null : num(g.year));
  const monthsOk = (...names: (string | undefined)[]): boolean => names.every(capitalised);
  const month = (name: string | undefined): number => monthOf.get((name ?? '').toLowerCase()) ?? 0;
  const calendar = (
    ruleId: string,
    yearValue: number | null,
    startMonth: number,
    startDay: number,
    endMonth: number,
    endDay: number,
  ) => ({
    ruleId,
    parsed: { type: 'calendar', year: yearValue, startMonth, startDay, endMonth, endDay } as const,
  });

  const {
    month: MONTH,
    weekday: WEEKDAY,
    digit: DIGIT,
    ago: AGO,
    past: PAST,
    period: PERIOD,
    year: YEAR,
    dayByMonth: DAY_BY_MONTH,
  } = SENTENCE_HAS;
  // every month and weekday rule reads its name this way and rejects it uncapitalised (monthsOk, capitalised)
  const monthWord = new RegExp(`\\b(?:${MONTHS})(?![a-z])`, 'gi');
  const weekdayWord = new RegExp(`\\b(?:${alternation([...weekdayOf.keys()])})\\b`, 'gi');
  const anyCapitalised = (re: RegExp, text: string): boolean => {
    for (const m of regexMatches(re, text)) if (capitalised(m[0])) return true;
    return false;
  };
  // a period phrase matches only where each of its words is written: its longest one is the cheapest to look for
  const lowerWords = (phrase: string): string[] => phraseWords(phrase).map((w) => w.toLowerCase());
  const longestWord = (phrase: string): string =>
    lowerWords(phrase).reduce((a, b) => (b.length > a.length ? b : a), '');
  const periodWord = new RegExp(alternation([...periodOf.keys()].map(longestWord)), 'i');
  // What each word a rule needs adds to a sentence's bits. "last", "past" and "previous" count only beside "days"
  // or "hours" (the one rule that needs them reads both): PAST_WORD and PAST_UNIT make PAST together.
  const PAST_WORD = 1 << 16;
  const PAST_UNIT = 1 << 17;
  const wordBits = new Map<string, number>();
  const addBits = (word: string, bit: number): void => {
    wordBits.set(word, (wordBits.get(word) ?? 0) | bit);
  };
  for (const name of monthOf.keys()) addBits(name, MONTH);
  for (const name of weekdayOf.keys()) addBits(name, WEEKDAY);
  addBits('ago', AGO);
  for (const word of ['last', 'past', 'previous']) addBits(word, PAST_WORD);
  for (const word of ['days', 'hours']) addBits(word, PAST_UNIT);
  // A period phrase is there only when all its words are: each word of the period phrases is numbered, each
  // phrase is the set of its words' numbers, and a sentence the set of the numbers its words carry.
  const periodWordIndex = new Map<string, number>();
  const periodPhrases = [...periodOf.keys()].map((phrase) =>
    lowerWords(phrase).map((word) => {
      let index = periodWordIndex.get(word);
      if (index === undefined) {
        index = periodWordIndex.size;
        periodWordIndex.set(word, index);
      }
      return index;
    }),
  );
  const periodSeen = new Uint8Array(periodWordIndex.size);
  // read by word number (see src/extract/match/vocabulary.ts); a period word's index is kept one up, 0 being none
  const bitsOfWord = wordTable(wordBits);
  const periodIndexOfWord = wordTable(
    new Map([...periodWordIndex].map(([word, index]) => [word, index + 1])),
  );
  const NAMES = MONTH | WEEKDAY;
  /** How many words apart a day and its month may be ("14 to 15 of March": the 15 is two before). */
  const DAY_REACH = 3;
  const NO_MONTH = -1_000_000;
  const NO_NUMBER = -2_000_000;
  // Read from the sentence's word tokens when every word looked for is a whole word of ASCII letters (the
  // lexicon's are); otherwise each feature is a regex over the text.
  const wordsOnly = [...wordBits.keys(), ...periodWordIndex.keys()].every((word) => /^[a-z]+$/.test(word));
  const tokenFeatures = (text: string): number => {
    let bits = 0;
    // where the last month and number stood; far apart, and small integers (not -Infinity, a boxed double)
    let lastMonth = NO_MONTH;
    let lastNumber = NO_NUMBER;
    let anyPeriodWord = false;
    periodSeen.fill(0);
    const tokens = wordTokens(text);
    const ids = wordIds(tokens);
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i]!;
      let found: number;
      if (token.plain) {
        const id = ids[i]!;
        // a month or weekday counts only when written with a capital
        found = bitsOfWord.at(id);
        if (!token.cap) found &= ~NAMES;
        const periodIndex = periodIndexOfWord.at(id);
        if (periodIndex !== 0) {
          periodSeen[periodIndex - 1] = 1;
          anyPeriodWord = true;
        }
      } else {
        found = otherTokenBits(token.raw);
      }
      if ((found & MONTH) !== 0) lastMonth = i;
      if ((found & DIGIT) !== 0) lastNumber = i;
      if ((found & (MONTH | DIGIT)) !== 0 && Math.abs(lastMonth - lastNumber) <= DAY_REACH)
        bits |= DAY_BY_MONTH;
      bits |= found;
    }
    if ((bits & (PAST_WORD | PAST_UNIT)) === (PAST_WORD | PAST_UNIT)) bits |= PAST;
    if (anyPeriodWord && periodPhrases.some((words) => words.every((w) => periodSeen[w] === 1)))
      bits |= PERIOD;
    return bits & ~(PAST_WORD | PAST_UNIT);
  };
  // a word with a digit, or with letters of another script ("March2025", "Май")
  const otherTokenBits = (raw: string): number => {
    let bits = 0;
    if (/\d/.test(raw)) bits |= DIGIT | (/(?:19|20)\d\d/.test(raw) ? YEAR : 0);
    if (anyCapitalised(monthWord, raw)) bits |= MONTH;
    if (anyCapitalised(weekdayWord, raw)) bits |= WEEKDAY;
    return bits;
  };
  const regexFeatures = (text: string): number =>
    (anyCapitalised(monthWord, text) ? MONTH : 0) |
    (anyCapitalised(weekdayWord, text) ? WEEKDAY : 0) |
    (/\d/.test(text) ? DIGIT | DAY_BY_MONTH | (/(?:19|20)\d\d/.test(text) ? YEAR : 0) : 0) |
    (/ago/i.test(text) ? AGO : 0) |
    (/last|past|previous/i.test(text) ? PAST : 0) |
    (periodWord.test(text) ? PERIOD : 0);
  const features = wordsOnly ? tokenFeatures : regexFeatures;

  const rules: DateRule[] = [
    {
      id: 'date.range.cross-dmy',
      needs: MONTH | DAY_BY_MONTH,
      re: re(`${DAY_LEAD}${day('d1')}${OF}${mon('m1')}${CONN}${day('d2')}${OF}${mon('m2')}(?:${yearPart})?`),
      parse: (g) =>
        monthsOk(g.m1, g.m2)
          ? calendar('date.range.cross-dmy', yearOf(g), month(g.m1), num(g.d1), month(g.m2), num(g.d2))
          : null,
    },
    {
      id: 'date.range.cross-mdy',
      needs: MONTH | DAY_BY_MONTH,
      re: re(`${mon('m1')}\\s{0,3}${day('d1')}${CONN}${mon('m2')}\\s{0,3}${day('d2')}(?:${yearPart})?`),
      parse: (g) =>
        monthsOk(g.m1, g.m2)
          ? calendar('date.range.cross-mdy', yearOf(g), month(g.m1), num(g.d1), month(g.m2), num(g.d2))
          : null,
    },
    {
      id: 'date.range.dmy',
      needs: MONTH | DAY_BY_MONTH,
      re: re(`${DAY_LEAD}${day('d1')}${CONN}${day('d2')}${OF}${mon('m1')}(?:${yearPart})?`),
      parse: (g) =>
        monthsOk(g.m1) && num(g.d1) < num(g.d2)
          ? calendar('date.range.dmy', yearOf(g), month(g.m1), num(g.d1), month(g.m1), num(g.d2))
          : null,
    },
    {
      id: 'date.range.mdy',
      needs: MONTH | DAY_BY_MONTH,
      re: re(`${mon('m1')}\\s{0,3}${day('d1')}${CONN}${day('d2')}${COUNT}${NOT_NUMBER_TAIL}(?:${yearPart})?`),
      parse: (g) =>
        monthsOk(g.m1) && num(g.d1) < num(g.d2)
          ? calendar('date.range.mdy', yearOf(g), month(g.m1), num(g.d1), month(g.m1), num(g.d2))
          : null,
    },
    {
      id: 'date.abs.iso',
      needs: YEAR,
      re: re('(?<![\\w.,:/-])(?<year>(?:19|20)\\d{2})-(?<mm>\\d{1,2})-(?<dd>\\d{1,2})(?![\\d/-])'),
      parse: (g) => calendar('date.abs.iso', yearOf(g), num(g.mm), num(g.dd), num(g.mm), num(g.dd)),
    },
    {
      // GTD and US style: month first. A first number above 12 can only be a day, so it is read day first.
      id: 'date.abs.numeric',
      needs: YEAR,
      re: re('(?<![\\w.,:/-])(?<a>\\d{1,2})/(?<b>\\d{1,2})/(?<year>(?:19|20)\\d{2})(?![\\d/])'),
      parse: (g) => {
        const [a, b] = [num(g.a), num(g.b)];
        if (a > 12 && b <= 12) return calendar('date.abs.numeric-dmy', yearOf(g), b, a, b, a);
        return calendar('date.abs.numeric', yearOf(g), a, b, a, b);
      },
    },
    {
      id: 'date.abs.dmy',
      needs: MONTH | DAY_BY_MONTH,
      re: re(`${DAY_LEAD}${day('d1')}${OF}${mon('m1')}${yearPart}`),
      parse: (g) =>
        monthsOk(g.m1)
          ? calendar('date.abs.dmy', yearOf(g), month(g.m1), num(g.d1), month(g.m1), num(g.d1))
          : null,
    },
    {
      id: 'date.abs.mdy',
      needs: MONTH | DAY_BY_MONTH,
      re: re(`${mon('m1')}\\s{0,3}(?:the\\s{1,3})?${day('d1')}${yearPart}`),
      parse: (g) =>
        monthsOk(g.m1)
          ? calendar('date.abs.mdy', yearOf(g), month(g.m1), num(g.d1), month(g.m1), num(g.d1))
          : null,
    },
    {
      id: 'date.abs.dm',
      needs: MONTH | DAY_BY_MONTH,
      re: re(`${DAY_LEAD}${day('d1')}${OF}${mon('m1')}`),
      parse: (g) =>
        monthsOk(g.m1) ? calendar('date.abs.dm', null, month(g.m1), num(g.d1), month(g.m1), num(g.d1)) : null,
    },
    {
      id: 'date.abs.md',
      needs: MONTH | DAY_BY_MONTH,
      re: re(`${mon('m1')}\\s{0,3}(?:the\\s{1,3})?${day('d1')}${NOT_NUMBER_TAIL}`),
      parse: (g) =>
        monthsOk(g.m1) ? calendar('date.abs.md', null, month(g.m1), num(g.d1), month(g.m1), num(g.d1)) : null,
    },
    {
      id: 'date.month.year',
      needs: MONTH | YEAR,
      re: re(`(?:${MODS})?${mon('m1')},?\\s{1,3}${year}`),
      parse: (g) =>
        monthsOk(g.m1)
          ? { ruleId: 'date.month.year', parsed: { type: 'month', year: yearOf(g), month: month(g.m1) } }
          : null,
    },
    {
      id: 'date.month.bare',
      needs: MONTH,
      re: re(`(?:${MODS}|${PREPS})${mon('m1')}(?!\\s{0,3},?\\s{0,3}\\d)`),
      parse: (g) =>
        monthsOk(g.m1)
          ? { ruleId: 'date.month.bare', parsed: { type: 'month', year: null, month: month(g.m1) } }
          : null,
    },
    {
      id: 'date.year',
      needs: YEAR,
      // A bare number after "in" is a year only if it does not count something ("in 2000 people").
      re: re(`(?:${MODS}|${PREPS})${year}${COUNT}(?![-/]\\d)`),
      parse: (g) => ({ ruleId: 'date.year', parsed: { type: 'year', year: num(g.year) } }),
    },
    {
      id: 'date.rel.ago',
      needs: AGO,
      re: re(
        `\\b(?<n>\\d{1,3}|${alternation([...numberOf.keys()])})\\s{1,3}(?<unit>day|week|month|year)s?\\s{1,3}ago\\b`,
      ),
      parse: (g) => {
        const raw = normalise(g.n ?? '');
        const count = /^\d+$/.test(raw) ? num(raw) : (numberOf.get(raw) ?? -1);
        const unit = (g.unit ?? '').toLowerCase() as 'day' | 'week' | 'month' | 'year';
        return count < 0 ? null : { ruleId: 'date.rel.ago', parsed: { type: 'ago', count, unit } };
      },
    },
    {
      // "over the last three days", "in the past 48 hours": the days up to publication
      id: 'date.rel.past-n',
      needs: PAST,
      re: re(
        `\\b(?:the\\s{1,3})?(?:last|past|previous)\\s{1,3}(?<n>\\d{1,3}|${alternation([...numberOf.keys()])})\\s{1,3}(?<unit>day|hour)s\\b`,
      ),
      parse: (g) => {
        const raw = normalise(g.n ?? '');
        const count = /^\d+$/.test(raw) ? num(raw) : (numberOf.get(raw) ?? -1);
        if (count < 1) return null;
        const days = (g.unit ?? '').toLowerCase() === 'hour' ? Math.ceil(count / 24) : count;
        return {
          ruleId: 'date.rel.past-n',
          parsed: { type: 'period', anchor: 'days-ending', offset: days },
        };
      },
    },
    {
      id: 'date.rel.weekday',
      needs: WEEKDAY,
      re: re(
        `(?:\\b(?<mod>${alternation([...words('weekday-strictly-before'), ...words('weekday-on-or-before')])})\\s{1,3})?` +
          `\\b(?<wd>${alternation([...weekdayOf.keys()])})\\b(?:\\s{1,3}(?:${alternation(words('part-of-day'))})\\b)?`,
      ),
      parse: (g) => {
        if (!capitalised(g.wd)) return null;
        const strictlyBefore = g.mod !== undefined && strictWords.has(normalise(g.mod));
        const weekday = weekdayOf.get((g.wd ?? '').toLowerCase()) ?? 0;
        return {
          ruleId: strictlyBefore ? 'date.rel.last-weekday' : 'date.rel.weekday',
          parsed: { type: 'weekday', weekday, strictlyBefore },
        };
      },
    },
    {
      id: 'date.period',
      needs: PERIOD,
      re: re(`\\b(?<phrase>${alternation([...periodOf.keys()])})\\b`),
      parse: (g) => {
        const entry = periodOf.get(normalise(g.phrase ?? ''));
        if (!entry) return null;
        return {
          ruleId: `date.${entry.id}`,
          parsed: { type: 'period', anchor: entry.anchor, offset: entry.offset },
        };
      },
    },
  ];
  const notEventBefore = new RegExp(
    `(?:^|[^\\p{L}\\p{N}])(?:${alternation(words('not-event-before'))})\\s{1,3}(?:the\\s{1,3})?$`,
    'iu',
  );
  // digits matter only as a numeric date, a year, or with "ago"; number words only with "ago" too
  const firstWords = [
    ...monthOf.keys(),
    ...weekdayOf.keys(),
    ...[...periodOf.keys()].map((phrase) => phrase.split(/\s+/)[0] ?? phrase),
    'ago',
  ].filter((w) => w !== '');
  const trigger = new RegExp(
    `\\d{1,4}[/.-]\\d|\\b(?:19|20)\\d{2}\\b|\\b(?:${alternation([...new Set(firstWords)])})\\b`,
    'i',
  );
  return { rules, notEventBefore, trigger, features };
}

const cache = new WeakMap<DateLexicon, CompiledDateRules>();

/** Regexes are built once per lexicon object and reused for every sentence. */
export function compileDateRules(lexicon: DateLexicon): CompiledDateRules {
  let compiled = cache.get(lexicon);
  if (!compiled) {
    compiled = compile(lexicon);
    cache.set(lexicon, compiled);
  }
  return compiled;
}
