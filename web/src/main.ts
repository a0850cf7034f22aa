import './style.css';
import type { Settings } from '../../src/api/document-schemas.js';
import { api } from './api-client.js';
import { renderAddPage } from './add-page.js';
import { renderEventPage } from './event-page.js';
import { renderMapPage } from './map-page.js';
import { renderPublishersPage } from './publishers-page.js';
import { parseHash } from './url-state.js';

const main = document.getElementById('main') as HTMLElement;
let settings: Settings = {
  tileUrl: null,
  tokenRequired: false,
  exportFormats: ['jsonl', 'csv', 'acled', 'ucdp', 'geojson'],
};

async function route(): Promise<void> {
  const r = parseHash(location.hash);
  document.body.dataset['view'] = r.view;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    const target = parseHash(a.getAttribute('href') ?? '').view;
    if (target === r.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (r.view === 'event' && r.id) await renderEventPage(main, r.id);
  else if (r.view === 'publishers') await renderPublishersPage(main);
  else if (r.view === 'add') renderAddPage(main, settings.tokenRequired);
  else await renderMapPage(main, r.filters, settings.tileUrl, settings.exportFormats);
  document.body.dataset['ready'] = 'true';
}

window.addEventListener('hashchange', () => {
  document.body.dataset['ready'] = 'false';
  void route().then(() => {
    // the link or map marker that led here went with the old view: carry on from the new view's heading
    if (document.activeElement === document.body)
      (main.querySelector<HTMLElement>('h1[tabindex="-1"]') ?? main).focus();
  });
});

api
  .settings()
  .then((s) => (settings = s))
  .catch(() => undefined)
  .finally(() => void route());
