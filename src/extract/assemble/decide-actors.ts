import type { ActorRef, Target } from '../../domain/index.js';
import { EXTRACT_SETTINGS } from '../extract-settings.js';
import type { SentenceAnalysis } from '../analyse/analyse-sentence.js';
import type { ActorMention, EventCue, ResponsibilityMention } from '../types.js';

export interface ActorDecision {
  readonly actor1: ActorRef | null;
  readonly actor2: ActorRef | null;
  readonly actor1From: {
    readonly ruleId: string;
    readonly span: readonly [number, number];
    readonly text: string;
  } | null;
  readonly claimedFrom: {
    readonly ruleId: string;
    readonly span: readonly [number, number];
    readonly text: string;
  } | null;
}

/** "the group", "the militant outfit": a definite reference to a group the article has already named, which then
 * stands as the incident's perpetrator under this rule's id. */
const ANAPHORA_RULE = {
  id: 'actor.anaphora-prior-group',
  pattern:
    /\bthe (?:(?:militant|separatist|armed|banned|insurgent|outlawed) )?(?:group|outfit|organi[sz]ation)\b/i,
} as const;

const isState = (a: ActorMention): boolean => a.type === 'state_forces';

/** The actor is the agent of a passive or a noun ("raids by Pakistan", "an operation conducted by the CTD"). */
function byAgent(a: ActorMention, m: SentenceAnalysis): boolean {
  if (/^by\s/i.test(a.text)) return true;
  const at = a.span[0] - m.sentence.start;
  return /\bby\s+(?:the\s+)?$/i.test(
    m.sentence.text.slice(Math.max(0, at - EXTRACT_SETTINGS.agentWindow), at),
  );
}

/** Actors that report rather than act (media, officials speaking) never become a perpetrator. */
function canAct(a: ActorMention): boolean {
  return a.type !== null || a.actorId === 'unidentified';
}

function ref(a: ActorMention, claimed: boolean): ActorRef {
  return { name: a.name, id: a.actorId, type: a.type, claimed };
}

/**
 * actor1 is the perpetrator: the group that claimed the act; else the first armed non-state actor named in the
 * incident; else the state when the state attacked militants; else a suspected group (not claimed); else unknown.
 */
