import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../errors/errors.js';

export type FramingRegister = 'insurgent' | 'state' | 'neutral';
const REGISTERS: readonly FramingRegister[] = ['insurgent', 'state', 'neutral'];

export interface FramingTerm {
  readonly id: string;
  readonly register: FramingRegister;
  /** Phrases in the shared phrase syntax, matched case-insensitively as whole words. */
  readonly phrases: readonly string[];
}

export interface FramingLexicon {
  readonly terms: readonly FramingTerm[];
}

function fail(subject: string, detail: string): never {
  throw new FaultlineError('FL_ERR_KNOWLEDGE', subject, detail);
}

/** Validates the parsed JSON of data/framing/terms.json; `subject` names it in errors. */
export function parseFramingLexicon(json: unknown, subject = 'terms.json'): FramingLexicon {
  const root = json as { terms?: unknown } | null;
  if (typeof root !== 'object' || root === null || !Array.isArray(root.terms))
    fail(subject, 'terms is not a list');
  const seen = new Set<string>();
  const terms = root.terms.map((raw: unknown, i: number): FramingTerm => {
    const t = raw as { id?: unknown; register?: unknown; phrases?: unknown } | null;
    if (typeof t !== 'object' || t === null || typeof t.id !== 'string' || t.id === '')
      fail(subject, `terms[${i}] has no id`);
    const id = t.id;
    if (seen.has(id)) fail(subject, `duplicate term id ${id}`);
    seen.add(id);
    const register = REGISTERS.find((r) => r === t.register);
    if (!register) fail(subject, `${id}: unknown register`);
    const phrases = t.phrases;
    if (
      !Array.isArray(phrases) ||
      phrases.length === 0 ||
      !phrases.every((p) => typeof p === 'string' && p.trim() !== '')
    ) {
      fail(subject, `${id}: phrases is not a list of strings`);
    }
    return { id, register, phrases: phrases as string[] };
  });
  return { terms };
}

/** Reads `<dataDir>/framing/terms.json`; throws FL_ERR_KNOWLEDGE when it is missing or invalid. */
export function loadFramingLexicon(dataDir: string): FramingLexicon {
  const path = join(dataDir, 'framing', 'terms.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(path, error instanceof Error ? error.message : String(error));
  }
  return parseFramingLexicon(json, path);
}
