import { expect, it } from 'vitest';
import { intLists } from '../../../src/server/event-index/int-lists.js';
import { recordBytes } from '../../../src/server/event-index/record-bytes.js';

it('keeps each record readable through rewrites, removals and the copy that drops the garbage', () => {
  // chunks of 64 bytes: a few records fill one, so chunks are given back and copied within a few hundred writes
  const held = recordBytes(64);
  const text = (slot: number, round: number) => `{"id":"e${slot}","round":${round},"place":"Khuzdār"}`;
  const expected = new Map<number, string>();
  for (let round = 0; round < 40; round++) {
    for (let slot = 0; slot < 30; slot++) {
      if ((slot + round) % 7 === 0) {
        held.drop(slot);
        expected.delete(slot);
      } else if ((slot * round) % 3 !== 1) {
        held.put(slot, text(slot, round));
        expected.set(slot, text(slot, round));
      }
    }
    for (const [slot, json] of expected) expect(held.get(slot).toString()).toBe(json);
  }
  expect(held.bytes).toBe([...expected.values()].reduce((n, j) => n + Buffer.byteLength(j), 0));
  // garbage never grows past twice what is live (and two chunks)
  expect(held.allocated).toBeLessThanOrEqual(2 * held.bytes + 3 * 64 + 64);
  // one record left in every chunk: the next write copies the live ones into fresh chunks
  const sparse = recordBytes(256);
  for (let slot = 0; slot < 100; slot++) sparse.put(slot, text(slot, 0));
  for (let slot = 0; slot < 100; slot++) if (slot % 5 !== 0) sparse.drop(slot);
  expect(sparse.allocated).toBeGreaterThan(4 * sparse.bytes);
  sparse.put(100, text(100, 0));
  expect(sparse.allocated).toBeLessThanOrEqual(2 * sparse.bytes + 2 * 256);
  for (let slot = 0; slot <= 100; slot += 5) expect(sparse.get(slot).toString()).toBe(text(slot, 0));
  // a record larger than a chunk has a chunk of its own
  const large = 'x'.repeat(200);
  held.put(99, large);
  expect(held.get(99).toString()).toBe(large);
});

it('keeps a list of numbers per slot through rewrites and growth', () => {
  const lists = intLists();
  for (let slot = 0; slot < 3000; slot++) lists.set(slot, [slot, slot + 1]);
  for (let slot = 0; slot < 3000; slot += 2) lists.set(slot, [7]);
  expect(lists.includes(2999, 3000)).toBe(true);
  expect(lists.includes(2998, 2998)).toBe(false);
  expect(lists.includes(2998, 7)).toBe(true);
  lists.set(5, []);
  expect(lists.includes(5, 5)).toBe(false);
  lists.clear();
  lists.set(0, [1]);
  expect(lists.includes(0, 1)).toBe(true);
});
