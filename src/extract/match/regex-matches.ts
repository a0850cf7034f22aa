/**
 * Every match of a global regex in a text, in order: what `String.prototype.matchAll` gives, without the copy of
 * the regex that `matchAll` constructs at every call (V8 initialises a new RegExp each time; on the date rules
 * that ran once per rule per sentence). The matches are collected before the caller sees any, so a caller may
 * use the same regex again while reading them.
 */
export function regexMatches(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new Error(`regexMatches needs a global regex, not /${re.source}/${re.flags}`);
  const matches: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    matches.push(m);
    // an empty match would be found again at the same place: step over one character, as matchAll does
    if (m[0] === '') re.lastIndex = nextIndex(text, re.lastIndex, re.unicode || re.flags.includes('v'));
  }
  re.lastIndex = 0;
  return matches;
}

function nextIndex(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const c = text.charCodeAt(at);
  const d = text.charCodeAt(at + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? at + 2 : at + 1;
}
