import type { EventDocumentWire } from '../../src/api/document-schemas.js';
import { api, ApiError } from './api-client.js';
import { el, replace } from './dom.js';
import { documentsHash, filterQuery, mapHash, type Filters } from './url-state.js';

const PAGE = 50;
const HTTP_URL = /^https?:\/\//i;

/** A link out only for an address the browser would fetch as a page: a stored `javascript:` stays text. */
function originalLink(d: EventDocumentWire, name: string): HTMLElement | string {
  if (!d.url || !HTTP_URL.test(d.url)) return '—';
  return el(
    'a',
    {
      href: d.url,
      rel: 'noopener noreferrer',
      target: '_blank',
      'aria-label': `Original of ${name} (opens in a new tab)`,
    },
    'Original',
  );
}

function documentRow(d: EventDocumentWire, filters: Filters): HTMLTableRowElement {
  const name = d.title ?? 'Untitled document';
  const events = `${d.events} event${d.events === 1 ? '' : 's'}`;
  return el(
    'tr',
    { 'data-id': d.id },
    el('th', { scope: 'row', class: d.title ? undefined : 'untitled' }, name),
    el('td', {}, d.publisher ?? '—'),
    el('td', { class: 'date' }, d.published ?? 'date unknown'),
    el(
      'td',
      { class: 'num' },
      // the map with the same filters, narrowed to this document: the count there is this one
      el(
        'a',
        { href: mapHash({ ...filters, document: d.id }), 'aria-label': `Show the ${events} of ${name}` },
        events,
      ),
    ),
    el('td', {}, originalLink(d, name)),
  );
}

/** What to say when no document stands behind the filters: why, and the way out. */
function emptyHint(filters: Filters): HTMLElement {
  const any = filterQuery(filters) !== '';
  return el(
    'p',
    { class: 'empty-hint', role: 'note' },
    any
      ? 'No event matches these filters, so no document stands behind them. Widen the dates, clear a field, or '
      : 'No events are stored yet, so there are no sources to list. ',
    any
      ? el('a', { href: documentsHash({}) }, 'list the sources of all events')
      : el('a', { href: '#/add' }, 'add an article'),
    '.',
  );
}

/** The Documents view: the sources behind the events the current filters match, most cited first. */
export async function renderDocumentsPage(main: HTMLElement, filters: Filters): Promise<void> {
  const heading = el('h1', { tabindex: -1 }, 'Documents');
  const intro = el(
    'p',
    {},
    filterQuery(filters) === ''
      ? 'The source documents of every stored event, '
      : 'The source documents of the events matching the map’s filters, ',
    'most cited first. ',
    el('a', { href: mapHash(filters), class: 'back' }, '← Back to the map'),
  );
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  replace(main, heading, intro, status);
  const query = filterQuery(filters);
  const page = (offset: number) =>
    api.eventDocuments(`${query ? `${query}&` : ''}limit=${PAGE}&offset=${offset}`);
  try {
    const first = await page(0);
    if (first.total === 0) {
      status.replaceWith(emptyHint(filters));
      return;
    }
    const body = el('tbody', {}, ...first.items.map((d) => documentRow(d, filters)));
    const more = el('button', { type: 'button', class: 'more' }, 'More documents');
    let shown = first.items.length;
    more.hidden = shown >= first.total;
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const next = await page(shown);
        shown += next.items.length;
        body.append(...next.items.map((d) => documentRow(d, filters)));
        more.hidden = shown >= next.total || next.items.length === 0;
      } finally {
        more.disabled = false;
      }
    });
    status.textContent = `${first.total} document${first.total === 1 ? '' : 's'}`;
    main.append(
      el(
        'div',
        { class: 'table-wrap', role: 'region', 'aria-label': 'Source documents', tabindex: 0 },
        el(
          'table',
          { class: 'documents' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['Title', 'Publisher', 'Published', 'Events', 'Original'].map((h) =>
                el('th', { scope: 'col' }, h),
              ),
            ),
          ),
          body,
        ),
      ),
      more,
    );
  } catch (error) {
    status.textContent =
      error instanceof ApiError
        ? `Cannot list these documents: ${error.message}`
        : 'The server did not answer.';
    status.classList.add('error');
    status.setAttribute('role', 'alert');
  }
}
