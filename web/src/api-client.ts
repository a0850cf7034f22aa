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
import type { TrendDistricts, TrendSeries } from '../../src/api/trend-schemas.js';

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

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...(init?.headers ?? {}) },
  });
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
  postDocument: (body: PostDocument, token: string | null) =>
    call<PostDocumentResult>('/api/documents', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
};
