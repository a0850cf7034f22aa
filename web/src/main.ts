import './style.css';
import type { Settings } from '../../src/api/document-schemas.js';
import { api } from './api-client.js';
import { currentSession, refreshSession, renderAccount } from './account.js';
import { renderAddPage } from './add-page.js';
import { renderDocumentsPage } from './documents-page.js';
import { renderEventPage } from './event-page.js';
import { renderMapPage, stopLiveUpdates } from './map-page.js';
import { renderPublishersPage } from './publishers-page.js';
import { renderSignInPage } from './sign-in-page.js';
import { renderTrendsPage } from './trends-page.js';
import { renderAlertsPage } from './alerts-page.js';
import { renderEditPage } from './edit-page.js';
import { renderReviewPage } from './review-page.js';
import { documentsHash, parseHash } from './url-state.js';

const main = document.getElementById('main') as HTMLElement;
let settings: Settings = {
  tileUrl: null,
  tokenRequired: false,
  exportFormats: ['jsonl', 'csv', 'acled', 'ucdp', 'geojson'],
};

/** The tab's title for a view; an event's page sets a more precise one once it has loaded. */
const TITLES: Readonly<Record<string, string>> = {
  map: 'Map of events',
  event: 'Event',
  publishers: 'Publishers',
  documents: 'Documents',
  add: 'Add an article',
  signin: 'Sign in',
  trends: 'Trends',
  alerts: 'Alerts',
  review: 'Review queue',
  edit: 'Edit an event',
};

let shownView: string | null = null;

async function route(): Promise<void> {
  const r = parseHash(location.hash);
  document.title = `${TITLES[r.view] ?? 'Faultline'} · Faultline`;
  document.body.dataset['view'] = r.view;
  // the Documents tab lists the sources of what the map shows: it carries the map's filters
  const documentsTab = document.querySelector<HTMLAnchorElement>('header nav a[data-view="documents"]');
  if (documentsTab && (r.view === 'map' || r.view === 'documents' || r.view === 'event'))
    documentsTab.href = documentsHash(r.filters);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    const target = parseHash(a.getAttribute('href') ?? '').view;
    if (target === r.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (r.view !== 'map') stopLiveUpdates();
  if (r.view === 'event' && r.id) await renderEventPage(main, r.id, r.filters, r.at);
  else if (r.view === 'publishers') await renderPublishersPage(main);
  else if (r.view === 'trends') await renderTrendsPage(main, r.filters, r.trend);
  else if (r.view === 'alerts') await renderAlertsPage(main);
  else if (r.view === 'review') await renderReviewPage(main);
  else if (r.view === 'edit' && r.id) await renderEditPage(main, r.id);
  else if (r.view === 'documents') await renderDocumentsPage(main, r.filters);
  else if (r.view === 'add') renderAddPage(main, settings.tokenRequired, currentSession());
  else if (r.view === 'signin') renderSignInPage(main);
  else await renderMapPage(main, r.filters, r.at, settings.tileUrl, settings.exportFormats);
  shownView = r.view;
  document.body.dataset['ready'] = 'true';
}

window.addEventListener('hashchange', () => {
  document.body.dataset['ready'] = 'false';
  const sameView = parseHash(location.hash).view === shownView;
  // a filter changed on the map: the page is redrawn, and the reader stays where they were, on the same control
  const scrollY = window.scrollY;
  const focusedId = sameView ? document.activeElement?.id : undefined;
  // the redraw empties the view for a moment: holding its height keeps the page from collapsing under the reader
  if (sameView) main.style.minHeight = `${main.offsetHeight}px`;
  void route().then(() => {
    main.style.minHeight = '';
    if (sameView) {
      const again = focusedId ? document.getElementById(focusedId) : null;
      if (again) again.focus({ preventScroll: true });
      // the search box applies while the reader types: they go on typing at the end of what they wrote
      if (again instanceof HTMLInputElement && again.type === 'search')
        again.setSelectionRange(again.value.length, again.value.length);
      else if (document.activeElement === document.body) main.focus({ preventScroll: true });
      // after the focus: a date field scrolls itself into view when focused, whatever preventScroll says
      requestAnimationFrame(() => window.scrollTo({ top: scrollY, behavior: 'instant' }));
      return;
    }
    // the link or map marker that led here went with the old view: carry on from the new view's heading
    if (document.activeElement === document.body)
      (main.querySelector<HTMLElement>('h1[tabindex="-1"]') ?? main).focus();
  });
});

Promise.all([
  api
    .settings()
    .then((s) => (settings = s))
    .catch(() => undefined),
  refreshSession(),
]).finally(() => {
  renderAccount(settings.tokenRequired);
  void route();
});
