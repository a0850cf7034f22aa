import type { FastifyPluginAsync } from 'fastify';
import { ErrorSchema, IdParamsSchema } from '../../api/query-schemas.js';
import {
  BestClaimBodySchema,
  DecisionBodySchema,
  EditBodySchema,
  EventHistorySchema,
  MergeBodySchema,
  ReviewedEventSchema,
  ReviewQueueQuerySchema,
  ReviewQueueSchema,
  SplitBodySchema,
  type BestClaimBody,
  type DecisionBody,
  type EditBody,
  type EventHistory,
  type EventReviewWire,
  type MergeBody,
  type ReviewedEvent,
  type ReviewQueue,
  type ReviewQueueQuery,
  type SplitBody,
} from '../../api/review-schemas.js';
import { machineDisagrees, reviewReasons, type EventReview } from '../../domain/index.js';
import { FaultlineError } from '../../errors/errors.js';
import { editRules } from '../../lexicon/edit-rules.js';
import { chooseClaim, editEventFields, mergeEvents, splitEvent } from '../../pipeline/review-events.js';
import { editorOf } from '../auth/editor-of.js';
import type { RouteDeps } from '../route-deps.js';

const WRITE_ERRORS = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
};

export function reviewWire(review: EventReview): EventReviewWire {
  return { ...review, locks: review.locks.map((l) => ({ ...l, disagrees: machineDisagrees(l) })) };
}

type Params = { Params: { id: string } };

/** The review queue and people's decisions about events (issue 12); every write needs an editor. */
export function reviewRoute(deps: RouteDeps): FastifyPluginAsync {
  const rules = editRules(deps.knowledge.gazetteer, deps.knowledge.actors);
  const store = deps.store;

  async function answer(eventId: string): Promise<ReviewedEvent> {
    // whatever a person changed shows in the next read of any list, not after the cache's ten seconds
    deps.reads.clear();
    const [event, review] = await Promise.all([store.getEvent(eventId), store.getEventReview(eventId)]);
    if (event === null || review === null) throw new FaultlineError('FL_ERR_NOT_FOUND', `event ${eventId}`);
    return { event: event.record, review: reviewWire(review) };
  }

  return async (app) => {
    app.get<{ Querystring: ReviewQueueQuery }>(
      '/api/review/queue',
      {
        schema: {
          summary:
            'Events no person has confirmed or dismissed, most fatalities first, then the most recent, each with ' +
            'why it is queued (new, low confidence, contested figures, sources disagreeing on type or place)',
          querystring: ReviewQueueQuerySchema,
          response: { 200: ReviewQueueSchema, 400: ErrorSchema },
        },
      },
      async (request): Promise<ReviewQueue> => {
        const page = await store.reviewQueue({
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return {
          total: page.total,
          items: page.items.map((q) => ({
            event: q.event.record,
            version: q.version,
            reasons: reviewReasons(q.event.record, q.event.decisions),
          })),
        };
      },
    );

    app.get<Params>(
      '/api/events/:id/history',
      {
        schema: {
          summary:
            "An event's review, its locked fields beside the machine's values, and every change in order",
          params: IdParamsSchema,
          response: { 200: EventHistorySchema, 404: ErrorSchema },
        },
      },
      async (request): Promise<EventHistory> => {
        const review = await store.getEventReview(request.params.id);
        if (review === null) throw new FaultlineError('FL_ERR_NOT_FOUND', `event ${request.params.id}`);
        return { review: reviewWire(review), edits: [...(await store.listEventEdits(request.params.id))] };
      },
    );

    app.patch<Params & { Body: EditBody }>(
      '/api/events/:id',
      {
        config: { access: 'editor' },
        schema: {
          summary:
            'Sets fields of an event (each is locked against re-extraction and recorded with the reason); ' +
            '409 when the version is stale, 422 naming the field when the event would be invalid',
          params: IdParamsSchema,
          body: EditBodySchema,
          response: { 200: ReviewedEventSchema, ...WRITE_ERRORS },
        },
      },
      async (request) => {
        const { version, reason, fields } = request.body;
        await editEventFields(store, rules, {
          eventId: request.params.id,
          version,
          reason: reason ?? null,
          editor: editorOf(request.principal),
          fields,
        });
        return answer(request.params.id);
      },
    );

    for (const [path, decision, summary] of [
      ['confirm', 'confirm', 'Confirms an event as reviewed'],
      ['not-incident', 'not_incident', 'Marks an event as not an incident (it stays stored, flagged)'],
    ] as const) {
      app.post<Params & { Body: DecisionBody }>(
        `/api/events/:id/${path}`,
        {
          config: { access: 'editor' },
          schema: {
            summary,
            params: IdParamsSchema,
            body: DecisionBodySchema,
            response: { 200: ReviewedEventSchema, ...WRITE_ERRORS },
          },
        },
        async (request) => {
          await store.decideEvent({
            eventId: request.params.id,
            version: request.body.version,
            reason: request.body.reason ?? null,
            editor: editorOf(request.principal),
            decision,
          });
          return answer(request.params.id);
        },
      );
    }

    app.post<Params & { Body: MergeBody }>(
      '/api/events/:id/merge',
      {
        config: { access: 'editor' },
        schema: {
          summary: 'Merges another event into this one; kept through every later re-resolution',
          params: IdParamsSchema,
          body: MergeBodySchema,
          response: { 200: ReviewedEventSchema, ...WRITE_ERRORS },
        },
      },
      async (request) => {
        const kept = await mergeEvents(store, {
          keep: { id: request.params.id, version: request.body.version },
          other: { id: request.body.other, version: request.body.otherVersion },
          editor: editorOf(request.principal),
          reason: request.body.reason ?? null,
        });
        return answer(kept.record.id);
      },
    );

    app.post<Params & { Body: SplitBody }>(
      '/api/events/:id/split',
      {
        config: { access: 'editor' },
        schema: {
          summary:
            "Takes a document's reports (or given mentions) out of an event into their own event; kept through re-resolution",
          params: IdParamsSchema,
          body: SplitBodySchema,
          response: { 200: ReviewedEventSchema, ...WRITE_ERRORS },
        },
      },
      async (request) => {
        const { version, docId, mentionIds, reason } = request.body;
        if ((docId === undefined) === (mentionIds === undefined))
          throw new FaultlineError(
            'FL_ERR_BAD_ARGUMENT',
            'body',
            'give exactly one of "docId" or "mentionIds"',
          );
        const created = await splitEvent(store, {
          event: { id: request.params.id, version },
          ...(docId === undefined ? {} : { docId }),
          ...(mentionIds === undefined ? {} : { mentionIds }),
          editor: editorOf(request.principal),
          reason: reason ?? null,
        });
        return answer(created.record.id);
      },
    );

    app.post<Params & { Body: BestClaimBody }>(
      '/api/events/:id/best-claim',
      {
        config: { access: 'editor' },
        schema: {
          summary:
            "Sets the event's best figure to the one a chosen claim gives (locked and recorded like an edit)",
          params: IdParamsSchema,
          body: BestClaimBodySchema,
          response: { 200: ReviewedEventSchema, ...WRITE_ERRORS },
        },
      },
      async (request) => {
        await chooseClaim(store, rules, {
          eventId: request.params.id,
          version: request.body.version,
          claim: request.body.claim,
          editor: editorOf(request.principal),
          reason: request.body.reason ?? null,
        });
        return answer(request.params.id);
      },
    );
  };
}
