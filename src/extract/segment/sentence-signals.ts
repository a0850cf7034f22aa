import type { SentenceAnalysis } from '../analyse/analyse-sentence.js';
import { DroppableMap, forgetPerDocument } from '../match/document-memory.js';
import { EXTRACT_SETTINGS } from '../extract-settings.js';
import type { DateMention, EventCue, PlaceMention } from '../types.js';
import { regexMatches } from '../match/regex-matches.js';
import { wordTokens } from '../match/word-tokens.js';
import { wordIds, wordTable } from '../match/vocabulary.js';

/** The nouns the separate- and ordinal-incident patterns need, one of which ends each of their phrases. */
const INCIDENT_NOUNS = [
  'incident',
  'attack',
  'assault',
  'strike',
  'blast',
  'explosion',
  'ambush',
  'operation',
  'ibo',
  'encounter',
  'raid',
  'engagement',
  'clash',
];

/**
 * Sentence-level signals the segmenter reads. These are grammar of news reporting, not knowledge of a
 * region, so they live here as rules with ids rather than in data files. A rule's `anyOf` lists words (lower
 * case) one of which stands in every text its pattern holds in: a sentence with none of them is answered without
 * the regex (see `matches`; a test checks each list against its pattern).
 */
/** How long before another an incident is recalled as having happened ("days after", "a week before"). */
const RECALL_SPAN = '(?:days|weeks|a day|a week)';

