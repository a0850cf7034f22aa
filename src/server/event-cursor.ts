import { FaultlineError } from '../errors/errors.js';
import type { EventCursor, EventQuery } from '../store/store.js';

type Sort = NonNullable<EventQuery['sort']>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The `next` of a page as the API hands it out: opaque text (base64url of `[sort, key, id]`), so that clients
 * pass it back unchanged and the store's cursor can change shape without breaking them. The sort travels with
 * it because a key of one order means nothing in another.
 */
export function encodeCursor(sort: Sort, cursor: EventCursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.key, cursor.id])).toString('base64url');
}

function badCursor(text: string, reason: string): FaultlineError {
  return new FaultlineError('FL_ERR_BAD_ARGUMENT', `after=${text}`, reason);
}

/** The cursor `after` names, checked against the sort of the request it comes with. */
export function decodeCursor(text: string, sort: Sort): EventCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor(text, "not a page's next; pass back the next of the previous answer unchanged");
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[2] !== 'string')
    throw badCursor(text, "not a page's next; pass back the next of the previous answer unchanged");
  const [cursorSort, key, id] = parsed as [unknown, unknown, string];
  if (cursorSort !== sort) throw badCursor(text, `it continues sort=${String(cursorSort)}, not sort=${sort}`);
  const byDate = sort === 'date' || sort === '-date';
  const valid = byDate
    ? typeof key === 'string' && DATE.test(key)
    : typeof key === 'number' && Number.isSafeInteger(key);
  if (!valid) throw badCursor(text, "not a page's next; pass back the next of the previous answer unchanged");
  return { key: key as string | number, id };
}
