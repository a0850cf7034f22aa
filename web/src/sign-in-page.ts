import { api, ApiError } from './api-client.js';
import { refreshSession } from './account.js';
import { el, replace } from './dom.js';

/** Name and password; the session cookie the server sets is HTTP-only, so the page keeps only the CSRF token. */
export function renderSignInPage(main: HTMLElement): void {
  const result = el('div', { class: 'sign-in-result', 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'sign-in-form' },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 's-name' }, 'Name'),
      el('input', { type: 'text', id: 's-name', name: 'name', autocomplete: 'username', required: true }),
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 's-password' }, 'Password'),
      el('input', {
        type: 'password',
        id: 's-password',
        name: 'password',
        autocomplete: 'current-password',
        required: true,
      }),
    ),
    el('div', { class: 'field buttons' }, el('button', { type: 'submit' }, 'Sign in')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    replace(result, el('p', { role: 'status' }, 'Signing in…'));
    try {
      await api.signIn(String(data.get('name') ?? ''), String(data.get('password') ?? ''));
      const session = await refreshSession();
      location.hash = session.canWrite ? '#/add' : '#/';
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
  replace(main, el('h1', { tabindex: -1 }, 'Sign in'), form, result);
}