export const SIGNAL_RULES = {
  separate: {
    id: 'segment.separate-incident',
    anyOf: [...INCIDENT_NOUNS, 'development', 'separately', 'elsewhere', 'meanwhile'],
    pattern:
      /\b(?:(?:in )?(?:a|another|the) (?:separate|second|third|fourth|fifth|different|later|new|other) (?:\w+ )?(?:incident|attack|assault|strike|blast|ambush|operation|IBO|encounter|raid|engagement|clash)|another (?:\w+ )?(?:incident|attack|assault|blast|ambush|operation|IBO|encounter|raid|engagement|development)|separately|elsewhere|meanwhile)\b/i,
  },
  earlier: {
    id: 'segment.earlier-incident',
    anyOf: ['had', 'before', 'after', 'earlier', 'last'],
    pattern: new RegExp(
      String.raw`\b(?:had (?:earlier|previously|already) |had (?:[\w-]+ ){1,5}(?:days|weeks|months|years) ago\b|${RECALL_SPAN} (?:before|after|earlier)\b|earlier this (?:week|month)\b|last (?:month|year)\b)`,
      'i',
    ),
  },
  /** The "days after" of `earlier`: the present is told before it, the incident recalled after it. */
  recallAfter: {
    id: 'segment.recall-after',
    anyOf: ['after'],
    pattern: new RegExp(String.raw`\b${RECALL_SPAN} after\b`, 'i'),
  },
  dayAfter: {
    id: 'segment.day-after',
    anyOf: ['next', 'following', 'day', 'days'],
    pattern:
      /\b(?:the (?:next|following) (?:day|morning|afternoon|evening|night)|the day after|(?:a|one|two|three|\d) days? later)\b/i,
  },
  dayBefore: { id: 'segment.day-before', anyOf: ['day'], pattern: /\b(?:a|one) day (?:earlier|before)\b/i },
  sameDay: {
    id: 'segment.same-day',
    anyOf: ['same'],
    pattern: /\b(?:that|the) same (?:day|night|evening|morning)\b|\bon the same day\b/i,
  },
  statement: {
    id: 'segment.statement',
    pattern:
      /\b(?:warned|urged|argued|believes?|condemned|vowed|threatened|called (?:on|for)|appealed|demanded|accused|alleged that|described the attacks|dismissed the claims|rejected|ha(?:ve|s) (?:seen|witnessed|experienced) (?:a |an )?(?:series|spate|wave|surge|string|rise))\b/i,
  },
  habitual: {
    id: 'segment.habitual',
    pattern:
      /\b(?:continues?|continuing|frequent(?:ly)?|repeated(?:ly)?|routinely|often|have long|has long|for decades|in recent years|increasingly|have been targeting|has become)\b/i,
  },
  hypothetical: { id: 'segment.hypothetical', pattern: /\b(?:will|would|could|might|may|if|unless)\s+[a-z]/ },
  summary: {
    id: 'segment.summary',
    pattern:
      /\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|multiple|several|a series of|a wave of|a string of|a spate of|back-to-back|coordinated|simultaneous|near-simultaneous|string of)[,\s]\s{0,3}(?:[^.;]{0,60}?\s)?(?:attacks|assaults|strikes|ambushes|blasts|explosions|raids|operations|offensives|engagements|encounters|clashes|incidents)\b/i,
  },
  quoted: { id: 'segment.quotation', pattern: /^["\u201c][^"\u201c\u201d]*["\u201d][.!?]?$/ },
  /** "..., the ISPR said on Wednesday", "police told Dawn on Friday": the day of the statement, not the
   * incident's; tested on the words between a speech verb and a relative day. */
  statementDay: {
    id: 'segment.statement-day',
    verb: /\b(?:said|says|told|stated|added|confirmed|announced|claimed|disclosed|informed)\b/giu,
    between:
      /^(?:,? (?:the|a|an|of|and|in|to|\p{Lu}[\p{L}\p{N}\u2019'.-]*|\([^)]*\)|\p{Ll}+['\u2019]s|media|wing|officials?|spokes(?:man|person|men)|police|sources|authorities|military|department|reporters|journalists|statement|press|conference))*(?: (?:late |early )?on)? ?$/u,
  },
  /** "in the district", "the district's Daraban area": the district the article last named. */
  theDistrict: {
    id: 'segment.the-district',
    anyOf: ['district'],
    pattern: /\b(?:in|of) the (?:same )?district\b|\bthe district['\u2019]s\b/i,
  },
  /** Words that point back at the incident just told: "the district", "the terrorists", "there". */
  /** "the incident took place in the Laja area ... late Wednesday night": a sentence that says where and when the
   * incident it takes up happened, finer than the lead that announced it a day later. */
  tookPlace: {
    id: 'segment.took-place',
    pattern:
      /\bthe (?:incident|attack|blast|explosion|ambush|raid|firing|shooting|clash|encounter|killings?) (?:took place|occurred|happened)\b/i,
  },
  takesUp: {
    id: 'segment.takes-up',
    pattern:
      /\b(?:the|these|those) (?:district|area|region|town|village|terrorists|militants|attackers|assailants|suspects|gunmen|operation|attack|encounter|raid)\b|\bthere\b/i,
  },
  /** "two operations", "three separate attacks": how many incidents a sentence counts (the first group). */
  countedIncidents: {
    id: 'segment.counted-incidents',
    pattern:
      /\b(two|three|four|five|six|\d+)\s+(?:[\p{L}-]+\s+){0,2}?(?:attacks|assaults|strikes|ambushes|blasts|explosions|raids|operations|offensives|engagements|encounters|clashes|incidents)\b/iu,
  },
  /** "the second operation", "the last attack": one of the incidents a list before counted. */
  listMember: {
    id: 'segment.list-member',
    pattern:
      /\bthe (?:first|second|third|fourth|fifth|sixth|last|other) (?:\w+ )?(?:incident|attack|assault|strike|blast|explosion|ambush|operation|IBO|encounter|raid|engagement|clash)\b/i,
  },
  ordinal: {
    id: 'segment.ordinal-incident',
    anyOf: [...INCIDENT_NOUNS, ...INCIDENT_NOUNS.map((noun) => `${noun}s`)],
    pattern:
      /\b(?:first|second|third|fourth|fifth|latest|earlier|previous|both|two|three) (?:\w+ )?(?:incident|attack|assault|strike|blast|explosion|ambush|operation|IBO|encounter|raid|engagement|clash)s?\b/i,
  },
  /** The words before a route's first end ("on the highway between Quetta and Karachi"): the two places bound one
   * incident's route, they list no two incidents. */
  routeBetween: { id: 'segment.route-between', pattern: /\bbetween\s+(?:the\s+)?$/i },
  /** What stands between two places of one coordinated list ("Quetta, Gwadar, Mastung and Noshki", "the port
   * city of Gwadar, and the districts of Pasni"): commas, "and", and a few lower-case words. */
  placeList: {
    id: 'segment.place-list',
    pattern:
      /^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s*&\s*)(?:(?:the|also|key|port|city|cities|town|towns|districts?|areas?|of|provincial|capital|strategic|including)\s+){0,6}$/i,
  },
  /** "The attacks targeted ...", "These assaults hit ...": a sentence that opens on the attacks just reported
   * elaborates them (read when summaries are pruned, see pruneCovered). */
  elaborates: {
    id: 'segment.elaborates',
    pattern:
      /^(?:the|these|those|such|all the) (?:\w+ ){0,2}(?:attacks|assaults|strikes|raids|ambushes|blasts|explosions)\b/i,
  },
  /** "the attackers, belonging to the banned TTP, first threw ...", "the gunmen were members of the BLA": who the
   * attackers of the incident being told were, said without a figure. */
  attackersOf: {
    id: 'segment.attackers-of',
    anyOf: ['belonging', 'belonged', 'belong', 'affiliated', 'members', 'member'],
    pattern:
      /\b(?:the|all)\s+(?:\w+\s+)?(?:attackers|assailants|militants|terrorists|gunmen|insurgents|bombers?)\b[^.;]{1,40}?\b(?:belonging|belonged|belong|affiliated|members?\s+of)\b/i,
  },
  /** "six policemen were wounded during the raid": a figure told of the incident the article is telling. */
  duringTheIncident: {
    id: 'segment.during-the-incident',
    anyOf: ['during', 'in', 'after', 'amid'],
    pattern:
      /\b(?:during|in|after|amid)\s+the\s+(?:[\p{L}-]+\s+)?(?:operation|attack|assault|blast|explosion|encounter|clash|raid|ambush|gunfight|exchange of fire|shootout|fighting)\b/iu,
  },
  /** "the blast", "the Chaman attack", "this deadly assault": a cue the article has already reported (tested on
   * the words before the cue). */
  definite: {
    id: 'segment.definite-reference',
    // up to two modifiers ("the deadly Chaman blast"), never a verb ("the aftermath showed torched ..."); or a
    // pronoun that suffers the act ("when it came under attack", "they were ambushed"): what it stands for, and
    // so the act, was told before
    pattern:
      /\b(?:the|this|that|these|those)\s+(?:(?![\p{L}'\u2019-]*(?:ed|ing)\s)[\p{L}\p{N}'\u2019-]+\s+){0,2}$|\b(?:it|they)\s+(?:(?:had|has|have)\s+)?(?:(?:came|come)\s+under|was|were|been)\s+$/iu,
  },
} as const;

// The segmenter asks the same rule of the same sentence many times over (whether it opens, continues, takes up
// or recalls an incident): answers are remembered per text, in a bounded memory dropped when full and at each new
// document. Each pattern asked gets a bit; a text's memory is two numbers, the patterns asked and those that held.
const asked = new DroppableMap<string, number>();
const held = new DroppableMap<string, number>();
forgetPerDocument(() => {
  asked.drop();
  held.drop();
});
const patternBits = new Map<RegExp, number>();
/** Bits a number holds exactly under bitwise operators; patterns past these are tested afresh each time. */
const MAX_PATTERN_BITS = 31;
const MAX_REMEMBERED_TEXTS = 4096;
/** Longer texts (a megabyte without a full stop) are tested afresh: remembering them would hold them. */
const MAX_REMEMBERED_LENGTH = 10_000;

function bitOf(pattern: RegExp): number {
  let bit = patternBits.get(pattern);
  if (bit === undefined) {
    bit = patternBits.size < MAX_PATTERN_BITS ? 1 << patternBits.size : 0;
    patternBits.set(pattern, bit);
  }
  return bit;
}

/** Whether a rule's pattern holds in a text (none of the patterns is global, so an answer never changes). */
export function matches(rule: SignalRule, text: string): boolean {
  const bit = bitOf(rule.pattern);
  if (bit === 0 || text.length > MAX_REMEMBERED_LENGTH) return test(rule.pattern, text);
  const known = asked.get(text) ?? 0;
  if ((known & bit) !== 0) return ((held.get(text) ?? 0) & bit) !== 0;
  const answer = mayHold(rule, text) && test(rule.pattern, text);
  if (known === 0 && asked.size >= MAX_REMEMBERED_TEXTS) {
    asked.drop();
    held.drop();
  }
  asked.set(text, known | bit);
  if (answer) held.set(text, (held.get(text) ?? 0) | bit);
  return answer;
}

interface SignalRule {
  readonly pattern: RegExp;
  readonly anyOf?: readonly string[];
}

// Each rule with an `anyOf` list gets a bit, and each of its words the bits of the rules that list it.
const ruleBits = new Map<RegExp, number>();
const wordBits = new Map<string, number>();
for (const rule of Object.values(SIGNAL_RULES) as SignalRule[]) {
  if (!rule.anyOf) continue;
  const bit = 1 << ruleBits.size;
  ruleBits.set(rule.pattern, bit);
  for (const word of rule.anyOf) wordBits.set(word, (wordBits.get(word) ?? 0) | bit);
}
const bitsOfWord = wordTable(wordBits);

/**
 * False when a text holds none of the words the rule's pattern needs, read from its word tokens. Tokens split
 * where a regex's `\b` may not (at a non-ASCII letter, inside an editorial bracket that `test` removes), so a text
 * with such a character is always given to the regex.
 */
function mayHold(rule: SignalRule, text: string): boolean {
  const bit = ruleBits.get(rule.pattern);
  if (bit === undefined || text.includes('[')) return true;
  const tokens = wordTokens(text);
  const ids = wordIds(tokens);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if ((bitsOfWord.at(ids[i]!) & bit) !== 0 || (!token.plain && !isAscii(token.raw))) return true;
  }
  return false;
}

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

function test(pattern: RegExp, text: string): boolean {
  // editorial brackets inside a quotation ("In [the] third encounter") change nothing it says
  return pattern.test(text.includes('[') ? text.replace(/[[\]]/g, '') : text);
}

const COUNT_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
};

