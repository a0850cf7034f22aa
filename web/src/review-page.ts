import type { ReviewQueue } from '../../src/api/review-schemas.js';
import { currentSession } from './account.js';
import { api, ApiError } from './api-client.js';
import { el, replace } from './dom.js';
import { dateText, figureText, placeText } from './format.js';

type Item = ReviewQueue['items'][number];

const REASON_TEXT: Readonly<Record<string, string>> = {
  new: 'new',
  low_confidence: 'low confidence',
  contested: 'contested figures',
  sources_disagree_type: 'sources disagree on type',
  sources_disagree_place: 'sources disagree on place',
};

/** The state of the queue page: its items, the one selected, and whether a decision is on its way. */
interface QueueState {
  items: Item[];
  total: number;
  selected: number;
  busy: boolean;
}

let state: QueueState | null = null;
let keyHandler: ((e: KeyboardEvent) => void) | null = null;

function card(item: Item, selected: boolean, canWrite: boolean): HTMLElement {
  const e = item.event;
  return el(
    'li',
    {
      class: `queue-item${selected ? ' selected' : ''}`,
      'data-id': e.id,
      'aria-current': selected ? 'true' : undefined,
    },
    el('h2', {}, `${e.event_type}: ${e.sub_event_type}`),
    el('p', { class: 'meta' }, `${dateText(e.date)} · ${placeText(e.location)}`),
    el(
      'p',
      {},
      `Killed ${figureText(e.fatalities)} · injured ${figureText(e.injured)} · ${e.sources.length} source(s) · confidence ${e.confidence.toFixed(2)}`,
    ),
    el(
      'p',
      { class: 'reasons' },
      ...item.reasons.map((r) => el('span', { class: `reason ${r}` }, REASON_TEXT[r] ?? r)),
    ),
    el('p', { class: 'notes' }, e.notes),
    el(
      'p',
      { class: 'links' },
      el('a', { href: `#/event/${encodeURIComponent(e.id)}` }, 'Event page'),
      canWrite ? ' · ' : null,
      canWrite ? el('a', { href: `#/edit/${encodeURIComponent(e.id)}`, class: 'edit-link' }, 'Edit') : null,
    ),
  );
}

function draw(main: HTMLElement, status: string | null = null): void {
  if (!state) return;
  const canWrite = currentSession().canWrite;
  const list = el(
    'ol',
    { class: 'queue', 'aria-label': 'Events to review' },
    ...state.items.map((item, i) => card(item, i === state!.selected, canWrite)),
  );
  replace(
    main,
    el('h1', { tabindex: '-1' }, 'Review queue'),
    el(
      'p',
      { class: 'queue-count', role: 'status' },
      `${state.total} event${state.total === 1 ? '' : 's'} to review${status ? ` · ${status}` : ''}`,
    ),
    canWrite
      ? el('p', { class: 'keys' }, 'Keys: j next · k previous · c confirm · e edit · x not an incident')
      : el('p', { class: 'status' }, 'Reviewing needs an editor: sign in as one to confirm or edit events.'),
    state.items.length > 0 ? list : el('p', {}, 'Nothing left to review.'),
  );
  main.querySelector('.queue-item.selected')?.scrollIntoView({ block: 'nearest' });
}

async function load(main: HTMLElement): Promise<void> {
  const queue = await api.reviewQueue(100);
  state = { items: [...queue.items], total: queue.total, selected: 0, busy: false };
  draw(main);
}

async function decide(main: HTMLElement, decision: 'confirm' | 'not-incident'): Promise<void> {
  if (!state || state.busy) return;
  const item = state.items[state.selected];
  if (!item) return;
  state.busy = true;
  try {
    await api.decide(item.event.id, decision, item.version);
    state.items.splice(state.selected, 1);
    state.total = Math.max(0, state.total - 1);
    state.selected = Math.min(state.selected, Math.max(0, state.items.length - 1));
    const said = decision === 'confirm' ? 'confirmed' : 'marked not an incident';
    if (state.items.length === 0 && state.total > 0) await load(main);
    draw(main, `${said}: ${item.event.location?.name ?? item.event.id}`);
  } catch (error) {
    draw(main, error instanceof ApiError ? error.message : 'the decision could not be saved');
  } finally {
    if (state) state.busy = false;
  }
}

function onKey(main: HTMLElement, e: KeyboardEvent): void {
  if (document.body.dataset['view'] !== 'review' || !state) return;
  const target = e.target as HTMLElement | null;
  if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const canWrite = currentSession().canWrite;
  if (e.key === 'j' || e.key === 'k') {
    const step = e.key === 'j' ? 1 : -1;
    state.selected = Math.max(0, Math.min(state.items.length - 1, state.selected + step));
    draw(main);
  } else if (e.key === 'c' && canWrite) void decide(main, 'confirm');
  else if (e.key === 'x' && canWrite) void decide(main, 'not-incident');
  else if (e.key === 'e' && canWrite) {
    const item = state.items[state.selected];
    if (item) location.hash = `#/edit/${encodeURIComponent(item.event.id)}`;
  } else return;
  e.preventDefault();
}

/** The review queue (#/review): one list, driven by the keyboard, most fatalities first. */
export async function renderReviewPage(main: HTMLElement): Promise<void> {
  replace(main, el('p', { role: 'status' }, 'Loading…'));
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = (e) => onKey(main, e);
  document.addEventListener('keydown', keyHandler);
  try {
    await load(main);
  } catch (error) {
    replace(
      main,
      el('p', { role: 'alert' }, error instanceof ApiError ? error.message : 'The queue could not be read.'),
    );
  }
}
