import type { Gazetteer, GazetteerPlace } from '../../lexicon/gazetteer.js';
import type { PlaceContext } from '../types.js';
import { buildChunks, matchKnown, tokenise, type Chunk, type Token } from './place-tokens.js';

/** The one value every candidate shares, or null when they disagree. */
function shared(
  candidates: readonly GazetteerPlace[],
  key: (p: GazetteerPlace) => string | null,
): string | null {
  const first = candidates[0] ? key(candidates[0]) : null;
  return first !== null && candidates.every((p) => key(p) === first) ? first : null;
}

function argmax(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [key, count] of counts) {
    // Ties go to the first seen, so the order of the text decides, never the map's internals.
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

/** The words of one text grouped into name chunks: what the place context and the place pass both read. */
export interface PlaceNames {
  readonly tokens: readonly Token[];
  readonly chunks: readonly Chunk[];
}

/** Reads a text's names once (gazetteer names, unlisted capitalised names); no context is needed for it. */
export function readPlaceNames(text: string, gazetteer: Gazetteer): PlaceNames {
  const tokens = tokenise(text);
  return { tokens, chunks: buildChunks(text, tokens, matchKnown(text, tokens, gazetteer), gazetteer) };
}

/**
 * The country and province a document is mostly about, counted over the names that can only be one country
 * (or one province). Names that need a cue ("Tank") and names inside longer names ("Pakistan Army") are not counted.
 */
export function inferPlaceContext(text: string, gazetteer: Gazetteer): PlaceContext {
  return placeContextOf([readPlaceNames(text, gazetteer)], gazetteer);
}

/** `inferPlaceContext` over names already read, sentence by sentence, in the order of the text. */
export function placeContextOf(readings: readonly PlaceNames[], gazetteer: Gazetteer): PlaceContext {
  const countries = new Map<string, number>();
  const provinces = new Map<string, number>();
  for (const reading of readings) {
    for (const chunk of reading.chunks) {
      const seg = chunk.type === 'known' ? chunk.known[0] : undefined;
      if (!seg || gazetteer.cues.needsCue.has(seg.name)) continue;
      const country = shared(seg.candidates, (p) => p.country);
      if (!country) continue;
      countries.set(country, (countries.get(country) ?? 0) + 1);
      const admin1 = shared(seg.candidates, (p) => p.admin1);
      if (admin1) {
        const key = `${country}\u0000${admin1}`;
        provinces.set(key, (provinces.get(key) ?? 0) + 1);
      }
    }
  }
  const country = argmax(countries);
  const inCountry = new Map([...provinces].filter(([key]) => key.startsWith(`${country}\u0000`)));
  const province = country ? argmax(inCountry) : null;
  return { country, admin1: province ? (province.split('\u0000')[1] ?? null) : null };
}
