import type { EventDetail } from '../../src/api/event-schemas.js';
import type { EventHistory } from '../../src/api/review-schemas.js';
import { currentSession } from './account.js';
import { api, ApiError } from './api-client.js';
import { DATE_PRECISIONS, EVENT_TYPES } from '../../src/domain/enums.js';
import { el, replace } from './dom.js';
import { dateText, figureText, placeText } from './format.js';
import { sourceColumn } from './event-page.js';

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  const o = value as Record<string, unknown>;
  if ('best' in o && 'low' in o) return figureText(o as { low: number; best: number; high: number });
  if ('start' in o && 'end' in o) return dateText(o as EventDetail['event']['date']);
  if ('name' in o && 'precision' in o) return placeText(o as EventDetail['event']['location']);
  return JSON.stringify(value);
}

/** Every change on the record, oldest first: when, who, what, before and after, and why. */
export function historyList(history: EventHistory): HTMLElement {
  if (history.edits.length === 0) return el('p', { class: 'history-empty' }, 'No change recorded yet.');
  return el(
    'ol',
    { class: 'history' },
    ...history.edits.map((e) =>
      el(
        'li',
        { 'data-action': e.action, 'data-field': e.field ?? '' },
        el('time', { datetime: e.at }, e.at.replace('T', ' ').slice(0, 19)),
        ` ${e.by}: `,
        el('strong', {}, e.field ? `${e.action.replace('_', ' ')} ${e.field}` : e.action.replace('_', ' ')),
        e.field ? ` ${shown(e.before)} → ${shown(e.after)}` : '',
        e.reason ? el('span', { class: 'reason' }, ` (${e.reason})`) : null,
      ),
    ),
  );
}

function locksList(history: EventHistory): HTMLElement | null {
  if (history.review.locks.length === 0) return null;
  return el(
    'ul',
    { class: 'locks' },
    ...history.review.locks.map((l) =>
      el(
        'li',
        { 'data-field': l.field, class: l.disagrees ? 'disagrees' : undefined },
        `${l.field} locked at ${shown(l.value)} by ${l.setBy}`,
        l.disagrees ? el('span', { class: 'machine' }, ` · the machine now reads ${shown(l.machine)}`) : null,
      ),
    ),
  );
}

function input(id: string, label: string, value: string | number | null, type = 'text'): HTMLElement {
  return el(
    'label',
    { for: id },
    label,
    el('input', {
      id,
      name: id,
      type,
      value: value === null ? '' : String(value),
      ...(type === 'number' ? { min: 0, step: 1 } : {}),
    }),
  );
}

/** A select list of the given values with `value` chosen; a stored value the list lacks is kept as an option. */
function picker(id: string, label: string, values: readonly string[], value: string): HTMLElement {
  const all = values.includes(value) ? values : [value, ...values];
  return el(
    'label',
    { for: id },
    label,
    el('select', { id, name: id }, ...all.map((v) => el('option', { value: v, selected: v === value }, v))),
  );
}

const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES);

function subTypesOf(type: string): readonly string[] {
  return Object.hasOwn(EVENT_TYPES, type)
    ? (EVENT_TYPES[type as keyof typeof EVENT_TYPES] as readonly string[])
    : [];
}

/** Keeps the sub-event list to the sub-types of the event type chosen, the first one chosen when it changes. */
function linkTypePickers(form: HTMLElement): void {
  const type = form.querySelector<HTMLSelectElement>('#f-type');
  const sub = form.querySelector<HTMLSelectElement>('#f-subtype');
  if (!type || !sub) return;
  type.addEventListener('change', () => {
    sub.replaceChildren(...subTypesOf(type.value).map((v) => el('option', { value: v }, v)));
  });
}

/** A claim as one line of the best-figure list: who, what, how many, from which outlet. */
function claimLabel(c: EventDetail['claims'][number]): string {
  const figure = c.low === c.high ? String(c.best) : `${c.low}–${c.high} (best ${c.best})`;
  return `${c.metric} ${figure}: ${c.claimant} (${c.stance})${c.publisher ? `, ${c.publisher}` : ''}`;
}

/** Only killed and injured figures set a field of the event (see chooseClaim). */
const SETS_A_FIGURE = new Set(['killed', 'injured']);

const valueOf = (form: HTMLElement, id: string): string =>
  (
    form.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`#${id}`)?.value ?? ''
  ).trim();

