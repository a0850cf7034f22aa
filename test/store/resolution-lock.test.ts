import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { CellLocks, Store } from '../../src/store/store.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'faultline-cells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Holds `whileResolvingCells` open, with its cells, until released. */
async function holdCells(store: Store): Promise<{ cells: CellLocks; release: () => Promise<void> }> {
  let release = (): void => undefined;
  let opened = (_: CellLocks): void => undefined;
  const cells = new Promise<CellLocks>((resolve) => (opened = resolve));
  const done = store.whileResolvingCells(
    (c) =>
      new Promise<void>((resolve) => {
        release = resolve;
        opened(c);
      }),
  );
  return {
    cells: await cells,
    release: async () => {
      release();
      await done;
    },
  };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!url)('resolution cells on PostgreSQL', () => {
  let target: CrashStore;
  // two handles on one database, as two workers' processes
  let left: Store;
  let right: Store;

  beforeEach(async () => {
    target = await createCrashStore({ kind: 'postgres', url: url! }, 'cells');
    left = await target.open();
    right = await target.open();
  });

  afterEach(async () => {
    await left.close();
    await right.close();
    await target.drop();
  });

  it('gives a cell to one resolution at a time, all of a take or none', async () => {
    const a = await holdCells(left);
    const b = await holdCells(right);
    expect(await a.cells.take(['x', 'y'])).toBe(true);
    // a cell held by the other: none of the take is held, not even its free cell
    expect(await b.cells.take(['y', 'z'])).toBe(false);
    expect(await a.cells.take(['z'])).toBe(true);
    expect(await b.cells.take(['w'])).toBe(true);
    // a resolution's own cells are its still
    expect(await a.cells.take(['x', 'z'])).toBe(true);
    await a.release();
    // given back when the resolution ends
    expect(await b.cells.take(['x', 'y', 'z'])).toBe(true);
    await b.release();
  });

  it('keeps a whole-store resolution waiting until the resolutions by cells end, and them until it ends', async () => {
    const a = await holdCells(left);
    const order: string[] = [];
    const whole = right.whileResolving(async () => {
      order.push('whole');
      await tick(300);
      order.push('whole done');
    });
    await tick(500);
    expect(order).toEqual([]);
    order.push('cells done');
    await a.release();
    await tick(100);
    // a resolution by cells started now waits for the whole-store one
    const later = left.whileResolvingCells(async () => void order.push('cells again'));
    await Promise.all([whole, later]);
    expect(order).toEqual(['cells done', 'whole', 'whole done', 'cells again']);
  });
});

describe('resolution cells on SQLite', () => {
  it('grants every cell, one resolution at a time within the process', async () => {
    const store = await openSqliteStore({ path: join(dir, 'cells.db') });
    try {
      const order: string[] = [];
      const first = store.whileResolvingCells(async (cells) => {
        expect(await cells.take(['x', 'y'])).toBe(true);
        await tick(100);
        order.push('first');
      });
      const second = store.whileResolvingCells(async (cells) => {
        expect(await cells.take(['y'])).toBe(true);
        order.push('second');
      });
      await Promise.all([first, second]);
      expect(order).toEqual(['first', 'second']);
    } finally {
      await store.close();
    }
  });
});
