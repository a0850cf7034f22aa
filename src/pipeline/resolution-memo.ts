import type { SourceInfo } from '../domain/index.js';
import type { ResolutionScope, Store, StoredInput } from '../store/store.js';

/**
 * Mentions held at most, over rounds; past it the memo starts afresh. A round reads about MENTIONS_PER_ROUND
 * (10,000) of them, so this holds two rounds' windows, about 90 MB (4.6 kB a mention with its share of the
 * documents' texts, measured on the queue bench's articles), and the whole of that bench's store.
 */
export const MEMO_MENTIONS = 20_000;

/**
 * The mentions a resolving process has read, kept from one round to the next with their documents' versions.
 * Under a backlog each round re-plans the windows around its pending mentions, and when those lie all over the
 * store, every round read most of it again: mentions, claims and texts. Through the memo a window costs a read of
 * its keys, and of only the mentions new since or of a document written since (re-extracted, or its source
 * changed). The plan is made from the very inputs a full read gives, with the event each points at now, so the
 * events are the same. On a backend without row versions (SQLite) every window is read whole.
 */
export class ResolutionMemo {
  private readonly held = new Map<string, { readonly version: string; readonly input: StoredInput }>();

  constructor(private readonly limit = MEMO_MENTIONS) {}

  get size(): number {
    return this.held.size;
  }

  /**
   * The inputs of the scope, as `store.listResolutionInputs` reads them; `known` as there (documents this round
   * has read, whose sources are current).
   */
  async window(
    store: Store,
    scope: ResolutionScope,
    known: ReadonlyMap<string, SourceInfo>,
  ): Promise<readonly StoredInput[]> {
    const keys = await store.listResolutionKeys(scope);
    if (keys === null) return store.listResolutionInputs(scope, known);
    if (this.held.size > this.limit) this.held.clear();
    const moved = keys.filter((k) => this.held.get(k.id)?.version !== k.version).map((k) => k.id);
    const read = new Map<string, StoredInput>();
    if (moved.length > 0)
      for (const input of await store.listMentionInputs(moved, known)) read.set(input.mention.id, input);
    const inputs: StoredInput[] = [];
    for (const key of keys) {
      const fresh = read.get(key.id);
      if (fresh !== undefined) {
        // kept with the version its key was read at: written since, it is read again next time
        this.held.set(key.id, { version: key.version, input: fresh });
        inputs.push(fresh);
        continue;
      }
      // held at this version, pointing at the event it points at now (linking it wrote no document); a moved
      // key with no row now (removed between the two reads) is left out, as a later read would leave it
      const kept = this.held.get(key.id);
      if (kept === undefined || kept.version !== key.version) continue;
      inputs.push(kept.input.eventId === key.eventId ? kept.input : { ...kept.input, eventId: key.eventId });
    }
    return inputs;
  }
}
