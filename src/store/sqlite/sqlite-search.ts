import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { SearchTerms } from '../search-query.js';
import type { TextSearch } from '../text-search.js';

/**
 * FTS5 over `event_search`, as an external-content table: the words are stored once, in `event_search`, and
 * the FTS index is kept by triggers on it, so that every write, cascade included, reaches the index. Its rowid
 * is `event_search.id`, an INTEGER PRIMARY KEY that VACUUM never renumbers (the events table's implicit rowid
 * could be). `columnsize=0`: nothing ranks by length, and the sizes would cost a row per event.
 * The words are folded before they are stored (search-text.ts); `remove_diacritics 2` only keeps the tokenizer
 * from undoing that on anything written by hand.
 */
const STATEMENTS = [
  sql`create virtual table event_search_fts using fts5(body, content='event_search', content_rowid='id',
    columnsize=0, tokenize='unicode61 remove_diacritics 2')`,
  sql`create trigger event_search_fts_insert after insert on event_search begin
    insert into event_search_fts (rowid, body) values (new.id, new.body);
  end`,
  sql`create trigger event_search_fts_delete after delete on event_search begin
    insert into event_search_fts (event_search_fts, rowid, body) values ('delete', old.id, old.body);
  end`,
  sql`create trigger event_search_fts_update after update on event_search begin
    insert into event_search_fts (event_search_fts, rowid, body) values ('delete', old.id, old.body);
    insert into event_search_fts (rowid, body) values (new.id, new.body);
  end`,
];

/**
 * Every word double-quoted: FTS5 reads a quoted string as a phrase of its words and nothing in it as an operator.
 * The words hold only letters and digits (search-query.ts), so no quote can close early.
 */
export function fts5Match(terms: SearchTerms): string {
  return terms.phrases.map((words) => `"${words.join(' ')}"`).join(' AND ');
}

export const sqliteTextSearch: TextSearch = {
  async createIndex(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
    // rows already in event_search (none when the migration creates both): the index starts complete
    await sql`insert into event_search_fts (event_search_fts) values ('rebuild')`.execute(db);
  },
  async dropIndex(db: Kysely<unknown>): Promise<void> {
    for (const name of ['event_search_fts_insert', 'event_search_fts_delete', 'event_search_fts_update'])
      await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
    await sql`drop table if exists event_search_fts`.execute(db);
  },
  matches(terms: SearchTerms) {
    // one subquery, run once per statement: the matching ids, then the list's own index order as before
    return sql<boolean>`events.id in (select s.event_id from event_search_fts f
      join event_search s on s.id = f.rowid where event_search_fts match ${fts5Match(terms)})`;
  },
};
