import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { ACTOR_TYPES } from '../domain/enums.js';
import type { ActorType, ClaimantKind } from '../domain/enums.js';
import { FaultlineError } from '../errors/errors.js';
import { Text, oneOf, validateRuleData } from './rule-data.js';

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
  /** A collective name that stands for no one group ("unidentified gunmen", "Baloch separatists"): it never
   * stands in for "the group" a later sentence refers to. */
  readonly namesNoGroup: boolean;
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

export const RESPONSIBILITY_STANCES = [
  'claimed',
  'denied_none',
  'denied',
  'suspected',
  'blamed',
  'ignore',
] as const;
export type ResponsibilityStance = (typeof RESPONSIBILITY_STANCES)[number];

/** A responsibility cue: its words, the stance it signals, and where its actor stands. */
export interface ResponsibilityCue {
  readonly id: string;
  /** 'ignore' consumes words that must not read as a claim ("did not claim"); 'denied': the actor denies the act
   * ("the UBA denied planting it"). */
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

function fail(subject: string, detail: string): never {
  throw new FaultlineError('FL_ERR_KNOWLEDGE', subject, detail);
}

const Phrases = Type.Array(Text);

/** The schema of data/actors/actors.json (`validateRuleData` checks it and names what is wrong). */
const ACTOR_FILE = Type.Object({
  actors: Type.Array(
    Type.Object({
      id: Text,
      name: Text,
      type: Type.Union([Type.Null(), oneOf(ACTOR_TYPES)]),
      claimantKind: oneOf(ACTOR_CLAIMANT_KINDS),
      aliases: Phrases,
      acronyms: Phrases,
      framedAliases: Type.Optional(Phrases),
      parent: Type.Optional(Text),
      /** A catch-all (Baloch separatists): yields to the one named group of its sentence. */
      generic: Type.Optional(Type.Boolean()),
      namesNoGroup: Type.Optional(Type.Boolean()),
    }),
  ),
  contexts: Type.Optional(Type.Array(Type.Object({ id: Text, words: Phrases, actorId: Text }))),
  contextualTerms: Type.Optional(
    Type.Array(
      Type.Object({
        id: Text,
        phrases: Phrases,
        framed: Type.Optional(Type.Boolean()),
        defaultActorId: Text,
        contextIds: Type.Optional(Phrases),
      }),
    ),
  ),
  headNouns: Type.Optional(
    Type.Array(Type.Object({ id: Text, phrases: Phrases, framed: Type.Optional(Type.Boolean()) })),
  ),
  memberLinks: Type.Optional(Phrases),
  blocked: Type.Optional(Phrases),
});

/** The schema of data/actors/responsibility.json. */
const RESPONSIBILITY_FILE = Type.Object({
  cues: Type.Array(
    Type.Object({
      id: Text,
      stance: oneOf(RESPONSIBILITY_STANCES),
      actor: oneOf(['before', 'after', 'either', 'none'] as const),
      window: Type.Number({ minimum: 0 }),
      armedOnly: Type.Optional(Type.Boolean()),
      phrases: Phrases,
    }),
  ),
});

/** Validates the parsed JSON of data/actors/actors.json; `subject` names it in errors. */
export function parseActorTable(json: unknown, subject = 'actors.json'): ActorTable {
  const root = validateRuleData(subject, ACTOR_FILE, json);
  const actors: ActorEntry[] = root.actors.map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
    claimantKind: o.claimantKind,
    aliases: o.aliases,
    acronyms: o.acronyms,
    framedAliases: o.framedAliases ?? [],
    parent: o.parent ?? null,
    generic: o.generic === true,
    namesNoGroup: o.namesNoGroup === true,
  }));
  const byId = new Map<string, ActorEntry>();
  for (const a of actors) {
    if (byId.has(a.id)) fail(subject, `duplicate actor id ${a.id}`);
    byId.set(a.id, a);
  }
  const known = (id: string, what: string): string =>
    byId.has(id) ? id : fail(subject, `${what}: unknown actor ${id}`);
  for (const a of actors) if (a.parent !== null) known(a.parent, `actor ${a.id}.parent`);

  const contexts = (root.contexts ?? []).map((o) => ({
    id: o.id,
    words: o.words,
    actorId: known(o.actorId, o.id),
  }));
  const contextIds = new Set(contexts.map((c) => c.id));
  const contextualTerms = (root.contextualTerms ?? []).map((o) => {
    const ids = o.contextIds ?? [];
    for (const cid of ids) if (!contextIds.has(cid)) fail(subject, `${o.id}: unknown context ${cid}`);
    return {
      id: o.id,
      phrases: o.phrases,
      framed: o.framed === true,
      defaultActorId: known(o.defaultActorId, o.id),
      contextIds: ids,
    };
  });
  const headNouns = (root.headNouns ?? []).map((o) => ({
    id: o.id,
    phrases: o.phrases,
    framed: o.framed === true,
  }));
  const memberLinks = root.memberLinks ?? [];
  const blocked = root.blocked ?? [];
  return { actors, byId, contexts, contextualTerms, headNouns, memberLinks, blocked, responsibility: [] };
}

/** Validates the parsed JSON of data/actors/responsibility.json. */
export function parseResponsibilityCues(
  json: unknown,
  subject = 'responsibility.json',
): readonly ResponsibilityCue[] {
  return validateRuleData(subject, RESPONSIBILITY_FILE, json).cues.map((o) => ({
    id: o.id,
    stance: o.stance,
    actor: o.actor,
    window: o.window,
    armedOnly: o.armedOnly === true,
    phrases: o.phrases,
  }));
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
