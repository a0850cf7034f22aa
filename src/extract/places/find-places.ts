import type { Gazetteer, GazetteerPlace } from '../../lexicon/gazetteer.js';
import { normalisePlaceName } from '../../lexicon/gazetteer.js';
import type { PlaceContext, PlaceMention, PlaceRole, Sentence } from '../types.js';
import { readPlaceNames, type PlaceNames } from './infer-place-context.js';
import { KINDS_BY_CUE, choose, districtOf, locationOf, plausible } from './place-candidates.js';
import { gapBefore, isHyphen } from './place-tokens.js';
import type { Chunk, Token } from './place-tokens.js';
import { readTrail } from './place-trail.js';
import {
  LINKS_IN,
  LINKS_OF,
  anchorOf,
  anchoredArea,
  chunkText,
  commaAnchor,
  insideOf,
  linkedChunk,
  mention,
  precededByLocative,
  withTrail,
  type Result,
} from './place-constructions.js';
import { cueAt, type Cue, type Scan } from './place-scan.js';

export { inferPlaceContext, placeContextOf, readPlaceNames } from './infer-place-context.js';

/**
 * The places a sentence names, in order, one mention per construction: "the Sah Dem area of Zamuran" is one
 * area mention, not an area and a town. Pure, linear in the sentence length.
 */
export function findPlaces(
  sentence: Sentence,
  gazetteer: Gazetteer,
  context: PlaceContext,
  names: PlaceNames = readPlaceNames(sentence.text, gazetteer),
): readonly PlaceMention[] {
  const text = sentence.text;
  const { tokens, chunks } = names;
  const scan: Scan = { text, tokens, chunks, gazetteer, context, chunkAt: new Map(), forced: new Map() };
  chunks.forEach((chunk, i) => scan.chunkAt.set(chunk.from, i));
  markCoordinatedDistricts(scan);
  markListedProvinces(scan);
  const found: PlaceMention[] = [];
  let cursor = 0;
  for (let c = 0; c < chunks.length; c += 1) {
    const chunk = chunks[c] as Chunk;
    if (chunk.from < cursor) continue;
    const result = interpret(scan, c);
    if (!result) continue;
    cursor = result.end;
    if (result.mention) found.push(offset(result.mention, sentence.start));
  }
  return found;
}

function offset(mention: PlaceMention, start: number): PlaceMention {
  return { ...mention, span: [mention.span[0] + start, mention.span[1] + start] };
}

/** "Bolan and Kech districts", "Kech, Panjgur and Awaran districts": the plural cue applies to every name of the list. */
function markCoordinatedDistricts(scan: Scan): void {
  for (let c = scan.chunks.length - 1; c > 0; c -= 1) {
    const chunk = scan.chunks[c] as Chunk;
    const cue = cueAt(scan, chunk.to);
    if (cue?.kind !== 'district' || !cue.plural || chunk.type !== 'known') continue;
    for (let b = c - 1; b >= 0; b -= 1) {
      const prev = scan.chunks[b] as Chunk;
      const next = scan.chunks[b + 1] as Chunk;
      if (prev.type !== 'known' || !listJoined(scan, prev.to, next.from)) break;
      scan.forced.set(b, 'district');
    }
  }
}

/** "the Afghan provinces of Helmand, Kandahar, Khost and Paktika": every name of the list is a province. */
function markListedProvinces(scan: Scan): void {
  for (let c = 0; c < scan.chunks.length; c += 1) {
    const chunk = scan.chunks[c] as Chunk;
    const of = scan.tokens[chunk.from - 1];
    const cue = scan.tokens[chunk.from - 2];
    if (of?.norm !== 'of' || !cue || !scan.gazetteer.cues.province.has(cue.norm) || !cue.norm.endsWith('s'))
      continue;
    scan.forced.set(c, 'province');
    for (let n = c + 1; n < scan.chunks.length; n += 1) {
      const prev = scan.chunks[n - 1] as Chunk;
      const next = scan.chunks[n] as Chunk;
      if (!listJoined(scan, prev.to, next.from)) break;
      scan.forced.set(n, 'province');
    }
  }
}

function listJoined(scan: Scan, from: number, to: number): boolean {
  const between = scan.text.slice((scan.tokens[from - 1] as Token).end, (scan.tokens[to] as Token).start);
  if (to === from) return /^\s?,\s?$/.test(between);
  return to === from + 1 && (scan.tokens[from] as Token).norm === 'and' && /^,?\s?and\s?$/i.test(between);
}

/** A name whose every candidate is implausible here (a small foreign village) is as good as unlisted. */
function effective(scan: Scan, chunk: Chunk): Chunk {
  if (chunk.type !== 'known' || chunk.known[0]?.candidates.some((p) => plausible(p, scan.context)))
    return chunk;
  return { ...chunk, type: 'unknown', known: [] };
}

