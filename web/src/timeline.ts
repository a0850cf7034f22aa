import type { EventPoint } from '../../src/api/event-schemas.js';
import { EVENT_TYPES } from '../../src/domain/enums.js';
import { colourOf } from './colours.js';
import { el } from './dom.js';
import { binPoints, dayOf, isoOf } from './timeline-bins.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * An SVG timeline: stacked bars of events by type, a line of fatalities, and a brush. Dragging across it
 * selects a date range (onBrush), which the page writes into the URL like any other filter.
 */
export function renderTimeline(
  container: HTMLElement,
  points: readonly EventPoint[],
  selected: { from?: string; to?: string },
  onBrush: (from: string | null, to: string | null) => void,
): void {
  container.replaceChildren();
  const { bins, width, undated } = binPoints(points, selected);
  const unit = width === 7 ? 'week' : 'day';
  const W = Math.max(280, container.clientWidth || 800);
  const H = 130;
  const pad = { l: 44, r: 48, t: 8, b: 22 };
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    width: '100%',
    height: H,
    role: 'img',
    class: 'timeline-svg',
  });
  const title = svg('title', {});
  title.textContent = `Events and people killed per ${unit}`;
  root.appendChild(title);
  container.appendChild(root);
  container.appendChild(
    el(
      'p',
      { class: 'timeline-key' },
      `Bars: events per ${unit}, by type (left scale). Line: people killed per ${unit}, the best estimate of each event (right scale). Drag across to choose dates.`,
      undated > 0
        ? ` ${undated} event${undated === 1 ? ' is' : 's are'} dated only to a month or a year and not drawn.`
        : '',
    ),
  );
  if (bins.length === 0) return;
  const maxEvents = Math.max(1, ...bins.map((b) => b.events));
  const maxFat = Math.max(1, ...bins.map((b) => b.fatalities));
  const bw = (W - pad.l - pad.r) / bins.length;
  const y = (v: number) => H - pad.b - (v / maxEvents) * (H - pad.t - pad.b);
  const yf = (v: number) => H - pad.b - (v / maxFat) * (H - pad.t - pad.b);
  const types = Object.keys(EVENT_TYPES);
  bins.forEach((b, i) => {
    let acc = 0;
    for (const t of [...types, ...[...b.byType.keys()].filter((k) => !types.includes(k))]) {
      const n = b.byType.get(t) ?? 0;
      if (n === 0) continue;
      root.appendChild(
        svg('rect', {
          x: pad.l + i * bw,
          y: y(acc + n),
          width: Math.max(1, bw - 1),
          height: y(acc) - y(acc + n),
          fill: colourOf(t),
          class: 'bar',
        }),
      );
      acc += n;
    }
  });
  const line = bins
    .map(
      (b, i) => `${i === 0 ? 'M' : 'L'}${(pad.l + (i + 0.5) * bw).toFixed(1)},${yf(b.fatalities).toFixed(1)}`,
    )
    .join('');
  root.appendChild(svg('path', { d: line, fill: 'none', 'stroke-width': 1.2, class: 'fatalities-line' }));
  const label = (x: number, yy: number, text: string, anchor: string) => {
    const t = svg('text', { x, y: yy, 'text-anchor': anchor, class: 'axis' });
    t.textContent = text;
    root.appendChild(t);
  };
  label(pad.l - 4, pad.t + 8, String(maxEvents), 'end');
  label(pad.l - 4, H - pad.b, '0', 'end');
  label(W - pad.r + 4, pad.t + 8, String(maxFat), 'start');
  label(W - pad.r + 4, H - pad.b, '0', 'start');
  const axisName = (x: number, text: string, cls: string) => {
    const t = svg('text', {
      x,
      y: (pad.t + H - pad.b) / 2,
      'text-anchor': 'middle',
      transform: `rotate(-90 ${x} ${(pad.t + H - pad.b) / 2})`,
      class: `axis axis-name ${cls}`,
    });
    t.textContent = text;
    root.appendChild(t);
  };
  axisName(12, 'events', 'axis-events');
  axisName(W - 10, 'killed', 'axis-killed');
  label(pad.l, H - 6, isoOf(bins[0]!.start), 'start');
  label(W - pad.r, H - 6, isoOf(bins[bins.length - 1]!.start + width - 1), 'end');

  const dayAt = (px: number): number => {
    const i = Math.min(bins.length - 1, Math.max(0, Math.floor((px - pad.l) / bw)));
    return bins[i]!.start;
  };
  const xOfDay = (d: number): number => pad.l + ((d - bins[0]!.start) / width) * bw;
  const brush = svg('rect', { y: pad.t, height: H - pad.t - pad.b, x: 0, width: 0, class: 'brush' });
  root.appendChild(brush);
  if (selected.from || selected.to) {
    const a = selected.from ? dayOf(selected.from) : bins[0]!.start;
    const b = selected.to ? dayOf(selected.to) + 1 : bins[bins.length - 1]!.start + width;
    brush.setAttribute('x', String(Math.max(pad.l, xOfDay(a))));
    brush.setAttribute(
      'width',
      String(Math.max(2, Math.min(W - pad.r, xOfDay(b)) - Math.max(pad.l, xOfDay(a)))),
    );
  }
  const toSvgX = (ev: PointerEvent): number => {
    const r = root.getBoundingClientRect();
    return ((ev.clientX - r.left) / r.width) * W;
  };
  let startX: number | null = null;
  root.addEventListener('pointerdown', (ev) => {
    startX = toSvgX(ev);
    root.setPointerCapture(ev.pointerId);
    brush.setAttribute('x', String(startX));
    brush.setAttribute('width', '0');
  });
  root.addEventListener('pointermove', (ev) => {
    if (startX === null) return;
    const x = toSvgX(ev);
    brush.setAttribute('x', String(Math.min(startX, x)));
    brush.setAttribute('width', String(Math.abs(x - startX)));
  });
  root.addEventListener('pointerup', (ev) => {
    if (startX === null) return;
    const x = toSvgX(ev);
    const [a, b] = [Math.min(startX, x), Math.max(startX, x)];
    startX = null;
    if (b - a < 3) return onBrush(null, null);
    onBrush(isoOf(dayAt(a)), isoOf(dayAt(b) + width - 1));
  });
}
