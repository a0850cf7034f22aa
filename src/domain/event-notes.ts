import type { Claim } from './claim.js';
import type { Mention } from './mention.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(iso: string): [number, string, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [d, MONTHS[m - 1] ?? '', y];
}

/** A date range in ACLED's register: "16 July 2025", "15-16 July 2025", "the week to 1 February 2026". */
export function describeDate(date: Mention['date']): string {
  const [d1, m1, y1] = parts(date.start);
  const [d2, m2, y2] = parts(date.end);
  switch (date.precision) {
    case 'year':
      return `${y1}`;
    case 'month':
      return `${m1} ${y1}`;
    case 'week':
      return `the week to ${d2} ${m2} ${y2}`;
    default:
      if (date.start === date.end) return `${d1} ${m1} ${y1}`;
      if (m1 === m2 && y1 === y2) return `${d1}-${d2} ${m1} ${y1}`;
      return `${d1} ${m1} ${y1} to ${d2} ${m2} ${y2}`;
  }
}

const ACTIONS: Readonly<Record<string, string>> = {
  'Armed clash': 'attacked',
  Attack: 'attacked',
  'Remote explosive/landmine/IED': 'carried out an explosive attack on',
  'Suicide bomb': 'carried out a suicide bombing against',
  Grenade: 'threw a grenade at',
  'Shelling/artillery/missile attack': 'fired rockets or shells at',
  'Air/drone strike': 'carried out an air or drone strike on',
  'Abduction/forced disappearance': 'abducted',
  'Looting/property destruction': 'damaged or set fire to',
  'Disrupted weapons use': 'defused an explosive device aimed at',
  Arrests: 'arrested',
};

const TARGET_WORDS: Readonly<Record<string, string>> = {
  security_forces: 'security forces',
  civilians: 'civilians',
  government: 'government officials or property',
  infrastructure: 'infrastructure',
  militants: 'militants',
  unknown: 'targets not named in the reports',
};

const CATEGORY_WORDS: Readonly<Record<string, string>> = {
  security_forces: 'security personnel',
  civilians: 'civilians',
  militants: 'militants',
  unknown: 'people',
};

const STANCE_VERBS: Readonly<Record<string, string>> = {
  claimed: 'claimed',
  confirmed: 'confirmed',
  acknowledged: 'acknowledged',
  denied: 'denied',
  reported: 'reported',
  estimated: 'estimated',
};

function figure(c: Claim): string {
  if (c.low === c.high) return `${c.approximate ? 'about ' : ''}${c.low}`;
  return `${c.low}-${c.high}`;
}

function describeClaim(c: Claim): string {
  const who = c.claimantKind === 'unattributed' ? 'Reports' : c.claimant;
  const verb = c.claimantKind === 'unattributed' ? 'gave' : STANCE_VERBS[c.stance];
  return `${who} ${verb} ${figure(c)} ${CATEGORY_WORDS[c.category]} ${c.metric}`;
}

/**
 * One neutral sentence in ACLED's register, whatever the sources' framing: actor names are the canonical ones,
 * figures are stated with their claimant, and no loaded word of any source is repeated.
 */
export function describeEvent(mention: Mention, claims: readonly Claim[]): string {
  const who = mention.actor1 ? mention.actor1.name : 'Unidentified assailants';
  const action = ACTIONS[mention.subEventType] ?? 'attacked';
  const target = TARGET_WORDS[mention.target] ?? 'targets not named in the reports';
  const loc = mention.location;
  const where = loc
    ? loc.precision === 'province' || loc.precision === 'country'
      ? ` in ${loc.name}`
      : ` in ${loc.name} (${[loc.admin2, loc.admin1].filter((x) => x && x !== loc.name).join(', ') || loc.country})`
    : '';
  const first = `On ${describeDate(mention.date)}, ${who} ${action} ${target}${where}.`;
  const seen = new Set<string>();
  const said: string[] = [];
  for (const c of claims) {
    const text = describeClaim(c);
    if (seen.has(text)) continue;
    seen.add(text);
    said.push(text);
    if (said.length === 4) break;
  }
  if (said.length === 0) return first;
  const rest = said.join('; ');
  return `${first} ${rest.charAt(0).toUpperCase()}${rest.slice(1)}.`;
}
