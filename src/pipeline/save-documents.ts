import type { Document } from '../domain/index.js';
import { describeError } from '../errors/errors.js';
import type { SaveOutcome, Store } from '../store/store.js';

export type BatchOutcome = SaveOutcome | 'failed';

/**
 * Saves a batch in one transaction; when the batch fails, saves its documents one at a time, so that one bad
 * document (a value a backend refuses) costs only itself: each one that still fails is reported on one line,
 * `<origin>: not stored: <reason>`. Returns each document's outcome, in order.
 */
export async function saveDocuments(
  store: Store,
  docs: readonly Document[],
  report: (line: string) => void,
): Promise<BatchOutcome[]> {
  if (docs.length === 0) return [];
  try {
    return (await store.saveDocuments(docs)).map((s) => s.outcome);
  } catch (error) {
    if (docs.length === 1) {
      report(`${docs[0]!.origin}: not stored: ${describeError(error)}`);
      return ['failed'];
    }
  }
  const outcomes: BatchOutcome[] = [];
  for (const doc of docs) outcomes.push(...(await saveDocuments(store, [doc], report)));
  return outcomes;
}