/** "a Levies post", "an Army camp": a force's name before a place word names the force's post, not a place. */
function namesForce(scan: Scan, chunk: Chunk): boolean {
  if (chunk.type !== 'unknown') return false;
  const { organisation, notPlaces } = scan.gazetteer.cues;
  for (let k = chunk.from; k < chunk.to; k += 1) {
    const norm = (scan.tokens[k] as Token).norm;
    if (!organisation.has(norm) && !notPlaces.has(norm)) return false;
  }
  return true;
}

function interpret(scan: Scan, c: number): Result | null {
  const chunk = effective(scan, scan.chunks[c] as Chunk);
  if (namesForce(scan, chunk)) return { mention: null, end: chunk.to };
  const cue = cueAt(scan, chunk.to, scan.forced.get(c) ?? null);
  const afterCue = cue ? cue.end : chunk.to;
  if (cue?.kind === 'road') return { mention: null, end: afterCue };
  if (chunk.type === 'mixed') {
    const hyphenated =
      chunk.known.length > 1 ||
      chunk.known.some(
        (k) =>
          isHyphen(gapBefore(scan.text, scan.tokens, k.to)) ||
          isHyphen(gapBefore(scan.text, scan.tokens, k.from)),
      );
    if (hyphenated) return { mention: null, end: chunk.to };
  }
  const possessive = possessiveArea(scan, chunk);
  if (possessive) return possessive;

  const areaCue =
    cue &&
    (cue.kind === 'area' || (chunk.type !== 'known' && (cue.kind === 'town' || cue.kind === 'tehsil')));
  if (areaCue) {
    const ofChunk = linkedChunk(scan, afterCue, LINKS_OF);
    const linked = ofChunk ?? linkedChunk(scan, afterCue, LINKS_IN);
    const anchor = linked ? anchorOf(scan, linked) : null;
    if (anchor) {
      const inside = chunk.type === 'known' ? insideOf(scan, chunk, anchor.place) : null;
      if (inside) return knownMention(scan, c, cue, inside);
      return anchoredArea(
        scan,
        chunk.from,
        chunkText(scan, chunk, cue),
        anchor.place,
        anchor.end,
        ofChunk ? 'place.area-of-town' : 'place.area-in-known',
      );
    }
  }
  if (chunk.type !== 'known') {
    if (areaCue || precededByLocative(scan, chunk.from)) {
      const viaComma = commaAnchor(scan, afterCue);
      if (viaComma) {
        const rule = viaComma.paren ? 'place.paren-district-province' : 'place.unknown-comma-known';
        return anchoredArea(
          scan,
          chunk.from,
          chunkText(scan, chunk, cue),
          viaComma.place,
          viaComma.end,
          rule,
        );
      }
    }
    if (!cue && precededByLocative(scan, chunk.from)) {
      const linked = linkedChunk(scan, chunk.to, LINKS_IN);
      const linkedCue = linked ? cueAt(scan, linked.to) : null;
      const anchor =
        linked && (linkedCue?.kind === 'district' || linkedCue?.kind === 'tehsil')
          ? anchorOf(scan, linked)
          : null;
      if (anchor)
        return anchoredArea(
          scan,
          chunk.from,
          chunkText(scan, chunk, null),
          anchor.place,
          anchor.end,
          'place.unknown-in-known',
        );
    }
    if (areaCue && chunk.type === 'mixed') {
      // "Mashkai Tank area": a locality named after the town it lies by.
      const seg = chunk.known[0];
      // "Mir Ali Khel area" is a clan's village, not an area of Mir Ali
      const suffixed =
        seg && scan.gazetteer.cues.nameSuffix.has((scan.tokens[seg.to] as Token | undefined)?.norm ?? '');
      const head =
        seg && seg.from === chunk.from && !suffixed && !scan.gazetteer.cues.needsCue.has(seg.name)
          ? choose(seg.candidates, { kinds: ['town', 'area'] }, scan.context)
          : null;
      if (head)
        return anchoredArea(
          scan,
          chunk.from,
          chunkText(scan, chunk, cue),
          head,
          afterCue,
          'place.area-named-after-town',
        );
    }
    return null;
  }
  return knownMention(scan, c, cue, null);
}

