import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { cli } from '../helpers/cli.js';

const SECRET = 'cli-test-secret-0123456789';
let dir: string;
let article: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-alert-hooks-'));
  article = join(dir, 'turbat.txt');
  // the police's five against the group's twelve: a contested figure whose reconciled best is 5
  writeFileSync(
    article,
    'Gunmen killed five soldiers in an attack on a checkpoint near Turbat in Kech district on Monday, police said. ' +
      'The Baloch Liberation Army claimed that 12 soldiers were killed in the attack.\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback receiver: `answer` 0 never answers; every POST is kept with whether its signature checks out. */
async function receiver(answer: number) {
  const got: { body: string; verified: boolean }[] = [];
  const held: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const sig = String(req.headers['faultline-signature'] ?? '');
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig) ?? [];
      const mac = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
      got.push({ body, verified: mac === v1 && Math.abs(Date.now() / 1000 - Number(t)) < 300 });
      if (answer === 0) held.push(res);
      else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  const close = () =>
    new Promise<void>((r) => {
      held.forEach((res) => res.destroy());
      server.closeAllConnections();
      server.close(() => r());
    });
  return { url, got, close };
}

describe('faultline alerts webhooks', () => {
  it(
    'delivers a firing after ingest, signed, with the contested figure said to be the reconciled best',
    {
      timeout: 60_000,
    },
    async () => {
      const db = join(dir, 'ok.db');
      const r = await receiver(200);
      try {
        const add = await cli([
          'alerts',
          'webhook',
          'add',
          r.url,
          '--secret',
          SECRET,
          '--allow-private',
          '--db',
          db,
        ]);
        expect(add.code).toBe(0);
        expect(add.err).toMatch(/^added wh_[0-9a-f]{12} http:\/\/127\.0\.0\.1/);
        expect(add.out).toBe('');
        const list = await cli(['alerts', 'webhook', 'list', '--format', 'jsonl', '--db', db]);
        expect(list.out).toContain(r.url);
        expect(list.out).not.toContain(SECRET);
        expect(
          (await cli(['alerts', 'add', '--admin2', 'Kech', '--min-fatalities', '5', '--db', db])).code,
        ).toBe(0);
        // the group claims 12, but the reconciled best is 5: a rule at 10 must not fire
        expect(
          (await cli(['alerts', 'add', '--admin2', 'Kech', '--min-fatalities', '10', '--db', db])).code,
        ).toBe(0);
        const ingest = await cli(['ingest', article, '--published', '2025-05-07', '--db', db]);
        expect(ingest.code).toBe(0);
        expect(ingest.err.split('\n').filter((l) => l.startsWith('alert '))).toHaveLength(1);
        expect(ingest.err).toContain('webhooks: 1 delivered, 0 failed');
        expect(r.got).toHaveLength(1);
        expect(r.got[0]!.verified).toBe(true);
        const payload = JSON.parse(r.got[0]!.body) as {
          rule: { minFatalities: number };
          evidence: { fatalities: unknown; basis: string; claims: { claimant: string; best: number }[] }[];
        };
        expect(payload.rule.minFatalities).toBe(5);
        expect(payload.evidence[0]!.fatalities).toEqual({ low: 5, best: 5, high: 12 });
        expect(payload.evidence[0]!.basis).toContain('reconciled best figure, 5');
        expect(payload.evidence[0]!.claims.map((c) => c.best).sort()).toEqual([12, 5]);
        const fired = await cli(['alerts', 'fired', '--db', db]);
        expect(fired.out).toMatch(/killed 5 \(low 5, high 12; contested, the reconciled best figure read\)/);
        expect(fired.out).toContain('Baloch Liberation Army (armed_group, claimed) 12');
        expect(fired.out).toMatch(
          /webhook wh_[0-9a-f]{12} http:\/\/127\.0\.0\.1:\d+\/alerts: delivered \(1 attempt\)/,
        );
        expect((await cli(['alerts', 'webhook', 'remove', r.url, '--db', db])).err).toContain('removed');
        expect((await cli(['alerts', 'webhook', 'list', '--db', db])).out).toBe('');
      } finally {
        await r.close();
      }
    },
  );

  it('does not hold ingest up for a receiver that never answers, and keeps the delivery pending', async () => {
    const db = join(dir, 'hang.db');
    const r = await receiver(0);
    try {
      const add = await cli(['alerts', 'webhook', 'add', r.url, '--allow-private', '--db', db]);
      // a generated secret, printed once on stdout
      expect(add.out).toMatch(/^[0-9a-f]{64}\n$/);
      await cli(['alerts', 'add', '--admin2', 'Kech', '--db', db]);
      const began = Date.now();
      const ingest = await cli(['ingest', article, '--published', '2025-05-07', '--db', db]);
      const took = Date.now() - began;
      expect(ingest.code).toBe(0);
      expect(ingest.err).toMatch(/read 1, stored 1/);
      // the delivery budget after ingest is 5 s: the attempt is cut there, and ingest returns
      expect(took).toBeLessThan(20_000);
      expect(ingest.err).toMatch(/attempt 1 failed, retried in 30 s: .*no answer within/);
      const fired = await cli(['alerts', 'fired', '--format', 'jsonl', '--db', db]);
      const row = JSON.parse(fired.out.trim()) as {
        deliveries: { status: string; attempts: number; log: { durationMs: number; httpStatus: null }[] }[];
      };
      expect(row.deliveries).toMatchObject([{ status: 'pending', attempts: 1, log: [{ httpStatus: null }] }]);
      expect(row.deliveries[0]!.log[0]!.durationMs).toBeGreaterThan(900);
      expect(row.deliveries[0]!.log[0]!.durationMs).toBeLessThan(6_000);
      // the next attempt is 30 s away: a deliver run now has nothing due
      expect((await cli(['alerts', 'deliver', '--wait', '2s', '--db', db])).err).toContain('nothing due');
    } finally {
      await r.close();
    }
  }, 60_000);

  it('posts a delivery left pending by an earlier process in the next watch round', async () => {
    const db = join(dir, 'watch.db');
    const r = await receiver(200);
    try {
      await cli(['alerts', 'webhook', 'add', r.url, '--secret', SECRET, '--allow-private', '--db', db]);
      // a firing stored by a process that stopped before delivering it
      const store = await openSqliteStore({ path: db });
      await store.addAlertRule({
        id: 'al_watch',
        admin1: null,
        admin2: 'Kech',
        actor: null,
        type: null,
        minFatalities: null,
        escalation: null,
        createdAt: '2025-05-01T00:00:00.000Z',
      });
      await store.recordFiring({
        ruleId: 'al_watch',
        window: '2025-W19',
        firedAt: new Date().toISOString(),
        reason: '1 event',
        evidence: [],
      });
      await store.close();
      const watch = await cli(['watch', '--once', '--db', db]);
      expect(watch.code).toBe(0);
      expect(watch.err).toContain('webhooks: 1 delivered');
      expect(r.got).toHaveLength(1);
      expect(r.got[0]!.verified).toBe(true);
      expect(JSON.parse(r.got[0]!.body)).toMatchObject({
        rule: { id: 'al_watch' },
        window: { week: '2025-W19' },
      });
    } finally {
      await r.close();
    }
  });

  it('refuses a webhook that is not http(s), a short secret, and a misspelt district or actor with a suggestion', async () => {
    const db = join(dir, 'bad.db');
    const ftp = await cli(['alerts', 'webhook', 'add', 'ftp://example.org/hook', '--db', db]);
    expect(ftp.code).not.toBe(0);
    expect(ftp.err.trim().split('\n')).toHaveLength(1);
    expect(ftp.err).toContain('ftp://example.org/hook');
    expect(ftp.err).toContain('must be http or https');
    const short = await cli([
      'alerts',
      'webhook',
      'add',
      'https://example.org/h',
      '--secret',
      'abc',
      '--db',
      db,
    ]);
    expect(short.err).toContain('--secret');
    const district = await cli(['alerts', 'add', '--admin2', 'Kehc', '--db', db]);
    expect(district.code).not.toBe(0);
    expect(district.err.trim()).toMatch(
      /--admin2 Kehc: .*not a district the gazetteer knows; did you mean Kech\?/,
    );
    const actor = await cli(['alerts', 'add', '--actor', 'Baloch Liberation Amry', '--db', db]);
    expect(actor.err.trim()).toMatch(
      /--actor Baloch Liberation Amry: .*did you mean Baloch Liberation Army\?/,
    );
    const none = await cli(['alerts', 'webhook', 'remove', 'wh_000000000000', '--db', db]);
    expect(none.err).toContain('webhook wh_000000000000');
  });
});
