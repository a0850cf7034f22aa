import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { FaultlineError } from '../errors/errors.js';

/** A rule id: every entry of every rule file has one, stable, so provenance can name it. */
export const RuleId = Type.String({ minLength: 1 });

/** A string with something besides white space in it (a name, a phrase, an id another entry refers to). */
export const Text = Type.String({ pattern: '\\S' });

/** A non-empty list of phrases (names, words). */
export const Words = Type.Array(Text, { minItems: 1 });

/** One of a closed list of strings (a stance, a kind, an anchor). */
export const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

/** The shape every rule file shares: `{ "entries": [ ... ] }`, other top-level keys (a description) allowed. */
export function ruleFile<T extends TSchema>(entry: T) {
  return Type.Object({ entries: Type.Array(entry) });
}

/** Where a validation error sits, said as a person editing the file would look for it: the entry (by its id, else
 * its list and position) and the field. */
function locate(raw: unknown, path: string): string {
  const at = /^\/([^/]+)\/(\d+)(?:\/([^/]+))?/.exec(path);
  if (!at) return path === '' ? 'the file' : `"${path.slice(1).replace(/\//g, '.')}"`;
  const [, list = '', index = '', field] = at;
  const entry = ((raw as Record<string, unknown> | null)?.[list] as unknown[] | undefined)?.[Number(index)];
  const id = (entry as { id?: unknown } | undefined)?.id;
  const named = typeof id === 'string' && id !== '';
  const name =
    list === 'entries' ? (named ? id : `entry ${index}`) : named ? `${list} ${id}` : `${list}[${index}]`;
  return field === undefined ? name : `${name}: "${field}"`;
}

/**
 * The one validator of rule data: checks a parsed rule file against its TypeBox schema and returns it typed, or
 * throws FL_ERR_KNOWLEDGE naming the file, the entry (its id, else its position) and the field that is wrong.
 */
export function validateRuleData<T extends TSchema>(file: string, schema: T, raw: unknown): Static<T> {
  const first = Value.Errors(schema, raw).First();
  if (!first) return raw as Static<T>;
  const error = innermost(first);
  throw new FaultlineError('FL_ERR_KNOWLEDGE', file, `${locate(raw, error.path)}: ${error.message}`);
}

/**
 * An entry that fits none of a union's shapes ("type": "noun" | "title" ...) is reported by the shape its own
 * `type` chose, at the field that is wrong there, rather than as "Expected union value".
 */
function innermost(error: ValueError): ValueError {
  if (error.type !== ValueErrorType.Union) return error;
  const firsts = error.errors.map((variant) => variant.First()).filter((e) => e !== undefined);
  const chosen = firsts.find((e) => !e.path.endsWith('/type')) ?? firsts[0];
  return chosen ? innermost(chosen) : error;
}

/** `validateRuleData` of a rule file (`{ "entries": [...] }`) whose entries follow `entry`: the entries, typed. */
export function validateRuleEntries<T extends TSchema>(file: string, entry: T, raw: unknown): Static<T>[] {
  return validateRuleData(file, ruleFile(entry), raw).entries as Static<T>[];
}

/** Throws FL_ERR_KNOWLEDGE when two entries of a file share an id. */
export function requireUniqueIds(file: string, entries: readonly { readonly id: string }[]): void {
  const seen = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) throw new FaultlineError('FL_ERR_KNOWLEDGE', file, `duplicate id ${id}`);
    seen.add(id);
  }
}
