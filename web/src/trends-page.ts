import type { PeriodWire, TrendDistricts, TrendSeries } from '../../src/api/trend-schemas.js';
import './trends.css';
import { api, ApiError } from './api-client.js';
import { el, replace } from './dom.js';
import { filtersForm } from './filters-form.js';
import type { TrendChart } from './trends-chart.js';
import { districtsCsv, seriesCsv } from './trends-csv.js';
import { filterQuery, mapHash, trendsHash, type Filters, type TrendView } from './url-state.js';

let shownChart: TrendChart | null = null;

const INTERVAL_WORDS: Readonly<Record<TrendView['interval'], string>> = {
  day: 'day',
  week: 'week',
  month: 'month',
};
const SPLIT_FILTER = { district: 'admin2', actor: 'actor', type: 'type' } as const;

/**
 * The map's view of the events behind a figure: the page's filters, the bucket's days (within the filters' own
 * dates) and, for a split value, that value as a filter. "Other" has no filter of its own: it leads to the
 * bucket's events of every value.
 */
export function eventsBehind(
  filters: Filters,
  period: PeriodWire,
  split?: { readonly by: TrendView['split']; readonly value: string },
): string {
  const f: Filters = { ...filters };
  f.from = filters.from && filters.from > period.from ? filters.from : period.from;
  f.to = filters.to && filters.to < period.to ? filters.to : period.to;
  if (split) f[SPLIT_FILTER[split.by]] = split.value;
  return mapHash(f);
}

/** Offers a file made in the page as a download (an object URL: the CSP has no say over it). */
function save(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function select<T extends string>(
  id: string,
  label: string,
  value: T,
  options: readonly (readonly [T, string])[],
  onChange: (v: T) => void,
): HTMLElement {
  const input = el(
    'select',
    { id, name: id },
    ...options.map(([v, text]) => el('option', { value: v }, text)),
  );
  input.value = value;
  input.addEventListener('change', () => onChange(input.value as T));
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

function splitValue(
  s: TrendSeries,
  line: TrendSeries['series'][number],
): { by: TrendView['split']; value: string } | undefined {
  if (line.key === null) return undefined;
  // a type is filtered by its key; a district or an actor by its name, which the filters resolve
  return { by: s.split as TrendView['split'], value: s.split === 'type' ? line.key : line.name };
}

function figureLink(text: string, href: string, label: string): HTMLAnchorElement {
  return el('a', { href, 'aria-label': label }, text);
}

function percentText(p: number | null): string {
  return p === null ? '—' : `${p > 0 ? '+' : ''}${p}%`;
}

function districtTable(t: TrendDistricts, filters: Filters): HTMLElement {
  const { current, previous, yearAgo } = t;
  if (current === null || previous === null || yearAgo === null || t.rows.length === 0)
    return el('p', { class: 'empty-hint', role: 'note' }, 'No event with a district matches these filters.');
  const cells = (district: string, period: PeriodWire, counts: { events: number; fatalities: number }) => {
    const href = eventsBehind(filters, period, { by: 'district', value: district });
    return [
      el(
        'td',
        { class: 'num' },
        figureLink(String(counts.events), href, `${counts.events} events in ${district}, ${period.label}`),
      ),
      el(
        'td',
        { class: 'num' },
        figureLink(
          String(counts.fatalities),
          href,
          `${counts.fatalities} killed in ${district}, ${period.label}`,
        ),
      ),
    ];
  };
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'trend-districts' },
      el(
        'caption',
        {},
        `${current.label} (${current.from} to ${current.to}) against ${previous.label} and ${yearAgo.label}, most unusual first`,
      ),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...[
            'District',
            `Events ${current.label}`,
            'Killed',
            `Events ${previous.label}`,
            'Killed',
            'Change',
            `Events ${yearAgo.label}`,
            'Killed',
            'On a year',
            'Baseline',
            'P(≥)',
            'Escalation',
          ].map((h) => el('th', { scope: 'col' }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        ...t.rows.map((r) =>
          el(
            'tr',
            { class: r.escalating ? 'escalating' : undefined, 'data-district': r.district },
            el('th', { scope: 'row' }, r.district),
            ...cells(r.district, current, r.current),
            ...cells(r.district, previous, r.previous),
            el(
              'td',
              { class: 'num' },
              `${r.change > 0 ? '+' : ''}${r.change} (${percentText(r.changePercent)})`,
            ),
            ...cells(r.district, yearAgo, r.yearAgo),
            el(
              'td',
              { class: 'num' },
              `${r.yearChange > 0 ? '+' : ''}${r.yearChange} (${percentText(r.yearChangePercent)})`,
            ),
            el('td', { class: 'num' }, r.baseline.toFixed(2)),
            el('td', { class: 'num' }, r.probability.toExponential(1)),
            el(
              'td',
              { class: 'marker' },
              r.escalating ? el('strong', { class: 'escalation-mark' }, '▲ escalating') : '',
            ),
          ),
        ),
      ),
    ),
  );
}