/** "a day after", "five days after": how many days before the incident just told the one a sentence recalls is. */
export function daysBefore(text: string): number | null {
  const m = /\b(a|one|two|three|four|five|six|seven|\d) days? (?:after|since)\b/i.exec(text);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  return COUNT_WORDS[word] ?? Number(word);
}

/** How many days after the incident before it a "the next day" / "two days later" sentence is, or null. */
export function daysAfter(text: string): number | null {
  const m = SIGNAL_RULES.dayAfter.pattern.exec(text);
  if (!m) return null;
  const count = /^(a|one|two|three|\d)\s+days?\s+later$/i.exec(m[0]);
  if (!count) return 1;
  const word = count[1]!.toLowerCase();
  return COUNT_WORDS[word] ?? Number(word);
}

/** The cue that decides the incident's type: the highest priority, the earliest among equals. */
export function strongestCue(cues: readonly EventCue[]): EventCue | null {
  let best: EventCue | null = null;
  for (const cue of cues) if (!best || cue.priority > best.priority) best = cue;
  return best;
}

/**
 * The cue an incident is read by: the strongest, unless people were killed or hurt and the strongest tells of no
 * violence ("guards foiled a raid; five militants died"): then the strongest violent one.
 */
export function incidentCue(cues: readonly EventCue[], hurt: boolean): EventCue | null {
  const strongest = strongestCue(cues);
  if (!hurt || !strongest || isViolentCue(strongest)) return strongest;
  return strongestCue(cues.filter(isViolentCue)) ?? strongest;
}

