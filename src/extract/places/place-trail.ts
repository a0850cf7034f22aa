import type { GazetteerPlace } from '../../lexicon/gazetteer.js';
import { normalisePlaceName } from '../../lexicon/gazetteer.js';
import { choose, districtOf } from './place-candidates.js';
import { cueAt, type Scan } from './place-scan.js';
import { gapBefore } from './place-tokens.js';

/** What a trail of admin names after a place says about it: "Turbat, Kech district, Balochistan, Pakistan". */
export interface Trail {
  readonly admin2: GazetteerPlace | null;
  readonly admin1: string | null;
  /** Token index after the last trail word read. */
  readonly end: number;
  /** Whether the trail was written in parentheses, the way ACLED notes write the district and province. */
  readonly paren: boolean;
}

const TRAIL_GAP = /^[\s,()]{1,6}$/;
const MAX_STEPS = 4;

const same = (a: string | null, b: string | null): boolean =>
  !!a && !!b && normalisePlaceName(a) === normalisePlaceName(b);

/**
 * Reads the district, province and country written after a place (", X" or "(X, Y)") from token t.
 * With a place, a district is taken only when it is the place's own or inside parentheses, so that a list of
 * towns ("Quetta, Mastung") is not read as a trail; without one, everything is read as a hint for disambiguation.
 */
export function readTrail(scan: Scan, t: number, place: GazetteerPlace | null): Trail {
  let end = t;
  let admin2: GazetteerPlace | null = null;
  let admin1: string | null = null;
  let paren = false;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const gap = gapBefore(scan.text, scan.tokens, end);
    if (!TRAIL_GAP.test(gap) || !/[,(]/.test(gap)) break;
    const c = scan.chunkAt.get(end);
    const chunk = c === undefined ? undefined : scan.chunks[c];
    const seg = chunk?.type === 'known' ? chunk.known[0] : undefined;
    if (!chunk || !seg) break;
    const inParen: boolean = paren || gap.includes('(');
    const cue = cueAt(scan, chunk.to);
    const kinds =
      cue?.kind === 'district'
        ? (['district', 'town'] as const)
        : (['province', 'country', 'district', 'town'] as const);
    let found = choose(seg.candidates, { kinds }, scan.context);
    if (found?.kind === 'town') found = districtOf(found, scan.gazetteer);
    if (!found) break;
    if (found.kind === 'district') {
      if (admin2 || admin1) break;
      if (place && !inParen && !fitsDistrict(place, found)) break;
      if (place && (place.kind === 'district' || place.kind === 'province' || place.kind === 'country'))
        break;
      admin2 = found;
    } else if (found.kind === 'province') {
      if (admin1 || place?.kind === 'province' || place?.kind === 'country') break;
      admin1 = found.name;
    } else if (found.kind !== 'country' || place?.kind === 'country') break;
    paren = inParen;
    end = cue && cue.kind !== 'road' ? cue.end : chunk.to;
  }
  return { admin2, admin1, end, paren };
}

function fitsDistrict(place: GazetteerPlace, district: GazetteerPlace): boolean {
  if (place.admin2) return same(place.admin2, district.name);
  return same(place.admin1, district.admin1);
}
