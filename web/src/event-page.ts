import type { ClaimRow, EventDetail, EventSource } from '../../src/api/event-schemas.js';
import { currentSession } from './account.js';
import { historyList } from './edit-page.js';
import { api, ApiError } from './api-client.js';
import { el, replace } from './dom.js';
import { dateText, figureText, placeText } from './format.js';
import { mapHash, type Filters } from './url-state.js';

/** The source's clean text with its evidence and claim spans marked, built from text nodes only. */
function highlighted(source: EventSource): HTMLElement {
  const box = el('div', { class: 'source-text' });
  let at = 0;
  for (const h of source.highlights) {
    if (h.start < at) continue;
    if (h.start > at) box.appendChild(document.createTextNode(source.text.slice(at, h.start)));
    box.appendChild(el('mark', { class: h.kind }, source.text.slice(h.start, h.end)));
    at = h.end;
  }
  if (at < source.text.length) box.appendChild(document.createTextNode(source.text.slice(at)));
  return box;
}

// A quote that keeps its own marks would show them twice inside <q>.
const OUTER_MARKS = /^["'“”‘’]+|["'“”‘’]+$/g;

function unquoted(text: string): string {
  return text.trim().replace(OUTER_MARKS, '');
}

function figure(c: ClaimRow): string {
  const n = c.low === c.high ? String(c.low) : `${c.low}–${c.high}`;
  return `${c.approximate ? '≈' : ''}${n} ${c.metric} (${c.category.replace('_', ' ')})`;
}

function claimsTable(claims: readonly ClaimRow[]): HTMLElement {
  if (claims.length === 0) return el('p', {}, 'No casualty claims.');
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'claims' },
      el('caption', {}, 'Every claim'),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Claimant', 'Stance', 'Figure', 'Sets', 'Outlet', 'Published'].map((h) =>
            el('th', { scope: 'col' }, h),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...claims.map((c) =>
          el(
            'tr',
            {},
            el('td', {}, `${c.claimant} (${c.claimant_kind.replace('_', ' ')})`),
            el('td', {}, c.stance),
            el('td', {}, figure(c)),
            el('td', {}, c.sets.join(', ')),
            el('td', {}, c.publisher ?? 'unknown outlet'),
            el('td', {}, c.published ?? '—'),
          ),
        ),
      ),
    ),
  );
}

