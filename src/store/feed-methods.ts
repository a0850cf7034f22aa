import type { Kysely, Selectable } from 'kysely';
import type { Database, FeedsTable } from './schema.js';
import { toNumber } from './schema.js';
import { guarded } from './store-error.js';
import type { Feed, FeedPoll, FeedStatus, NewFeed, Store } from './store.js';

type FeedMethods = Pick<
  Store,
  'addFeed' | 'listFeeds' | 'getFeed' | 'dueFeeds' | 'recordFeedPoll' | 'documentIdByUrl'
>;

function rowToFeed(r: Selectable<FeedsTable>): Feed {
  return {
    url: r.url,
    publisher: r.publisher,
    everySeconds: toNumber(r.every_seconds),
    addedAt: r.added_at,
    etag: r.etag,
    lastModified: r.last_modified,
    lastPolledAt: r.last_polled_at,
    nextPollAt: r.next_poll_at,
    status: r.status as FeedStatus,
    lastError: r.last_error,
    itemsSeen: toNumber(r.items_seen),
    itemsStored: toNumber(r.items_stored),
  };
}

/** The feeds `watch` polls (migration 0010); written once for both backends. */
export function createFeedMethods(db: Kysely<Database>, now: () => Date): FeedMethods {
  return {
    async addFeed(feed: NewFeed): Promise<'added' | 'present'> {
      const at = now().toISOString();
      const inserted = await guarded('addFeed', () =>
        db
          .insertInto('feeds')
          .values({
            url: feed.url,
            publisher: feed.publisher,
            every_seconds: feed.everySeconds,
            added_at: at,
            next_poll_at: at,
            status: 'new',
          })
          .onConflict((oc) => oc.column('url').doNothing())
          .executeTakeFirst(),
      );
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 'added' : 'present';
    },
    async listFeeds(): Promise<readonly Feed[]> {
      const rows = await guarded('listFeeds', () =>
        db.selectFrom('feeds').selectAll().orderBy('url').execute(),
      );
      return rows.map(rowToFeed);
    },
    async getFeed(url: string): Promise<Feed | null> {
      const row = await guarded('getFeed', () =>
        db.selectFrom('feeds').selectAll().where('url', '=', url).executeTakeFirst(),
      );
      return row ? rowToFeed(row) : null;
    },
    async dueFeeds(at: string, limit: number): Promise<readonly Feed[]> {
      const size = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1;
      const rows = await guarded('dueFeeds', () =>
        db
          .selectFrom('feeds')
          .selectAll()
          .where('next_poll_at', '<=', at)
          .orderBy('next_poll_at')
          .orderBy('url')
          .limit(size)
          .execute(),
      );
      return rows.map(rowToFeed);
    },
    async recordFeedPoll(url: string, poll: FeedPoll): Promise<void> {
      await guarded('recordFeedPoll', () =>
        db
          .updateTable('feeds')
          .set((eb) => ({
            last_polled_at: poll.polledAt,
            next_poll_at: poll.nextPollAt,
            status: poll.status,
            last_error: poll.error,
            ...(poll.etag !== undefined ? { etag: poll.etag } : {}),
            ...(poll.lastModified !== undefined ? { last_modified: poll.lastModified } : {}),
            items_seen: eb('items_seen', '+', poll.itemsSeen),
            items_stored: eb('items_stored', '+', poll.itemsStored),
          }))
          .where('url', '=', url)
          .execute(),
      );
    },
    async documentIdByUrl(url: string): Promise<string | null> {
      const row = await guarded('documentIdByUrl', () =>
        db.selectFrom('documents').select('id').where('url', '=', url).limit(1).executeTakeFirst(),
      );
      return row?.id ?? null;
    },
  };
}
