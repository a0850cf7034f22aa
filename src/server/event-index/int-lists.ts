import { grown } from './typed-arrays.js';

/**
 * A short list of numbers per slot (an event's publishers, its documents), all in one pool. A million events
 * would otherwise be two million small arrays, and every full garbage collection of a serving process would mark
 * them all: collections that stretched the slowest answers of a loaded server past 100 ms.
 */
export interface IntLists {
  set(slot: number, values: readonly number[]): void;
  includes(slot: number, value: number): boolean;
  values(slot: number): number[];
  clear(): void;
}

export function intLists(): IntLists {
  let at = new Int32Array(1024);
  let count = new Int32Array(1024);
  let pool = new Int32Array(4096);
  let used = 0;
  let live = 0;
  let slots = 0;

  function room(slot: number): void {
    if (slot < at.length) return;
    const size = Math.max(slot + 1, at.length * 2);
    at = grown(at, size);
    count = grown(count, size);
  }

  /** Room for `n` more: the live lists copied into a pool twice their size (garbage left behind). */
  function make(n: number): void {
    if (used + n <= pool.length) return;
    const next = new Int32Array(Math.max(4096, (live + n) * 2));
    let w = 0;
    for (let s = 0; s < slots; s++) {
      next.set(pool.subarray(at[s]!, at[s]! + count[s]!), w);
      at[s] = w;
      w += count[s]!;
    }
    pool = next;
    used = w;
  }

  return {
    set(slot, values) {
      room(slot);
      slots = Math.max(slots, slot + 1);
      live -= count[slot]!;
      count[slot] = 0;
      make(values.length);
      at[slot] = used;
      for (const v of values) pool[used++] = v;
      count[slot] = values.length;
      live += values.length;
    },
    includes(slot, value) {
      const end = at[slot]! + count[slot]!;
      for (let i = at[slot]!; i < end; i++) if (pool[i] === value) return true;
      return false;
    },
    values(slot) {
      return Array.from(pool.subarray(at[slot]!, at[slot]! + count[slot]!));
    },
    clear() {
      at = new Int32Array(1024);
      count = new Int32Array(1024);
      pool = new Int32Array(4096);
      used = live = slots = 0;
    },
  };
}
