import { join } from 'node:path';
import type { ActorType } from '../../../src/domain/index.js';
import { loadCasualtyLexicon } from '../../../src/lexicon/casualty-lexicon.js';
import type { ActorMention, Sentence } from '../../../src/extract/types.js';

export const lexicon = loadCasualtyLexicon(join(import.meta.dirname, '..', '..', '..', 'data'));

/** A sentence placed at an offset, so spans are checked as document offsets. */
export function sentence(text: string, start = 100): Sentence {
  return { index: 0, paragraph: 0, start, end: start + text.length, text };
}

/** An actor mention for the first occurrence of `surface` in `s`. */
export function actor(s: Sentence, surface: string, name: string, type: ActorType): ActorMention {
  const at = s.text.indexOf(surface);
  if (at < 0) throw new Error(`no ${surface} in ${s.text}`);
  const span = [s.start + at, s.start + at + surface.length] as const;
  const claimantKind = type === 'state_forces' ? 'state' : type === 'rebel_group' ? 'armed_group' : 'other';
  return {
    span,
    text: surface,
    ruleId: 'test',
    actorId: name.toLowerCase(),
    name,
    type,
    claimantKind,
    framed: false,
    namesNoGroup: false,
  };
}
