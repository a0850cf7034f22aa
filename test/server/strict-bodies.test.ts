import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partAwareValidators, REQUEST_AJV_OPTIONS } from '../../src/server/validators.js';
import type { Store } from '../../src/store/store.js';
import { seededApp } from './seed-store.js';

/** Written for this test: a short report with a place, a day and a toll. */
const ARTICLE =
  'PANJGUR: Two levies personnel were killed when gunmen attacked their post in Panjgur on Friday, ' +
  'officials said. A search of the surrounding area was under way.';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  ({ store, app } = await seededApp());
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const post = (payload: unknown) =>
  app.inject({
    method: 'POST',
    url: '/api/documents',
    payload: JSON.stringify(payload),
    headers: { 'content-type': 'application/json' },
  });

describe('POST bodies are validated as sent, without type coercion', () => {
  it.each([
    ['text', 42, {}],
    ['text', ['a'], {}],
    ['text', null, {}],
    ['text', true, {}],
    ['html', 7, {}],
    ['published', 20250101, { text: ARTICLE }],
    ['title', false, { text: ARTICLE }],
    ['url', ['https://example.org/a'], { text: ARTICLE }],
    ['publisher', 12, { text: ARTICLE }],
  ])('refuses %s: %j with a JSON 400 naming the field', async (field, value, rest) => {
    const payload = { ...rest, [field]: value };
    const before = await store.countDocuments();
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: 'FL_ERR_BAD_ARGUMENT', message: expect.any(String) });
    expect(res.json().message).toContain(`body/${field}`);
    expect(await store.countDocuments()).toBe(before);
  });

  it('still accepts a well-typed body', async () => {
    const res = await post({
      text: ARTICLE,
      publisher: 'Desk Test',
      published: '2025-05-03',
      title: 'Post attacked',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('stored');
    const doc = (await app.inject(`/api/documents/${res.json().documentId}`)).json();
    expect(doc.publisher).toBe('Desk Test');
  });
});

describe('querystrings and params are still coerced from text', () => {
  it('reads ?limit=5&contested=true as a number and a boolean', async () => {
    const res = await app.inject('/api/events?limit=5&contested=true');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: { id: string }) => e.id)).toEqual(['ev-turbat']);
  });

  it('pages documents and points with numeric limits given as text', async () => {
    expect((await app.inject('/api/documents?limit=1&offset=0')).json().items).toHaveLength(1);
    const points = (await app.inject('/api/points?limit=2')).json();
    expect(points.points).toHaveLength(2);
    expect(points.truncated).toBe(true);
  });

  it('still refuses a querystring that cannot be coerced, naming it', async () => {
    const res = await app.inject('/api/events?limit=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('querystring/limit');
  });

  it('validates path parameters and filters of an export', async () => {
    expect((await app.inject('/api/export/csv?contested=true')).statusCode).toBe(200);
    expect((await app.inject('/api/export/xlsx')).statusCode).toBe(400);
  });
});

describe('partAwareValidators', () => {
  const schema = {
    type: 'object',
    properties: { n: { type: 'integer' }, flags: { type: 'array', items: { type: 'string' } } },
  };
  const compile = partAwareValidators()({}, {
    ...REQUEST_AJV_OPTIONS,
    plugins: [],
  } as never) as unknown as (route: {
    schema: object;
    httpPart: string;
    method: string;
    url: string;
  }) => (data: unknown) => boolean;

  it('coerces a querystring and refuses the same values in a body', () => {
    const query = compile({ schema, httpPart: 'querystring', method: 'GET', url: '/x' });
    const body = compile({ schema, httpPart: 'body', method: 'POST', url: '/x' });
    const asText = { n: '5', flags: 'one' };
    expect(query(asText)).toBe(true);
    expect(asText).toEqual({ n: 5, flags: ['one'] });
    expect(body({ n: '5' })).toBe(false);
    expect(body({ flags: 'one' })).toBe(false);
    expect(body({ n: 5, flags: ['one'] })).toBe(true);
  });
});
