import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/ingest/read-inputs.js';
import type { InputResult, ReadOptions } from '../../src/ingest/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
const at = (name: string): string => join(FIXTURES, name);
const OPTIONS: ReadOptions = { maxBytes: 100_000, timeoutMs: 2000 };

async function collect(specs: readonly string[], options: Partial<ReadOptions> = {}): Promise<InputResult[]> {
  const out: InputResult[] = [];
  for await (const result of readInputs(specs, { ...OPTIONS, ...options })) out.push(result);
  return out;
}

function summary(results: readonly InputResult[]): string[] {
  return results.map((r) =>
    r.ok ? `ok ${r.raw.format} ${r.raw.origin}` : `${r.error.code} ${r.error.subject}`,
  );
}

describe('readInputs on files and folders', () => {
  it('reads text, markdown and html files with the format their extension names', async () => {
    const results = await collect([at('plain-with-junk.txt'), at('report.md'), at('jsonld-article.html')]);
    expect(summary(results)).toEqual([
      `ok text ${at('plain-with-junk.txt')}`,
      `ok markdown ${at('report.md')}`,
      `ok html ${at('jsonld-article.html')}`,
    ]);
    expect(results[0]?.ok && results[0].raw.content).toContain('Blast hits market in Chaman');
  });

  it('reports missing, wrong-type, binary and oversized files and goes on', async () => {
    const results = await collect(
      [at('nope.txt'), at('table.csv'), at('binary.txt'), at('article-with-boxes.html'), at('report.md')],
      { maxBytes: 1000 },
    );
    expect(summary(results)).toEqual([
      `FL_ERR_INPUT_MISSING ${at('nope.txt')}`,
      `FL_ERR_INPUT_TYPE ${at('table.csv')}`,
      `FL_ERR_INPUT_BINARY ${at('binary.txt')}`,
      `FL_ERR_INPUT_TOO_LARGE ${at('article-with-boxes.html')}`,
      `ok markdown ${at('report.md')}`,
    ]);
    for (const r of results) if (!r.ok) expect(r.error.message).not.toContain('\n');
  });

  it('says a file:, ftp: or other non-http URL has an unsupported scheme, and reads on', async () => {
    const fileUrl = `file://${at('report.md')}`;
    const results = await collect([fileUrl, 'ftp://example.org/a.txt', 'S3://bucket/a.txt', at('report.md')]);
    expect(summary(results)).toEqual([
      `FL_ERR_INPUT_SCHEME ${fileUrl}`,
      'FL_ERR_INPUT_SCHEME ftp://example.org/a.txt',
      'FL_ERR_INPUT_SCHEME S3://bucket/a.txt',
      `ok markdown ${at('report.md')}`,
    ]);
    const first = results[0];
    expect(!first?.ok && first?.error.message).toBe(
      `${fileUrl}: uses an unsupported scheme (file:, only http and https are fetched)`,
    );
  });

  it('reports a path that is not a regular file as unreadable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-ingest-'));
    try {
      const fifo = join(dir, 'pipe.txt');
      execFileSync('mkfifo', [fifo]);
      expect(summary(await collect([fifo]))).toEqual([`FL_ERR_INPUT_UNREADABLE ${fifo}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('walks a folder recursively in sorted order, skipping hidden files and other extensions', async () => {
    const results = await collect([at('folder')]);
    expect(summary(results)).toEqual([
      `ok text ${at('folder/a.txt')}`,
      `ok html ${at('folder/nested/b.html')}`,
    ]);
  });

  it('streams JSONL: one input per line, errors named by line, blank lines skipped', async () => {
    const file = at('batch.jsonl');
    const results = await collect([file]);
    expect(summary(results)).toEqual([
      `ok text ${file}#a1`,
      `ok html ${file}#line-3`,
      `FL_ERR_JSONL_PARSE ${file}:4`,
      `FL_ERR_JSONL_FIELD ${file}:5`,
      `FL_ERR_JSONL_FIELD ${file}:6`,
    ]);
    const first = results[0];
    expect(first?.ok && first.raw.meta).toMatchObject({
      id: 'a1',
      url: 'https://example.org/a1',
      title: 'Shopkeeper killed',
      publisher: 'Example Wire',
      published: '2022-08-17',
    });
  });

  it('refuses only the JSONL line that holds a raw NUL or a control character, in one-line messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-ingest-'));
    try {
      const file = join(dir, 'stray.jsonl');
      const good = (id: string) => JSON.stringify({ id, text: 'A short line about a blast.' });
      writeFileSync(file, [good('a'), '{"id": "b\u0000", "text": "x\r\u2028y"}', good('c')].join('\n'));
      const results = await collect([file]);
      expect(summary(results)).toEqual([
        `ok text ${file}#a`,
        `FL_ERR_JSONL_PARSE ${file}:2`,
        `ok text ${file}#c`,
      ]);
      const bad = results[1];
      expect(!bad?.ok && bad?.error.message).toMatch(/^[^\0\r\n\u2028]+$/);
      writeFileSync(file, Buffer.concat([Buffer.from('\u001f\u008b'), randomBytes(400)]));
      expect(summary(await collect([file]))).toEqual([`FL_ERR_INPUT_BINARY ${file}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a JSONL line over the size limit without stopping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-ingest-'));
    try {
      const file = join(dir, 'big.jsonl');
      const big = JSON.stringify({ id: 'big', text: 'word '.repeat(500) });
      const small = JSON.stringify({ id: 'small', text: 'A short line about a blast.' });
      writeFileSync(file, `${big}\n${small}\n${small.replace('small', 'tail')}`);
      expect(summary(await collect([file], { maxBytes: 200 }))).toEqual([
        `FL_ERR_INPUT_TOO_LARGE ${file}:1`,
        `ok text ${file}#small`,
        `ok text ${file}#tail`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a .json object or array of documents', async () => {
    const results = await collect([at('single.json'), at('many.json')]);
    expect(summary(results)).toEqual([
      `ok text ${at('single.json')}#j1`,
      `ok text ${at('many.json')}#item-1`,
      `ok html ${at('many.json')}#m2`,
      `FL_ERR_JSONL_FIELD ${at('many.json')}:item-3`,
    ]);
  });

  it('reads stdin and sniffs html from a leading <', async () => {
    const text = await collect(['-'], { stdin: Readable.from([Buffer.from('Two killed in Kech.\n')]) });
    const html = await collect(['-'], {
      stdin: Readable.from([Buffer.from('  <p>Two killed in Kech.</p>')]),
    });
    const big = await collect(['-'], {
      stdin: Readable.from([Buffer.alloc(600, 97), Buffer.alloc(600, 97)]),
      maxBytes: 1000,
    });
    expect(summary([...text, ...html, ...big])).toEqual([
      'ok text -',
      'ok html -',
      'FL_ERR_INPUT_TOO_LARGE -',
    ]);
  });
});

