import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SettingsSchema } from '../api/document-schemas.js';
import type { Knowledge } from '../extract/knowledge.js';
import { EXPORT_FORMATS } from '../export/export-events.js';
import type { Store } from '../store/store.js';
import { FaultlineError } from '../errors/errors.js';
import { answerClientError } from './client-errors.js';
import { errorHandler, type ErrorLog } from './error-handler.js';
import { filterResolver } from './event-query.js';
import { openApiDocument, type RouteDoc } from './openapi.js';
import { readCache } from './read-cache.js';
import type { RouteDeps } from './route-deps.js';
import { documentsRoute } from './routes/documents-route.js';
import { eventDocumentsRoute } from './routes/event-documents-route.js';
import { EXACT_TOTAL_UP_TO, eventsRoute } from './routes/events-route.js';
import { alertsRoute } from './routes/alerts-route.js';
import { eventFeedsRoute } from './routes/event-feeds-route.js';
import { streamRoute } from './routes/stream-route.js';
import { changeFeed } from './change-feed.js';
import { exportsRoute } from './routes/exports-route.js';
import { operationsRoute } from './routes/operations-route.js';
import { publishersRoute } from './routes/publishers-route.js';
import { statsRoute } from './routes/stats-route.js';
import { trendsRoute } from './routes/trends-route.js';
import { staticFiles } from './static-files.js';
import {
  accessRefusal,
  checkSameSite,
  identify,
  type Access,
  type AccessPolicy,
  type Principal,
} from './auth/access.js';
import { signInThrottle, type SignInThrottle } from './auth/sign-in-throttle.js';
import { sessionRoute } from './routes/session-route.js';
import { reviewRoute } from './routes/review-route.js';
import { eventIndex } from './event-index/event-index.js';
import { indexFollower } from './event-index/index-follower.js';
import { checkWriteHost, contentSecurityPolicy, tokenRequired } from './security.js';
import { partAwareValidators, REQUEST_AJV_OPTIONS } from './validators.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface AppConfig {
  readonly apiToken: string | null;
  /** The host the server listens on: beyond loopback, writes require the token. */
  readonly host: string;
  /** The built page (dist/web), or null to serve the API alone. */
  readonly webRoot: string | null;
  readonly bodyLimit?: number;
  /** An optional raster tile URL template for the map; off by default so the page works offline. */
  readonly tileUrl?: string | null;
  readonly logger?: boolean;
  /** Where a failed request (500) is logged, one line with its request id; stderr by default. */
  readonly logError?: ErrorLog;
  /** Bytes of read answers kept for repeated requests (default 32 MB); 0 answers every request afresh. */
  readonly readCacheWeight?: number;
  /** The event list's total is exact up to this many events, estimated beyond (default EXACT_TOTAL_UP_TO). */
  readonly exactTotalUpTo?: number;
  /** Every API read needs a signed-in user or token too, and writes need one even before any user exists. */
  readonly requireAuth?: boolean;
  /** How long a sign-in session lasts (default 12 hours). */
  readonly sessionSeconds?: number;
  /** Failed sign-ins are counted here (default: 5 per name, 20 per address, in 15 minutes). */
  readonly signInThrottle?: SignInThrottle;
  /**
   * The event list answered from an index in memory (event-index/), loaded when the server starts and kept in
   * step with the store (default true). It holds every record's JSON: about 1.6 kB an event.
   */
  readonly eventIndex?: boolean;
  /** Startup waits for the event index to load (default false: the list reads the store until it has). */
  readonly awaitEventIndex?: boolean;
  /** How often the store's change number is read for the live stream and the read cache (default 1000 ms). */
  readonly changePollMs?: number;
  /** Live streams (GET /api/events/stream) open at once (default MAX_STREAMS). */
  readonly maxStreams?: number;
  /** A live stream's keep-alive comment interval (default 15 s). */
  readonly streamHeartbeatMs?: number;
  /** Events in one stream message at most (default MAX_STREAM_EVENTS); more at once asks the client to reset. */
  readonly maxStreamEvents?: number;
}

export const DEFAULT_SESSION_SECONDS = 12 * 3600;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request, once identified (null: nobody signed in, no token). */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** What the route needs (default: a viewer for reads, an editor for anything else). */
    access?: Access;
    /** false: a state-changing route that needs no CSRF token (signing in, which has no session yet). */
    csrf?: boolean;
  }
}

/** Live streams open at once by default: each costs a socket and, per change, one read of the store. */
export const MAX_STREAMS = 200;

// Methods that change nothing; every other one is a write and is checked against DNS rebinding.
const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

export interface AppDeps {
  readonly store: Store;
  readonly knowledge: Knowledge;
  readonly config: AppConfig;
}

