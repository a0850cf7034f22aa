import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../src/store/sqlite/statement-cache.js';

const SELECT = 'select n from numbers order by n';

let raw: BetterSqlite3.Database;

beforeEach(() => {
  raw = new BetterSqlite3(':memory:');
  raw.exec('create table numbers (n integer primary key)');
  const insert = raw.prepare('insert into numbers (n) values (?)');
  for (const n of [1, 2, 3, 4, 5]) insert.run(n);
});

afterEach(() => {
  if (raw.open) raw.close();
});

describe('withStatementCache', () => {
  it('hands out one prepared statement per SQL text', () => {
    const db = withStatementCache(raw);
    const first = db.prepare(SELECT);
    expect(db.prepare(SELECT)).toBe(first);
    const other = db.prepare('select count(*) as c from numbers');
    expect(other).not.toBe(first);
    expect(db.prepare('select count(*) as c from numbers')).toBe(other);
    // parameters are bound per call, so the one statement answers each call with its own
    const byValue = db.prepare('select n from numbers where n = ?');
    expect(byValue.all([2])).toEqual([{ n: 2 }]);
    expect(db.prepare('select n from numbers where n = ?').all([4])).toEqual([{ n: 4 }]);
  });

  it('does not hand out a statement that is mid-iteration; a fresh one runs meanwhile', () => {
    const db = withStatementCache(raw);
    const held = db.prepare(SELECT) as unknown as BetterSqlite3.Statement;
    const rows = held.iterate();
    expect(rows.next().value).toEqual({ n: 1 });
    expect(held.busy).toBe(true);
    const fresh = db.prepare(SELECT);
    expect(fresh).not.toBe(held);
    expect(fresh.all([])).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
    // the iteration in progress is not disturbed by the fresh statement
    expect(rows.next().value).toEqual({ n: 2 });
    rows.return?.();
    expect(held.busy).toBe(false);
    // once done, the kept statement is handed out again (the fresh one did not replace it)
    expect(db.prepare(SELECT)).toBe(held);
  });

  it('keeps at most maxStatements, dropping the least recently used', () => {
    const db = withStatementCache(raw, 2);
    const [a, b] = [db.prepare('select 1 as v'), db.prepare('select 2 as v')];
    expect(db.prepare('select 1 as v')).toBe(a);
    const c = db.prepare('select 3 as v');
    // 'select 2' was the least recently used when the third text came
    expect(db.prepare('select 1 as v')).toBe(a);
    expect(db.prepare('select 3 as v')).toBe(c);
    const again = db.prepare('select 2 as v');
    expect(again).not.toBe(b);
    expect(again.all([])).toEqual([{ v: 2 }]);
    // bringing 'select 2' back pushed out 'select 1', the least recently used of the two kept
    expect(db.prepare('select 3 as v')).toBe(c);
    expect(db.prepare('select 1 as v')).not.toBe(a);
  });

  it('closes the database on close()', () => {
    const db = withStatementCache(raw);
    db.prepare(SELECT);
    db.close();
    expect(raw.open).toBe(false);
    expect(() => raw.prepare(SELECT)).toThrow();
  });

  it('serves Kysely: a stream left early, then the same query again', async () => {
    const kysely = new Kysely<{ numbers: { n: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(raw) }),
    });
    const query = kysely.selectFrom('numbers').select('n').orderBy('n');
    const seen: number[] = [];
    for await (const row of query.stream()) if (seen.push(row.n) === 2) break;
    expect(seen).toEqual([1, 2]);
    expect((await query.execute()).map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
    const streamed: number[] = [];
    for await (const row of query.stream()) streamed.push(row.n);
    expect(streamed).toEqual([1, 2, 3, 4, 5]);
    const above = (min: number) => kysely.selectFrom('numbers').select('n').where('n', '>', min).execute();
    expect(await above(3)).toEqual([{ n: 4 }, { n: 5 }]);
    expect(await above(4)).toEqual([{ n: 5 }]);
    await kysely.destroy();
    expect(raw.open).toBe(false);
  });
});
