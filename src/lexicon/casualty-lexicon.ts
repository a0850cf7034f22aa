import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, CLAIMANT_KINDS, METRICS, STANCES } from '../domain/index.js';
import type { Category, ClaimantKind, Metric, Stance } from '../domain/index.js';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { FaultlineError } from '../errors/errors.js';
import { RuleId, Words, oneOf, requireUniqueIds, validateRuleEntries } from './rule-data.js';

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
  readonly type: 'period' | 'trend' | 'source' | 'incident' | 'incidents';
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
  'remains',
  'discovery',
  'join',
  'accompanied',
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

function fail(file: string, detail: string): never {
  throw new FaultlineError('FL_ERR_KNOWLEDGE', file, detail);
}

const Count = Type.Integer({ minimum: 0 });
const Flag = Type.Optional(Type.Boolean());

/** The schema of each casualty file's entries (`validateRuleEntries` checks them and names what is wrong). */
const CASUALTY_SCHEMAS = {
  numbers: Type.Object({ id: RuleId, role: oneOf(['count', 'scale'] as const), words: Words, value: Count }),
  quantities: Type.Union([
    Type.Object({
      id: RuleId,
      type: Type.Literal('vague'),
      phrases: Words,
      low: Count,
      best: Count,
      high: Count,
      nounOnly: Flag,
    }),
    Type.Object({
      id: RuleId,
      type: Type.Literal('modifier'),
      phrases: Words,
      modifier: oneOf(['at_least', 'nearly', 'about', 'up_to'] as const),
    }),
    Type.Object({ id: RuleId, type: Type.Literal('range'), phrases: Words }),
  ]),
  metrics: Type.Object({
    id: RuleId,
    metric: oneOf(METRICS),
    form: oneOf(['verb', 'gerund', 'after', 'noun', 'toll'] as const),
    phrases: Words,
  }),
  categories: Type.Union([
    Type.Object({
      id: RuleId,
      type: Type.Literal('noun'),
      category: oneOf(CATEGORIES),
      singular: Words,
      plural: Words,
      generic: Flag,
      inherit: Flag,
    }),
    Type.Object({
      id: RuleId,
      type: oneOf(['modifier', 'title', 'pronoun'] as const),
      category: oneOf(CATEGORIES),
      words: Words,
    }),
  ]),
  claims: Type.Union([
    Type.Object({ id: RuleId, type: Type.Literal('not-cue'), phrases: Words }),
    Type.Object({
      id: RuleId,
      type: Type.Literal('cue'),
      phrases: Words,
      stance: oneOf(STANCES),
      claimant: oneOf(['left', 'right', 'self', 'none'] as const),
      kind: Type.Optional(oneOf(CLAIMANT_KINDS)),
      byKind: Flag,
    }),
    Type.Object({
      id: RuleId,
      type: Type.Literal('claimant'),
      phrases: Words,
      kind: oneOf(CLAIMANT_KINDS),
      title: Flag,
      pronoun: Flag,
    }),
  ]),
  outcomes: Type.Object({
    id: RuleId,
    type: oneOf(['zero', 'unknown', 'coder-note'] as const),
    phrases: Words,
    metrics: Type.Optional(Type.Array(oneOf(METRICS))),
    subject: Flag,
  }),
  grammar: Type.Object({ id: RuleId, role: oneOf(GRAMMAR_ROLES), words: Words }),
  aggregates: Type.Object({
    id: RuleId,
    type: oneOf(['period', 'trend', 'source', 'incident', 'incidents'] as const),
    phrases: Words,
  }),
} as const;