/** Cues that can open an incident: violence, or an event of its own such as a bomb defused; not arrests,
 * protests or agreements. */
export function opensIncident(cue: EventCue): boolean {
  return isViolentCue(cue) || cue.opensIncident;
}

/** Cues of violence. */
export function isViolentCue(cue: EventCue): boolean {
  return (
    cue.eventType === 'Battles' ||
    cue.eventType === 'Explosions/Remote violence' ||
    cue.eventType === 'Violence against civilians' ||
    cue.subEventType === 'Looting/property destruction'
  );
}

/** A date that anchors an incident: any resolved date but a year-long or vaguer one. */
export function ownDate(dates: readonly DateMention[]): DateMention | null {
  const named = dates.filter((d) => d.date.precision !== 'year');
  // "On Sunday, forces foiled two attacks on 24-25 October": the calendar date is the incident's; a weekday
  // after it is the day it was told
  const calendar = named.filter((d) => d.kind === 'absolute');
  const firm =
    calendar.length > 0
      ? named.filter(
          (d) =>
            d.kind === 'absolute' ||
            calendar.some((c) => !(d.date.end > c.date.end && d.date.start > c.date.end)),
        )
      : named;
  if (firm.length === 0) return dates[0] ?? null;
  if (firm.length === 1) return firm[0]!;
  // several days in one sentence ("92 on Saturday and another 41 on Friday"): span them all
  let start = firm[0]!.date.start;
  let end = firm[0]!.date.end;
  for (const d of firm) {
    if (d.date.start < start) start = d.date.start;
    if (d.date.end > end) end = d.date.end;
  }
  if (start === firm[0]!.date.start && end === firm[0]!.date.end) return firm[0]!;
  return {
    ...firm[0]!,
    ruleId: 'date.span-of-several',
    date: { start, end, precision: start === end ? 'day' : 'days' },
  };
}

