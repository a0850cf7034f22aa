import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { cli } from '../helpers/cli.js';

const ARTICLE_A = `Gunmen on motorcycles opened fire on a Levies checkpost in Kohlu on 4 March 2025, killing two guards, district officials said.
Police said the attackers fled towards the mountains and no group had claimed the attack by evening.`;
const ARTICLE_B = `A remote-controlled bomb hit a passenger van near Mastung on 6 March 2025, wounding five people, a hospital official said.
The Balochistan Liberation Front said in a statement that it had targeted a vehicle carrying soldiers.`;

/** Written for this test: a French report, which the English lexicons cannot read. */
const FRENCH =
  'Des hommes armés ont attaqué jeudi soir un poste de police dans la ville de Turbat, tuant trois agents, ' +
  "selon un responsable local qui a requis l'anonymat. Les assaillants ont pris la fuite à moto avant " +
  "l'arrivée des renforts, et une opération de recherche a été lancée dans les villages voisins.";

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
  mkdirSync(join(dir, 'corpus'));
  writeFileSync(join(dir, 'corpus', 'kohlu.txt'), ARTICLE_A);
  writeFileSync(
    join(dir, 'corpus', 'mastung.html'),
    `<html><head><title>Van hit near Mastung | Hill Times</title><meta property="og:site_name" content="Hill Times">
     <meta property="article:published_time" content="2025-03-07T08:00:00Z"></head>
     <body><nav>Home | World</nav><article><h1>Van hit near Mastung</h1><p>${ARTICLE_B.replace('\n', '</p><p>')}</p>
     <div class="cookie-banner">We use cookies. Accept</div></article></body></html>`,
  );
  server = createServer((req, res) => {
    if (req.url === '/article') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(ARTICLE_A.replace('Kohlu', 'Barkhan'));
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('faultline ingest', () => {
  it('stores a folder once, says so the second time, and extracts incidents', async () => {
    const db = join(dir, 'once.db');
    const first = await cli(['ingest', join(dir, 'corpus'), '--db', db, '--published', '2025-03-08']);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/read 2, stored 2, already present 0, failed 0/);
    const second = await cli(['ingest', join(dir, 'corpus'), '--db', db]);
    expect(second.code).toBe(0);
    expect(second.err).toMatch(/already present as doc_/);
    expect(second.err).toMatch(/read 2, stored 0, already present 2, failed 0/);

    const store = await openSqliteStore({ path: db });
    try {
      expect(await store.countDocuments()).toBe(2);
      const docs = [];
      for await (const d of store.listDocuments({ withText: true })) docs.push(d);
      const html = docs.find((d) => d.origin.endsWith('mastung.html'))!;
      expect(html.publisher).toBe('Hill Times');
      expect(html.published).toBe('2025-03-07');
      expect(html.text).not.toMatch(/cookies/);
      const mentions = await store.listMentions(html.id);
      expect(mentions.map((m) => m.location?.name)).toContain('Mastung');
    } finally {
      await store.close();
    }
  });

  it('reports each bad input on one line, goes on with the batch, and exits 1', async () => {
    const db = join(dir, 'bad.db');
    writeFileSync(join(dir, 'empty.txt'), '   \n\n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 255, 0, 7]));
    writeFileSync(
      join(dir, 'feed.jsonl'),
      `{"id":"ok","text":${JSON.stringify(ARTICLE_A)}}\n{not json}\n{"id":"nothing"}\n`,
    );
    const run = await cli([
      'ingest',
      join(dir, 'missing.txt'),
      join(dir, 'empty.txt'),
      join(dir, 'binary.txt'),
      join(dir, 'feed.jsonl'),
      `${base}/gone`,
      '--db',
      db,
      '--allow-private',
    ]);
    expect(run.code).toBe(1);
    const lines = run.err.trim().split('\n');
    expect(lines.some((l) => l.includes('missing.txt') && l.includes('no such file'))).toBe(true);
    expect(lines.some((l) => l.includes('empty.txt') && l.includes('has no text'))).toBe(true);
    expect(lines.some((l) => l.includes('binary.txt') && l.includes('binary'))).toBe(true);
    expect(lines.some((l) => l.includes('feed.jsonl:2') && l.includes('not valid JSON'))).toBe(true);
    expect(lines.some((l) => l.includes('feed.jsonl:3') && l.includes('lacks'))).toBe(true);
    expect(lines.some((l) => l.includes('/gone') && l.includes('404'))).toBe(true);
    expect(run.err).toMatch(/stored 1, already present 0, failed 6/);
  });

  it('never fetches a loopback address unless --allow-private is given, and says why in one line', async () => {
    const db = join(dir, 'guard.db');
    const run = await cli(['ingest', `${base}/article`, '--db', db]);
    expect(run.code).toBe(1);
    const lines = run.err.trim().split('\n');
    expect(lines[0]).toContain(`${base}/article`);
    expect(lines[0]).toContain('127.0.0.1');
    expect(lines[0]).toContain('--allow-private');
    expect(run.err).toMatch(/stored 0, already present 0, failed 1/);
  });

  it('reads stdin and a URL with the metadata given on the command line', async () => {
    const db = join(dir, 'stdin.db');
    const run = await cli(
      [
        'ingest',
        '-',
        `${base}/article`,
        '--db',
        db,
        '--published',
        '2025-03-05',
        '--publisher',
        'Test Wire',
        '--allow-private',
      ],
      {
        stdin: ARTICLE_B,
      },
    );
    expect(run.code).toBe(0);
    const listed = await cli(['documents', '--db', db, '--format', 'jsonl']);
    const docs = listed.out
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { publisher: string; published: string; publishedSource: string; origin: string },
      );
    expect(docs).toHaveLength(2);
    for (const d of docs) {
      expect(d.publisher).toBe('Test Wire');
      expect(d.published).toBe('2025-03-05');
      expect(d.publishedSource).toBe('given');
    }
  });

  it('names a document detected as another language, stored but not extracted, and still exits 0', async () => {
    const db = join(dir, 'french.db');
    const french = join(dir, 'turbat-fr.txt');
    writeFileSync(french, FRENCH);
    const run = await cli(['ingest', french, join(dir, 'corpus', 'kohlu.txt'), '--db', db]);
    expect(run.code).toBe(0);
    const lines = run.err.trim().split('\n');
    expect(lines).toContain(
      `${french}: not extracted: its language was detected as 'fra', not English (the document is stored)`,
    );
    expect(lines.filter((l) => l.includes('not extracted'))).toHaveLength(1);
    expect(run.err).toMatch(/read 2, stored 2, already present 0, failed 0/);
  });

  it('takes the metadata of a document ingested again: a new date re-extracts it, a new outlet only renames', async () => {
    const db = join(dir, 'again.db');
    const file = join(dir, 'turbat-monday.txt');
    writeFileSync(
      file,
      'Gunmen opened fire on a police checkpoint in Turbat on Monday, killing three policemen, officials said. ' +
        'The attackers escaped on motorcycles.',
    );
    const first = await cli(['ingest', file, '--db', db, '--published', '2025-06-10']);
    expect(first.code).toBe(0);
    const again = await cli(['ingest', file, '--db', db, '--published', '2025-06-17']);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/already present as doc_\w+; updated published/);
    expect(again.err).toMatch(/read 1, stored 0, already present 0, failed 0, metadata updated 1/);
    const renamed = await cli(['ingest', file, '--db', db, '--publisher', 'Frontier Wire']);
    expect(renamed.err).toMatch(/updated publisher/);
    const same = await cli(['ingest', file, '--db', db, '--publisher', 'Frontier Wire']);
    expect(same.err).toMatch(/already present 1, failed 0, metadata updated 0/);

    const store = await openSqliteStore({ path: db });
    try {
      const dates = [];
      for await (const e of store.queryEvents({}))
        dates.push([e.record.date.start, e.record.sources[0]?.publisher]);
      expect(dates).toEqual([['2025-06-16', 'Frontier Wire']]);
      expect(await store.countPendingMentions()).toBe(0);
      expect((await store.listPublisherProfiles()).map((p) => p.name)).toEqual(['Frontier Wire']);
    } finally {
      await store.close();
    }
  });

  it('refuses a malformed date and an unknown flag with one line and exit 2', async () => {
    const bad = await cli(['ingest', 'x.txt', '--published', '2025-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('2025-02-30');
    const unknown = await cli(['ingest', 'x.txt', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/colour/);
  });
});
