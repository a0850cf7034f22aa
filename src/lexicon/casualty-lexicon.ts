import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, CLAIMANT_KINDS, METRICS, STANCES, isOneOf } from '../domain/index.js';
import type { Category, ClaimantKind, Metric, Stance } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';

/** A lexicon phrase split into normalised words, with what it means. */
export interface PhraseEntry<T> {
  readonly words: readonly string[];
  readonly value: T;
}

/** Phrases indexed by their first word, longest first, so a match at a position is a short scan. */
export type PhraseTable<T> = ReadonlyMap<string, readonly PhraseEntry<T>[]>;

export interface NumberWord {
  readonly id: string;
  readonly role: 'count' | 'scale';
  readonly value: number;
}
export interface VagueQuantity {
  readonly id: string;
  readonly low: number;
  readonly best: number;
  readonly high: number;
  readonly nounOnly: boolean;
}
export type ModifierKind = 'at_least' | 'nearly' | 'about' | 'up_to';
export interface QuantityModifier {
  readonly id: string;
  readonly modifier: ModifierKind;
}
export type MetricForm = 'verb' | 'gerund' | 'after' | 'noun' | 'toll';
export interface MetricCue {
  readonly id: string;
  readonly metric: Metric;
  readonly form: MetricForm;
}
export interface PersonNoun {
  readonly id: string;
  readonly category: Category;
  readonly plural: boolean;
  readonly generic: boolean;
  readonly inherit: boolean;
}
export interface CategoryWord {
  readonly id: string;
  readonly category: Category;
}
export interface ClaimCue {
  readonly id: string;
  readonly stance: Stance;
  readonly byKind: boolean;
  readonly claimant: 'left' | 'right' | 'self' | 'none';
  readonly kind: ClaimantKind | null;
}
export interface ClaimantName {
  readonly id: string;
  readonly kind: ClaimantKind;
  readonly title: boolean;
  readonly pronoun: boolean;
}
export interface OutcomePhrase {
  readonly id: string;
  readonly type: 'zero' | 'unknown' | 'coder-note';
  readonly metrics: readonly Metric[];
  readonly subject: boolean;
}
export interface AggregateCue {
  readonly id: string;
  readonly type: 'period' | 'trend' | 'source' | 'incident';
}
export const GRAMMAR_ROLES = [
  'passive-aux',
  'gap',
  'stop',
  'not-before',
  'not-after',
  'ellipsis',
  'apposition',
  'relative',
  'day',
  'toll-link',
  'month',
  'postmodifier',
  'hedge',
] as const;
export type GrammarRole = (typeof GRAMMAR_ROLES)[number];

/** Everything the casualty and aggregate passes know about the language of figures; loaded once, passed in. */
export interface CasualtyLexicon {
  readonly numbers: PhraseTable<NumberWord>;
  readonly vague: PhraseTable<VagueQuantity>;
  readonly modifiers: PhraseTable<QuantityModifier>;
  readonly rangeWords: PhraseTable<string>;
  readonly metrics: PhraseTable<MetricCue>;
  readonly nouns: PhraseTable<PersonNoun>;
  readonly categoryWords: PhraseTable<CategoryWord>;
  readonly titles: PhraseTable<CategoryWord>;
  readonly pronouns: PhraseTable<CategoryWord>;
  readonly cues: PhraseTable<ClaimCue>;
  readonly notCues: PhraseTable<string>;
  readonly claimants: PhraseTable<ClaimantName>;
  readonly outcomes: PhraseTable<OutcomePhrase>;
  readonly grammar: Readonly<Record<GrammarRole, PhraseTable<string>>>;
  readonly aggregates: PhraseTable<AggregateCue>;
}

/** The one normalisation shared by lexicon phrases and text tokens. */
export function normaliseWord(word: string): string {
  const lower = word.toLowerCase();
  return QUOTES.test(lower) ? lower.replace(QUOTES_ALL, "'") : lower;
}

const QUOTES = /[’‘`]/;
const QUOTES_ALL = /[’‘`]/g;

/** The longest entry of `table` whose phrase starts at `words[i]`, or null. */
export function phraseEntryAt<T>(
  table: PhraseTable<T>,
  words: readonly string[],
  i: number,
): PhraseEntry<T> | null {
  const first = words[i];
  if (first === undefined) return null;
  const candidates = table.get(first);
  if (!candidates) return null;
  for (const entry of candidates) {
    let ok = true;
    for (let k = 1; k < entry.words.length; k += 1) {
      if (words[i + k] !== entry.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return entry;
  }
  return null;
}

/** The longest phrase of `table` that starts at `words[i]`, with the index just past it. */
export function matchPhrase<T>(
  table: PhraseTable<T>,
  words: readonly string[],
  i: number,
): { readonly value: T; readonly end: number } | null {
  const entry = phraseEntryAt(table, words, i);
  return entry ? { value: entry.value, end: i + entry.words.length } : null;
}

type Raw = Record<string, unknown>;

function fail(file: string, detail: string): never {
  throw new FaultlineError('FL_ERR_KNOWLEDGE', file, detail);
}

function entriesOf(file: string, raw: unknown): readonly Raw[] {
  const entries = (raw as Raw | null)?.entries;
  if (!Array.isArray(entries)) fail(file, 'expected an object with an "entries" array');
  const seen = new Set<string>();
  return entries.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) fail(file, `entry ${i} is not an object`);
    const id = (entry as Raw).id;
    if (typeof id !== 'string' || id === '') fail(file, `entry ${i} has no id`);
    if (seen.has(id)) fail(file, `duplicate id ${id}`);
    seen.add(id);
    return entry as Raw;
  });
}