const ROLE_RANK: Readonly<Record<PlaceMention['role'], number>> = {
  area: 0,
  town: 1,
  district: 2,
  province: 3,
  country: 4,
};

export function roleRank(place: PlaceMention): number {
  return ROLE_RANK[place.role];
}

/** Places below the province: the ones that can locate an incident on their own. */
export function finePlaces(places: readonly PlaceMention[]): PlaceMention[] {
  return places.filter((p) => p.role !== 'province' && p.role !== 'country');
}

/** True when a place lies inside (or is) another: a town inside a named district, a district inside a province. */
export function within(inner: PlaceMention, outer: PlaceMention): boolean {
  if (inner === outer) return false;
  const a = inner.location;
  const b = outer.location;
  if (outer.role === 'country') return a.country === b.country;
  if (outer.role === 'province') return a.admin1 !== null && a.admin1 === b.admin1;
  if (outer.role === 'district') return roleRank(inner) < 2 && a.admin2 !== null && a.admin2 === b.admin2;
  return false;
}

/** Drops the places that only contain another place of the same sentence ("Katgan, also in Kech"). */
export function innermostPlaces(places: readonly PlaceMention[]): PlaceMention[] {
  return places.filter((p) => !places.some((q) => within(q, p) || hosts(p, q)));
}

/** "Shalkot Cross in Kalat": the town right after an area of the same district is the area's host, not a second place. */
function hosts(town: PlaceMention, area: PlaceMention): boolean {
  if (town.role !== 'town' || area.role !== 'area') return false;
  if (town.location.admin2 === null || town.location.admin2 !== area.location.admin2) return false;
  return Math.abs(town.span[0] - area.span[1]) <= 12 || Math.abs(area.span[0] - town.span[1]) <= 12;
}

/**
 * Places written as one coordinated list ("Quetta, Gwadar, Mastung and Noshki", "the port city of Gwadar,
 * and the districts of Pasni"): what stands between two of them is commas, "and", and a few lower-case words.
 */
export function listedPlaces(
  places: readonly PlaceMention[],
  text: string,
  offset: number,
): PlaceMention[][] {
  const sorted = [...places].sort((a, b) => a.span[0] - b.span[0]);
  const groups: PlaceMention[][] = [];
  for (const place of sorted) {
    const group = groups[groups.length - 1];
    const prev = group?.[group.length - 1];
    if (group && prev) {
      const gap = text.slice(prev.span[1] - offset, place.span[0] - offset);
      // "Dasht, Turbat", "In North Waziristan, the Ghulam Khan border": a comma between two places of one
      // district locates one by the other; only "and" lists places that near each other
      const apposition =
        !/\band\b|&/i.test(gap) &&
        prev.location.admin2 !== null &&
        prev.location.admin2 === place.location.admin2;
      if (
        gap.length <= EXTRACT_SETTINGS.listGapLength &&
        SIGNAL_RULES.placeList.pattern.test(gap) &&
        !apposition
      ) {
        group.push(place);
        continue;
      }
    }
    groups.push([place]);
  }
  // "on the road between Bannu and Mir Ali": two places that bound a route locate one incident, they list none
  return groups.flatMap((g) =>
    g.length === 2 && boundsRoute(g[0]!, text, offset) ? g.map((p) => [p]) : [g],
  );
}

