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

/**
 * A map that is forgotten by dropping it, never by `Map.prototype.clear`. V8 keeps a cleared map's old table, with
 * every entry it held, until the next full collection (for iterators that may still walk it); a long-lived map
 * cleared at every document therefore kept each document's tokens alive through the young-generation
 * collections, which copied them again and again: the tokeniser ran six times slower for it.
 */
export class DroppableMap<K, V> {
  private map = new Map<K, V>();

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.set(key, value);
  }

  /** Forgets every entry. */
  drop(): void {
    this.map = new Map();
  }
}