export function decideActors(
  members: readonly SentenceAnalysis[],
  responsibility: readonly ResponsibilityMention[],
  cue: EventCue | null,
  target: Target,
  claimsByActor: ReadonlySet<string>,
  priorGroup: ActorMention | null = null,
  priorParagraph = -1,
  onlyMilitantsHit = false,
  stateActs = false,
  documentState: ActorMention | null = null,
): ActorDecision {
  const mentions = members.flatMap((m) => m.actors).filter(canAct);
  const byId = new Map(mentions.map((a) => [a.actorId, a] as const));
  const claimedResp = responsibility.find((r) => r.stance === 'claimed' && r.actorId !== null);
  const noneClaimed = responsibility.some((r) => r.stance === 'denied_none');
  // "the UBA denied planting it and accused the security forces": the denier's counter-accusation is no one's
  // finding
  const denials = responsibility.filter((r) => r.stance === 'denied');
  const sentenceOf = (r: ResponsibilityMention) =>
    members.find((m) => m.sentence.start <= r.span[0] && r.span[0] < m.sentence.end)?.sentence;
  const deniedIn = new Set(denials.map(sentenceOf));
  const suspected = responsibility.find(
    (r) => (r.stance === 'suspected' || (r.stance === 'blamed' && !deniedIn.has(sentenceOf(r)))) && r.actorId,
  );

  let actor1: ActorMention | null = null;
  let rule = '';
  if (claimedResp?.actorId && byId.has(claimedResp.actorId)) {
    actor1 = byId.get(claimedResp.actorId)!;
    rule = claimedResp.ruleId;
  }
  // "the UBA denied planting it": a group that denies the act is named, not its perpetrator
  const denied = new Set(denials.map((r) => r.actorId));
  const groups = mentions.filter((a) => !isState(a) && !denied.has(a.actorId));
  const named = groups.filter((a) => a.actorId !== 'unidentified');
  if (!actor1 && cue && groups.length === 0) {
    // "air raids by Pakistan", "strikes carried out by the PAF": with no armed group in the account, the force
    // the act is by
    const agent = members
      .filter((m) => m.cues.includes(cue))
      .flatMap((m) => m.actors.filter((a) => isState(a) && a.span[0] >= cue.span[1] && byAgent(a, m)))[0];
    if (agent) {
      actor1 = agent;
      rule = 'actor.state-agent';
    }
  }
  if (!actor1 && (cue?.stateConducted || stateActs)) {
    // "troops killed 145 militants in a counter-operation after separatist fighters struck": the group named is
    // whom the operation was against
    const state = mentions.find(isState);
    if (state) {
      actor1 = state;
      rule = 'actor.state-operation';
    } else if (documentState) {
      // "Another IBO in Kech district neutralised three terrorists": the forces the article named conduct it
      actor1 = documentState;
      rule = 'actor.state-operation-document';
    } else {
      // "five militants were killed in an IBO, the ISPR said": the force whose media wing tells of its operation
      const speaker = members.flatMap((m) => m.actors).find((a) => a.speaksFor?.type === 'state_forces');
      if (speaker?.speaksFor) {
        const { actorId, name, type } = speaker.speaksFor;
        actor1 = { ...speaker, actorId, name, type, claimantKind: 'state' };
        rule = 'actor.state-operation-speaker';
      }
    }
  }
  if (!actor1 && onlyMilitantsHit && !suspected) {
    // "eight terrorists were killed when security forces struck a camp of Fitna al Khwarij": every casualty is a
    // militant, so the state did the killing; the group named is whom it was against. "Earlier this week, five
    // militants were killed in Khuzdar" names no force: the one the article named acts
    const state = mentions.find(isState) ?? documentState;
    if (state) {
      actor1 = state;
      rule = mentions.includes(state)
        ? 'actor.state-militant-casualties'
        : 'actor.state-militant-casualties-document';
    }
  }
  if (!actor1 && named.length > 0) {
    actor1 = named[0]!;
    rule = 'actor.first-armed-group';
  }
  const sameParagraph = priorGroup !== null && members.some((m) => m.sentence.paragraph === priorParagraph);
  if (!actor1 && priorGroup && !mentions.some((a) => !isState(a)) && sameParagraph) {
    // "BLA fighters intensified their campaign ... In Dashtuk, an IED targeted ...": the paragraph's group
    actor1 = priorGroup;
    rule = 'actor.paragraph-group';
  }
  if (!actor1 && priorGroup && members.some((m) => ANAPHORA_RULE.pattern.test(m.sentence.text))) {
    actor1 = priorGroup;
    rule = ANAPHORA_RULE.id;
  }
  if (!actor1 && target === 'militants') {
    const state = mentions.find(isState);
    if (state && (!cue || state.span[0] <= cue.span[1])) {
      actor1 = state;
      rule = 'actor.state-against-militants';
    }
  }
  if (!actor1 && suspected?.actorId && byId.has(suspected.actorId)) {
    actor1 = byId.get(suspected.actorId)!;
    rule = suspected.ruleId;
  }
  if (!actor1 && groups.length > 0) {
    actor1 = groups[0]!;
    rule = 'actor.unidentified';
  }

  const claimedBy =
    actor1 &&
    !isState(actor1) &&
    (responsibility.some(
      (r) => r.stance === 'claimed' && (r.actorId === actor1.actorId || r.actorId === null),
    ) ||
      claimsByActor.has(actor1.actorId));
  const claimed = Boolean(claimedBy) && !(noneClaimed && !claimedResp);
  const claimSource = claimed
    ? (responsibility.find((r) => r.stance === 'claimed') ?? null)
    : (responsibility.find((r) => r.stance === 'denied_none') ?? null);

  let actor2: ActorRef | null = null;
  if (actor1 && isState(actor1)) {
    const other = named[0] ?? groups[0];
    actor2 = other ? ref(other, false) : null;
  } else if (target === 'security_forces') {
    const state = mentions.find(isState);
    actor2 = state
      ? ref(state, false)
      : { name: 'Security forces', id: 'security-forces', type: 'state_forces', claimed: false };
  } else if (target === 'civilians') {
    actor2 = { name: 'Civilians', id: 'civilians', type: 'civilians', claimed: false };
  }

  return {
    actor1: actor1 ? ref(actor1, claimed) : null,
    actor2,
    actor1From: actor1 ? { ruleId: rule, span: actor1.span, text: actor1.text } : null,
    claimedFrom: claimSource
      ? { ruleId: claimSource.ruleId, span: claimSource.span, text: claimSource.text }
      : null,
  };
}
