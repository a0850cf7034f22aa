import type { Gazetteer } from '../../lexicon/gazetteer.js';
import type { PlaceContext } from '../types.js';
import type { Chunk, Token } from './place-tokens.js';
import { gapBefore } from './place-tokens.js';

/** The state one findPlaces call reads: the sentence's tokens and chunks, and the knowledge it was handed. */
export interface Scan {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly chunks: readonly Chunk[];
  readonly gazetteer: Gazetteer;
  readonly context: PlaceContext;
  /** Token index → index of the chunk starting there. */
  readonly chunkAt: Map<number, number>;
  /** Chunks that a plural cue around a list makes districts ("Bolan and Kech districts") or provinces ("the
   * provinces of Helmand, Kandahar and Khost"): chunk index → the kind. */
  readonly forced: Map<number, 'district' | 'province'>;
}

export type CueKind = 'road' | 'district' | 'tehsil' | 'province' | 'town' | 'area';

export interface Cue {
  readonly kind: CueKind;
  readonly plural: boolean;
  /** Written with a capital: part of the name ("Mangi Dam") rather than a description ("Mand area"). */
  readonly capitalised: boolean;
  /** Token index after the cue words. */
  readonly end: number;
}

const ORDER: readonly CueKind[] = ['road', 'district', 'tehsil', 'province', 'town', 'area'];
const SPACE = /^[ \u00a0]{1,2}$/;

function kindOf(gazetteer: Gazetteer, norm: string): CueKind | null {
  for (const kind of ORDER) if (gazetteer.cues[kind].has(norm)) return kind;
  return null;
}

/** The cue word(s) at token t, right after a name: "Kech district", "Dera Bugti district area", "Hub town". */
export function cueAt(scan: Scan, t: number, forced: 'district' | 'province' | null = null): Cue | null {
  const token = scan.tokens[t];
  const next = scan.tokens[t + 1];
  // "within the jurisdiction of the Daraban police station": the station's area is the place.
  if (
    token &&
    next &&
    SPACE.test(gapBefore(scan.text, scan.tokens, t)) &&
    SPACE.test(gapBefore(scan.text, scan.tokens, t + 1)) &&
    scan.gazetteer.cues.jurisdiction.has(`${token.norm} ${next.norm}`)
  )
    return { kind: 'area', plural: next.norm.endsWith('s'), capitalised: false, end: t + 2 };
  // "Orakzai tribal district": the modifier belongs to the cue after it
  if (
    token &&
    next &&
    scan.gazetteer.cues.districtModifier.has(token.norm) &&
    SPACE.test(gapBefore(scan.text, scan.tokens, t)) &&
    SPACE.test(gapBefore(scan.text, scan.tokens, t + 1)) &&
    kindOf(scan.gazetteer, next.norm) === 'district'
  )
    return { kind: 'district', plural: next.norm.endsWith('s'), capitalised: false, end: t + 2 };
  const kind =
    token && SPACE.test(gapBefore(scan.text, scan.tokens, t)) ? kindOf(scan.gazetteer, token.norm) : null;
  if (!token || !kind) return forced ? { kind: forced, plural: true, capitalised: false, end: t } : null;
  let end = t + 1;
  const second = scan.tokens[end];
  if (second && kind !== 'road' && SPACE.test(gapBefore(scan.text, scan.tokens, end))) {
    const secondKind = kindOf(scan.gazetteer, second.norm);
    if (secondKind === 'road') return { kind: 'road', plural: false, capitalised: second.cap, end: end + 1 };
    if (secondKind) end += 1;
  }
  return {
    kind: forced && kind !== 'road' ? forced : kind,
    plural: token.norm.endsWith('s'),
    capitalised: token.cap,
    end,
  };
}
