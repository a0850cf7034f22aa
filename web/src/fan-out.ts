/**
 * Screen offsets that set `n` markers standing on one point around it, on a circle wide enough that markers of
 * `size` pixels do not overlap: events placed at the same seat can never be told apart by zooming in.
 */
export function fanOut(n: number, size: number): { dx: number; dy: number }[] {
  if (n <= 1) return [{ dx: 0, dy: 0 }];
  // the circumference holds n markers with a quarter of a marker between them
  const radius = Math.max(size, (n * size * 1.25) / (2 * Math.PI));
  return Array.from({ length: n }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return { dx: Math.round(radius * Math.cos(angle)), dy: Math.round(radius * Math.sin(angle)) };
  });
}
