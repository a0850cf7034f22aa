import type { Location } from '../../domain/index.js';
import { normalisePlaceName, type Gazetteer, type GazetteerPlace } from '../../lexicon/gazetteer.js';
import type { PlaceMention, PlaceRole } from '../types.js';
import { KINDS_BY_CUE, areaLocation, choose, districtOf, locationOf } from './place-candidates.js';
import { cueAt, type Cue, type Scan } from './place-scan.js';
import { gapBefore, type Chunk, type Token } from './place-tokens.js';
import { readTrail, type Trail } from './place-trail.js';

/** Words that tie a part of a place to the place: "area OF Zamuran", "area IN Mand tehsil", "NEAR Sibi district". */
export const LINKS_OF = new Set(['of']);
export const LINKS_IN = new Set(['in', 'near', 'at', 'inside', 'within']);

export interface Result {
  readonly mention: PlaceMention | null;
  /** Token index after the last token the construction read. */
  readonly end: number;
}

export function mention(
  scan: Scan,
  from: number,
  to: number,
  ruleId: string,
  role: PlaceRole,
  location: Location,
): PlaceMention {
  const start = (scan.tokens[from] as Token).start;
  const end = (scan.tokens[to - 1] as Token).end;
  const own = districtNamed(location, scan.gazetteer);
  // every mention has every field, in one order: the passes read places by the thousand, and objects of one shape
  // keep those reads fast
  return {
    span: [start, end],
    text: scan.text.slice(start, end),
    ruleId,
    role,
    location,
    parentDistrict: own?.parent,
    district: own && (role === 'town' || role === 'area') ? locationOf(own, scan.gazetteer) : undefined,
    anchored: undefined,
  };
}

/** The gazetteer's district of the location's admin2, or null. */
function districtNamed(location: Location, gazetteer: Gazetteer): GazetteerPlace | null {
  if (location.admin2 === null) return null;
  const districts = gazetteer.districtsByName.get(normalisePlaceName(location.admin2)) ?? [];
  return districts.find((d) => d.country === location.country && d.admin1 === location.admin1) ?? null;
}

export function precededByLocative(scan: Scan, from: number): boolean {
  const prev = scan.tokens[from - 1];
  if (!prev) return false;
  if (prev.norm === 'the') return precededByLocative(scan, from - 1);
  return !/\S/.test(gapBefore(scan.text, scan.tokens, from)) && scan.gazetteer.cues.locative.has(prev.norm);
}

/** "of Zamuran", "in Mand tehsil", "near the Sibi district": the known chunk after a link word at token t. */
export function linkedChunk(scan: Scan, t: number, links: ReadonlySet<string>): Chunk | null {
  const word = scan.tokens[t];
  if (!word || !links.has(word.norm) || /\S/.test(gapBefore(scan.text, scan.tokens, t))) return null;
  let next = t + 1;
  if (scan.tokens[next]?.norm === 'the') next += 1;
  const c = scan.chunkAt.get(next);
  const chunk = c === undefined ? undefined : scan.chunks[c];
  return chunk?.type === 'known' && /^\s+$/.test(gapBefore(scan.text, scan.tokens, next)) ? chunk : null;
}

/** The place a known chunk names when it anchors a construction, read with its own cue. */
export function anchorOf(scan: Scan, chunk: Chunk): { place: GazetteerPlace; end: number } | null {
  const seg = chunk.known[0];
  if (!seg) return null;
  const cue = cueAt(scan, chunk.to);
  const kinds = cue?.kind === 'district' ? KINDS_BY_CUE.district : (['town', 'area', 'district'] as const);
  let place = choose(seg.candidates, { kinds }, scan.context);
  if (place && cue?.kind === 'district' && place.kind === 'town') place = districtOf(place, scan.gazetteer);
  return place ? { place, end: cue ? cue.end : chunk.to } : null;
}

export function chunkText(scan: Scan, chunk: Chunk, cue: Cue | null): string {
  const start = (scan.tokens[chunk.from] as Token).start;
  // A capitalised generic belongs to the name ("Mangi Dam", "Shalkot Cross"); a lowercase one does not.
  const last = cue && cue.capitalised ? cue.end : chunk.to;
  return scan.text.slice(start, (scan.tokens[last - 1] as Token).end);
}

export function anchoredArea(
  scan: Scan,
  from: number,
  name: string,
  anchor: GazetteerPlace,
  end: number,
  ruleId: string,
): Result {
  const trail = readTrail(scan, end, anchor);
  const base = areaLocation(name, anchor, scan.gazetteer);
  const found = mention(scan, from, trail.end, ruleId, 'area', withTrail(base, anchor, trail));
  return { mention: { ...found, anchored: true }, end: trail.end };
}

export function withTrail(location: Location, place: GazetteerPlace, trail: Trail): Location {
  return {
    ...location,
    admin2: location.admin2 ?? trail.admin2?.name ?? null,
    // The gazetteer's province wins over the one written: sources misname provinces.
    admin1: location.admin1 ?? place.admin1 ?? trail.admin1 ?? null,
  };
}

/** A known name written as part of the anchor ("Mand area in Kech district"): the town itself, confirmed. */
export function insideOf(scan: Scan, chunk: Chunk, anchor: GazetteerPlace): GazetteerPlace | null {
  const seg = chunk.known[0];
  if (!seg) return null;
  const district = anchor.kind === 'district' ? anchor.name : anchor.admin2;
  const place = choose(seg.candidates, { kinds: KINDS_BY_CUE.area, admin2: district }, scan.context);
  return place && district && place.admin2 === district ? place : null;
}

/** ", Kachi district" or "(Kech district, Balochistan)" right after an unlisted name: the district or town it lies in. */
export function commaAnchor(
  scan: Scan,
  t: number,
): { place: GazetteerPlace; end: number; paren: boolean } | null {
  const gap = gapBefore(scan.text, scan.tokens, t);
  if (!/^\s?[,(]\s?$/.test(gap)) return null;
  const c = scan.chunkAt.get(t);
  const chunk = c === undefined ? undefined : scan.chunks[c];
  if (!chunk || chunk.type !== 'known') return null;
  const anchor = anchorOf(scan, chunk);
  if (!anchor || (anchor.place.kind !== 'district' && anchor.place.kind !== 'town')) return null;
  return { ...anchor, paren: gap.includes('(') };
}