function boundsRoute(first: PlaceMention, text: string, offset: number): boolean {
  const at = first.span[0] - offset;
  return SIGNAL_RULES.routeBetween.pattern.test(text.slice(Math.max(0, at - 16), at));
}

/** The ends of a journey: "coming from Peshawar", "travelling to Quetta", "bound for Karachi", "from Peshawar to",
 * "the bus had left Karachi". */
const ROUTE_BEFORE =
  /\b(?:(?:coming|travelling|traveling|going|heading|headed|moving|dispatched|plying|running|departing|arriving|on (?:its|their|his|her) way) (?:\w+ ){0,2}(?:from|to|towards|for)|bound for|en route to|left|leaving|departed|departing|set off from|set out from|from \p{Lu}[\p{L}'\u2019-]*(?: \p{Lu}[\p{L}'\u2019-]*)? (?:to|towards|toward))\s+(?:the\s+)?$/u;
/** "the Quetta-bound train", "from Peshawar to Quetta": written after the name. */
const ROUTE_AFTER = /^(?:-|\s)bound\b|^\s+to\s+\p{Lu}/u;

function onRoute(place: PlaceMention, a: SentenceAnalysis): boolean {
  const at = place.span[0] - a.sentence.start;
  const before = a.sentence.text.slice(Math.max(0, at - EXTRACT_SETTINGS.routeBeforeWindow), at);
  const after = a.sentence.text.slice(
    place.span[1] - a.sentence.start,
    place.span[1] - a.sentence.start + EXTRACT_SETTINGS.routeAfterWindow,
  );
  return ROUTE_BEFORE.test(before) || ROUTE_AFTER.test(after);
}

/** "resident of Lakki Marwat", "shifted to Quetta for treatment": where a victim lives or was taken, not where
 * the incident happened. */
const ELSEWHERE_BEFORE =
  /\b(?:residents? of|natives? of|hailing from|belonged to|belonging to|hometown|home town|hails from|(?:shifted|moved|taken|rushed|referred|transported|airlifted|flown) (?:\w+ ){0,3}to|via|wanted (?:\w+ ){0,4}in)\s+(?:the\s+)?$/i;
/** "around 60 kilometres from Turbat": a point of reference the incident lay away from. */
const DISTANCE_FROM = /\b(?:kilometres|kilometers|km|kms|miles)\s+(?:away\s+)?from\s+(?:the\s+)?$/i;
/** "nine labourers from Punjab", "passengers from Lahore": where the people came from, unless they were taken
 * from it ("abducted six workers from Awaran"). */
const PEOPLE_FROM =
  /\b(?:individuals|people|persons|men|women|labou?rers|workers|passengers|travellers|travelers|pilgrims|students|tourists|migrants|settlers|nationals)\s+from\s+(?:the\s+)?$/i;
const TAKEN_FROM = /\b(?:abducted|kidnapped|picked up|seized|snatched|whisked away|offloaded)\b/i;
/** "sent to the Punjab Forensic Laboratory in Lahore": an institution the dead or hurt were taken to, and its town
 * (case-sensitive: the institution's name is capitalised, "sent to hell in Bannu" names no institution). */