/** The entries of one casualty file, checked against its schema, their ids unique. */
function entriesOf<T extends TSchema>(file: string, schema: T, raw: unknown): Static<T>[] {
  const entries = validateRuleEntries(file, schema, raw);
  requireUniqueIds(file, entries as { id: string }[]);
  return entries;
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
  const S = CASUALTY_SCHEMAS;
  const numbers = new TableBuilder<NumberWord>();
  for (const e of entriesOf('numbers.json', S.numbers, files['numbers.json'])) {
    numbers.add(e.words, { id: e.id, role: e.role, value: e.value });
  }
  const vague = new TableBuilder<VagueQuantity>();
  const modifiers = new TableBuilder<QuantityModifier>();
  const rangeWords = new TableBuilder<string>();
  for (const e of entriesOf('quantities.json', S.quantities, files['quantities.json'])) {
    if (e.type === 'vague') {
      const { id, low, best, high } = e;
      if (!(low <= best && best <= high)) fail('quantities.json', `${id}: needs low <= best <= high`);
      vague.add(e.phrases, { id, low, best, high, nounOnly: e.nounOnly === true });
    } else if (e.type === 'modifier') {
      modifiers.add(e.phrases, { id: e.id, modifier: e.modifier });
    } else rangeWords.add(e.phrases, e.id);
  }
  const metrics = new TableBuilder<MetricCue>();
  for (const e of entriesOf('metrics.json', S.metrics, files['metrics.json'])) {
    metrics.add(e.phrases, { id: e.id, metric: e.metric, form: e.form });
  }
  const nouns = new TableBuilder<PersonNoun>();
  const categoryWords = new TableBuilder<CategoryWord>();
  const titles = new TableBuilder<CategoryWord>();
  const pronouns = new TableBuilder<CategoryWord>();
  for (const e of entriesOf('categories.json', S.categories, files['categories.json'])) {
    const base = { id: e.id, category: e.category };
    if (e.type === 'noun') {
      const flags = { generic: e.generic === true, inherit: e.inherit === true };
      nouns.add(e.singular, { ...base, ...flags, plural: false });
      nouns.add(e.plural, { ...base, ...flags, plural: true });
    } else {
      const target = e.type === 'modifier' ? categoryWords : e.type === 'title' ? titles : pronouns;
      target.add(e.words, base);
    }
  }
  const cues = new TableBuilder<ClaimCue>();
  const notCues = new TableBuilder<string>();
  const claimants = new TableBuilder<ClaimantName>();
  for (const e of entriesOf('claims.json', S.claims, files['claims.json'])) {
    if (e.type === 'not-cue') notCues.add(e.phrases, e.id);
    else if (e.type === 'cue') {
      cues.add(e.phrases, {
        id: e.id,
        stance: e.stance,
        byKind: e.byKind === true,
        claimant: e.claimant,
        kind: e.kind ?? null,
      });
    } else {
      claimants.add(e.phrases, {
        id: e.id,
        kind: e.kind,
        title: e.title === true,
        pronoun: e.pronoun === true,
      });
    }
  }
  const outcomes = new TableBuilder<OutcomePhrase>();
  for (const e of entriesOf('outcomes.json', S.outcomes, files['outcomes.json'])) {
    const metrics = e.metrics ?? [];
    if (e.type !== 'unknown' && metrics.length === 0) fail('outcomes.json', `${e.id}: needs "metrics"`);
    outcomes.add(e.phrases, { id: e.id, type: e.type, metrics, subject: e.subject === true });
  }
  const grammarBuilders = new Map<GrammarRole, TableBuilder<string>>(
    GRAMMAR_ROLES.map((role) => [role, new TableBuilder<string>()]),
  );
  for (const e of entriesOf('grammar.json', S.grammar, files['grammar.json'])) {
    grammarBuilders.get(e.role)?.add(e.words, e.id);
  }
  const grammar = Object.fromEntries(
    GRAMMAR_ROLES.map((role) => [role, (grammarBuilders.get(role) as TableBuilder<string>).build()]),
  ) as Record<GrammarRole, PhraseTable<string>>;
  const aggregates = new TableBuilder<AggregateCue>();
  for (const e of entriesOf('aggregates.json', S.aggregates, files['aggregates.json'])) {
    aggregates.add(e.phrases, { id: e.id, type: e.type });
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
