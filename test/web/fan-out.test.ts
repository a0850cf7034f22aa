import { describe, expect, it } from 'vitest';
import { fanOut } from '../../web/src/fan-out.js';

describe('fanOut', () => {
  it('leaves a lone marker on its point', () => {
    expect(fanOut(1, 20)).toEqual([{ dx: 0, dy: 0 }]);
  });

  it('sets markers of one point apart by at least their size, however many there are', () => {
    for (const n of [2, 3, 7, 40]) {
      const offsets = fanOut(n, 20);
      expect(offsets).toHaveLength(n);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          const d = Math.hypot(offsets[i]!.dx - offsets[j]!.dx, offsets[i]!.dy - offsets[j]!.dy);
          expect(d).toBeGreaterThanOrEqual(20);
        }
    }
  });
});
