import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTOR_TYPES, isOneOf } from '../domain/enums.js';
import type { ActorType, ClaimantKind } from '../domain/enums.js';
import { FaultlineError } from '../errors/errors.js';

/** Claimant kinds an actor can have; 'unattributed' belongs to figures, not to actors. */
const ACTOR_CLAIMANT_KINDS = ['armed_group', 'state', 'state_official', 'media', 'other'] as const;

export interface ActorEntry {
  readonly id: string;
  /** Canonical, neutral name. */
  readonly name: string;
  readonly type: ActorType | null;
  readonly claimantKind: ClaimantKind;
  /** Matched case-insensitively as whole words. */
  readonly aliases: readonly string[];
  /** Matched case-sensitively as whole words. */
  readonly acronyms: readonly string[];
  /** Loaded terms that name this actor; a mention through one of them is framed. */
  readonly framedAliases: readonly string[];
  readonly parent: string | null;
  /** A catch-all (Baloch separatists, unidentified): yields to the one named group of the sentence. */
  readonly generic: boolean;
}

/** Words in a sentence that pick the actor an ambiguous term refers to ("terrorists" near "Balochistan"). */
export interface ActorContext {
  readonly id: string;
  readonly words: readonly string[];
  readonly actorId: string;
}

/** An unnamed-group term whose actor depends on the sentence: a context's actor, else the default. */
export interface ContextualTerm {
  readonly id: string;
  readonly phrases: readonly string[];
  readonly framed: boolean;
  readonly defaultActorId: string;
  readonly contextIds: readonly string[];
}

/** Nouns absorbed after an actor's name ("BLA militants", "FC personnel"). */
export interface HeadNoun {
  readonly id: string;
  readonly phrases: readonly string[];
  readonly framed: boolean;
}

export const RESPONSIBILITY_STANCES = ['claimed', 'denied_none', 'suspected', 'blamed', 'ignore'] as const;
export type ResponsibilityStance = (typeof RESPONSIBILITY_STANCES)[number];

/** A responsibility cue: its words, the stance it signals, and where its actor stands. */
export interface ResponsibilityCue {
  readonly id: string;
  /** 'ignore' consumes words that must not read as a claim ("the BLA denied involvement"). */
  readonly stance: ResponsibilityStance;
  /** 'either': before, else after ("Claiming responsibility, the BLA said"). */
  readonly actor: 'before' | 'after' | 'either' | 'none';
  /** Largest distance, in characters, between the cue and its actor. */
  readonly window: number;
  /** Only an armed group can be the actor (a state "claiming" a figure claims no act). */
  readonly armedOnly: boolean;
  readonly phrases: readonly string[];
}

export interface ActorTable {
  readonly actors: readonly ActorEntry[];
  readonly byId: ReadonlyMap<string, ActorEntry>;
  readonly contexts: readonly ActorContext[];
  readonly contextualTerms: readonly ContextualTerm[];
  readonly headNouns: readonly HeadNoun[];
  /** Words between a generic noun and a group that make them one actor ("militants of the BLF"). */
  readonly memberLinks: readonly string[];
  /** Phrases consumed without naming an actor ("terrorist attacks", "army chief"). */
  readonly blocked: readonly string[];
  readonly responsibility: readonly ResponsibilityCue[];
}

type Json = Record<string, unknown>;

function fail(subject: string, detail: string): never {
  throw new FaultlineError('FL_ERR_KNOWLEDGE', subject, detail);
}

function obj(v: unknown, subject: string, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(subject, `${what} is not an object`);
  return v as Json;
}

function str(v: unknown, subject: string, what: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(subject, `${what} is not a non-empty string`);
  return v;
}

function strs(v: unknown, subject: string, what: string, optional = false): readonly string[] {
  if (v === undefined && optional) return [];
  if (!Array.isArray(v)) fail(subject, `${what} is not a list`);
  return v.map((x, i) => str(x, subject, `${what}[${i}]`));
}

function parseActor(raw: unknown, subject: string, i: number): ActorEntry {
  const o = obj(raw, subject, `actors[${i}]`);
  const id = str(o.id, subject, `actors[${i}].id`);
  const type = o.type === null ? null : o.type;
  if (type !== null && !isOneOf(ACTOR_TYPES, type))
    fail(subject, `actor ${id}: unknown type ${String(type)}`);
  if (!isOneOf(ACTOR_CLAIMANT_KINDS, o.claimantKind)) fail(subject, `actor ${id}: unknown claimantKind`);
  const parent = o.parent === undefined ? null : str(o.parent, subject, `actor ${id}.parent`);
  return {
    id,
    name: str(o.name, subject, `actor ${id}.name`),
    type,
    claimantKind: o.claimantKind,
    aliases: strs(o.aliases, subject, `actor ${id}.aliases`),
    acronyms: strs(o.acronyms, subject, `actor ${id}.acronyms`),
    framedAliases: strs(o.framedAliases, subject, `actor ${id}.framedAliases`, true),
    parent,
    generic: o.generic === true,
  };
}

