/** One route as the OpenAPI generator sees it (collected by an onRoute hook, so no route is left out). */
export interface RouteDoc {
  readonly method: string;
  readonly url: string;
  readonly summary?: string;
  /** What the route needs (src/server/auth/access.ts); absent: a viewer for GET, an editor otherwise. */
  readonly access?: string;
  readonly schema?: {
    readonly querystring?: unknown;
    readonly params?: unknown;
    readonly body?: unknown;
    readonly response?: Readonly<Record<string, unknown>>;
    readonly produces?: readonly string[];
  };
}

interface JsonSchemaObject {
  readonly properties?: Readonly<Record<string, { readonly description?: string }>>;
  readonly required?: readonly string[];
}

/** Strips TypeBox's symbol-keyed metadata and undefined fields so the document is plain JSON. */
function plain(schema: unknown): unknown {
  return schema === undefined ? undefined : JSON.parse(JSON.stringify(schema));
}

function parameters(where: 'query' | 'path', schema: unknown): object[] {
  const s = schema as JsonSchemaObject | undefined;
  if (!s?.properties) return [];
  return Object.entries(s.properties).map(([name, sub]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: plain(sub),
    ...(sub.description ? { description: sub.description } : {}),
  }));
}

/** An OpenAPI 3.1 document of the route table. Pure. */
export function openApiDocument(
  routes: readonly RouteDoc[],
  info: { title: string; version: string },
): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of [...routes].sort(
    (a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method),
  )) {
    if (r.method === 'HEAD' || !r.url.startsWith('/api/')) continue;
    const path = r.url.replace(/:([A-Z_]\w*)/gi, '{$1}');
    const responses: Record<string, object> = {};
    for (const [code, schema] of Object.entries(r.schema?.response ?? {})) {
      responses[code] = {
        description: code === '200' ? 'OK' : 'Error',
        content: { 'application/json': { schema: plain(schema) } },
      };
    }
    if (r.schema?.produces) {
      responses['200'] = {
        description: 'OK',
        content: Object.fromEntries(r.schema.produces.map((t) => [t, { schema: { type: 'string' } }])),
      };
    }
    if (Object.keys(responses).length === 0) responses['200'] = { description: 'OK' };
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Z0-9]+(.)?/gi, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...parameters('path', r.schema?.params), ...parameters('query', r.schema?.querystring)],
      responses,
    };
    if (r.summary) op['summary'] = r.summary;
    if (r.schema?.body) {
      op['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: plain(r.schema.body) } },
      };
    }
    const access = r.access ?? (r.method === 'GET' ? 'viewer' : 'editor');
    if (access !== 'public' && access !== 'viewer') {
      op['security'] = [{ bearer: [] }, { session: [] }];
      op['x-faultline-role'] = access;
    }
    if (r.method !== 'GET' && access !== 'public') {
      (op['parameters'] as object[]).push({
        name: 'x-csrf-token',
        in: 'header',
        required: false,
        description:
          'Required with the session cookie (not with a bearer token): the csrfToken of GET /api/session',
        schema: { type: 'string' },
      });
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'an API token (faultline users add --token)' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'faultline_session',
          description: 'POST /api/session',
        },
      },
    },
  };
}

declare module 'fastify' {
  /** Documentation-only keys of a route schema, read by the OpenAPI generator and ignored by Fastify. */
  interface FastifySchema {
    summary?: string;
    produces?: readonly string[];
  }
}
