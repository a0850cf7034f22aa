import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { TrendSeries } from '../../src/api/trend-schemas.js';

// Only what the Trends chart draws is bundled: bars on two grids with a legend and tooltips, drawn in SVG on the
// page and in a canvas for the PNG download. This module is loaded with the Trends page alone.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer, CanvasRenderer]);

/** Distinct in light and dark, and apart from the grey of "Other". */
const PALETTE = ['#3b7dd8', '#e07b39', '#3aa37a', '#c9497a', '#8a63d2', '#b59a1f', '#2aa1b3', '#d2584a'];
const OTHER = '#8c939c';

interface Ink {
  readonly text: string;
  readonly muted: string;
  readonly line: string;
  readonly background: string;
}

/** The page's own colours (style.css, light or dark), so that the chart follows the reader's scheme. */
function pageInk(): Ink {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--ink', '#1d232b'),
    muted: v('--muted', '#5b6470'),
    line: v('--line', '#d5d9de'),
    background: v('--bg', '#fbfaf7'),
  };
}

/** Events on the upper grid and fatalities on the lower, one stacked bar per split value and bucket. */
export function chartOption(s: TrendSeries, ink: Ink): echarts.EChartsCoreOption {
  const labels = s.periods.map((p) => p.label);
  const colour = (i: number) => (s.series[i]?.key === null ? OTHER : PALETTE[i % PALETTE.length]!);
  const axisLabel = { color: ink.muted, hideOverlap: true };
  const axisLine = { lineStyle: { color: ink.line } };
  const xAxis = (gridIndex: number) => ({
    type: 'category',
    gridIndex,
    data: labels,
    axisLabel: { ...axisLabel, show: gridIndex === 1 },
    axisLine,
    axisTick: { alignWithLabel: true, lineStyle: { color: ink.line } },
  });
  const yAxis = (gridIndex: number, name: string) => ({
    type: 'value',
    gridIndex,
    name,
    nameTextStyle: { color: ink.text, align: 'left' },
    minInterval: 1,
    axisLabel,
    axisLine: { show: true, ...axisLine },
    splitLine: { lineStyle: { color: ink.line, opacity: 0.6 } },
  });
  const bars = (gridIndex: number, field: 'events' | 'fatalities') =>
    s.series.map((line, i) => ({
      type: 'bar',
      name: line.name,
      xAxisIndex: gridIndex,
      yAxisIndex: gridIndex,
      stack: field,
      data: line[field],
      itemStyle: { color: colour(i) },
      emphasis: { focus: 'series' },
      barCategoryGap: '20%',
    }));
  return {
    animation: false,
    backgroundColor: ink.background,
    textStyle: { color: ink.text, fontFamily: 'system-ui, sans-serif' },
    legend: { top: 0, textStyle: { color: ink.text }, data: s.series.map((l) => l.name) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: [
      { left: 56, right: 24, top: 48, height: '36%' },
      { left: 56, right: 24, top: '58%', bottom: 40 },
    ],
    xAxis: [xAxis(0), xAxis(1)],
    yAxis: [yAxis(0, 'Events'), yAxis(1, 'Killed (best figure)')],
    series: [...bars(0, 'events'), ...bars(1, 'fatalities')],
  };
}

export interface TrendChart {
  /** The chart as an SVG document, drawn by the chart's own SVG renderer. */
  svg(): string;
  /** The chart as a PNG, drawn by the chart's canvas renderer at twice the size on screen. */
  png(): Blob;
  dispose(): void;
}

/**
 * Draws the series into `box` (SVG, so the page's text stays text). `onPick(series, period)` is called when a bar
 * is clicked: the index of the split value in `s.series` and of the bucket in `s.periods`.
 */
export function drawTrendChart(
  box: HTMLElement,
  s: TrendSeries,
  onPick: (series: number, period: number) => void,
): TrendChart {
  const ink = pageInk();
  const option = chartOption(s, ink);
  const chart = echarts.init(box, null, { renderer: 'svg' });
  chart.setOption(option);
  const count = s.series.length;
  chart.on('click', (p) => {
    if (p.componentType === 'series' && typeof p.dataIndex === 'number')
      onPick((p.seriesIndex ?? 0) % count, p.dataIndex);
  });
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return {
    svg: () => chart.renderToSVGString(),
    png() {
      // a canvas twin of the same option, off screen, at the size shown
      const twin = document.createElement('div');
      twin.style.position = 'fixed';
      twin.style.left = '-10000px';
      twin.style.width = `${box.clientWidth}px`;
      twin.style.height = `${box.clientHeight}px`;
      document.body.appendChild(twin);
      try {
        const canvas = echarts.init(twin, null, { renderer: 'canvas', devicePixelRatio: 2 });
        canvas.setOption(option);
        const url = canvas.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: ink.background });
        canvas.dispose();
        // decoded here: the CSP's connect-src would refuse a fetch of the data: URL
        const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
        return new Blob([bytes], { type: 'image/png' });
      } finally {
        twin.remove();
      }
    },
    dispose() {
      window.removeEventListener('resize', resize);
      chart.dispose();
    },
  };
}
