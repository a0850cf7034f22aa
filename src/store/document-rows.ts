import type { Insertable, Selectable } from 'kysely';
import type { Document, FramingMarkers, PublishedSource } from '../domain/index.js';
import type { DocumentsTable } from './schema.js';
import type { DocumentSummary } from './store.js';

export function documentToRow(document: Document, ingestedAt: string): Insertable<DocumentsTable> {
  return {
    id: document.id,
    url: document.url,
    title: document.title,
    publisher: document.publisher,
    published: document.published,
    published_source: document.publishedSource,
    language: document.language,
    text: document.text,
    length: typeof document.text === 'string' ? document.text.length : 0,
    origin: document.origin,
    ingested_at: ingestedAt,
    extractor_version: null,
    framing: null,
  };
}

type DocumentRow = Pick<
  Selectable<DocumentsTable>,
  'id' | 'url' | 'title' | 'publisher' | 'published' | 'published_source' | 'language' | 'text' | 'origin'
>;

export function rowToDocument(row: DocumentRow): Document {
  return {
    kind: 'Document',
    id: row.id,
    url: row.url,
    title: row.title,
    publisher: row.publisher,
    published: row.published,
    publishedSource: row.published_source as PublishedSource,
    language: row.language,
    text: row.text,
    origin: row.origin,
  };
}

/** The columns a listing reads; `text` only when asked for, so that a listing of large documents stays light. */
export const SUMMARY_COLUMNS = [
  'seq',
  'id',
  'url',
  'title',
  'publisher',
  'published',
  'published_source',
  'language',
  'origin',
  'length',
  'ingested_at',
] as const;

export type SummaryRow = Pick<Selectable<DocumentsTable>, (typeof SUMMARY_COLUMNS)[number]> & {
  text?: string;
};

export function rowToSummary(row: SummaryRow): DocumentSummary {
  const summary: DocumentSummary = {
    id: row.id,
    url: row.url,
    title: row.title,
    publisher: row.publisher,
    published: row.published,
    publishedSource: row.published_source as PublishedSource,
    language: row.language,
    origin: row.origin,
    length: Number(row.length),
    ingestedAt: row.ingested_at,
  };
  return row.text === undefined ? summary : { ...summary, text: row.text };
}

export function parseFraming(json: string | null): FramingMarkers | null {
  return json === null ? null : (JSON.parse(json) as FramingMarkers);
}