export function sourceColumn(source: EventSource, claims: readonly ClaimRow[]): HTMLElement {
  const own = claims.filter((c) => c.doc_id === source.doc_id);
  return el(
    'article',
    { class: 'source', 'aria-label': `Source: ${source.publisher ?? 'unknown outlet'}` },
    el('h3', {}, source.publisher ?? 'Unknown outlet'),
    el(
      'p',
      { class: 'meta' },
      [source.published ?? 'date unknown', source.title].filter(Boolean).join(' · '),
    ),
    source.url && /^https?:\/\//i.test(source.url)
      ? el('p', {}, el('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, 'Original'))
      : null,
    el(
      'ul',
      { class: 'source-claims' },
      ...(own.length
        ? own.map((c) =>
            el(
              'li',
              {},
              el('strong', {}, figure(c)),
              ` — ${c.claimant}, ${c.stance}: `,
              // <q> draws its own quotation marks
              el('q', {}, unquoted(c.quote)),
            ),
          )
        : [el('li', {}, 'No figure in this source.')]),
    ),
    highlighted(source),
  );
}

function view(d: EventDetail, back: string): HTMLElement[] {
  const e = d.event;
  const f = e.fatalities;
  const setter = (which: string) =>
    d.claims
      .filter((c) => c.sets.includes(which))
      .map((c) => `${c.claimant} in ${c.publisher ?? 'unknown outlet'}`)
      .join('; ') || '—';
  return [
    el('p', {}, el('a', { href: back, class: 'back' }, '← All events')),
    el('h1', {}, `${e.event_type}: ${e.sub_event_type}`),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'Date'),
      el('dd', {}, dateText(e.date)),
      el('dt', {}, 'Place'),
      el('dd', {}, placeText(e.location)),
      el('dt', {}, 'Perpetrator'),
      el('dd', {}, e.actor1 ? `${e.actor1.name}${e.actor1.claimed ? ' (claimed)' : ''}` : 'unknown'),
      el('dt', {}, 'Target'),
      el('dd', {}, e.actor2 ? e.actor2.name : e.target.replace('_', ' ')),
      el('dt', {}, 'Weapon'),
      el('dd', {}, e.weapon.replace(/_/g, ' ')),
      el('dt', {}, 'Killed'),
      el('dd', {}, figureText(f)),
      el('dt', {}, 'Injured'),
      el('dd', {}, figureText(e.injured)),
      el('dt', {}, 'Confidence'),
      el('dd', {}, e.confidence.toFixed(2)),
    ),
    f
      ? el(
          'table',
          { class: 'figures' },
          el('caption', {}, 'Fatalities and the claims that set them'),
          el(
            'tbody',
            {},
            ...(['low', 'best', 'high'] as const).map((k) =>
              el(
                'tr',
                {},
                el('th', { scope: 'row' }, k),
                el('td', {}, String(f[k])),
                el('td', {}, setter(k)),
              ),
            ),
          ),
        )
      : el('p', {}, 'No fatality figure.'),
    el('p', { class: 'notes' }, e.notes),
    d.operation
      ? el(
          'section',
          { class: 'operation' },
          el('h2', {}, 'Part of an operation'),
          el(
            'p',
            {},
            `${d.operation.notes} Towns: ${d.operation.event_ids.length}. Whole-operation killed: ${figureText(d.operation.fatalities)}.`,
          ),
          el(
            'p',
            {},
            el('a', { href: `#/?operation=${encodeURIComponent(d.operation.id)}` }, 'Show its events'),
          ),
        )
      : null,
    el('h2', {}, 'Claims'),
    claimsTable(d.claims),
    el('h2', {}, `Sources (${d.documents.length})`),
    el('div', { class: 'sources' }, ...d.documents.map((s) => sourceColumn(s, d.claims))),
  ].filter((n): n is HTMLElement => n !== null);
}

export async function renderEventPage(
  main: HTMLElement,
  id: string,
  filters: Filters = {},
  at: string | null = null,
): Promise<void> {
  const back = mapHash(filters, at);
  replace(main, el('p', { role: 'status' }, 'Loading…'));
  try {
    const [detail, history] = await Promise.all([api.event(id), api.history(id).catch(() => null)]);
    replace(main, ...view(detail, back));
    if (history) {
      // the record of people's decisions, and a way into the editor for those who may edit
      main.append(
        el('h2', {}, 'Review and history'),
        el(
          'p',
          { class: 'review-state' },
          history.review.reviewed
            ? `${history.review.notIncident ? 'Not an incident' : 'Confirmed'} by ${history.review.reviewedBy ?? '?'}`
            : 'Machine-coded, not reviewed yet',
          currentSession().canWrite ? ' · ' : '',
          currentSession().canWrite
            ? el('a', { href: `#/edit/${encodeURIComponent(id)}` }, 'Edit this event')
            : null,
        ),
        historyList(history),
      );
    }
    main.querySelector('h1')?.setAttribute('tabindex', '-1');
    const e = detail.event;
    document.title = `${e.sub_event_type}, ${e.location?.name ?? 'place unknown'}, ${dateText(e.date)} · Faultline`;
  } catch (error) {
    replace(
      main,
      el(
        'p',
        { class: 'status error', role: 'alert' },
        error instanceof ApiError ? error.message : 'The server did not answer.',
      ),
      el('a', { href: back, class: 'back' }, '← All events'),
    );
  }
}