/** Validates the parsed JSON of data/actors/actors.json; `subject` names it in errors. */
export function parseActorTable(json: unknown, subject = 'actors.json'): ActorTable {
  const root = obj(json, subject, 'the file');
  if (!Array.isArray(root.actors)) fail(subject, 'actors is not a list');
  const actors = root.actors.map((a, i) => parseActor(a, subject, i));
  const byId = new Map<string, ActorEntry>();
  for (const a of actors) {
    if (byId.has(a.id)) fail(subject, `duplicate actor id ${a.id}`);
    byId.set(a.id, a);
  }
  const known = (id: string, what: string): string =>
    byId.has(id) ? id : fail(subject, `${what}: unknown actor ${id}`);
  for (const a of actors) if (a.parent !== null) known(a.parent, `actor ${a.id}.parent`);

  const contexts = (Array.isArray(root.contexts) ? root.contexts : []).map((c, i) => {
    const o = obj(c, subject, `contexts[${i}]`);
    const id = str(o.id, subject, `contexts[${i}].id`);
    return {
      id,
      words: strs(o.words, subject, `${id}.words`),
      actorId: known(str(o.actorId, subject, id), id),
    };
  });
  const contextIds = new Set(contexts.map((c) => c.id));
  const contextualTerms = (Array.isArray(root.contextualTerms) ? root.contextualTerms : []).map((c, i) => {
    const o = obj(c, subject, `contextualTerms[${i}]`);
    const id = str(o.id, subject, `contextualTerms[${i}].id`);
    const ids = strs(o.contextIds, subject, `${id}.contextIds`, true);
    for (const cid of ids) if (!contextIds.has(cid)) fail(subject, `${id}: unknown context ${cid}`);
    return {
      id,
      phrases: strs(o.phrases, subject, `${id}.phrases`),
      framed: o.framed === true,
      defaultActorId: known(str(o.defaultActorId, subject, `${id}.defaultActorId`), id),
      contextIds: ids,
    };
  });
  const headNouns = (Array.isArray(root.headNouns) ? root.headNouns : []).map((h, i) => {
    const o = obj(h, subject, `headNouns[${i}]`);
    const id = str(o.id, subject, `headNouns[${i}].id`);
    return { id, phrases: strs(o.phrases, subject, `${id}.phrases`), framed: o.framed === true };
  });
  const memberLinks = strs(root.memberLinks, subject, 'memberLinks', true);
  const blocked = strs(root.blocked, subject, 'blocked', true);
  return { actors, byId, contexts, contextualTerms, headNouns, memberLinks, blocked, responsibility: [] };
}

/** Validates the parsed JSON of data/actors/responsibility.json. */
export function parseResponsibilityCues(
  json: unknown,
  subject = 'responsibility.json',
): readonly ResponsibilityCue[] {
  const root = obj(json, subject, 'the file');
  if (!Array.isArray(root.cues)) fail(subject, 'cues is not a list');
  return root.cues.map((c, i) => {
    const o = obj(c, subject, `cues[${i}]`);
    const id = str(o.id, subject, `cues[${i}].id`);
    if (!isOneOf(RESPONSIBILITY_STANCES, o.stance)) fail(subject, `${id}: unknown stance`);
    if (o.actor !== 'before' && o.actor !== 'after' && o.actor !== 'either' && o.actor !== 'none') {
      fail(subject, `${id}: actor is not before|after|either|none`);
    }
    if (typeof o.window !== 'number' || !(o.window >= 0)) fail(subject, `${id}: window is not a number`);
    return {
      id,
      stance: o.stance,
      actor: o.actor,
      window: o.window,
      armedOnly: o.armedOnly === true,
      phrases: strs(o.phrases, subject, `${id}.phrases`),
    };
  });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail(path, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Reads `<dataDir>/actors/actors.json` and `responsibility.json` beside it; throws FL_ERR_KNOWLEDGE when
 * either is missing or invalid.
 */
export function loadActorTable(dataDir: string): ActorTable {
  const actorsPath = join(dataDir, 'actors', 'actors.json');
  const cuesPath = join(dataDir, 'actors', 'responsibility.json');
  const table = parseActorTable(readJson(actorsPath), actorsPath);
  return { ...table, responsibility: parseResponsibilityCues(readJson(cuesPath), cuesPath) };
}
