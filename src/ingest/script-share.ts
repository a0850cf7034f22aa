const NON_LATIN_LETTER = /\p{L}/u;

function isLatinLetter(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x1e00 && code <= 0x1eff)
  );
}

/** Letters of a text counted as Latin script or not; `share` is the Latin fraction (1 when there are no letters). */
export function latinShare(text: string): { latin: number; other: number; share: number } {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isLatinLetter(code)) latin++;
    // Below U+0370 everything that is not a Latin letter is punctuation, digits or marks.
    else if (code >= 0x370 && NON_LATIN_LETTER.test(text[i] ?? '')) other++;
  }
  const total = latin + other;
  return { latin, other, share: total === 0 ? 1 : latin / total };
}
