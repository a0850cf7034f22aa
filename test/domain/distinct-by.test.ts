import { describe, expect, it } from 'vitest';
import { distinctBy } from '../../src/domain/index.js';

describe('distinctBy', () => {
  it('keeps the first item of each key, in order', () => {
    const items = [
      { k: 'b', n: 1 },
      { k: 'a', n: 2 },
      { k: 'b', n: 3 },
      { k: 'c', n: 4 },
      { k: 'a', n: 5 },
    ];
    expect(distinctBy(items, (i) => i.k).map((i) => i.n)).toEqual([1, 2, 4]);
    expect(distinctBy([], (i: string) => i)).toEqual([]);
  });

  it('gives the same answer past the size where it switches to a set', () => {
    const items = Array.from({ length: 200 }, (_, i) => `doc-${(i * 7) % 23}`);
    const expected = [...new Set(items)];
    expect(distinctBy(items, (s) => s)).toEqual(expected);
    expect(distinctBy(items.slice(0, 10), (s) => s)).toEqual([...new Set(items.slice(0, 10))]);
  });
});