/** The fields the form changed, as the API takes them; a figure left blank stays as it was. */
function changedFields(form: HTMLElement, d: EventDetail): Record<string, unknown> {
  const e = d.event;
  const fields: Record<string, unknown> = {};
  const start = valueOf(form, 'f-date-start');
  const end = valueOf(form, 'f-date-end');
  const precision = valueOf(form, 'f-date-precision');
  if (start !== e.date.start || end !== e.date.end || precision !== e.date.precision)
    fields['date'] = { start, end, precision };
  const place = valueOf(form, 'f-place');
  const admin2 = valueOf(form, 'f-admin2') || null;
  const admin1 = valueOf(form, 'f-admin1') || null;
  if (
    e.location &&
    (place !== e.location.name || admin2 !== e.location.admin2 || admin1 !== e.location.admin1)
  )
    fields['location'] = { name: place, admin2, admin1 };
  const type = valueOf(form, 'f-type');
  const sub = valueOf(form, 'f-subtype');
  if (type !== e.event_type) fields['event_type'] = type;
  if (sub !== e.sub_event_type) fields['sub_event_type'] = sub;
  const figure = (prefix: string, current: { low: number; best: number; high: number } | null): void => {
    const raw = ['low', 'best', 'high'].map((k) => valueOf(form, `${prefix}-${k}`));
    if (raw.every((r) => r === '')) return;
    const [low, best, high] = raw.map((r) => (r === '' ? null : Number(r)));
    if (current && low === current.low && best === current.best && high === current.high) return;
    fields[prefix === 'f-fat' ? 'fatalities' : 'injured'] = { low, best, high };
  };
  figure('f-fat', e.fatalities);
  figure('f-inj', e.injured);
  // an actor is sent by name: the server reads it against the actor table ('' for none)
  for (const [id, field] of [
    ['f-actor1', 'actor1'],
    ['f-actor2', 'actor2'],
  ] as const) {
    const name = valueOf(form, id);
    if (name !== (e[field]?.name ?? '')) fields[field] = name;
  }
  const notes = valueOf(form, 'f-notes');
  if (notes !== e.notes) fields['notes'] = notes;
  return fields;
}

function editorForm(d: EventDetail, version: number): HTMLElement {
  const e = d.event;
  const f = e.fatalities;
  const i = e.injured;
  return el(
    'form',
    { class: 'edit-form', 'data-version': version },
    el(
      'fieldset',
      {},
      el('legend', {}, 'Date'),
      input('f-date-start', 'Start', e.date.start, 'date'),
      input('f-date-end', 'End', e.date.end, 'date'),
      picker('f-date-precision', 'Precision', DATE_PRECISIONS, e.date.precision),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Place'),
      input('f-place', 'Place', e.location?.name ?? null),
      input('f-admin2', 'District', e.location?.admin2 ?? null),
      input('f-admin1', 'Province', e.location?.admin1 ?? null),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Type'),
      picker('f-type', 'Event type', EVENT_TYPE_NAMES, e.event_type),
      picker('f-subtype', 'Sub-event type', subTypesOf(e.event_type), e.sub_event_type),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Actors'),
      input('f-actor1', 'Perpetrator (actor 1)', e.actor1?.name ?? null),
      input('f-actor2', 'Target (actor 2)', e.actor2?.name ?? null),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Killed'),
      input('f-fat-low', 'Low', f?.low ?? null, 'number'),
      input('f-fat-best', 'Best', f?.best ?? null, 'number'),
      input('f-fat-high', 'High', f?.high ?? null, 'number'),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Injured'),
      input('f-inj-low', 'Low', i?.low ?? null, 'number'),
      input('f-inj-best', 'Best', i?.best ?? null, 'number'),
      input('f-inj-high', 'High', i?.high ?? null, 'number'),
    ),
    el('label', { for: 'f-notes' }, 'Notes', el('textarea', { id: 'f-notes', rows: 3 }, e.notes)),
    el('label', { for: 'f-reason' }, 'Reason (optional)', el('input', { id: 'f-reason', type: 'text' })),
    el(
      'p',
      { class: 'actions' },
      el('button', { type: 'submit', id: 'b-save' }, 'Save changes'),
      ' ',
      el('button', { type: 'button', id: 'b-confirm' }, 'Confirm'),
      ' ',
      el('button', { type: 'button', id: 'b-not-incident' }, 'Not an incident'),
    ),
    el(
      'fieldset',
      { class: 'merge' },
      el('legend', {}, 'Merge another event into this one'),
      input('f-merge-other', 'Other event id', null),
      el('button', { type: 'button', id: 'b-merge' }, 'Merge'),
    ),
    splitControl(d),
    bestClaimControl(d),
  );
}

/** Takes one source's reports out into an event of their own; only when another source stays. */
function splitControl(d: EventDetail): HTMLElement | null {
  if (d.documents.length < 2) return null;
  return el(
    'fieldset',
    { class: 'split' },
    el('legend', {}, 'Split a report out into its own event'),
    el(
      'label',
      { for: 'f-split-doc' },
      'Report',
      el(
        'select',
        { id: 'f-split-doc' },
        ...d.documents.map((s) =>
          el(
            'option',
            { value: s.doc_id },
            [s.publisher, s.title, s.published?.slice(0, 10)].filter(Boolean).join(' · ') || s.doc_id,
          ),
        ),
      ),
    ),
    el('button', { type: 'button', id: 'b-split' }, 'Split out'),
  );
}

