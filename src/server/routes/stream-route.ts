import type { ServerResponse } from 'node:http';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { ErrorSchema, EventFiltersSchema, type EventFilters } from '../../api/query-schemas.js';
import { FaultlineError } from '../../errors/errors.js';
import type { EventQuery } from '../../store/store.js';
import type { ChangeFeed } from '../change-feed.js';
import type { RouteDeps } from '../route-deps.js';

/** How the live stream behaves; buildApp fills in the defaults. */
export interface StreamOptions {
  readonly changes: ChangeFeed;
  /** Streams open at once; one more is refused with FL_ERR_TOO_MANY_STREAMS. */
  readonly maxClients: number;
  /** A comment line this often keeps proxies and the browser from timing an idle stream out. */
  readonly heartbeatMs: number;
  /** Events in one message at most (default MAX_STREAM_EVENTS); more at once is a `reset`. */
  readonly maxEvents?: number;
}

/**
 * Events sent in one message at most: a client further behind than this (a long disconnection, a bulk import)
 * is told to read its view afresh (`reset`) rather than sent thousands of records it would mostly redraw.
 */
export const MAX_STREAM_EVENTS = 500;

/** Bytes a client may leave unread before it is dropped: a stalled reader must not hold the server's memory. */
const MAX_UNREAD = 4 * 1024 * 1024;

/** The browser waits this long before reconnecting to a stream that ended. */
const RETRY_MS = 2000;

const StreamQuerySchema = Type.Object(
  {
    ...EventFiltersSchema.properties,
    since: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Resume after this change number (the `id` of the last message received); Last-Event-ID does the same',
      }),
    ),
  },
  { additionalProperties: false },
);
type StreamQuery = EventFilters & { since?: number };

/** The change number a reconnecting browser sends back; anything else is a client error named as such. */
function lastEventId(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value))
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'Last-Event-ID', 'expected a change number');
  return Number(value);
}

function message(event: string | null, id: number, data: string | null): string {
  return `${event === null ? '' : `event: ${event}\n`}id: ${id}\n${data === null ? '' : `data: ${data}\n`}\n`;
}

/**
 * One open stream: it starts at `cursor` and, each time the store's change number moves, sends the matching
 * events that changed since, moving its cursor to that number. Sends are serialised, so a change that arrives
 * while one is being read is taken up by the next read.
 */
function openStream(
  deps: RouteDeps,
  raw: ServerResponse,
  query: EventQuery,
  start: number,
  options: StreamOptions,
  onEnd: () => void,
): () => void {
  const maxEvents = options.maxEvents ?? MAX_STREAM_EVENTS;
  let cursor = start;
  let busy = false;
  let again = false;
  let ended = false;

  const write = (text: string): void => {
    if (ended) return;
    raw.write(text);
    if (raw.writableLength > MAX_UNREAD) end();
  };

  async function catchUp(): Promise<void> {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const upTo = options.changes.latest();
        if (upTo <= cursor) continue;
        const rows = await deps.store.listChangedEvents(query, cursor, upTo, maxEvents + 1);
        if (rows.length > maxEvents) write(message('reset', upTo, JSON.stringify({ change: upTo })));
        else if (rows.length > 0)
          write(
            message('events', upTo, `{"change":${upTo},"events":[${rows.map((r) => r.json).join(',')}]}`),
          );
        // nothing of this view changed: the id alone moves the browser's resume point without a message
        else write(message(null, upTo, null));
        cursor = upTo;
      } while (again && !ended);
    } catch {
      // the store failed this once: the cursor stays, so the next change (or a reconnect) reads it again
    } finally {
      busy = false;
    }
  }

  const unsubscribe = options.changes.subscribe(() => void catchUp());
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);
  heartbeat.unref();

  function end(): void {
    if (ended) return;
    ended = true;
    unsubscribe();
    clearInterval(heartbeat);
    raw.end();
    onEnd();
  }

  raw.on('close', end);
  write(`retry: ${RETRY_MS}\n`);
  write(message('ready', cursor, JSON.stringify({ change: cursor })));
  void catchUp();
  return end;
}

/**
 * GET /api/events/stream: Server-Sent Events of the events stored or changed from now on (or since a change
 * number), under the event list's filters. Works whichever process writes: the server polls the store's change
 * number (change-feed.ts).
 */
export function streamRoute(deps: RouteDeps, options: StreamOptions): FastifyPluginAsync {
  return async (app) => {
    const open = new Set<() => void>();
    // an open stream never goes idle: closing the server ends each one, or close would wait for them forever
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });

    app.get<{ Querystring: StreamQuery }>(
      '/api/events/stream',
      {
        schema: {
          summary:
            'Server-Sent Events: `events` messages carry the matching events as each resolution stores or changes ' +
            'them, `id` is the change number to resume after (Last-Event-ID or since=); `reset` asks the client ' +
            'to read its view afresh; a comment every 15 s keeps the stream open',
          querystring: StreamQuerySchema,
          response: { 400: ErrorSchema, 429: ErrorSchema },
          produces: ['text/event-stream'],
        },
      },
      async (request, reply) => {
        const { since, ...filters } = request.query;
        const query = deps.resolveFilters(filters);
        const resume = lastEventId(request.headers['last-event-id']) ?? since;
        if (open.size >= options.maxClients)
          throw new FaultlineError(
            'FL_ERR_TOO_MANY_STREAMS',
            'GET /api/events/stream',
            `${options.maxClients} streams are open`,
          );
        const latest = options.changes.latest();
        // a cursor from another database (or one reset since) would wait for numbers that may never come
        const start = resume === undefined || resume > latest ? latest : resume;
        reply.hijack();
        const raw = reply.raw;
        // the headers set for every answer (the security policy) go out with this one too
        for (const [name, value] of Object.entries(reply.getHeaders()))
          if (value !== undefined) raw.setHeader(name, value);
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.flushHeaders();
        const end = openStream(deps, raw, query, start, options, () => open.delete(end));
        open.add(end);
      },
    );
  };
}
