import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Webhook } from '../../src/domain/index.js';
import { deliverAlerts, type DeliverySettings } from '../../src/pipeline/deliver-alerts.js';
import { evaluateAlerts } from '../../src/pipeline/evaluate-alerts.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { alertRule, seedKechEvents } from './alert-fixtures.js';

const SECRET = 'test-secret-4d1f';
const FIRED_AT = () => new Date('2025-06-30T00:00:00Z');

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The receiver's own check of the signature, written from the README's description, not from Faultline's code. */
  readonly verified: boolean;
}

/** A real HTTP receiver on loopback that answers each POST with the next status of `answers` (null: never). */
async function receiver(answers: readonly (number | null)[]): Promise<{
  url: string;
  received: Received[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const header = String(req.headers['faultline-signature'] ?? '');
      const t = /(?:^|,)t=(\d+)/.exec(header)?.[1] ?? '';
      const v1 = /(?:^|,)v1=([0-9a-f]+)/.exec(header)?.[1] ?? '';
      const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
      const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= 300;
      received.push({ headers: req.headers, body, verified: v1 === expected && fresh });
      const status = answers[Math.min(received.length - 1, answers.length - 1)];
      if (status === null || status === undefined) {
        hanging.push(res);
        return;
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/faultline`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function webhook(url: string, over: Partial<Webhook> = {}): Webhook {
  return {
    id: 'wh_test',
    url,
    secret: SECRET,
    site: 'http://faultline.example:8080',
    allowPrivate: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

const FAST: DeliverySettings = {
  retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
  timeoutMs: 2_000,
  budgetMs: 10_000,
};

let dir: string;
const open: Store[] = [];
const servers: (() => Promise<void>)[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-deliver-'));
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const close of servers.splice(0)) await close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store holding a contested event and a clear one in Kech in 2025-W19, a rule on them, and a webhook. */
async function firedStore(url: string, hook: Partial<Webhook> = {}, path = ':memory:'): Promise<Store> {
  const store = await openSqliteStore({ path });
  open.push(store);
  await seedKechEvents(store, [
    { day: '2025-05-05', contested: true },
    { day: '2025-05-06', killed: 6 },
  ]);
  await store.addWebhook(webhook(url, hook));
  await store.addAlertRule(alertRule({ admin2: 'Kech', minFatalities: 2 }));
  expect(await evaluateAlerts(store, FIRED_AT)).toHaveLength(1);
  return store;
}

async function attemptsOf(
  store: Store,
): Promise<{ status: string; codes: (number | null)[]; errors: string[] }> {
  const firing = (await store.listFirings(1))[0]!;
  const [d] = await store.listDeliveries([firing]);
  const attempts = await store.listDeliveryAttempts([d!.id]);
  return {
    status: d!.status,
    codes: attempts.map((a) => a.httpStatus),
    errors: attempts.map((a) => a.error ?? ''),
  };
}

const deps = (store: Store, lines: string[] = []) => ({
  store,
  now: () => new Date(),
  report: (l: string) => lines.push(l),
});

describe('deliverAlerts', () => {
  it('POSTs a signed firing with its evidence, which the receiver verifies, and records the delivery', async () => {
    const r = await receiver([204]);
    servers.push(r.close);
    const store = await firedStore(r.url);
    const round = await deliverAlerts(deps(store), FAST);
    expect(round).toEqual({ attempted: 1, delivered: 1, failed: 0, retrying: 0 });
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    expect(got.verified).toBe(true);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['faultline-event']).toBe('alert.fired');
    const payload = JSON.parse(got.body) as {
      delivery: string;
      rule: { id: string; admin2: string; minFatalities: number };
      window: { week: string; from: string; to: string };
      reason: string;
      evidence: {
        eventId: string;
        fatalities: { low: number; best: number; high: number };
        contested: boolean;
        basis: string | null;
        claims: { claimant: string; best: number }[];
        links: { page: string; api: string };
      }[];
    };
    expect(got.headers['faultline-delivery']).toBe(payload.delivery);
    expect(payload.rule).toMatchObject({ admin2: 'Kech', minFatalities: 2 });
    expect(payload.window).toEqual({ week: '2025-W19', from: '2025-05-05', to: '2025-05-11' });
    expect(payload.reason).toContain('the reconciled best figure; 1 of them contested');
    const contested = payload.evidence.find((e) => e.contested)!;
    expect(contested.fatalities).toEqual({ low: 2, best: 2, high: 7 });
    expect(contested.basis).toMatch(/reconciled best figure, 2/);
    expect(contested.claims.map((c) => [c.claimant, c.best]).sort()).toEqual([
      ['a spokesman for the insurgents', 7],
      ['officials', 2],
    ]);
    expect(contested.links).toEqual({
      page: `http://faultline.example:8080/#/event/${contested.eventId}`,
      api: `http://faultline.example:8080/api/events/${contested.eventId}`,
    });
    expect(await attemptsOf(store)).toEqual({ status: 'delivered', codes: [204], errors: [''] });
    // a delivered firing is not sent again
    expect((await deliverAlerts(deps(store), FAST)).attempted).toBe(0);
  });

  it('retries a receiver that answers 500, and delivers when it answers 200', async () => {
    const r = await receiver([500, 200]);
    servers.push(r.close);
    const store = await firedStore(r.url);
    const lines: string[] = [];
    expect(await deliverAlerts(deps(store, lines), FAST)).toEqual({
      attempted: 2,
      delivered: 1,
      failed: 0,
      retrying: 1,
    });
    expect(r.received.map((x) => x.verified)).toEqual([true, true]);
    // the same delivery, the same body: a receiver can de-duplicate
    expect(r.received[1]!.body).toBe(r.received[0]!.body);
    expect(await attemptsOf(store)).toMatchObject({ status: 'delivered', codes: [500, 200] });
    expect(lines[0]).toMatch(/attempt 1 failed, retried in 0 s: .*answered 500/);
  });

  it('marks a delivery failed after the last attempt of a receiver that always answers 500', async () => {
    const r = await receiver([500]);
    servers.push(r.close);
    const store = await firedStore(r.url);
    const lines: string[] = [];
    expect(await deliverAlerts(deps(store, lines), FAST)).toMatchObject({
      attempted: 3,
      failed: 1,
      delivered: 0,
    });
    expect(r.received).toHaveLength(3);
    expect(await attemptsOf(store)).toMatchObject({ status: 'failed', codes: [500, 500, 500] });
    expect(lines.at(-1)).toMatch(
      /failed after 3 attempts: webhook http:\/\/127\.0\.0\.1:\d+: .*answered 500/,
    );
    // the receiver is named by its origin: a webhook's path often holds a token, and errors are served by the API
    expect((await attemptsOf(store)).errors.some((e) => e.includes('/hooks/faultline'))).toBe(false);
    expect((await deliverAlerts(deps(store), FAST)).attempted).toBe(0);
  });

  it('gives up on a receiver that never answers after N timed-out attempts, within its timeouts', async () => {
    const r = await receiver([null]);
    servers.push(r.close);
    const store = await firedStore(r.url);
    const began = Date.now();
    const round = await deliverAlerts(deps(store), { ...FAST, timeoutMs: 300 });
    expect(Date.now() - began).toBeLessThan(3 * 300 + 1_500);
    expect(round).toMatchObject({ attempted: 3, failed: 1 });
    const { status, codes, errors } = await attemptsOf(store);
    expect([status, codes]).toEqual(['failed', [null, null, null]]);
    expect(errors[0]).toContain('no answer within 300 ms');
  });

  it('refuses a loopback receiver not added with allow-private, once, without retrying', async () => {
    const r = await receiver([200]);
    servers.push(r.close);
    const store = await firedStore(r.url, { allowPrivate: false });
    expect(await deliverAlerts(deps(store), FAST)).toMatchObject({ attempted: 1, failed: 1 });
    expect(r.received).toHaveLength(0);
    const { status, errors } = await attemptsOf(store);
    expect(status).toBe('failed');
    expect(errors[0]).toMatch(/127\.0\.0\.1.*private.*--allow-private/);
  });

  it('waits out the backoff and keeps a pending delivery across a restart', async () => {
    const r = await receiver([503, 200]);
    servers.push(r.close);
    const path = join(dir, 'restart.db');
    const store = await firedStore(r.url, {}, path);
    const slow: DeliverySettings = {
      ...FAST,
      retry: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    };
    const began = Date.now();
    expect(await deliverAlerts(deps(store), slow)).toMatchObject({ attempted: 1, retrying: 1 });
    expect(Date.now() - began).toBeLessThan(2_000);
    const [pending] = await store.listDeliveries((await store.listFirings(1)).slice(0, 1));
    expect(pending!.status).toBe('pending');
    expect(Date.parse(pending!.nextAttemptAt) - Date.now()).toBeGreaterThan(55_000);
    await store.close();
    open.splice(0);
    // a new process, a minute later: the delivery is still there and goes out
    const reopened = await openSqliteStore({ path });
    open.push(reopened);
    const later = () => new Date(Date.now() + 61_000);
    expect(await deliverAlerts({ ...deps(reopened), now: later }, slow)).toMatchObject({ delivered: 1 });
    expect(await attemptsOf(reopened)).toMatchObject({ status: 'delivered', codes: [503, 200] });
  });

  it('stops at its time budget, leaving the delivery pending for a later run', async () => {
    const r = await receiver([null]);
    servers.push(r.close);
    const store = await firedStore(r.url);
    const began = Date.now();
    const round = await deliverAlerts(deps(store), { ...FAST, timeoutMs: 10_000, budgetMs: 500 });
    expect(Date.now() - began).toBeLessThan(2_500);
    expect(round).toMatchObject({ attempted: 1, retrying: 1, failed: 0 });
    expect((await attemptsOf(store)).status).toBe('pending');
  });

  it('does not follow a redirect, and does not retry it', async () => {
    const r = await receiver([302]);
    servers.push(r.close);
    const store = await firedStore(r.url);
    expect(await deliverAlerts(deps(store), FAST)).toMatchObject({ attempted: 1, failed: 1 });
    const { status, codes, errors } = await attemptsOf(store);
    expect([status, codes]).toEqual(['failed', [302]]);
    expect(errors[0]).toContain("a webhook's redirects are not followed");
  });
});
