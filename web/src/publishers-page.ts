import { api, ApiError } from './api-client.js';
import { el, replace } from './dom.js';

export async function renderPublishersPage(main: HTMLElement): Promise<void> {
  replace(main, el('p', { role: 'status' }, 'Loading…'));
  try {
    const profiles = await api.publishers();
    // the words a term stands for, never its internal id ("neu-assailants")
    const top = (terms: Record<string, number>, labels: Record<string, string>) =>
      Object.entries(terms)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([t, n]) => `“${labels[t] ?? t.replace(/^[a-z]+-/, '').replace(/-/g, ' ')}” ×${n}`)
        .join(', ') || '—';
    replace(
      main,
      el('h1', {}, 'Publishers'),
      el(
        'p',
        {},
        'Framing terms by register, and how often an outlet gives the highest or lowest figure when outlets disagree. Framing never changes a figure.',
      ),
      el(
        'div',
        { class: 'table-wrap' },
        el(
          'table',
          { class: 'publishers' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...[
                'Publisher',
                'Documents',
                'Insurgent terms',
                'State terms',
                'Neutral terms',
                'Contested events',
                'Highest',
                'Lowest',
                'Frequent terms',
              ].map((h) => el('th', { scope: 'col' }, h)),
            ),
          ),
          el(
            'tbody',
            {},
            ...profiles.map((p) =>
              el(
                'tr',
                {},
                el(
                  'th',
                  { scope: 'row' },
                  el('a', { href: `#/?publisher=${encodeURIComponent(p.name)}` }, p.name),
                ),
                ...[
                  p.documents,
                  p.framing.insurgent,
                  p.framing.state,
                  p.framing.neutral,
                  p.contestedEvents,
                  p.highest,
                  p.lowest,
                ].map((n) => el('td', { class: 'num' }, String(n))),
                el('td', { class: 'terms' }, top(p.framing.terms, p.termLabels ?? {})),
              ),
            ),
          ),
        ),
      ),
    );
  } catch (error) {
    replace(
      main,
      el(
        'p',
        { class: 'status error', role: 'alert' },
        error instanceof ApiError ? error.message : 'The server did not answer.',
      ),
    );
  }
}
