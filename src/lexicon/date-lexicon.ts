import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type TSchema } from '@sinclair/typebox';
import { FaultlineError } from '../errors/errors.js';
import { RuleId, Words, oneOf, requireUniqueIds, validateRuleEntries } from './rule-data.js';

export interface MonthEntry {
  readonly id: string;
  /** 1..12 */
  readonly month: number;
  readonly names: readonly string[];
}

export interface WeekdayEntry {
  readonly id: string;
  /** 0 = Sunday .. 6 = Saturday */
  readonly weekday: number;
  readonly names: readonly string[];
}

export interface NumberWordEntry {
  readonly id: string;
  readonly value: number;
  readonly words: readonly string[];
}

export const PERIOD_ANCHORS = [
  'day',
  'days-ending',
  'weekend',
  'week-ending',
  'week-to-date',
  'previous-week',
  'month-to-date',
  'previous-month',
  'year-to-date',
  'previous-year',
] as const;
export type PeriodAnchor = (typeof PERIOD_ANCHORS)[number];

export interface PeriodEntry {
  readonly id: string;
  readonly anchor: PeriodAnchor;
  /** Days back from publication, for the 'day' and 'days-ending' anchors. */
  readonly offset: number;
  readonly phrases: readonly string[];
}

export const WORD_ROLES = [
  'not-event-before',
  'count-noun',
  'part-of-day',
  'weekday-on-or-before',
  'weekday-strictly-before',
  'month-modifier',
  'period-preposition',
  'range-connector',
] as const;
export type WordRole = (typeof WORD_ROLES)[number];

export interface WordListEntry {
  readonly id: string;
  readonly role: WordRole;
  readonly words: readonly string[];
}

/** Everything the dates pass knows about the language of dates; loaded once, passed in. */
export interface DateLexicon {
  readonly months: readonly MonthEntry[];
  readonly weekdays: readonly WeekdayEntry[];
  readonly numbers: readonly NumberWordEntry[];
  readonly periods: readonly PeriodEntry[];
  readonly words: readonly WordListEntry[];
}

function fail(file: string, detail: string): never {
  throw new FaultlineError('FL_ERR_KNOWLEDGE', file, detail);
}

/** The schema of each date file's entries (`validateRuleData` checks them and names what is wrong). */
const DATE_SCHEMAS = {
  'months.json': Type.Object({ id: RuleId, month: Type.Integer({ minimum: 1, maximum: 12 }), names: Words }),
  'weekdays.json': Type.Object({
    id: RuleId,
    weekday: Type.Integer({ minimum: 0, maximum: 6 }),
    names: Words,
  }),
  'numbers.json': Type.Object({
    id: RuleId,
    value: Type.Integer({ minimum: 0, maximum: 1000 }),
    words: Words,
  }),
  'periods.json': Type.Object({
    id: RuleId,
    anchor: oneOf(PERIOD_ANCHORS),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
    phrases: Words,
  }),
  'words.json': Type.Object({ id: RuleId, role: oneOf(WORD_ROLES), words: Words }),
} as const;

/** Validates parsed JSON of the five date files (keyed by file name) into a DateLexicon. */
export function buildDateLexicon(files: Readonly<Record<string, unknown>>): DateLexicon {
  const entries = <T extends TSchema>(file: keyof typeof DATE_SCHEMAS & string, schema: T) =>
    validateRuleEntries(file, schema, files[file]);
  const months = entries('months.json', DATE_SCHEMAS['months.json']).map((e) => ({
    id: e.id,
    month: e.month,
    names: e.names,
  }));
  const weekdays = entries('weekdays.json', DATE_SCHEMAS['weekdays.json']).map((e) => ({
    id: e.id,
    weekday: e.weekday,
    names: e.names,
  }));
  const numbers = entries('numbers.json', DATE_SCHEMAS['numbers.json']).map((e) => ({
    id: e.id,
    value: e.value,
    words: e.words,
  }));
  const periods = entries('periods.json', DATE_SCHEMAS['periods.json']).map((e) => ({
    id: e.id,
    anchor: e.anchor,
    offset: e.offset ?? 0,
    phrases: e.phrases,
  }));
  const words = entries('words.json', DATE_SCHEMAS['words.json']).map((e) => ({
    id: e.id,
    role: e.role,
    words: e.words,
  }));
  const covered = new Set(months.map((m) => m.month));
  if (covered.size !== 12) fail('months.json', 'every month 1..12 needs an entry');
  if (new Set(weekdays.map((w) => w.weekday)).size !== 7)
    fail('weekdays.json', 'every weekday 0..6 needs an entry');
  for (const role of WORD_ROLES) {
    if (!words.some((w) => w.role === role)) fail('words.json', `no entry has role ${role}`);
  }
  requireUniqueIds('months.json', months);
  requireUniqueIds('weekdays.json', weekdays);
  requireUniqueIds('numbers.json', numbers);
  requireUniqueIds('periods.json', periods);
  requireUniqueIds('words.json', words);
  return { months, weekdays, numbers, periods, words };
}

export const DATE_LEXICON_FILES = [
  'months.json',
  'weekdays.json',
  'numbers.json',
  'periods.json',
  'words.json',
] as const;

/**
 * Reads the date lexicon. `dataDir` is the project's data folder (the files are read from its `dates/`
 * subfolder); a folder that itself holds months.json is accepted too.
 */
export function loadDateLexicon(dataDir: string): DateLexicon {
  const dir = existsSync(join(dataDir, 'dates', 'months.json')) ? join(dataDir, 'dates') : dataDir;
  const files: Record<string, unknown> = {};
  for (const name of DATE_LEXICON_FILES) {
    const path = join(dir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      fail(path, error instanceof Error ? error.message : String(error));
    }
    try {
      files[name] = JSON.parse(text) as unknown;
    } catch (error) {
      fail(path, error instanceof Error ? error.message : String(error));
    }
  }
  return buildDateLexicon(files);
}
