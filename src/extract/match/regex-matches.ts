/**
 * Every match of a global regex in a text, in order: what `String.prototype.matchAll` gives, without the copy of
 * the regex that `matchAll` constructs at every call (V8 initialises a new RegExp each time; on the date rules
 * that ran once per rule per sentence). Matches are read one at a time, so a megabyte of matches is never held.
 * The regex's `lastIndex` is 0 whenever the caller has a match in hand: the caller may use the same regex again
 * (`test`, or another `regexMatches`) while reading, and the reading goes on where it was.
 */
export function* regexMatches(re: RegExp, text: string): Generator<RegExpExecArray, void, undefined> {
  if (!re.global) throw new Error(`regexMatches needs a global regex, not /${re.source}/${re.flags}`);
  let at = 0;
  while (at <= text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    const end = re.lastIndex;
    re.lastIndex = 0;
    if (m === null) return;
    // an empty match would be found again at the same place: step over one character, as matchAll does
    // (`flags` builds a string: read only then)
    at = m[0] === '' ? nextIndex(text, end, re.unicode || re.flags.includes('v')) : end;
    yield m;
  }
}

function nextIndex(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const c = text.charCodeAt(at);
  const d = text.charCodeAt(at + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? at + 2 : at + 1;
}