const TAKEN_TO_INSTITUTION =
  /\b(?:[Ss]hifted|[Mm]oved|[Tt]aken|[Rr]ushed|[Rr]eferred|[Tt]ransported|[Aa]irlifted|[Ff]lown|[Ss]ent|[Hh]anded over) (?:\w+ ){0,3}to(?: the)?(?: \p{Lu}[\p{L}'\u2019-]*){1,5},? (?:in|at)\s+$/u;

function elsewhere(place: PlaceMention, a: SentenceAnalysis): boolean {
  const before = a.sentence.text.slice(
    Math.max(0, place.span[0] - a.sentence.start - 80),
    place.span[0] - a.sentence.start,
  );
  return (
    ELSEWHERE_BEFORE.test(before) ||
    TAKEN_TO_INSTITUTION.test(before) ||
    DISTANCE_FROM.test(before) ||
    (PEOPLE_FROM.test(before) && !TAKEN_FROM.test(before))
  );
}

/** True when the sentence's cue takes up an incident already reported ("the blast", "the Quetta attack"). */
export function refersBack(a: SentenceAnalysis, cue: EventCue | null): boolean {
  if (!cue) return false;
  const before = a.sentence.text.slice(
    Math.max(0, cue.span[0] - a.sentence.start - 40),
    cue.span[0] - a.sentence.start,
  );
  return SIGNAL_RULES.definite.pattern.test(before);
}

/** True for a relative day named as the day something was said: "the ISPR said on Wednesday", or "On Tuesday, the
 * TTP claimed the attack" (the day, a comma, the speaker, the verb). */
export function isStatementDay(a: SentenceAnalysis, d: DateMention): boolean {
  if (d.kind !== 'relative') return false;
  const text = a.sentence.text;
  const at = d.span[0] - a.sentence.start;
  const after = d.span[1] - a.sentence.start;
  // the day-first form: a single day that opens the sentence, then a comma
  const opensSentence =
    d.date.precision === 'day' && DAY_OPENS.test(text.slice(0, at)) && text.charAt(after) === ',';
  for (const m of regexMatches(SIGNAL_RULES.statementDay.verb, text)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (end <= at && at - end <= STATEMENT_DAY_REACH) {
      if (SIGNAL_RULES.statementDay.between.test(text.slice(end, at))) return true;
    } else if (opensSentence && start >= after && start - after <= STATEMENT_DAY_REACH) {
      if (SIGNAL_RULES.statementDay.between.test(text.slice(after, start))) return true;
    }
  }
  return false;
}
const STATEMENT_DAY_REACH = 120;
const DAY_OPENS = /^\s*(?:(?:late |early )?on\s+)?$/i;

/** Most specific first; among equals the later one (nearer the verb in "at X in Y, ambushing ..."). */
function mostSpecific(places: readonly PlaceMention[]): PlaceMention {
  return places.reduce((best, p) => (roleRank(p) <= roleRank(best) ? p : best));
}

/** The place an incident happened: a coordinated list if there is one, else the place nearest after the cue. */
export function incidentPlaces(
  a: SentenceAnalysis,
  cue: EventCue | null,
  home: string | null = null,
): PlaceMention[] {
  // most sentences name no place: nothing below would find one
  if (a.places.length === 0) return [];
  const here = a.places.filter((p) => !elsewhere(p, a));
  // a sentence whose only places are a journey's ends ("the train coming from Peshawar") names no place for it
  const located = here.filter((p) => !onRoute(p, a));
  const candidates = finePlaces(located);
  // a coordinated list is read before narrowing, so that "the districts of Pasni, Mastung" stays one list
  const lists = listedPlaces(candidates, a.sentence.text, a.sentence.start).filter((g) => g.length > 1);
  if (lists.length > 0) return lists.reduce((x, y) => (y.length > x.length ? y : x));
  const fine = innermostPlaces(candidates);
  if (fine.length === 0) {
    const provinces = located.filter((p) => p.role === 'province');
    // "air raids on the Afghan provinces of Helmand, Khost and Paktika": abroad, a province is the finest place
    // reports give, and each is an incident of its own
    const abroad = provinces.filter((p) => home !== null && p.location.country !== home);
    const listed = listedPlaces(abroad, a.sentence.text, a.sentence.start).filter((g) => g.length > 1);
    if (listed.length > 0) return listed.reduce((x, y) => (y.length > x.length ? y : x));
    const after = cue ? provinces.filter((p) => p.span[0] >= cue.span[0]) : provinces;
    const province = after[0] ?? provinces[provinces.length - 1];
    return province ? [province] : [];
  }
  if (!cue) return [mostSpecific(fine)];
  const after = fine.filter((p) => p.span[0] >= cue.span[0]);
  if (after.length > 0) return [after[0]!];
  return [mostSpecific(fine)];
}

export function datesOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}
