import type {
  DocumentDetail,
  EventDocumentList,
  PostDocument,
  PostDocumentResult,
  PublisherProfileWire,
  Settings,
} from '../../src/api/document-schemas.js';
import type { EventDetail, EventList, EventPoints } from '../../src/api/event-schemas.js';
import type { Stats } from '../../src/api/query-schemas.js';
import type { SessionWire, SignedIn } from '../../src/api/session-schemas.js';
import type { AlertsWire } from '../../src/api/alert-schemas.js';
import type { TrendDistricts, TrendSeries } from '../../src/api/trend-schemas.js';
import type { EventHistory, ReviewedEvent, ReviewQueue } from '../../src/api/review-schemas.js';

function jsonWrite(method: 'POST' | 'PATCH', body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

const eventUrl = (id: string, tail = ''): string => `/api/events/${encodeURIComponent(id)}${tail}`;

/** An API error, carrying the server's code and one-line message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The signed-in session's CSRF token: every state-changing request the page makes carries it. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const write = init?.method !== undefined && init.method !== 'GET';
  const res = await fetch(url, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(write && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      ...(init?.headers ?? {}),
    },
  });
  if (res.status === 204) return null as T;
  const body = (await res.json().catch(() => null)) as { error?: string; message?: string } | null;
  if (!res.ok)
    throw new ApiError(res.status, body?.error ?? 'HTTP', body?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

export const api = {
  settings: () => call<Settings>('/api/settings'),
  events: (query: string) => call<EventList>(`/api/events?${query}`),
  points: (query: string) => call<EventPoints>(`/api/points?${query}`),
  event: (id: string) => call<EventDetail>(`/api/events/${encodeURIComponent(id)}`),
  eventDocuments: (query: string) => call<EventDocumentList>(`/api/events/documents?${query}`),
  document: (id: string) => call<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`),
  stats: (query: string) => call<Stats>(`/api/stats?${query}`),
  trendSeries: (query: string) => call<TrendSeries>(`/api/trends/series?${query}`),
  trendDistricts: (query: string) => call<TrendDistricts>(`/api/trends/districts?${query}`),
  publishers: () => call<PublisherProfileWire[]>('/api/publishers'),
  alerts: () => call<AlertsWire>('/api/alerts'),
  session: () => call<SessionWire>('/api/session'),
  signIn: (name: string, password: string) =>
    call<SignedIn>('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    }),
  signOut: () => call<null>('/api/session', { method: 'DELETE' }),
  reviewQueue: (limit = 100) => call<ReviewQueue>(`/api/review/queue?limit=${limit}`),
  history: (id: string) => call<EventHistory>(eventUrl(id, '/history')),
  editEvent: (id: string, version: number, fields: Record<string, unknown>, reason: string | null) =>
    call<ReviewedEvent>(eventUrl(id), jsonWrite('PATCH', { version, fields, ...(reason ? { reason } : {}) })),
  decide: (id: string, decision: 'confirm' | 'not-incident', version: number, reason: string | null = null) =>
    call<ReviewedEvent>(
      eventUrl(id, `/${decision}`),
      jsonWrite('POST', { version, ...(reason ? { reason } : {}) }),
    ),
  merge: (id: string, version: number, other: string, otherVersion: number, reason: string | null) =>
    call<ReviewedEvent>(
      eventUrl(id, '/merge'),
      jsonWrite('POST', { version, other, otherVersion, ...(reason ? { reason } : {}) }),
    ),
  split: (id: string, version: number, docId: string, reason: string | null) =>
    call<ReviewedEvent>(
      eventUrl(id, '/split'),
      jsonWrite('POST', { version, docId, ...(reason ? { reason } : {}) }),
    ),
  bestClaim: (id: string, version: number, claim: number, reason: string | null) =>
    call<ReviewedEvent>(
      eventUrl(id, '/best-claim'),
      jsonWrite('POST', { version, claim, ...(reason ? { reason } : {}) }),
    ),
  postDocument: (body: PostDocument, token: string | null) =>
    call<PostDocumentResult>('/api/documents', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
};
