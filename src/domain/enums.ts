/**
 * Closed vocabularies of the event record. Each is a const array with a derived type and a guard,
 * so that data files and wire input can be validated against the same list the types come from.
 */
export const DATE_PRECISIONS = ['day', 'days', 'week', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const PLACE_PRECISIONS = ['place', 'near_place', 'district', 'province', 'country'] as const;
export type PlacePrecision = (typeof PLACE_PRECISIONS)[number];

export const WEAPONS = [
  'firearms',
  'explosives_ied',
  'suicide_bomb',
  'grenade',
  'rocket_mortar_artillery',
  'air_drone',
  'incendiary',
  'melee',
  'unknown',
] as const;
export type Weapon = (typeof WEAPONS)[number];

export const TARGETS = [
  'security_forces',
  'civilians',
  'government',
  'infrastructure',
  'militants',
  'unknown',
] as const;
export type Target = (typeof TARGETS)[number];

/** ACLED's actor types (inter codes 1..8), in ACLED's order. */
export const ACTOR_TYPES = [
  'state_forces',
  'rebel_group',
  'political_militia',
  'identity_militia',
  'rioters',
  'protesters',
  'civilians',
  'external_other',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const CLAIMANT_KINDS = [
  'armed_group',
  'state',
  'state_official',
  'media',
  'other',
  'unattributed',
] as const;
export type ClaimantKind = (typeof CLAIMANT_KINDS)[number];

export const STANCES = ['claimed', 'confirmed', 'acknowledged', 'denied', 'reported', 'estimated'] as const;
export type Stance = (typeof STANCES)[number];

export const METRICS = ['killed', 'injured', 'abducted'] as const;
export type Metric = (typeof METRICS)[number];

export const CATEGORIES = ['security_forces', 'civilians', 'militants', 'unknown'] as const;
export type Category = (typeof CATEGORIES)[number];

/** ACLED event types and their sub-event types, verbatim. */
export const EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const;
export type EventType = keyof typeof EVENT_TYPES;
export type SubEventType = (typeof EVENT_TYPES)[EventType][number];

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export function isSubEventOf(type: EventType, sub: string): sub is SubEventType {
  return (EVENT_TYPES[type] as readonly string[]).includes(sub);
}
