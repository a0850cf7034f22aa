import type { AlertsWire } from '../../src/api/alert-schemas.js';
import { api, ApiError } from './api-client.js';
import { el, replace } from './dom.js';

type Firing = AlertsWire['firings'][number];
type Evidence = Firing['evidence'][number];

function figure(e: Evidence): string {
  const f = e.fatalities;
  if (!f) return 'no figure';
  const range = f.low === f.high ? '' : ` (${f.low}–${f.high})`;
  return `${f.best} killed${range}`;
}

/** One evidence event: where, when, what, the reconciled figure and, when contested, who said what. */
function evidenceItem(e: Evidence): HTMLElement {
  const where = [e.place, e.admin2, e.admin1].filter((p, i, all) => p && all.indexOf(p) === i).join(', ');
  return el(
    'li',
    {},
    el('a', { href: `#/event/${encodeURIComponent(e.eventId)}` }, `${e.date} · ${where || 'place unknown'}`),
    ` · ${e.subEventType ?? e.eventType ?? 'event'}`,
    e.actor ? ` · ${e.actor}` : '',
    ` · ${figure(e)}`,
    e.contested
      ? el(
          'span',
          { class: 'contested' },
          ` · contested: ${e.claims.map((c) => `${c.claimant} ${c.best}`).join(', ')}`,
          e.basis ? ` (${e.basis})` : '',
        )
      : '',
  );
}

function deliveryText(f: Firing): string {
  if (f.deliveries.length === 0) return 'no webhook';
  return f.deliveries
    .map((d) => `${d.host}: ${d.status}${d.attempts > 1 ? ` after ${d.attempts} attempts` : ''}`)
    .join('; ');
}

function firingCard(f: Firing): HTMLElement {
  return el(
    'article',
    { class: 'alert-firing', 'data-rule': f.ruleId },
    el('h2', {}, f.rule ?? `rule ${f.ruleId} (removed)`),
    el(
      'p',
      { class: 'alert-meta' },
      `${f.window} · fired ${f.firedAt.slice(0, 16).replace('T', ' ')} · ${f.reason}`,
    ),
    f.escalation
      ? el(
          'p',
          {},
          `${f.escalation.key}: ${f.escalation.current} events against a usual ${f.escalation.baseline.toFixed(1)} (P = ${f.escalation.probability.toPrecision(2)}, threshold ${f.escalation.threshold})`,
        )
      : '',
    el('ul', { class: 'alert-evidence' }, ...f.evidence.map(evidenceItem)),
    el('p', { class: 'alert-delivery' }, `Delivery: ${deliveryText(f)}`),
  );
}

/** The alert rules and their latest firings, each with the events and figures that set it off. */
export async function renderAlertsPage(main: HTMLElement): Promise<void> {
  replace(main, el('p', { role: 'status' }, 'Loading…'));
  try {
    const { rules, firings } = await api.alerts();
    replace(
      main,
      el('h1', {}, 'Alerts'),
      el(
        'p',
        {},
        `${rules.length} rule${rules.length === 1 ? '' : 's'} (add them with `,
        el('code', {}, 'faultline alerts add'),
        '). Each rule fires at most once a week; a contested figure is read at its reconciled best. Subscribe: ',
        el('a', { href: '/api/alerts.atom' }, 'Atom feed'),
        '.',
      ),
      rules.length > 0
        ? el(
            'ul',
            { class: 'alert-rules' },
            ...rules.map((r) => el('li', { 'data-rule': r.id }, r.description)),
          )
        : '',
      firings.length > 0
        ? el('section', { 'aria-label': 'Firings' }, ...firings.map(firingCard))
        : el('p', { class: 'empty' }, 'No rule has fired yet.'),
    );
  } catch (error) {
    replace(
      main,
      el('p', { role: 'alert' }, error instanceof ApiError ? error.message : 'The alerts could not be read.'),
    );
  }
}