/** Chooses the claim whose figure the event gives as best; the option's value is the claim's index. */
function bestClaimControl(d: EventDetail): HTMLElement | null {
  const options = d.claims
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => SETS_A_FIGURE.has(c.metric))
    .map(({ c, index }) => el('option', { value: index, selected: c.sets.includes('best') }, claimLabel(c)));
  if (options.length === 0) return null;
  return el(
    'fieldset',
    { class: 'best-claim' },
    el('legend', {}, 'Which claim sets the best figure'),
    el('label', { for: 'f-claim' }, 'Claim', el('select', { id: 'f-claim' }, ...options)),
    el('button', { type: 'button', id: 'b-claim' }, 'Use this figure'),
  );
}

async function render(main: HTMLElement, id: string, status: string | null, failed: boolean): Promise<void> {
  const [detail, history] = await Promise.all([api.event(id), api.history(id)]);
  const canWrite = currentSession().canWrite;
  const e = detail.event;
  const state = history.review.notIncident
    ? `Not an incident (${history.review.reviewedBy ?? '?'})`
    : history.review.reviewed
      ? `Confirmed by ${history.review.reviewedBy ?? '?'} on ${(history.review.reviewedAt ?? '').slice(0, 10)}`
      : 'Not reviewed yet';
  const form = canWrite ? editorForm(detail, history.review.version) : null;
  replace(
    main,
    el('p', {}, el('a', { href: '#/review', class: 'back' }, '← Review queue')),
    el('h1', { tabindex: '-1' }, `${e.event_type}: ${e.sub_event_type}`),
    el(
      'p',
      { class: 'review-state' },
      `${state} · ${placeText(e.location)} · ${dateText(e.date)} · killed ${figureText(e.fatalities)} · version ${history.review.version}`,
    ),
    el('p', { id: 'edit-status', role: failed ? 'alert' : 'status' }, status ?? ''),
    el(
      'div',
      { class: 'editor' },
      el(
        'section',
        { class: 'editor-fields' },
        form ?? el('p', { class: 'status' }, 'Editing needs an editor: sign in as one to change this event.'),
        el('h2', {}, 'Locked fields'),
        locksList(history) ?? el('p', {}, 'None.'),
        el('h2', {}, 'History'),
        historyList(history),
      ),
      el(
        'section',
        { class: 'editor-sources', 'aria-label': 'Source text' },
        el('h2', {}, `Sources (${detail.documents.length})`),
        ...detail.documents.map((s) => sourceColumn(s, detail.claims)),
      ),
    ),
  );
  if (!form) return;
  const version = history.review.version;
  const after = <T>(promise: Promise<T>, said: string | ((value: T) => string)): void => {
    promise.then(
      (value) => void render(main, id, typeof said === 'string' ? said : said(value), false),
      (error: unknown) =>
        void render(
          main,
          id,
          error instanceof ApiError ? `${error.code}: ${error.message}` : 'not saved',
          true,
        ),
    );
  };
  const reason = (): string | null => valueOf(form, 'f-reason') || null;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const fields = changedFields(form, detail);
    if (Object.keys(fields).length === 0) {
      const box = main.querySelector('#edit-status');
      if (box) box.textContent = 'Nothing changed.';
      return;
    }
    after(api.editEvent(id, version, fields, reason()), `Saved: ${Object.keys(fields).join(', ')}`);
  });
  form
    .querySelector('#b-confirm')
    ?.addEventListener('click', () => after(api.decide(id, 'confirm', version, reason()), 'Confirmed'));
  form
    .querySelector('#b-not-incident')
    ?.addEventListener('click', () =>
      after(api.decide(id, 'not-incident', version, reason()), 'Marked not an incident'),
    );
  linkTypePickers(form);
  form.querySelector('#b-split')?.addEventListener('click', () => {
    const docId = valueOf(form, 'f-split-doc');
    if (!docId) return;
    after(api.split(id, version, docId, reason()), (r) => `Split the report out into event ${r.event.id}`);
  });
  form.querySelector('#b-claim')?.addEventListener('click', () => {
    const claim = Number(valueOf(form, 'f-claim'));
    const row = detail.claims[claim];
    if (!row) return;
    after(api.bestClaim(id, version, claim, reason()), `Best figure set from ${row.claimant}`);
  });
  form.querySelector('#b-merge')?.addEventListener('click', () => {
    const other = valueOf(form, 'f-merge-other');
    if (!other) return;
    after(
      api.history(other).then((h) => api.merge(id, version, other, h.review.version, reason())),
      `Merged ${other} into this event`,
    );
  });
}

/** The event editor (#/edit/ID): the fields beside the source text, the locks and the history. */
export async function renderEditPage(main: HTMLElement, id: string): Promise<void> {
  replace(main, el('p', { role: 'status' }, 'Loading…'));
  try {
    await render(main, id, null, false);
  } catch (error) {
    replace(
      main,
      el('p', { role: 'alert' }, error instanceof ApiError ? error.message : 'The event could not be read.'),
    );
  }
}