function strings(file: string, entry: Raw, key: string, required = true): readonly string[] {
  const value = entry[key] ?? (required ? undefined : []);
  if (!Array.isArray(value) || (required && value.length === 0)) {
    fail(file, `${String(entry.id)}: "${key}" must be a non-empty list of strings`);
  }
  if (!value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    fail(file, `${String(entry.id)}: "${key}" holds an empty or non-string phrase`);
  }
  return value as string[];
}

function num(file: string, entry: Raw, key: string): number {
  const value = entry[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(file, `${String(entry.id)}: "${key}" must be a non-negative integer`);
  }
  return value;
}

function oneOf<T extends string>(file: string, entry: Raw, key: string, list: readonly T[]): T {
  const value = entry[key];
  if (!isOneOf(list, value)) fail(file, `${String(entry.id)}: "${key}" must be one of ${list.join(', ')}`);
  return value;
}

class TableBuilder<T> {
  private readonly map = new Map<string, PhraseEntry<T>[]>();
  add(phrases: readonly string[], value: T): this {
    for (const phrase of phrases) {
      const words = normaliseWord(phrase).trim().split(/\s+/);
      const first = words[0] as string;
      const list = this.map.get(first) ?? [];
      list.push({ words, value });
      this.map.set(first, list);
    }
    return this;
  }
  build(): PhraseTable<T> {
    for (const list of this.map.values()) list.sort((a, b) => b.words.length - a.words.length);
    return this.map;
  }
}

export const CASUALTY_LEXICON_FILES = [
  'numbers.json',
  'quantities.json',
  'metrics.json',
  'categories.json',
  'claims.json',
  'outcomes.json',
  'grammar.json',
  'aggregates.json',
] as const;