export async function renderTrendsPage(main: HTMLElement, filters: Filters, trend: TrendView): Promise<void> {
  shownChart?.dispose();
  shownChart = null;
  const go = (f: Filters, t: TrendView = trend) => {
    location.hash = trendsHash(f, t);
  };
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const filterSlot = el('div', { class: 'filter-slot' });
  const choices = el(
    'form',
    { class: 'filters trend-choices', 'aria-label': 'Chart and table' },
    select(
      't-interval',
      'Buckets',
      trend.interval,
      [
        ['day', 'Days'],
        ['week', 'Weeks'],
        ['month', 'Months'],
      ],
      (interval) => go(filters, { ...trend, interval }),
    ),
    select(
      't-split',
      'Split by',
      trend.split,
      [
        ['district', 'District'],
        ['actor', 'Actor'],
        ['type', 'Event type'],
      ],
      (split) => go(filters, { ...trend, split }),
    ),
    select(
      't-window',
      'Table window',
      trend.window,
      [
        ['week', 'Week'],
        ['month', 'Month'],
      ],
      (window) => go(filters, { ...trend, window }),
    ),
  );
  choices.addEventListener('submit', (ev) => ev.preventDefault());
  const chartBox = el('div', { class: 'trend-chart', id: 'trend-chart', role: 'img' });
  const chartTitle = el('h2', {}, `Events and people killed per ${INTERVAL_WORDS[trend.interval]}`);
  const chartDownloads = el('p', { class: 'downloads' });
  const tableTitle = el('h2', {}, `Districts this ${trend.window}`);
  const tableDownloads = el('p', { class: 'downloads' });
  const tableSlot = el('div', { class: 'trend-table' });
  replace(
    main,
    el('h1', { tabindex: -1 }, 'Trends'),
    el('section', { class: 'controls' }, filterSlot, choices, status),
    el('section', { class: 'trend-series' }, chartTitle, chartDownloads, chartBox),
    el('section', { class: 'trend-districts-section' }, tableTitle, tableDownloads, tableSlot),
  );
  const query = filterQuery(filters);
  const withQuery = (own: string) => (query ? `${own}&${query}` : own);
  let districts: string[] = [];
  let actors: string[] = [];
  let publishers: string[] = [];
  try {
    const [d, a, p] = await Promise.all([api.stats('by=district'), api.stats('by=actor'), api.publishers()]);
    districts = d.rows.map((r) => r.key).filter(Boolean);
    actors = a.rows.map((r) => r.key).filter(Boolean);
    publishers = p.map((x) => x.name);
  } catch {
    // the choices only help typing; the filters work without them
  }
  filterSlot.appendChild(
    filtersForm(filters, { provinces: [], districts, actors, publishers }, (f) => go(f)),
  );
  try {
    const [series, table, { drawTrendChart }] = await Promise.all([
      api.trendSeries(withQuery(`interval=${trend.interval}&split=${trend.split}`)),
      api.trendDistricts(withQuery(`window=${trend.window}`)),
      import('./trends-chart.js'),
    ]);
    chartBox.setAttribute(
      'aria-label',
      `Stacked bars of events and of people killed per ${trend.interval}, by ${trend.split}; the district table below has the figures as links`,
    );
    if (series.periods.length === 0) {
      chartBox.replaceWith(el('p', { class: 'empty-hint', role: 'note' }, 'No event matches these filters.'));
    } else {
      const chart = drawTrendChart(chartBox, series, (line, period) => {
        const s = series.series[line];
        const p = series.periods[period];
        if (s && p) location.hash = eventsBehind(filters, p, splitValue(series, s));
      });
      shownChart = chart;
      const base = `faultline-trends-${trend.interval}-${trend.split}`;
      const button = (text: string, onClick: () => void) => {
        const b = el('button', { type: 'button', class: 'link-button' }, text);
        b.addEventListener('click', onClick);
        return b;
      };
      replace(
        chartDownloads,
        'Download: ',
        button('PNG', () => save(`${base}.png`, chart.png())),
        ' · ',
        button('SVG', () => save(`${base}.svg`, new Blob([chart.svg()], { type: 'image/svg+xml' }))),
        ' · ',
        button('CSV of the series', () =>
          save(`${base}.csv`, new Blob([seriesCsv(series)], { type: 'text/csv' })),
        ),
        ' · Click a bar for its events.',
      );
    }
    tableTitle.textContent = table.current
      ? `Districts, ${trend.window} ${table.current.label}`
      : tableTitle.textContent;
    replace(tableSlot, districtTable(table, filters));
    if (table.rows.length > 0) {
      const b = el('button', { type: 'button', class: 'link-button' }, 'CSV of the table');
      b.addEventListener('click', () =>
        save(
          `faultline-districts-${table.current?.label ?? trend.window}.csv`,
          new Blob([districtsCsv(table)], { type: 'text/csv' }),
        ),
      );
      replace(
        tableDownloads,
        'Download: ',
        b,
        ` · P(≥): how unusual the ${trend.window} is against the ${table.history} before it (docs/trends.md).`,
      );
    }
    status.textContent = '';
  } catch (error) {
    status.textContent =
      error instanceof ApiError ? `Cannot show these trends: ${error.message}` : 'The server did not answer.';
    status.classList.add('error');
  }
}