/** "Quetta's Faizabad area", "Kohat's Lachi tehsil": the area of the town or district; "Islamabad's narrative": the government, not a place. */
function possessiveArea(scan: Scan, chunk: Chunk): Result | null {
  const s = scan.tokens[chunk.to];
  if (
    chunk.type !== 'known' ||
    s?.norm !== 's' ||
    !/^['’]$/.test(gapBefore(scan.text, scan.tokens, chunk.to))
  )
    return null;
  const c = scan.chunkAt.get(chunk.to + 1);
  const area = c === undefined ? undefined : scan.chunks[c];
  const cue = area ? cueAt(scan, area.to) : null;
  const seg = chunk.known[0];
  if (area && seg && (cue?.kind === 'area' || cue?.kind === 'town' || cue?.kind === 'tehsil')) {
    const anchor = choose(seg.candidates, { kinds: ['town', 'district', 'area'] }, scan.context);
    const inside = anchor && area.type === 'known' ? insideOf(scan, area, anchor) : null;
    if (inside) {
      const result = knownMention(scan, c as number, cue, inside);
      const first = (scan.tokens[chunk.from] as Token).start;
      return result?.mention
        ? {
            ...result,
            mention: {
              ...result.mention,
              span: [first, result.mention.span[1]],
              text: scan.text.slice(first, result.mention.span[1]),
            },
          }
        : result;
    }
    if (anchor)
      return anchoredArea(
        scan,
        chunk.from,
        chunkText(scan, area, cue),
        anchor,
        cue.end,
        'place.possessive-area',
      );
  }
  if (seg && scan.gazetteer.cues.capitals.has(seg.name) && !area) return { mention: null, end: chunk.to + 1 };
  return null;
}

/**
 * "Pakistan soldiers", "six Punjab workers", "the Balochistan government": a country or province name used as a
 * modifier of the noun after it, not as the place of the event. A locative before it ("in Balochistan on Friday") keeps it.
 */
function modifier(scan: Scan, chunk: Chunk): boolean {
  const next = scan.tokens[chunk.to];
  if (!next || next.cap || !/^[ \u00a0]$/.test(gapBefore(scan.text, scan.tokens, chunk.to))) return false;
  const { cues } = scan.gazetteer;
  if (cues.organisation.has(next.norm)) return true;
  return (
    !precededByLocative(scan, chunk.from) && !cues.function.has(next.norm) && !cues.locative.has(next.norm)
  );
}

const RULE_BY_CUE: Record<'district' | 'tehsil' | 'town' | 'province', string> = {
  district: 'place.district-suffix',
  tehsil: 'place.tehsil-suffix',
  town: 'place.town-suffix',
  province: 'place.province',
};

const sameName = (a: string | null, b: string): boolean =>
  !!a && normalisePlaceName(a) === normalisePlaceName(b);

function knownMention(
  scan: Scan,
  c: number,
  cue: Cue | null,
  confirmed: GazetteerPlace | null,
): Result | null {
  const chunk = scan.chunks[c] as Chunk;
  const seg = chunk.known[0];
  if (!seg) return null;
  const { cues } = scan.gazetteer;
  const districtOfBefore =
    scan.tokens[chunk.from - 1]?.norm === 'of' && cues.district.has(scan.tokens[chunk.from - 2]?.norm ?? '');
  const cueKind = districtOfBefore ? 'district' : cue && cue.kind !== 'road' ? cue.kind : 'none';
  const afterCue = cue ? cue.end : chunk.to;
  if (cues.needsCue.has(seg.name) && cueKind === 'none' && !precededByLocative(scan, chunk.from))
    return { mention: null, end: chunk.to };
  let place = confirmed;
  let trail = readTrail(scan, afterCue, null);
  if (!place) {
    place = choose(
      seg.candidates,
      { kinds: KINDS_BY_CUE[cueKind], admin2: trail.admin2?.name, admin1: trail.admin1 },
      scan.context,
    );
    // "Turbat district" means Kech; but in "the districts of Pasni, Mastung" a town the writer loosely calls a
    // district stays the town: it is the more precise place
    if (place && cueKind === 'district' && place.kind === 'town' && !districtOfBefore)
      place = districtOf(place, scan.gazetteer);
  }
  if (!place) return { mention: null, end: chunk.to };
  // "Sangar Kaur (Awaran district)": a town of that spelling in another district is a coincidence of names; the
  // place is an unlisted locality of the district written beside it. Only a parenthesised trail says so: in
  // "Panjgur, Kharan" the second name is another town, not Panjgur's district.
  if (
    !confirmed &&
    trail.paren &&
    trail.admin2 &&
    (place.kind === 'town' || place.kind === 'area') &&
    !sameName(place.admin2, trail.admin2.name)
  )
    return anchoredArea(
      scan,
      chunk.from,
      chunkText(scan, chunk, cue),
      trail.admin2,
      trail.end,
      'place.paren-district-province',
    );
  if ((place.kind === 'province' || place.kind === 'country') && !cue && modifier(scan, chunk))
    return { mention: null, end: afterCue };
  // A neighbouring country named in a document about another is where fire came from, not where it fell.
  if (place.kind === 'country' && scan.context.country && place.country !== scan.context.country)
    return { mention: null, end: afterCue };
  trail = readTrail(scan, afterCue, place);
  const role: PlaceRole = place.kind;
  const ruleId = trail.paren
    ? 'place.paren-district-province'
    : districtOfBefore
      ? 'place.district-of'
      : cueKind !== 'none' && cueKind !== 'area' && place.kind !== 'province' && place.kind !== 'country'
        ? RULE_BY_CUE[cueKind]
        : place.kind === 'district'
          ? 'place.district'
          : `place.${place.kind}`;
  const location = withTrail(locationOf(place, scan.gazetteer), place, trail);
  return { mention: mention(scan, chunk.from, trail.end, ruleId, role, location), end: trail.end };
}