/** Validates the parsed JSON of the casualty files (keyed by file name) into a CasualtyLexicon. */
export function buildCasualtyLexicon(files: Readonly<Record<string, unknown>>): CasualtyLexicon {
  const numbers = new TableBuilder<NumberWord>();
  for (const e of entriesOf('numbers.json', files['numbers.json'])) {
    const role = oneOf('numbers.json', e, 'role', ['count', 'scale'] as const);
    numbers.add(strings('numbers.json', e, 'words'), {
      id: e.id as string,
      role,
      value: num('numbers.json', e, 'value'),
    });
  }
  const vague = new TableBuilder<VagueQuantity>();
  const modifiers = new TableBuilder<QuantityModifier>();
  const rangeWords = new TableBuilder<string>();
  for (const e of entriesOf('quantities.json', files['quantities.json'])) {
    const f = 'quantities.json';
    const type = oneOf(f, e, 'type', ['vague', 'modifier', 'range'] as const);
    const phrases = strings(f, e, 'phrases');
    const id = e.id as string;
    if (type === 'vague') {
      const [low, best, high] = [num(f, e, 'low'), num(f, e, 'best'), num(f, e, 'high')];
      if (!(low <= best && best <= high)) fail(f, `${id}: needs low <= best <= high`);
      vague.add(phrases, { id, low, best, high, nounOnly: e.nounOnly === true });
    } else if (type === 'modifier') {
      const modifier = oneOf(f, e, 'modifier', ['at_least', 'nearly', 'about', 'up_to'] as const);
      modifiers.add(phrases, { id, modifier });
    } else rangeWords.add(phrases, id);
  }
  const metrics = new TableBuilder<MetricCue>();
  for (const e of entriesOf('metrics.json', files['metrics.json'])) {
    const f = 'metrics.json';
    const value = {
      id: e.id as string,
      metric: oneOf(f, e, 'metric', METRICS),
      form: oneOf(f, e, 'form', ['verb', 'gerund', 'after', 'noun', 'toll'] as const),
    };
    metrics.add(strings(f, e, 'phrases'), value);
  }
  const nouns = new TableBuilder<PersonNoun>();
  const categoryWords = new TableBuilder<CategoryWord>();
  const titles = new TableBuilder<CategoryWord>();
  const pronouns = new TableBuilder<CategoryWord>();
  for (const e of entriesOf('categories.json', files['categories.json'])) {
    const f = 'categories.json';
    const type = oneOf(f, e, 'type', ['noun', 'modifier', 'title', 'pronoun'] as const);
    const base = { id: e.id as string, category: oneOf(f, e, 'category', CATEGORIES) };
    if (type === 'noun') {
      const flags = { generic: e.generic === true, inherit: e.inherit === true };
      nouns.add(strings(f, e, 'singular'), { ...base, ...flags, plural: false });
      nouns.add(strings(f, e, 'plural'), { ...base, ...flags, plural: true });
    } else {
      const target = type === 'modifier' ? categoryWords : type === 'title' ? titles : pronouns;
      target.add(strings(f, e, 'words'), base);
    }
  }
  const cues = new TableBuilder<ClaimCue>();
  const notCues = new TableBuilder<string>();
  const claimants = new TableBuilder<ClaimantName>();
  for (const e of entriesOf('claims.json', files['claims.json'])) {
    const f = 'claims.json';
    const type = oneOf(f, e, 'type', ['cue', 'not-cue', 'claimant'] as const);
    const id = e.id as string;
    const phrases = strings(f, e, 'phrases');
    if (type === 'not-cue') notCues.add(phrases, id);
    else if (type === 'cue') {
      const kind = e.kind === undefined ? null : oneOf(f, e, 'kind', CLAIMANT_KINDS);
      const claimant = oneOf(f, e, 'claimant', ['left', 'right', 'self', 'none'] as const);
      cues.add(phrases, {
        id,
        stance: oneOf(f, e, 'stance', STANCES),
        byKind: e.byKind === true,
        claimant,
        kind,
      });
    } else {
      const kind = oneOf(f, e, 'kind', CLAIMANT_KINDS);
      claimants.add(phrases, { id, kind, title: e.title === true, pronoun: e.pronoun === true });
    }
  }
  const outcomes = new TableBuilder<OutcomePhrase>();
  for (const e of entriesOf('outcomes.json', files['outcomes.json'])) {
    const f = 'outcomes.json';
    const type = oneOf(f, e, 'type', ['zero', 'unknown', 'coder-note'] as const);
    const metrics = strings(f, e, 'metrics', false).map((m) => {
      if (!isOneOf(METRICS, m)) fail(f, `${String(e.id)}: unknown metric ${m}`);
      return m;
    });
    if (type !== 'unknown' && metrics.length === 0) fail(f, `${String(e.id)}: needs "metrics"`);
    outcomes.add(strings(f, e, 'phrases'), {
      id: e.id as string,
      type,
      metrics,
      subject: e.subject === true,
    });
  }
  const grammarBuilders = new Map<GrammarRole, TableBuilder<string>>(
    GRAMMAR_ROLES.map((role) => [role, new TableBuilder<string>()]),
  );
  for (const e of entriesOf('grammar.json', files['grammar.json'])) {
    const role = oneOf('grammar.json', e, 'role', GRAMMAR_ROLES);
    grammarBuilders.get(role)?.add(strings('grammar.json', e, 'words'), e.id as string);
  }
  const grammar = Object.fromEntries(
    GRAMMAR_ROLES.map((role) => [role, (grammarBuilders.get(role) as TableBuilder<string>).build()]),
  ) as Record<GrammarRole, PhraseTable<string>>;
  const aggregates = new TableBuilder<AggregateCue>();
  for (const e of entriesOf('aggregates.json', files['aggregates.json'])) {
    const type = oneOf('aggregates.json', e, 'type', ['period', 'trend', 'source', 'incident'] as const);
    aggregates.add(strings('aggregates.json', e, 'phrases'), { id: e.id as string, type });
  }
  return {
    numbers: numbers.build(),
    vague: vague.build(),
    modifiers: modifiers.build(),
    rangeWords: rangeWords.build(),
    metrics: metrics.build(),
    nouns: nouns.build(),
    categoryWords: categoryWords.build(),
    titles: titles.build(),
    pronouns: pronouns.build(),
    cues: cues.build(),
    notCues: notCues.build(),
    claimants: claimants.build(),
    outcomes: outcomes.build(),
    grammar,
    aggregates: aggregates.build(),
  };
}

/**
 * Reads the casualty lexicon. `dataDir` is the project's data folder (the files are read from its
 * `casualties/` subfolder); a folder that itself holds numbers.json is accepted too.
 */
export function loadCasualtyLexicon(dataDir: string): CasualtyLexicon {
  const dir = existsSync(join(dataDir, 'casualties', 'metrics.json')) ? join(dataDir, 'casualties') : dataDir;
  const files: Record<string, unknown> = {};
  for (const name of CASUALTY_LEXICON_FILES) {
    const path = join(dir, name);
    try {
      files[name] = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (error) {
      fail(path, error instanceof Error ? error.message : String(error));
    }
  }
  return buildCasualtyLexicon(files);
}
