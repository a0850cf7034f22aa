import type { FastifyPluginAsync } from 'fastify';
import {
  DocumentDetailSchema,
  DocumentListSchema,
  PostDocumentResultSchema,
  PostDocumentSchema,
  type DocumentSummaryWire,
  type PostDocument,
} from '../../api/document-schemas.js';
import { ErrorSchema, IdParamsSchema, PageQuerySchema } from '../../api/query-schemas.js';
import type { EventRecord } from '../../domain/index.js';
import { FaultlineError } from '../../errors/errors.js';
import { buildDocument } from '../../ingest/build-document.js';
import { normalizeDate } from '../../ingest/normalize-date.js';
import type { RawInput } from '../../ingest/types.js';
import { languageProblem } from '../../pipeline/extract-stored.js';
import { ingestDocuments } from '../../pipeline/ingest-documents.js';
import type { Store } from '../../store/store.js';
import type { RouteDeps } from '../route-deps.js';

/** The schema checks the shape YYYY-MM-DD; this refuses what no calendar holds (2024-99-99, 2025-02-30). */
function checkPublished(published: string | undefined): void {
  if (published !== undefined && normalizeDate(published) !== published)
    throw new FaultlineError('FL_ERR_BAD_DATE', 'body/published', published);
}

/** A source's address is a link on the event page: only an absolute http(s) URL may be stored. */
function checkUrl(url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'body/url', 'not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new FaultlineError('FL_ERR_INPUT_SCHEME', 'body/url', `${parsed.protocol}, only http and https`);
}

/** The events that hold any mention of the document, found through the dates of its mentions. */
async function eventsOfDocument(store: Store, docId: string): Promise<EventRecord[]> {
  const mentions = await store.listMentions(docId);
  if (mentions.length === 0) return [];
  const from = mentions.reduce((m, x) => (x.date.start < m ? x.date.start : m), mentions[0]!.date.start);
  const to = mentions.reduce((m, x) => (x.date.end > m ? x.date.end : m), mentions[0]!.date.end);
  const found: EventRecord[] = [];
  for await (const e of store.queryEvents({ from, to, sort: 'date' })) {
    if (e.record.doc_ids.includes(docId)) found.push(e.record);
  }
  return found;
}

export function documentsRoute(deps: RouteDeps, bodyLimit: number): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: { limit?: number; offset?: number } }>(
      '/api/documents',
      {
        schema: {
          summary: 'Stored documents in ingestion order, one page',
          querystring: PageQuerySchema,
          response: { 200: DocumentListSchema, 400: ErrorSchema },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const offset = request.query.offset ?? 0;
        const items: DocumentSummaryWire[] = [];
        let seen = 0;
        for await (const d of deps.store.listDocuments({
          withText: false,
          pageSize: Math.min(500, offset + limit),
        })) {
          if (seen++ < offset) continue;
          items.push(d);
          if (items.length >= limit) break;
        }
        return { total: await deps.store.countDocuments(), items };
      },
    );

    app.get<{ Params: { id: string } }>(
      '/api/documents/:id',
      {
        schema: {
          summary: 'One document with its clean text and framing markers',
          params: IdParamsSchema,
          response: { 200: DocumentDetailSchema, 404: ErrorSchema },
        },
      },
      async (request) => {
        const doc = await deps.store.getDocument(request.params.id);
        if (!doc) throw new FaultlineError('FL_ERR_NOT_FOUND', `document ${request.params.id}`);
        const [framing, mentions] = await Promise.all([
          deps.store.getFraming(doc.id),
          deps.store.listMentions(doc.id),
        ]);
        const { kind: _kind, ...rest } = doc;
        return { ...rest, framing, mentions: mentions.length };
      },
    );

    app.post<{ Body: PostDocument }>(
      '/api/documents',
      {
        bodyLimit,
        schema: {
          summary:
            'Ingests a posted article (text or HTML) and returns its events; an article already stored takes ' +
            'the metadata given with it (a new published date re-extracts it)',
          body: PostDocumentSchema,
          response: {
            200: PostDocumentResultSchema,
            400: ErrorSchema,
            401: ErrorSchema,
            403: ErrorSchema,
            413: ErrorSchema,
            500: ErrorSchema,
          },
        },
      },
      async (request) => {
        const body = request.body;
        if ((body.text === undefined) === (body.html === undefined)) {
          throw new FaultlineError('FL_ERR_JSONL_FIELD', 'body', 'give exactly one of "text" or "html"');
        }
        const raw: RawInput = {
          origin: 'api',
          format: body.html !== undefined ? 'html' : 'text',
          content: body.html ?? body.text ?? '',
          meta: {
            url: body.url ?? null,
            title: body.title ?? null,
            publisher: body.publisher ?? null,
            published: body.published ?? null,
          },
        };
        checkPublished(body.published);
        checkUrl(body.url);
        const defaults = {
          published: body.published ?? null,
          publisher: body.publisher ?? null,
          maxBytes: bodyLimit,
        };
        const doc = buildDocument(raw, defaults);
        if (doc instanceof FaultlineError) throw doc;
        const problems: string[] = [];
        // this document alone: a POST never takes on the store's backlog of documents awaiting extraction
        const { summary, documents } = await ingestDocuments(
          { store: deps.store, knowledge: deps.knowledge, report: (line) => problems.push(line) },
          [doc],
        );
        const outcome = documents[0]?.outcome ?? 'failed';
        if (outcome === 'failed') {
          // nothing was stored: an error (logged with its cause under the request id), never 'present'
          throw new FaultlineError('FL_ERR_STORE', doc.origin, problems.join('; ') || 'not stored');
        }
        if (summary.events > 0 || summary.stored > 0 || summary.updated > 0) deps.reads.clear();
        const language = languageProblem(doc, { stored: true });
        if (language !== null) problems.push(language);
        return {
          documentId: documents[0]?.id ?? doc.id,
          outcome,
          changed: [...(documents[0]?.changed ?? [])],
          events: await eventsOfDocument(deps.store, doc.id),
          problems,
        };
      },
    );
  };
}
