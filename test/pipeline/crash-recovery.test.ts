import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashTest, type Reference } from '../../bench/crash-test.js';
import type { Backend } from '../../bench/crash-stores.js';
import { packageRoot } from '../../src/cli/package-root.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const DOCS = 600;
const KILLS = 4;
// a new seed each run covers new kill points over time; a failure prints its seed, to be replayed with it
const SEED = Number(process.env.FAULTLINE_CRASH_SEED ?? randomBytes(2).readUInt16BE(0));

// FAULTLINE_CRASH_LOG=1 prints the run's figures as it goes
const log = process.env.FAULTLINE_CRASH_LOG ? (line: string) => console.log(line) : undefined;

const work = mkdtempSync(join(tmpdir(), 'faultline-crash-'));
// the bundle must sit inside the package, where the CLI finds data/ by walking up from its own file, and where
// no lint or format check looks, should a run be killed before removing it
const bundleDir = join(
  packageRoot(),
  'node_modules',
  '.cache',
  `faultline-crash-${randomBytes(4).toString('hex')}`,
);
const cli = join(bundleDir, 'cli.js');

beforeAll(async () => {
  // the CLI of the sources under test, bundled in half a second: dist/ may be stale or absent
  await build({
    configFile: false,
    logLevel: 'silent',
    root: packageRoot(),
    build: {
      ssr: 'src/cli/main.ts',
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'cli.js', format: 'es' } },
    },
    ssr: { external: true },
  });
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

// the SQLite case's clean run serves the PostgreSQL case too: both stores must hold the very same data
let reference: Reference | undefined;

/** One corpus folder for both backends: a document's origin is its path, and the stores must agree on it. */
async function expectNoLoss(backend: Backend): Promise<void> {
  const figures = await crashTest({
    cli,
    backend,
    workDir: work,
    docs: DOCS,
    bodyChars: 600,
    kills: KILLS,
    seed: SEED,
    log,
    ...(reference ? { reference } : {}),
  });
  reference = figures.reference;
  const context = `seed ${figures.seed}, kills ${JSON.stringify(figures.kills)}`;
  expect(figures.kills.length, context).toBe(KILLS);
  expect(
    figures.kills.some((k) => k.command === 'resolve'),
    context,
  ).toBe(true);
  expect(figures.documents, context).toBe(DOCS);
  expect(figures.events, context).toBeGreaterThan(100);
  expect(figures.differences, context).toEqual([]);
}

describe(`kill -9 during ingest and resolve, ${KILLS} times over ${DOCS} documents (issue 9)`, () => {
  it('leaves a SQLite store identical to one clean run once ingest has run to completion', async () => {
    await expectNoLoss({ kind: 'sqlite', dir: work });
  }, 180_000);

  it.skipIf(!url)(
    'leaves a PostgreSQL store identical to the same clean run',
    async () => {
      await expectNoLoss({ kind: 'postgres', url: url! });
    },
    180_000,
  );
});
