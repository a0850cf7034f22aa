/**
 * The memories the passes keep of texts they have read (word tokens, rule answers) hold for one document. A
 * memory that outlived its document would answer for the next one that repeats a sentence (a wire story, a
 * boilerplate line), which saves work but makes a benchmark that cycles through a corpus time its memory, not
 * the extraction: `extractDocument` starts every document with each memory empty.
 */
const forgetters: (() => void)[] = [];

/** Registers a memory that is emptied when the next document starts (called once, when its module loads). */
export function forgetPerDocument(forget: () => void): void {
  forgetters.push(forget);
}

/** Empties every registered memory. */
export function startDocument(): void {
  for (const forget of forgetters) forget();
}
