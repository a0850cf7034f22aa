import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TYPES, TARGETS, WEAPONS, isOneOf, isSubEventOf } from '../domain/enums.js';
import type { EventType, SubEventType, Target, Weapon } from '../domain/enums.js';
import { FaultlineError } from '../errors/errors.js';

/** A word or phrase that signals an incident, with ACLED's type for it. `block` rules only consume words. */
export type EventCueRule =
  | {
      readonly id: string;
      readonly block: false;
      readonly phrases: readonly string[];
      readonly eventType: EventType;
      readonly subEventType: SubEventType;
      readonly weapon: Weapon;
      readonly priority: number;
      /** Only state forces conduct it (a security operation), so the state is its actor1 when named. */
      readonly stateConducted: boolean;
      /** A cue of no violence that still reports an event of its own (a bomb defused): it opens an incident. */
      readonly opensIncident: boolean;
      /** Tells of shooting itself ("opened fire", "exchange of fire"), not only of armed men or an attack on a
       * post: with a grenade or rocket in the same sentence it makes one mixed assault (see decideType). */
      readonly shooting: boolean;
    }
  | { readonly id: string; readonly block: true; readonly phrases: readonly string[] };

/** Words naming what was attacked; `target: null` rules consume words ("Baloch Liberation Army") only. */
export interface TargetRule {
  readonly id: string;
  readonly target: Target | null;
  readonly phrases: readonly string[];
  readonly caseSensitive: boolean;
}

export interface EventLexicon {
  readonly cues: readonly EventCueRule[];
  readonly targets: readonly TargetRule[];
  /** Verbs that make the word before them the attacker rather than the target. */
  readonly subjectVerbs: readonly string[];
}

type Json = Record<string, unknown>;

function fail(subject: string, detail: string): never {
  throw new FaultlineError('FL_ERR_KNOWLEDGE', subject, detail);
}

function entries(root: Json, key: string, subject: string): Json[] {
  const list = root[key];
  if (!Array.isArray(list)) fail(subject, `${key} is not a list`);
  return list.map((x, i) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x))
      fail(subject, `${key}[${i}] is not an object`);
    const o = x as Json;
    if (typeof o.id !== 'string' || o.id === '') fail(subject, `${key}[${i}] has no id`);
    const phrases = o.phrases;
    if (
      !Array.isArray(phrases) ||
      phrases.length === 0 ||
      !phrases.every((p) => typeof p === 'string' && p.trim() !== '')
    ) {
      fail(subject, `${o.id}: phrases is not a list of strings`);
    }
    return o;
  });
}

function parseCue(o: Json, subject: string): EventCueRule {
  const id = o.id as string;
  const phrases = o.phrases as string[];
  if (o.block === true) return { id, block: true, phrases };
  const eventType = o.eventType;
  if (typeof eventType !== 'string' || !Object.hasOwn(EVENT_TYPES, eventType))
    fail(subject, `${id}: unknown eventType`);
  const type = eventType as EventType;
  const sub = o.subEventType;
  if (typeof sub !== 'string' || !isSubEventOf(type, sub))
    fail(subject, `${id}: subEventType is not one of ${type}'s`);
  if (!isOneOf(WEAPONS, o.weapon)) fail(subject, `${id}: unknown weapon`);
  if (typeof o.priority !== 'number' || !Number.isFinite(o.priority))
    fail(subject, `${id}: priority is not a number`);
  if (o.conductedBy !== undefined && o.conductedBy !== 'state')
    fail(subject, `${id}: conductedBy is not "state"`);
  if (o.opensIncident !== undefined && typeof o.opensIncident !== 'boolean')
    fail(subject, `${id}: opensIncident is not true or false`);
  if (o.shooting !== undefined && typeof o.shooting !== 'boolean')
    fail(subject, `${id}: shooting is not true or false`);
  return {
    id,
    block: false,
    phrases,
    eventType: type,
    subEventType: sub,
    weapon: o.weapon,
    priority: o.priority,
    stateConducted: o.conductedBy === 'state',
    opensIncident: o.opensIncident === true,
    shooting: o.shooting === true,
  };
}

/** Validates the parsed JSON of data/events/cues.json; `subject` names it in errors. */
export function parseEventLexicon(json: unknown, subject = 'cues.json'): EventLexicon {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    fail(subject, 'the file is not an object');
  const root = json as Json;
  const ids = new Set<string>();
  const unique = (o: Json): Json => {
    if (ids.has(o.id as string)) fail(subject, `duplicate id ${String(o.id)}`);
    ids.add(o.id as string);
    return o;
  };
  const cues = entries(root, 'cues', subject).map((o) => parseCue(unique(o), subject));
  const targets = entries(root, 'targets', subject).map((o): TargetRule => {
    unique(o);
    if (o.target !== null && !isOneOf(TARGETS, o.target)) fail(subject, `${String(o.id)}: unknown target`);
    return {
      id: o.id as string,
      target: o.target,
      phrases: o.phrases as string[],
      caseSensitive: o.caseSensitive === true,
    };
  });
  const verbs = root.subjectVerbs ?? [];
  if (!Array.isArray(verbs) || !verbs.every((v) => typeof v === 'string'))
    fail(subject, 'subjectVerbs is not a list of strings');
  return { cues, targets, subjectVerbs: verbs as string[] };
}

/** Reads `<dataDir>/events/cues.json`; throws FL_ERR_KNOWLEDGE when it is missing or invalid. */
export function loadEventLexicon(dataDir: string): EventLexicon {
  const path = join(dataDir, 'events', 'cues.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(path, error instanceof Error ? error.message : String(error));
  }
  return parseEventLexicon(json, path);
}
