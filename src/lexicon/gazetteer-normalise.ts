const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’‘`ʼ]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Whether every character is ASCII: such a name has no marks to strip, and NFKD leaves it as it is. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * The key places are looked up by: lowercase, diacritics stripped, apostrophes dropped, every other
 * separator (hyphen, dot, comma, space) one space. "D.I. Khan" → "d i khan", "Awārān" → "awaran".
 */
export function normalisePlaceName(name: string): string {
  if (name.length > MAX_REMEMBERED_NAME) return normaliseFresh(name);
  let key = normalised.get(name);
  if (key === undefined) {
    if (normalised.size >= MAX_NORMALISED) normalised = new Map();
    key = normaliseFresh(name);
    normalised.set(name, key);
  }
  return key;
}

// Extraction compares the same few hundred gazetteer names (a place's district, a trail's district) over and
// over: their keys are remembered, in a bounded memory cleared when full; text longer than any place's name is
// normalised afresh, never kept.
// replaced, not cleared, when full (see DroppableMap in src/extract/match/document-memory.ts)
let normalised = new Map<string, string>();
const MAX_NORMALISED = 4096;
const MAX_REMEMBERED_NAME = 200;

function normaliseFresh(name: string): string {
  return (isAscii(name) ? name : name.normalize('NFKD').replace(MARKS, ''))
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .replace(SEPARATORS, ' ')
    .trim();
}

/** Normalises one word token; the same folding as normalisePlaceName without separator handling. */
export function normaliseToken(token: string): string {
  // every word of every sentence passes here: most are ASCII, and lower-casing is all they need
  if (isAscii(token)) return token.toLowerCase();
  return token.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

const ADMIN_SUFFIX = /\s+(?:district|agency|protected area|tribal area|frontier region|province)$/i;
const ADMIN_PREFIX = /^(?:district|province) (?:of )?/i;

/** "Awārān District" → "Awaran", "South Waziristan Agency" → "South Waziristan": display names without marks or type words. */
export function cleanAdminName(name: string): string {
  const plain = name.normalize('NFKD').replace(MARKS, '').trim();
  return plain.replace(ADMIN_SUFFIX, '').replace(ADMIN_PREFIX, '').trim();
}

/** A stable id fragment: "Dera Bugti" → "dera-bugti". */
export function slugify(name: string): string {
  return normalisePlaceName(name).replace(/ /g, '-');
}