/** The API and the page, as one Fastify instance that is not listening yet (tests use inject). */
export function buildApp(deps: AppDeps): FastifyInstance {
  const { config } = deps;
  const bodyLimit = config.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const tileUrl = config.tileUrl ?? null;
  const handleError = errorHandler(config.logError ?? stderrLine);
  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit,
    // a startup that waits for the event index waits as long as loading takes (a minute at a million events)
    ...(config.awaitEventIndex === true ? { pluginTimeout: 0 } : {}),
    // A 500's body carries only this id, so it must find one logged line across restarts.
    genReqId: () => randomUUID(),
    ajv: REQUEST_AJV_OPTIONS,
    // querystrings and params are coerced from text; JSON bodies are validated as sent
    schemaController: { compilersFactory: { buildValidator: partAwareValidators() } },
    // a URL fastify cannot route (a broken %-escape) gets the API's error body like any other bad request
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, request, reply) =>
      handleError(error, request as unknown as FastifyRequest, reply as unknown as FastifyReply),
  });
  const follower = config.eventIndex === false ? null : indexFollower(deps.store, eventIndex());
  const routeDeps: RouteDeps = {
    store: deps.store,
    eventIndex: follower,
    knowledge: deps.knowledge,
    resolveFilters: filterResolver(deps.knowledge),
    reads: readCache(config.readCacheWeight === undefined ? {} : { maxWeight: config.readCacheWeight }),
    apiToken: config.apiToken,
    tokenRequired: tokenRequired(config.host, config.apiToken),
    tileUrl,
    exactTotalUpTo: config.exactTotalUpTo ?? EXACT_TOTAL_UP_TO,
  };
  // another process's writes (a `watch` beside `serve`) clear the read cache as soon as they are seen, not after
  // the cache's ten seconds: a live page's reader expects the list to agree with what the stream just said
  const changes = changeFeed(deps.store, {
    pollMs: config.changePollMs ?? 1000,
    onChange: () => routeDeps.reads.clear(),
  });
  app.addHook('onReady', () => changes.start());
  app.addHook('onClose', async () => changes.stop());
  if (follower !== null) {
    app.addHook('onReady', async () => {
      const loading = follower.load().catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        (config.logError ?? stderrLine)(
          `event index: not loaded, the event list reads the store (${reason})`,
        );
      });
      if (config.awaitEventIndex === true) await loading;
    });
    app.addHook('onClose', async () => follower.stop());
  }
  const routes: RouteDoc[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const schema = r.schema as RouteDoc['schema'] & { summary?: string };
    const access = (r.config as { access?: string } | undefined)?.access;
    for (const method of methods)
      routes.push({ method, url: r.url, schema, summary: schema?.summary, ...(access ? { access } : {}) });
  });
  const csp = contentSecurityPolicy(tileUrl);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers({
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    done();
  });
  app.addHook('onRequest', async (request) => {
    if (!READ_METHODS.has(request.method)) checkWriteHost(request.headers, config.host);
  });
  const policy: AccessPolicy = {
    store: deps.store,
    serverToken: config.apiToken,
    tokenRequired: routeDeps.tokenRequired,
    requireAuth: config.requireAuth === true,
  };
  app.decorateRequest('principal', null);
  // Every API request: who sends it, whether a browser sent it for another site, and whether its role suffices.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.principal = await identify(request, policy);
    const write = !READ_METHODS.has(request.method);
    const routeConfig = request.routeOptions.config as { access?: Access; csrf?: boolean } | undefined;
    if (write) checkSameSite(request, request.principal, routeConfig?.csrf !== false);
    const access = routeConfig?.access ?? (write ? 'editor' : 'viewer');
    const refusal = await accessRefusal(
      access,
      request.principal,
      policy,
      `${request.method} ${request.url}`,
    );
    if (refusal !== null) throw refusal;
  });
  // The response schemas document the API; the data comes from our own store, so plain JSON.stringify serialises
  // it (fast-json-stringify must test each nullable branch of an event record and is three times slower here).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    // through FaultlineError, so that a very long URL is not echoed back whole
    const missing = new FaultlineError('FL_ERR_NOT_FOUND', `${request.method} ${request.url}`);
    void reply.status(404).send({ error: missing.code, message: missing.message });
  });

  void app.register(eventsRoute(routeDeps));
  void app.register(eventDocumentsRoute(routeDeps));
  void app.register(operationsRoute(routeDeps));
  void app.register(documentsRoute(routeDeps, bodyLimit));
  void app.register(publishersRoute(routeDeps));
  void app.register(statsRoute(routeDeps));
  void app.register(trendsRoute(routeDeps));
  void app.register(exportsRoute(routeDeps));
  void app.register(eventFeedsRoute(routeDeps));
  void app.register(
    sessionRoute({
      policy,
      throttle: config.signInThrottle ?? signInThrottle(),
      sessionSeconds: config.sessionSeconds ?? DEFAULT_SESSION_SECONDS,
    }),
  );
  void app.register(
    streamRoute(routeDeps, {
      changes,
      maxClients: config.maxStreams ?? MAX_STREAMS,
      heartbeatMs: config.streamHeartbeatMs ?? 15_000,
      ...(config.maxStreamEvents === undefined ? {} : { maxEvents: config.maxStreamEvents }),
    }),
  );
  void app.register(alertsRoute(routeDeps));
  void app.register(reviewRoute(routeDeps));
  void app.register(async (api) => {
    api.get(
      '/api/settings',
      {
        config: { access: 'public' },
        schema: {
          summary: 'What the page needs to know about this server',
          response: { 200: SettingsSchema },
        },
      },
      async () => ({ tileUrl, tokenRequired: routeDeps.tokenRequired, exportFormats: [...EXPORT_FORMATS] }),
    );
    api.get(
      '/api/openapi.json',
      { config: { access: 'public' }, schema: { summary: 'This document' } },
      async () => openApiDocument(routes, { title: 'Faultline API', version: '0.1.0' }),
    );
  });
  if (config.webRoot !== null && existsSync(config.webRoot)) {
    const webRoot = config.webRoot;
    void app.register(async (web) => staticFiles(web, webRoot));
  }
  return app;
}
