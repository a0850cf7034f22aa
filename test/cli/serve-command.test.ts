import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

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
