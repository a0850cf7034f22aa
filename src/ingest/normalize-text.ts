import { replaceLoneSurrogates } from './clean-field.js';

// Line and paragraph separators other than \n would split sentences invisibly downstream.
const LINE_BREAKS = /\r\n?|[\v\f\u0085\u2028\u2029]/g;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Tab and newline are the only controls that carry layout; zero-width marks, BOMs and soft hyphens (which some
// papers put inside words, "poli\u00adce\u00adman", for line breaking) break word matching.
// eslint-disable-next-line no-control-regex -- matching control characters is the purpose
const INVISIBLE = /[\0-\x08\x0E-\x1F\x7F-\x84\x86-\x9F\u00AD\u200B\u2060\uFEFF]/g;

/** Unicode NFC, \n line ends, plain spaces, no control characters except \n and \t, no lone surrogates. */
export function normalizeText(text: string): string {
  return replaceLoneSurrogates(text)
    .replace(LINE_BREAKS, '\n')
    .replace(SPACES, ' ')
    .replace(INVISIBLE, '')
    .normalize('NFC');
}
