import { MAX_Q_LENGTH } from '../../src/api/query-schemas.js';
import { EVENT_TYPES } from '../../src/domain/enums.js';
import { el } from './dom.js';
import type { Filters } from './url-state.js';

export interface FilterChoices {
  readonly provinces: readonly string[];
  readonly districts: readonly string[];
  readonly actors: readonly string[];
  readonly publishers: readonly string[];
}

/** How long typing must pause before the search box applies: one request per word, not one per key. */
export const SEARCH_DEBOUNCE_MS = 400;

function datalist(id: string, values: readonly string[]): HTMLDataListElement {
  return el('datalist', { id }, ...values.map((v) => el('option', { value: v })));
}

/** The filter form: every control is a labelled native input, so it is keyboard usable as it stands. */
export function filtersForm(
  filters: Filters,
  choices: FilterChoices,
  onChange: (f: Filters) => void,
): HTMLFormElement {
  const field = (name: keyof Filters, label: string, input: HTMLInputElement | HTMLSelectElement) => {
    input.name = name;
    input.id = `f-${name}`;
    return el('div', { class: 'field' }, el('label', { for: `f-${name}` }, label), input);
  };
  const text = (name: keyof Filters, list: string) =>
    el('input', { type: 'text', value: filters[name] ?? '', list, autocomplete: 'off', maxlength: 200 });
  const type = el(
    'select',
    {},
    el('option', { value: '' }, 'Any type'),
    ...Object.entries(EVENT_TYPES).map(([t, subs]) =>
      el(
        'optgroup',
        { label: t },
        el('option', { value: t }, t),
        ...(subs as readonly string[]).map((s) => el('option', { value: s }, `— ${s}`)),
      ),
    ),
  );
  type.value = filters.type ?? '';
  const search = el('input', {
    type: 'search',
    value: filters.q ?? '',
    maxlength: MAX_Q_LENGTH,
    autocomplete: 'off',
    placeholder: 'place, actor, words of the reports',
    title: 'Every word must appear; "words in quotes" as a phrase',
  });
  const contested = el('input', {
    type: 'checkbox',
    name: 'contested',
    id: 'f-contested',
    checked: filters.contested === 'true',
  });
  const form = el(
    'form',
    { class: 'filters', 'aria-label': 'Filters', role: 'search' },
    field('q', 'Search', search),
    field('from', 'From', el('input', { type: 'date', value: filters.from ?? '' })),
    field('to', 'To', el('input', { type: 'date', value: filters.to ?? '' })),
    field('admin1', 'Province', text('admin1', 'dl-provinces')),
    field('admin2', 'District', text('admin2', 'dl-districts')),
    field('actor', 'Actor', text('actor', 'dl-actors')),
    field('type', 'Type', type),
    field('publisher', 'Publisher', text('publisher', 'dl-publishers')),
    el('div', { class: 'field check' }, contested, el('label', { for: 'f-contested' }, 'Contested only')),
    // an operation is chosen from an event's page ("Show its events"): shown here so it can be seen and removed
    filters.operation
      ? field(
          'operation',
          'Operation',
          el('input', { type: 'text', value: filters.operation, maxlength: 200 }),
        )
      : null,
    // so is a document, chosen on the Documents view ("N events")
    filters.document
      ? field('document', 'Document', el('input', { type: 'text', value: filters.document, maxlength: 200 }))
      : null,
    el(
      'div',
      { class: 'field buttons' },
      el('button', { type: 'submit' }, 'Apply'),
      el('button', { type: 'reset' }, 'Clear'),
    ),
    datalist('dl-provinces', choices.provinces),
    datalist('dl-districts', choices.districts),
    datalist('dl-actors', choices.actors),
    datalist('dl-publishers', choices.publishers),
  );
  const read = (): Filters => {
    const data = new FormData(form);
    const f: Filters = {};
    for (const key of [
      'q',
      'from',
      'to',
      'admin1',
      'admin2',
      'actor',
      'type',
      'publisher',
      'operation',
      'document',
    ] as const) {
      const v = String(data.get(key) ?? '').trim();
      if (v) f[key] = v;
    }
    if (contested.checked) f.contested = 'true';
    return f;
  };
  let typing: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(typing);
    onChange(read());
  });
  // The search applies as the reader pauses, and alone: the other text fields wait for Enter, as their names
  // must be whole, so a half-typed province is not sent with it.
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const q = search.value.trim();
      if (q === (filters.q ?? '')) return;
      const next: Filters = { ...filters };
      if (q) next.q = q;
      else delete next.q;
      onChange(next);
    }, SEARCH_DEBOUNCE_MS);
  });
  form.addEventListener('reset', (ev) => {
    ev.preventDefault();
    clearTimeout(typing);
    onChange({});
  });
  // selects, dates and the checkbox apply at once; text fields on Enter or Apply
  form.addEventListener('change', (ev) => {
    const t = ev.target as HTMLInputElement;
    if (t.type !== 'text' && t.type !== 'search') onChange(read());
  });
  return form;
}
