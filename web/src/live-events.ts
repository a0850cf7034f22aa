import type { EventRecordWire } from '../../src/api/event-schemas.js';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  /** Events stored or changed under the view's filters, as the server sent them. */
  onEvents(events: readonly EventRecordWire[]): void;
  /** The server could not send everything that changed (too much at once): the view must be read afresh. */
  onReset(): void;
  onState(state: LiveState): void;
}

/** How long to wait before opening a stream again after the server refused or ended it for good. */
const REOPEN_MS = 5000;

/**
 * Subscribes to GET /api/events/stream under the view's filters (`query`, as in the event list's URL). The
 * browser reconnects a dropped stream by itself, sending the last change number it saw; a stream the server
 * refused (too many open, a restart mid-answer) is reopened here after a pause from that same number, so no
 * change is missed either way. Returns the unsubscribe.
 */
export function subscribeLive(query: string, handlers: LiveHandlers): () => void {
  let source: EventSource | null = null;
  let since: string | null = null;
  let timer: number | undefined;
  let closed = false;

  function open(): void {
    const params = new URLSearchParams(query);
    if (since !== null) params.set('since', since);
    const text = params.toString();
    const s = new EventSource(`/api/events/stream${text ? `?${text}` : ''}`);
    source = s;
    handlers.onState('connecting');
    s.addEventListener('open', () => handlers.onState('live'));
    s.addEventListener('ready', (e) => {
      since = (e as MessageEvent<string>).lastEventId || since;
    });
    s.addEventListener('events', (e) => {
      const message = e as MessageEvent<string>;
      since = message.lastEventId || since;
      const body = JSON.parse(message.data) as { events: EventRecordWire[] };
      handlers.onEvents(body.events);
    });
    s.addEventListener('reset', (e) => {
      since = (e as MessageEvent<string>).lastEventId || since;
      handlers.onReset();
    });
    s.addEventListener('error', () => {
      if (closed) return;
      // an id-only message moves lastEventId without an event of its own: the browser's retry resumes from it
      handlers.onState('reconnecting');
      if (s.readyState !== EventSource.CLOSED) return;
      timer = window.setTimeout(open, REOPEN_MS);
    });
  }

  open();
  return () => {
    closed = true;
    window.clearTimeout(timer);
    source?.close();
  };
}
