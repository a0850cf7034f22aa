import type { SessionWire } from '../../src/api/session-schemas.js';
import { api, ApiError } from './api-client.js';
import { el, replace } from './dom.js';
import { dateText, figureText, placeText } from './format.js';

/** Why this reader has no form: not signed in while users exist, or signed in with a role that only reads. */
function noWriteNotice(session: SessionWire): HTMLElement {
  if (session.user)
    return el(
      'p',
      { class: 'status' },
      `Signed in as ${session.user.name}, a ${session.user.role}: adding articles needs an editor.`,
    );
  return el(
    'p',
    { class: 'status' },
    el('a', { href: '#/signin' }, 'Sign in'),
    ' as an editor to add articles.',
  );
}

/**
 * Paste an article and see the events it became. The text is only ever sent as JSON and shown as text. Shown to
 * those who may write; before any user exists on a server that wants its token, the form asks for the token.
 */
export function renderAddPage(main: HTMLElement, tokenRequired: boolean, session: SessionWire): void {
  const askToken = tokenRequired && !session.usersExist && !session.canWrite;
  if (!session.canWrite && !askToken) {
    replace(main, el('h1', {}, 'Add an article'), noWriteNotice(session));
    return;
  }
  const result = el('div', { class: 'add-result', 'aria-live': 'polite' });
  const token = el('input', { type: 'password', id: 'a-token', name: 'token', autocomplete: 'off' });
  token.value = sessionStorage.getItem('faultline-token') ?? '';
  const form = el(
    'form',
    { class: 'add-form' },
    el(
      'div',
      { class: 'field wide' },
      el('label', { for: 'a-content' }, 'Article text or HTML'),
      el('textarea', { id: 'a-content', name: 'content', rows: 12, required: true }),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'It is'),
      el(
        'label',
        {},
        el('input', { type: 'radio', name: 'format', value: 'text', checked: true }),
        ' plain text',
      ),
      el('label', {}, el('input', { type: 'radio', name: 'format', value: 'html' }), ' HTML'),
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'a-published' }, 'Published'),
      el('input', { type: 'date', id: 'a-published', name: 'published' }),
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'a-publisher' }, 'Outlet'),
      el('input', { type: 'text', id: 'a-publisher', name: 'publisher', maxlength: 200 }),
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'a-title' }, 'Title'),
      el('input', { type: 'text', id: 'a-title', name: 'title', maxlength: 1000 }),
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'a-url' }, 'URL'),
      el('input', { type: 'url', id: 'a-url', name: 'url', maxlength: 2000 }),
    ),
    askToken ? el('div', { class: 'field' }, el('label', { for: 'a-token' }, 'API token'), token) : null,
    el('div', { class: 'field buttons' }, el('button', { type: 'submit' }, 'Add the article')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const opt = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const content = String(data.get('content') ?? '');
    const body = {
      ...(data.get('format') === 'html' ? { html: content } : { text: content }),
      published: opt('published'),
      publisher: opt('publisher'),
      title: opt('title'),
      url: opt('url'),
    };
    if (askToken) sessionStorage.setItem('faultline-token', token.value);
    replace(result, el('p', { role: 'status' }, 'Reading the article…'));
    try {
      const r = await api.postDocument(body, askToken ? token.value : null);
      replace(
        result,
        el(
          'h2',
          {},
          `${r.outcome === 'stored' ? 'Added' : 'Already held'}: ${r.events.length} event${r.events.length === 1 ? '' : 's'}`,
        ),
        el(
          'ul',
          { class: 'event-list added-events' },
          ...r.events.map((e) =>
            el(
              'li',
              {},
              el(
                'a',
                { href: `#/event/${encodeURIComponent(e.id)}` },
                `${dateText(e.date)} · ${placeText(e.location)}`,
              ),
              ` — ${e.sub_event_type}, killed ${figureText(e.fatalities)}`,
            ),
          ),
        ),
        ...r.problems.map((p) => el('p', { class: 'status' }, p)),
      );
    } catch (error) {
      replace(
        result,
        el(
          'p',
          { class: 'status error', role: 'alert' },
          error instanceof ApiError ? error.message : 'The server did not answer.',
        ),
      );
    }
  });
  replace(main, el('h1', {}, 'Add an article'), form, result);
}
