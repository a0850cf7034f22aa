import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../errors/errors.js';

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

type Raw = Record<string, unknown>;

function fail(file: string, detail: string): never {
  throw new FaultlineError('FL_ERR_KNOWLEDGE', file, detail);
}

function entriesOf(file: string, raw: unknown): readonly Raw[] {
  const entries = (raw as Raw | null)?.entries;
  if (!Array.isArray(entries)) fail(file, 'expected an object with an "entries" array');
  return entries.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) fail(file, `entry ${i} is not an object`);
    const id = (entry as Raw).id;
    if (typeof id !== 'string' || id === '') fail(file, `entry ${i} has no id`);
    return entry as Raw;
  });
}

function strings(file: string, entry: Raw, key: string): readonly string[] {
  const value = entry[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v !== '')) {
    fail(file, `${String(entry.id)}: "${key}" must be a non-empty list of strings`);
  }
  return value as string[];
}

function integer(file: string, entry: Raw, key: string, min: number, max: number): number {
  const value = entry[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(file, `${String(entry.id)}: "${key}" must be an integer in ${min}..${max}`);
  }
  return value;
}

function uniqueIds(file: string, entries: readonly { readonly id: string }[]): void {
  const seen = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) fail(file, `duplicate id ${id}`);
    seen.add(id);
  }
}

/** Validates parsed JSON of the five date files (keyed by file name) into a DateLexicon. */
export function buildDateLexicon(files: Readonly<Record<string, unknown>>): DateLexicon {
  const months = entriesOf('months.json', files['months.json']).map((e) => ({
    id: e.id as string,
    month: integer('months.json', e, 'month', 1, 12),
    names: strings('months.json', e, 'names'),
  }));
  const weekdays = entriesOf('weekdays.json', files['weekdays.json']).map((e) => ({
    id: e.id as string,
    weekday: integer('weekdays.json', e, 'weekday', 0, 6),
    names: strings('weekdays.json', e, 'names'),
  }));
  const numbers = entriesOf('numbers.json', files['numbers.json']).map((e) => ({
    id: e.id as string,
    value: integer('numbers.json', e, 'value', 0, 1000),
    words: strings('numbers.json', e, 'words'),
  }));
  const periods = entriesOf('periods.json', files['periods.json']).map((e) => {
    const anchor = e.anchor;
    if (!(PERIOD_ANCHORS as readonly unknown[]).includes(anchor)) {
      fail('periods.json', `${String(e.id)}: unknown anchor ${String(anchor)}`);
    }
    return {
      id: e.id as string,
      anchor: anchor as PeriodAnchor,
      offset: e.offset === undefined ? 0 : integer('periods.json', e, 'offset', 0, 366),
      phrases: strings('periods.json', e, 'phrases'),
    };
  });
  const words = entriesOf('words.json', files['words.json']).map((e) => {
    if (!(WORD_ROLES as readonly unknown[]).includes(e.role)) {
      fail('words.json', `${String(e.id)}: unknown role ${String(e.role)}`);
    }
    return { id: e.id as string, role: e.role as WordRole, words: strings('words.json', e, 'words') };
  });
  const covered = new Set(months.map((m) => m.month));
  if (covered.size !== 12) fail('months.json', 'every month 1..12 needs an entry');
  if (new Set(weekdays.map((w) => w.weekday)).size !== 7)
    fail('weekdays.json', 'every weekday 0..6 needs an entry');
  for (const role of WORD_ROLES) {
    if (!words.some((w) => w.role === role)) fail('words.json', `no entry has role ${role}`);
  }
  uniqueIds('months.json', months);
  uniqueIds('weekdays.json', weekdays);
  uniqueIds('numbers.json', numbers);
  uniqueIds('periods.json', periods);
  uniqueIds('words.json', words);
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
