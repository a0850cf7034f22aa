import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/serve-command.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let taken: Server;
let port: number;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const address = taken.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
});

describe('faultline serve', () => {
  it('says in one line that the port is in use and exits 3, not 2 (a bad command line)', async () => {
    const run = await cli(['serve', '--db', ':memory:', '--port', String(port)]);
    expect(run.code).toBe(3);
    const lines = run.err.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `127.0.0.1:${port}: cannot be listened on (port ${port} is already in use, perhaps by another faultline serve; stop it or choose another --port)`,
    );
    expect(run.out).toBe('');
  });

  it('still exits 2 for a bad port number', async () => {
    const run = await cli(['serve', '--db', ':memory:', '--port', '70000']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--port 70000');
  });
});

describe('faultline serve and users', () => {
  it('refuses --require-auth before any user exists, saying how to add one', async () => {
    const run = await cli(['serve', '--db', join(dir, 'empty.db'), '--port', '0', '--require-auth']);
    expect(run.code).toBe(2);
    expect(run.err.trim().split('\n').at(-1)).toBe(
      '--require-auth: is not a valid setting (no user exists yet; add one first: faultline users add NAME --role admin)',
    );
  });

  it('serves beyond loopback once a user exists, without FAULTLINE_API_TOKEN, and closes reads with --require-auth', async () => {
    const db = join(dir, 'users.db');
    expect((await cli(['users', 'add', 'ana', '--role', 'viewer', '--db', db])).code).toBe(0);
    const lines: string[] = [];
    const io = {
      out: (t: string) => lines.push(t),
      err: () => undefined,
      env: {},
      stdin: process.stdin,
      stderr: process.stderr,
      cpus: 1,
    };
    const stop = new AbortController();
    const done = serveCommand(
      ['--db', db, '--host', '0.0.0.0', '--port', '0', '--require-auth'],
      io,
      stop.signal,
    );
    for (let i = 0; i < 200 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const listening = /:(\d+)\//.exec(lines.join(''))?.[1];
    expect(listening).toBeDefined();
    const base = `http://127.0.0.1:${listening}`;
    const read = await fetch(`${base}/api/events`);
    expect(read.status).toBe(401);
    expect(((await read.json()) as { error: string }).error).toBe('FL_ERR_AUTH_REQUIRED');
    const session = (await (await fetch(`${base}/api/session`)).json()) as Record<string, unknown>;
    expect(session).toMatchObject({ user: null, usersExist: true, requireAuth: true, canWrite: false });
    stop.abort();
    await expect(done).resolves.toBe(0);
  });
});
