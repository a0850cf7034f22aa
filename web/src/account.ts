import type { SessionWire } from '../../src/api/session-schemas.js';
import { api, setCsrfToken } from './api-client.js';
import { el, replace } from './dom.js';

const SIGNED_OUT: SessionWire = {
  user: null,
  via: null,
  csrfToken: null,
  canWrite: false,
  usersExist: false,
  requireAuth: false,
};

let session: SessionWire = SIGNED_OUT;
/** Whether the server wants its token for writes before any user exists (from /api/settings). */
let serverTokenRequired = false;

/** Who the page is signed in as, and what it may do; asked of the server at load and after signing in or out. */
export function currentSession(): SessionWire {
  return session;
}

export async function refreshSession(): Promise<SessionWire> {
  session = await api.session().catch(() => SIGNED_OUT);
  setCsrfToken(session.csrfToken);
  renderAccount();
  return session;
}

/**
 * The header's account corner: who is signed in and a sign-out button, or a link to sign in once users exist.
 * The "Add an article" tab shows only to those who may add one (or may try with the server's token).
 */
export function renderAccount(tokenRequired = serverTokenRequired): void {
  serverTokenRequired = tokenRequired;
  const corner = document.getElementById('account');
  const addTab = document.querySelector<HTMLAnchorElement>('header nav a[href="#/add"]');
  if (addTab) addTab.hidden = !(session.canWrite || (tokenRequired && !session.usersExist));
  if (!corner) return;
  const user = session.user;
  if (user) {
    const out = el('button', { type: 'button', class: 'sign-out' }, 'Sign out');
    out.addEventListener('click', async () => {
      await api.signOut().catch(() => undefined);
      await refreshSession();
      location.hash = '#/';
    });
    replace(corner, el('span', { class: 'who' }, `Signed in as ${user.name} (${user.role})`), ' ', out);
  } else if (session.usersExist) {
    replace(corner, el('a', { href: '#/signin', class: 'sign-in' }, 'Sign in'));
  } else replace(corner);
}