describe('readInputs over HTTP', () => {
  let server: Server;
  let base: string;
  // the test's own loopback server is allowed by address; nothing else private is
  const local = { guard: { allowPrivate: false, allowAddresses: ['127.0.0.1'] } };
  const PAGE =
    '<html><head><title>Served</title></head><body><p>A page served over HTTP about a blast.</p></body></html>';

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE);
      } else if (req.url === '/plain') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('Plain words about a raid.');
      } else if (req.url === '/slow') {
        const timer = setTimeout(() => res.end('too late'), 3000);
        res.on('close', () => clearTimeout(timer));
      } else if (req.url === '/huge') {
        // No content-length: the cap must hold while streaming.
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const push = (): void => {
          while (sent < 200 && res.write(chunk)) sent++;
          if (sent < 200) res.once('drain', push);
          else res.end();
        };
        push();
      } else if (req.url?.startsWith('/to-metadata')) {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else if (req.url?.startsWith('/to-private')) {
        res.writeHead(301, { location: 'http://10.1.2.3/admin' }).end();
      } else if (req.url?.startsWith('/loop')) {
        const n = Number(req.url.slice('/loop'.length) || '0');
        res.writeHead(307, { location: `/loop${n + 1}` }).end();
      } else if (req.url === '/hop') {
        res.writeHead(302, { location: '/page' }).end();
      } else if (req.url === '/declared-huge') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10_000_000) });
        res.end();
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches a page and a text body, with the format from the content type', async () => {
    const results = await collect([`${base}/page`, `${base}/plain`], local);
    expect(summary(results)).toEqual([`ok html ${base}/page`, `ok text ${base}/plain`]);
    expect(results[0]?.ok && results[0].raw.content).toBe(PAGE);
    expect(results[0]?.ok && results[0].raw.meta.url).toBe(`${base}/page`);
  });

  it('turns a 404, a timeout, a refused connection and oversized bodies into coded errors', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x`;
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    const results = await collect(
      [`${base}/missing`, `${base}/slow`, dead, `${base}/huge`, `${base}/declared-huge`, `${base}/page`],
      { timeoutMs: 300, maxBytes: 1_000_000, ...local },
    );
    expect(summary(results)).toEqual([
      `FL_ERR_HTTP_STATUS ${base}/missing`,
      `FL_ERR_HTTP_TIMEOUT ${base}/slow`,
      `FL_ERR_HTTP_NETWORK ${dead}`,
      `FL_ERR_INPUT_TOO_LARGE ${base}/huge`,
      `FL_ERR_INPUT_TOO_LARGE ${base}/declared-huge`,
      `ok html ${base}/page`,
    ]);
    expect(results[0]?.ok === false && results[0].error.message).toContain('404');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('refuses loopback, private and metadata addresses, on the first request and on every redirect', async () => {
    const strict = await collect([`${base}/page`]);
    expect(summary(strict)).toEqual([`FL_ERR_HTTP_BLOCKED ${base}/page`]);
    expect(strict[0]?.ok === false && strict[0].error.message).toContain('127.0.0.1');
    const redirected = await collect(
      [`${base}/to-metadata`, `${base}/to-private`, `${base}/loop`, `${base}/hop`],
      local,
    );
    expect(summary(redirected)).toEqual([
      'FL_ERR_HTTP_BLOCKED http://169.254.169.254/latest/meta-data/',
      'FL_ERR_HTTP_BLOCKED http://10.1.2.3/admin',
      `FL_ERR_HTTP_REDIRECTS ${base}/loop`,
      `ok html ${base}/hop`,
    ]);
    // the page a redirect led to is the document's URL
    expect(redirected[3]?.ok && redirected[3].raw.meta.url).toBe(`${base}/page`);
    const open = await collect([`${base}/page`], { guard: { allowPrivate: true } });
    expect(summary(open)).toEqual([`ok html ${base}/page`]);
  });
});
