import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaultlineError } from '../errors/errors.js';

/** A compiled line rule of data/ingest/boilerplate-rules.json. */
export type LineRule =
  | { readonly id: string; readonly kind: 'pattern'; readonly regex: RegExp; readonly maxLength: number }
  | {
      readonly id: string;
      readonly kind: 'vocabulary';
      /** At least one of these must occur: they are cheap to test first and carry the rule's meaning. */
      readonly anchors: readonly string[];
      readonly terms: readonly string[];
      readonly minHits: number;
      readonly maxLength: number;
    }
  | {
      readonly id: string;
      readonly kind: 'token-set';
      readonly tokens: ReadonlySet<string>;
      readonly minTokens: number;
      readonly maxLength: number;
    }
  | {
      readonly id: string;
      readonly kind: 'non-latin-label';
      readonly maxLength: number;
      readonly minShare: number;
      readonly documentLatinShare: number;
    };

/** What is cut out of an HTML page before Readability sees it. */
export interface HtmlBoxRules {
  readonly tags: ReadonlySet<string>;
  /** Lowercase substrings of a class or id that mark a box. */
  readonly classOrId: readonly string[];
  /** Class or id tokens that contain a marker substring but name article content ("commentary"). */
  readonly classOrIdExceptions: ReadonlySet<string>;
  readonly alwaysIds: ReadonlySet<string>;
  readonly protectedTags: ReadonlySet<string>;
  /** A class-matched element with more low-link-density text than this is kept: it is the article, not a box. */
  readonly keepAboveChars: number;
  readonly heading: RegExp;
}

/** Recognises English prose by its function words before franc is asked (franc is ~100x slower). */
export interface EnglishFastPath {
  readonly words: ReadonlySet<string>;
  /** Fewer word tokens than this: leave the decision to franc. */
  readonly minTokens: number;
  /** Share of tokens that are listed function words. */
  readonly minShare: number;
  /** Share of tokens that are "the", which other Latin-script languages lack. */
  readonly minTheShare: number;
}

export interface BoilerplateRules {
  readonly version: number;
  readonly lineRules: readonly LineRule[];
  readonly htmlBoxes: HtmlBoxRules;
  readonly englishFastPath: EnglishFastPath;
}

const DATA_FILE = join('data', 'ingest', 'boilerplate-rules.json');

type Json = Record<string, unknown>;

function fail(detail: string): FaultlineError {
  return new FaultlineError('FL_ERR_KNOWLEDGE', DATA_FILE, detail);
}

function str(o: Json, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw fail(`${where}: '${key}' must be a string`);
  return v;
}

function num(o: Json, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw fail(`${where}: '${key}' must be a number`);
  return v;
}

function strings(o: Json, key: string, where: string): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw fail(`${where}: '${key}' must be a list of strings`);
  return v as string[];
}

function regex(source: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw fail(`${where}: invalid pattern (${(error as Error).message})`);
  }
}

function compileLineRule(raw: unknown, index: number, seen: Set<string>): LineRule {
  if (typeof raw !== 'object' || raw === null) throw fail(`lineRules[${index}] must be an object`);
  const o = raw as Json;
  const id = str(o, 'id', `lineRules[${index}]`);
  if (seen.has(id)) throw fail(`duplicate rule id ${id}`);
  seen.add(id);
  const maxLength = num(o, 'maxLength', id);
  const kind = str(o, 'kind', id);
  switch (kind) {
    case 'pattern':
      return {
        id,
        kind,
        maxLength,
        regex: regex(str(o, 'pattern', id), typeof o.flags === 'string' ? o.flags : '', id),
      };
    case 'vocabulary':
      return {
        id,
        kind,
        maxLength,
        anchors: strings(o, 'anchors', id).map((t) => t.toLowerCase()),
        terms: strings(o, 'terms', id).map((t) => t.toLowerCase()),
        minHits: num(o, 'minHits', id),
      };
    case 'token-set':
      return {
        id,
        kind,
        maxLength,
        tokens: new Set(strings(o, 'tokens', id).map((t) => t.toLowerCase())),
        minTokens: num(o, 'minTokens', id),
      };
    case 'non-latin-label':
      return {
        id,
        kind,
        maxLength,
        minShare: num(o, 'minShare', id),
        documentLatinShare: num(o, 'documentLatinShare', id),
      };
    default:
      throw fail(`${id}: unknown kind '${kind}'`);
  }
}

/** Validates and compiles the parsed JSON of the boilerplate rules; throws FL_ERR_KNOWLEDGE when malformed. */
export function compileBoilerplateRules(json: unknown): BoilerplateRules {
  if (typeof json !== 'object' || json === null) throw fail('top level must be an object');
  const o = json as Json;
  const lines = o.lineRules;
  if (!Array.isArray(lines)) throw fail("'lineRules' must be a list");
  const seen = new Set<string>();
  const lineRules = lines.map((r, i) => compileLineRule(r, i, seen));
  const b = o.htmlBoxes;
  if (typeof b !== 'object' || b === null) throw fail("'htmlBoxes' must be an object");
  const h = b as Json;
  const lower = (k: string): string[] => strings(h, k, 'htmlBoxes').map((s) => s.toLowerCase());
  const e = o.englishFastPath;
  if (typeof e !== 'object' || e === null) throw fail("'englishFastPath' must be an object");
  const en = e as Json;
  return {
    version: num(o, 'version', 'top level'),
    lineRules,
    htmlBoxes: {
      tags: new Set(lower('tags')),
      classOrId: lower('classOrId'),
      classOrIdExceptions: new Set(lower('classOrIdExceptions')),
      alwaysIds: new Set(lower('alwaysIds')),
      protectedTags: new Set(lower('protectedTags')),
      keepAboveChars: num(h, 'keepAboveChars', 'htmlBoxes'),
      heading: regex(
        str(h, 'headingPattern', 'htmlBoxes'),
        typeof h.headingFlags === 'string' ? h.headingFlags : '',
        'htmlBoxes',
      ),
    },
    englishFastPath: {
      words: new Set(strings(en, 'words', 'englishFastPath').map((w) => w.toLowerCase())),
      minTokens: num(en, 'minTokens', 'englishFastPath'),
      minShare: num(en, 'minShare', 'englishFastPath'),
      minTheShare: num(en, 'minTheShare', 'englishFastPath'),
    },
  };
}

/** Finds data/ingest/ from src/lexicon (tests) or dist/src/lexicon (built CLI). */
function findDataFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, DATA_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw fail('file not found');
}

/** Reads and compiles the rules from a file (default: the project's data/ingest/boilerplate-rules.json). */
export function loadBoilerplateRules(path: string = findDataFile()): BoilerplateRules {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw fail(`cannot read ${path}: ${(error as Error).message}`);
  }
  return compileBoilerplateRules(json);
}

let cached: BoilerplateRules | null = null;

/** The project's rules, loaded once per process. */
export function defaultBoilerplateRules(): BoilerplateRules {
  cached ??= loadBoilerplateRules();
  return cached;
}
