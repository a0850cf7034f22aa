import type { EventType, SubEventType, Target, Weapon } from '../../domain/index.js';
import { incidentCue, isViolentCue } from '../segment/sentence-signals.js';
import type { EventCue, TargetMention } from '../types.js';

export interface TypeDecision {
  readonly eventType: EventType;
  readonly subEventType: SubEventType;
  readonly weapon: Weapon;
  readonly target: Target;
  readonly ruleId: string;
  readonly cue: EventCue | null;
  readonly targetFrom: TargetMention | null;
}

/** The first target named nearest after the cue decides; else the first named at all. */
function pickTarget(targets: readonly TargetMention[], cue: EventCue | null): TargetMention | null {
  if (targets.length === 0) return null;
  if (cue) {
    const after = targets.filter((t) => t.span[0] >= cue.span[0]);
    if (after.length > 0) return after[0]!;
  }
  return targets[0]!;
}

/** Guns and bombs in one assault ("gun-and-bomb attack", "grenades and gunfire"): coded as an armed clash under
 * this rule's id. */
const MIXED_ASSAULT_RULE = {
  id: 'type.mixed-gun-and-bomb',
  pattern:
    /\bgun(?:fire|s)?(?:\s+and\s+|-and-)(?:bomb|grenade|explosive)s?\b|\b(?:bomb|grenade)s?(?:\s+and\s+|-and-)gun(?:fire|s)?\b/i,
} as const;

/** What is thrown or fired in an assault besides bullets: with shooting in one sentence, part of one fight. */
const THROWN_OR_FIRED: ReadonlySet<Weapon> = new Set(['grenade', 'rocket_mortar_artillery']);

/** A sentence of the incident: its text, and every cue read in it. */
export interface CuedSentence {
  readonly text: string;
  readonly cues: readonly EventCue[];
}

/**
 * Shooting and a grenade or rocket told in the sentence of the incident's cue ("hurled a grenade at the post and
 * opened fire", "attacked the convoy with rockets and sniper fire") against anyone but civilians: ACLED codes the
 * fight, an armed clash, not the explosive. An attack on civilians keeps its weapon's type.
 */
function mixedAssault(told: CuedSentence, target: Target): boolean {
  if (MIXED_ASSAULT_RULE.pattern.test(told.text)) return true;
  if (target === 'civilians' || target === 'government') return false;
  return told.cues.some((c) => c.shooting) && told.cues.some((c) => THROWN_OR_FIRED.has(c.weapon));
}

/**
 * ACLED's type from the strongest cue and the target. A firearms attack on armed forces is a battle; the same on
 * civilians or officials is violence against civilians. The weapon comes from the strongest cue that names one.
 */
export function decideType(
  cues: readonly EventCue[],
  targets: readonly TargetMention[],
  /** The incident's sentences, the one that opened it first. */
  sentences: readonly CuedSentence[],
  fallbackTarget: Target,
  hurt = false,
): TypeDecision {
  const cue = incidentCue(cues, hurt);
  // a security operation is the state acting against militants, whoever else its sentence names; so is an
  // incident the article opened as one ("conducted IBOs in ..."), whatever exchange of fire it then tells
  const operation = cue?.stateConducted === true || cues.find(isViolentCue)?.stateConducted === true;
  const targetFrom = operation ? null : pickTarget(targets, cue);
  const target: Target = operation ? 'militants' : (targetFrom?.target ?? fallbackTarget);
  const told = (cue && sentences.find((m) => m.cues.includes(cue))) ?? sentences[0];
  if (cue && told && cue.subEventType !== 'Suicide bomb' && mixedAssault(told, target)) {
    // guns and bombs together in one assault: ACLED codes the armed clash, the explosives are part of it
    return {
      eventType: 'Battles',
      subEventType: 'Armed clash',
      weapon: 'firearms',
      target,
      ruleId: MIXED_ASSAULT_RULE.id,
      cue,
      targetFrom,
    };
  }
  let weapon: Weapon = cue?.weapon ?? 'unknown';
  if (weapon === 'unknown') {
    const armed = [...cues].sort((a, b) => b.priority - a.priority).find((c) => c.weapon !== 'unknown');
    if (armed) weapon = armed.weapon;
  }
  if (!cue) {
    return {
      eventType: 'Battles',
      subEventType: 'Armed clash',
      weapon,
      target,
      ruleId: 'type.default-armed-clash',
      cue,
      targetFrom,
    };
  }
  if (
    hurt &&
    cue.subEventType === 'Abduction/forced disappearance' &&
    target === 'security_forces' &&
    cues.some((c) => c.shooting)
  ) {
    // "they took the Levies men hostage and fired on the police station ... a heavy exchange of fire": hostages
    // taken in a fight with the forces, in which people died, are part of the fight ACLED codes
    return {
      eventType: 'Battles',
      subEventType: 'Armed clash',
      weapon: 'firearms',
      target,
      ruleId: 'type.abduction-in-fight',
      cue,
      targetFrom,
    };
  }
  if (hurt && cue.subEventType === 'Disrupted weapons use') {
    // "forces foiled two infiltration attempts, killing 25 militants": a foiling in which people died was fought
    return {
      eventType: 'Battles',
      subEventType: 'Armed clash',
      weapon,
      target,
      ruleId: 'type.foiled-with-deaths',
      cue,
      targetFrom,
    };
  }
  if (cue.eventType === 'Battles' && (target === 'civilians' || target === 'government')) {
    return {
      eventType: 'Violence against civilians',
      subEventType: 'Attack',
      weapon,
      target,
      ruleId: 'type.armed-attack-on-civilians',
      cue,
      targetFrom,
    };
  }
  if (
    cue.eventType === 'Violence against civilians' &&
    cue.subEventType === 'Attack' &&
    target === 'security_forces'
  ) {
    return {
      eventType: 'Battles',
      subEventType: 'Armed clash',
      weapon,
      target,
      ruleId: 'type.attack-on-forces',
      cue,
      targetFrom,
    };
  }
  return {
    eventType: cue.eventType,
    subEventType: cue.subEventType,
    weapon,
    target,
    ruleId: cue.ruleId,
    cue,
    targetFrom,
  };
}
